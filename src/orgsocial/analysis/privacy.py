"""Small-group suppression: no figure about fewer people than the minimum leaves the package.

Suppressed figures become missing values and the row is marked, so a reader
sees that something was withheld rather than a zero. In network outputs the
small departments of a unit merge into one node of that unit
(:func:`unit_group`), so the unit's structure stays visible; what is left over
merges into :data:`SMALL_GROUPS`; :func:`merge_costs` says what merging hid.
"""

from __future__ import annotations

import pandas as pd

from orgsocial.analysis.interactions import pair_sums

SMALL_GROUPS = "other (small groups)"
#: The node of merged departments too few to be shown: their links are counted, not drawn.
HIDDEN = ""
#: The merge costs' row of the whole organisation.
ALL_ROW = "(all)"
_GROUP_HEAD, _GROUP_TAIL = "other in ", " (small groups)"


def suppress_rows(
    frame: pd.DataFrame,
    group_size: pd.Series,
    min_group_size: int,
    figures: list[str],
    withheld: pd.Series | None = None,
) -> pd.DataFrame:
    """Blank ``figures`` on rows whose ``group_size`` is below the minimum (or on the rows
    ``withheld`` says); add ``suppressed``.

    Examples
    --------
    >>> f = pd.DataFrame({"headcount": [3, 8], "events": [10, 20]})
    >>> suppress_rows(f, f["headcount"], 5, ["headcount", "events"]).to_dict("list")
    {'headcount': [nan, 8.0], 'events': [nan, 20.0], 'suppressed': [True, False]}
    """
    out = frame.copy()
    small = group_size.fillna(0) < min_group_size
    if withheld is not None:
        small = small | withheld.to_numpy(dtype=bool)
    for column in figures:
        out[column] = out[column].astype("float64").mask(small)
    out["suppressed"] = small.to_numpy()
    return out


def unit_group(business_unit: str) -> str:
    """The merged node of a unit's small departments.

    Examples
    --------
    >>> unit_group("Retail")
    'other in Retail (small groups)'
    """
    return f"{_GROUP_HEAD}{business_unit}{_GROUP_TAIL}"


def group_unit(node: str) -> str:
    """The business unit a merged node belongs to (:data:`SMALL_GROUPS` for the
    organisation-wide one, or for a name that is no merged node).

    Examples
    --------
    >>> group_unit(unit_group("Retail")), group_unit(SMALL_GROUPS)
    ('Retail', 'other (small groups)')
    """
    inner = node.removeprefix(_GROUP_HEAD).removesuffix(_GROUP_TAIL)
    if inner and len(inner) + len(_GROUP_HEAD) + len(_GROUP_TAIL) == len(node):
        return inner
    return SMALL_GROUPS


def units_with_small_departments(departments: pd.DataFrame, min_group_size: int) -> frozenset[str]:
    """The units whose departments under the minimum are, together, fewer people than the
    minimum too (none of the unit's own nodes may show them alone; together with more
    people they are a group that may be shown, as the unit's merged node is)."""
    people = departments["headcount"].fillna(0)
    small = (people > 0) & (people < min_group_size)
    together = people.where(small, 0).groupby(departments["business_unit"]).sum()
    return frozenset(together.index[(together > 0) & (together < min_group_size)])


def withheld_departments(departments: pd.DataFrame, min_group_size: int) -> pd.Series:
    """Which departments no table shows on their own (True): those under the minimum and
    their complement in each unit (:func:`with_complement`); merged with it, the small ones
    are a group of at least the minimum.

    Examples
    --------
    >>> d = pd.DataFrame({"department": ["a", "b", "c", "d", "e", "f"],
    ...                   "business_unit": ["U", "U", "U", "V", "V", "V"],
    ...                   "headcount": [2, 9, 7, 3, 3, 8]})
    >>> withheld_departments(d, 5).tolist()
    [True, False, True, True, True, False]
    """
    small = departments["headcount"].fillna(0) < min_group_size
    return with_complement(departments, "headcount", ["business_unit"], small, min_group_size)


def with_complement(
    rows: pd.DataFrame, size: str, within: list[str], hidden: pd.Series, min_group_size: int
) -> pd.Series:
    """``hidden`` and, in each group of ``within`` whose hidden rows are fewer people
    (``size``) than the minimum together, its shown department with the fewest people:
    beside the group's own figures, the shown ones would give the hidden ones back.

    Examples
    --------
    >>> d = pd.DataFrame({"department": ["a", "b", "c"], "unit": ["U", "U", "U"],
    ...                   "respondents": [3, 9, 6]})
    >>> with_complement(d, "respondents", ["unit"], d["respondents"] < 5, 5).tolist()
    [True, False, True]
    """
    people = rows[size].fillna(0)
    keys = [rows[key] for key in within]
    together = people.where(hidden, 0).groupby(keys).transform("sum")
    exposed = (together > 0) & (together < min_group_size) & ~hidden
    chosen = (
        rows.loc[exposed, [*within, "department"]]
        .assign(_people=people.loc[exposed])
        .sort_values([*within, "_people", "department"])
        .drop_duplicates(within)
        .index
    )
    return hidden | rows.index.isin(chosen)


def small_department_groups(
    departments: pd.DataFrame, min_group_size: int, withheld: pd.Series | None = None
) -> pd.Series:
    """The node each merging department is shown as (index: the department): its unit's
    :func:`unit_group` where the unit's merging departments reach the minimum together,
    else :data:`SMALL_GROUPS`, or :data:`HIDDEN` where that too is under the minimum.
    ``withheld``: which departments merge (:func:`withheld_departments`; default: those
    under the minimum).

    Examples
    --------
    >>> d = pd.DataFrame({"department": ["a", "b", "c", "d", "e"],
    ...                   "business_unit": ["U", "U", "U", "V", "V"],
    ...                   "headcount": [3, 2, 9, 4, 8]})
    >>> small_department_groups(d, 5).to_dict()
    {'a': 'other in U (small groups)', 'b': 'other in U (small groups)', 'd': ''}
    """
    headcount = departments["headcount"].fillna(0)
    merging = headcount < min_group_size if withheld is None else withheld.astype(bool)
    small = departments.loc[merging, ["department", "business_unit"]]
    people = headcount.loc[small.index]
    own = people.groupby(small["business_unit"]).transform("sum") >= min_group_size
    groups = small["business_unit"].map(unit_group).where(own, SMALL_GROUPS)
    if people.loc[~own].sum() < min_group_size:
        groups = groups.where(own, HIDDEN)
    return pd.Series(groups.to_numpy(), index=small["department"].to_numpy(), dtype="object")


def small_unit_groups(headcount: pd.Series, min_group_size: int) -> pd.Series:
    """Where each business unit under the minimum is shown: :data:`SMALL_GROUPS`, or
    :data:`HIDDEN` when the small units together are fewer than the minimum.

    ``headcount``: people per business unit (index: the unit).

    Examples
    --------
    >>> small_unit_groups(pd.Series({"A": 40, "B": 3, "C": 2}), 5).to_dict()
    {'B': 'other (small groups)', 'C': 'other (small groups)'}
    """
    small = headcount.loc[headcount.fillna(0) < min_group_size]
    node = SMALL_GROUPS if small.sum() >= min_group_size else HIDDEN
    return pd.Series(node, index=small.index, dtype="object")


def left_out_units(departments: pd.DataFrame, employees: pd.DataFrame, minimum: int) -> set[str]:
    """The business units no figure may count: those under the minimum when they are
    fewer people than the minimum together too (:data:`HIDDEN` in
    :func:`small_unit_groups`). Beside the units shown, any total that counted them
    (the organisation's, or a shown department's links) would give theirs back.

    Examples
    --------
    >>> d = pd.DataFrame({"department": ["a", "b"], "business_unit": ["A", "B"]})
    >>> left_out_units(d, pd.DataFrame({"department": ["a"] * 9 + ["b"] * 4}), 5)
    {'B'}
    """
    unit_of = departments.set_index("department")["business_unit"]
    headcount = employees["department"].map(unit_of).value_counts()
    headcount = headcount.reindex(unit_of.unique(), fill_value=0)
    groups = small_unit_groups(headcount, minimum)
    return set(groups.index[(groups == HIDDEN) & (headcount.reindex(groups.index) > 0)])


def shown_as(names: pd.Series, groups: pd.Series) -> pd.Series:
    """Department names as shown: a small department becomes its merged node."""
    return names.where(~names.isin(groups.index), names.map(groups))


def merge_small_in_edges(edges: pd.DataFrame, groups: pd.Series) -> tuple[pd.DataFrame, int]:
    """Department edges with small departments merged into their nodes.

    Returns the re-aggregated edges (``source < target``) and the weight of
    interactions no longer shown as an edge: inside one merged node, or with a
    node too small to be shown (:data:`HIDDEN`).
    """
    if groups.empty or edges.empty:
        return edges, 0
    source, target = shown_as(edges["source"], groups), shown_as(edges["target"], groups)
    dropped = (source == target) | (source == HIDDEN) | (target == HIDDEN)
    merged = pair_sums(source, target, edges["weight"], ~dropped)
    return merged, int(edges.loc[dropped, "weight"].sum())


def merge_small_in_directed(edges: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Directed ``source -> target`` counts with small departments merged into their nodes;
    flows inside one merged node or with a node too small to be shown are dropped."""
    if edges.empty:
        return edges.reset_index(drop=True)
    source, target = shown_as(edges["source"], groups), shown_as(edges["target"], groups)
    shown = (source != target) & (source != HIDDEN) & (target != HIDDEN)
    return (
        pd.DataFrame({"source": source, "target": target, "weight": edges["weight"]})
        .loc[shown]
        .groupby(["source", "target"], sort=True)["weight"]
        .sum()
        .reset_index()
    )


def merge_costs(
    departments: pd.DataFrame,
    edges: pd.DataFrame,
    groups: pd.Series,
    min_group_size: int,
    complemented: frozenset[str] = frozenset(),
    linked_to_left_out: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """What merging small departments costs the network (privacy.csv; its columns, and
    when each is withheld, are described in docs/outputs.md): a first row ``(all)``, then
    one per business unit. Links with a node too small to show (:data:`HIDDEN`) are in no
    figure: any count of them, or a total they are part of, would be a figure about fewer
    people than the minimum.

    Parameters
    ----------
    departments, edges
        Exact department figures (before suppression) and undirected department edges.
    groups
        :func:`small_department_groups`.
    complemented
        Units whose merged node joins their small departments with a complement
        (:func:`withheld_departments`): the interactions inside it are the small ones'
        ties with it, left out of every count, and ``interactions_hidden`` is withheld
        for them and for the organisation.
    linked_to_left_out
        Units whose people interacted with a unit :func:`left_out_units` names: those
        interactions are taken out before ``edges`` are counted, and
        ``links_with_hidden_groups`` says so.
    """
    per_pair = _pairs_per_unit(departments, edges, groups)
    # a count beside the edges shown would give the ties inside such a node back
    per_pair = per_pair.loc[~(per_pair["inside"] & per_pair["business_unit"].isin(complemented))]
    counts = ["department_pairs", "pairs_merged", "interactions", "interactions_merged"]
    out = _cost_rows(departments, per_pair, groups, min_group_size)
    out = out.astype(dict.fromkeys([*counts, "interactions_hidden"], "Int64"))
    # counts about fewer people than the minimum withheld: the merged departments' own
    # figures when together they are fewer than the minimum, all of a small unit's
    few = out["suppressed"] | out["small_people"].between(1, min_group_size - 1)
    out.loc[few, ["pairs_merged", "interactions_merged", "interactions_hidden"]] = pd.NA
    out.loc[out["suppressed"], ["department_pairs", "interactions"]] = pd.NA
    if linked_to_left_out:
        linked = out["business_unit"].isin(linked_to_left_out) | (out["business_unit"] == ALL_ROW)
        out.loc[linked, "links_with_hidden_groups"] = True
    inside = out["business_unit"].isin(complemented)
    if inside.any():
        out.loc[inside | (out["business_unit"] == ALL_ROW), "interactions_hidden"] = pd.NA
    return out.drop(columns="small_people")


def _pairs_per_unit(
    departments: pd.DataFrame, edges: pd.DataFrame, groups: pd.Series
) -> pd.DataFrame:
    """Each department pair once per unit it touches: its weight, whether an end is
    merged (``merged``: the unit's end or the other; ``everyone_merged``: either end),
    whether it falls inside a merged node, whether it touches a hidden node."""
    unit_of = departments.set_index("department")["business_unit"]
    source, target = shown_as(edges["source"], groups), shown_as(edges["target"], groups)
    to_hidden = ((source == HIDDEN) | (target == HIDDEN)).to_numpy()
    inside = ((source == target).to_numpy()) & ~to_hidden
    sides = pd.concat(
        [
            pd.DataFrame({"department": edges[end], "pair": edges.index}).assign(
                weight=edges["weight"].to_numpy(), inside=inside, to_hidden=to_hidden
            )
            for end in ("source", "target")
        ],
        ignore_index=True,
    )
    sides["business_unit"] = sides["department"].map(unit_of)
    sides["merged"] = sides["department"].isin(groups.index)
    # a pair inside one unit counts once for it; a merged pair if either end is merged
    per_pair = (
        sides.groupby(["business_unit", "pair"], sort=False)
        .agg(
            weight=("weight", "first"),
            merged=("merged", "any"),
            inside=("inside", "first"),
            to_hidden=("to_hidden", "first"),
        )
        .reset_index()
    )
    per_pair["everyone_merged"] = per_pair["pair"].map(sides.groupby("pair")["merged"].any())
    return per_pair


def _cost_rows(
    departments: pd.DataFrame, per_pair: pd.DataFrame, groups: pd.Series, min_group_size: int
) -> pd.DataFrame:
    """The rows of :func:`merge_costs` before small counts are withheld: ``(all)``, then
    one per business unit; ``small_people``: the people of its shown merged departments."""
    merged = departments["department"].isin(groups.index)
    shown_merged = departments["department"].isin(groups.index[groups != HIDDEN])
    headcount = departments["headcount"].fillna(0)
    under = headcount < min_group_size

    def row(unit: str, rows: pd.Series, pairs: pd.DataFrame, flag: str) -> dict:
        """One row's counts (links to hidden nodes left out); ``departments_small``: the
        merged departments under the minimum (the others are merged beside them)."""
        counted = pairs.loc[~pairs["to_hidden"]]
        merged_pairs = counted.loc[counted[flag]]
        shown_in = set(groups.reindex(departments.loc[rows, "department"]).dropna())
        departments_merged = int((merged & rows).sum())
        return {
            "business_unit": unit,
            "departments": int(rows.sum()),
            "departments_merged": departments_merged,
            "departments_small": int((merged & rows & under).sum()),
            "merged_into": ", ".join(sorted(shown_in - {HIDDEN})),
            "department_pairs": len(counted),
            "pairs_merged": len(merged_pairs),
            "interactions": int(counted["weight"].sum()),
            "interactions_merged": int(merged_pairs["weight"].sum()),
            "interactions_hidden": int(counted.loc[counted["inside"], "weight"].sum()),
            "links_with_hidden_groups": bool(pairs["to_hidden"].any()),
            "most_departments_merged": departments_merged * 2 > int(rows.sum()),
            "suppressed": bool(headcount.loc[rows].sum() < min_group_size),
            "small_people": headcount.loc[rows & shown_merged].sum(),
        }

    everyone = pd.Series(True, index=departments.index)
    rows = [
        {
            **row(ALL_ROW, everyone, per_pair.drop_duplicates("pair"), "everyone_merged"),
            "suppressed": False,
        }
    ]
    for unit in sorted(departments["business_unit"].unique()):
        in_unit = departments["business_unit"] == unit
        rows.append(row(unit, in_unit, per_pair.loc[per_pair["business_unit"] == unit], "merged"))
    return pd.DataFrame(rows)
