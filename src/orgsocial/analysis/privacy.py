"""Small-group suppression: no figure about fewer people than the minimum leaves the package.

Suppressed figures become missing values and the row is marked, so a reader
sees that something was withheld rather than a zero. Small departments are
merged into one node, :data:`SMALL_GROUPS`, in network outputs.
"""

from __future__ import annotations

import pandas as pd

SMALL_GROUPS = "other (small groups)"


def suppress_rows(
    frame: pd.DataFrame, group_size: pd.Series, min_group_size: int, figures: list[str]
) -> pd.DataFrame:
    """Blank ``figures`` on rows whose ``group_size`` is below the minimum; add ``suppressed``.

    Examples
    --------
    >>> f = pd.DataFrame({"headcount": [3, 8], "events": [10, 20]})
    >>> suppress_rows(f, f["headcount"], 5, ["headcount", "events"]).to_dict("list")
    {'headcount': [nan, 8.0], 'events': [nan, 20.0], 'suppressed': [True, False]}
    """
    out = frame.copy()
    small = group_size.fillna(0) < min_group_size
    for column in figures:
        out[column] = out[column].astype("float64").mask(small)
    out["suppressed"] = small.to_numpy()
    return out


def suppress_where(values: pd.Series, group_size: pd.Series, min_group_size: int) -> pd.Series:
    """``values`` with those about a group smaller than the minimum set missing."""
    return values.mask(group_size.fillna(0).astype("float64") < min_group_size)


def merge_small_departments(names: pd.Series, small: frozenset[str]) -> pd.Series:
    """Department names with every small department replaced by :data:`SMALL_GROUPS`."""
    return names.where(~names.isin(small), SMALL_GROUPS)


def merge_small_in_edges(edges: pd.DataFrame, small: frozenset[str]) -> tuple[pd.DataFrame, int]:
    """Department edges with small departments merged into one node.

    Returns the re-aggregated edges (``source < target``) and the weight of
    interactions that fell *inside* the merged node (between two small
    departments), which no longer form an edge and are reported instead.
    """
    if not small or edges.empty:
        return edges, 0
    source = merge_small_departments(edges["source"], small)
    target = merge_small_departments(edges["target"], small)
    inside = source == target
    low = source.where(source < target, target)
    high = target.where(source < target, source)
    merged = (
        pd.DataFrame({"source": low, "target": high, "weight": edges["weight"]})
        .loc[~inside]
        .groupby(["source", "target"], sort=True)["weight"]
        .sum()
        .reset_index()
    )
    return merged, int(edges.loc[inside, "weight"].sum())


def merge_small_in_directed(edges: pd.DataFrame, small: frozenset[str]) -> pd.DataFrame:
    """Directed ``source -> target`` counts with small departments merged into one node;
    flows between two small departments (now inside the merged node) are dropped."""
    if edges.empty:
        return edges.reset_index(drop=True)
    source = merge_small_departments(edges["source"], small)
    target = merge_small_departments(edges["target"], small)
    return (
        pd.DataFrame({"source": source, "target": target, "weight": edges["weight"]})
        .loc[source != target]
        .groupby(["source", "target"], sort=True)["weight"]
        .sum()
        .reset_index()
    )
