"""Employee-to-employee and department-to-department interactions: the contract's rule, once.

An event is an interaction when its actor is an employee and its counterpart is
another employee: the ``target_id``, or else the actor of the event named in
``in_reply_to``. The interaction links the two employees' departments; inside
one department it is a within-department tie.
"""

from __future__ import annotations

import pandas as pd

from orgsocial.scale.fastops import is_in, lookup


def employee_interactions(
    activity: pd.DataFrame, employees: pd.DataFrame, parents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per interaction between two different employees.

    ``parents``: where to look up the event an ``in_reply_to`` names (default:
    ``activity``); pass the whole log when ``activity`` is one period, so a reply to an
    older post still finds its counterpart. A ``target_id`` that is present decides the
    counterpart even when it is not a known employee (then the event is no interaction);
    self-addressed events are no interaction.

    Examples
    --------
    >>> employees = pd.DataFrame({"employee_id": ["a", "b"], "department": ["X", "Y"]})
    >>> activity = pd.DataFrame({
    ...     "event_id": ["1", "2"], "timestamp": pd.to_datetime(["2026-01-01"] * 2, utc=True),
    ...     "channel": ["teams"] * 2, "audience": ["internal"] * 2, "actor_id": ["a", "b"],
    ...     "target_id": [None, None], "in_reply_to": [None, "1"]})
    >>> employee_interactions(activity, employees)[["actor_id", "counterpart_id"]].values.tolist()
    [['b', 'a']]
    """
    department_of = employees.set_index("employee_id")["department"]
    by_employee = activity.loc[activity["actor_id"].notna()]
    parent_actor = (activity if parents is None else parents).set_index("event_id")["actor_id"]
    counterpart = by_employee["target_id"].fillna(lookup(by_employee["in_reply_to"], parent_actor))
    is_interaction = is_in(counterpart, department_of.index) & (
        counterpart != by_employee["actor_id"]
    )
    events = by_employee.loc[is_interaction]
    counterpart = counterpart.loc[is_interaction]
    return pd.DataFrame(
        {
            "event_id": events["event_id"].array,
            "timestamp": events["timestamp"].array,
            "channel": events["channel"].array,
            "audience": events["audience"].array,
            "actor_id": events["actor_id"].array,
            "counterpart_id": counterpart.array,
            "actor_department": lookup(events["actor_id"], department_of).array,
            "counterpart_department": lookup(counterpart, department_of).array,
        }
    )


def interaction_weights(interactions: pd.DataFrame) -> pd.Series:
    """How many interactions each row stands for.

    A row of :func:`employee_interactions` is one interaction; a row of
    :func:`orgsocial.scale.events.pair_counts` carries its count in
    ``interactions``. Every function below accepts either, so the partition-wise
    reduction (which only keeps counts) and the row-level rule give the same tables.
    """
    if "interactions" in interactions.columns:
        return interactions["interactions"].astype("int64")
    return pd.Series(1, index=interactions.index, dtype="int64")


def within_department_ties(interactions: pd.DataFrame) -> pd.Series:
    """Interactions inside each department (both employees in it), by department."""
    inside = interactions["actor_department"] == interactions["counterpart_department"]
    weights = interaction_weights(interactions)
    return (
        weights.loc[inside]
        .groupby(interactions.loc[inside, "actor_department"])
        .sum()
        .rename("within_ties")
    )


def department_edges(interactions: pd.DataFrame) -> pd.DataFrame:
    """The contract's ``department_edges``: undirected cross-department interaction counts.

    One row per pair of different departments with at least one interaction,
    ``source < target`` as strings, sorted.

    Examples
    --------
    >>> inter = pd.DataFrame({"actor_department": ["B", "A", "A"],
    ...                       "counterpart_department": ["A", "B", "A"]})
    >>> department_edges(inter).values.tolist()
    [['A', 'B', 2]]
    """
    actor = interactions["actor_department"].astype("str")
    other = interactions["counterpart_department"].astype("str")
    edges = pair_sums(actor, other, interaction_weights(interactions), actor != other)
    edges["weight"] = edges["weight"].astype("int64")
    return edges


def pair_sums(
    source: pd.Series, target: pd.Series, weight: pd.Series, keep: pd.Series
) -> pd.DataFrame:
    """``weight`` of the rows ``keep`` summed per unordered pair (``source < target``), sorted."""
    first = source < target
    low, high = source.where(first, target), target.where(first, source)
    frame = pd.DataFrame({"source": low, "target": high, "weight": weight}).loc[keep]
    return frame.groupby(["source", "target"], sort=True)["weight"].sum().reset_index()


def thread_roots(activity: pd.DataFrame, max_depth: int = 50) -> pd.Series:
    """The first event of each event's reply chain (itself when it answers nothing known)."""
    parent = activity.set_index("event_id")["in_reply_to"]
    parent = parent.where(is_in(parent, parent.index))
    root = pd.Series(activity["event_id"].to_numpy(), index=activity["event_id"].to_numpy())
    for _ in range(max_depth):
        step = root.map(parent)
        moved = step.notna()
        if not moved.any():
            break
        root = root.where(~moved, step)
    return pd.Series(root.to_numpy(), index=activity.index, name="thread")


def coparticipation_edges(
    activity: pd.DataFrame, employees: pd.DataFrame, max_participants: int = 50
) -> pd.DataFrame:
    """Departments whose people took part in the same thread (reply chain): a separate,
    looser notion than the contract's interactions, off by default.

    Every pair of employees from different departments in a thread of at most
    ``max_participants`` employees counts once for their two departments.
    """
    department_of = employees.set_index("employee_id")["department"]
    acting = activity.assign(thread=thread_roots(activity)).loc[activity["actor_id"].notna()]
    people = acting[["thread", "actor_id"]].drop_duplicates()
    size = people.groupby("thread")["actor_id"].transform("size")
    people = people.loc[(size >= 2) & (size <= max_participants)]
    pairs = people.merge(people, on="thread", suffixes=("_a", "_b"))
    pairs = pairs.loc[pairs["actor_id_a"] < pairs["actor_id_b"]]
    return department_edges(
        pd.DataFrame(
            {
                "actor_department": pairs["actor_id_a"].map(department_of),
                "counterpart_department": pairs["actor_id_b"].map(department_of),
            }
        )
    )


def with_ties(edges: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    """Department edges plus weighted department ties (the ``department_ties`` extension).

    Ties are summed per unordered pair of different departments and added to
    the interaction counts; without ties ``edges`` comes back unchanged.

    Examples
    --------
    >>> edges = pd.DataFrame({"source": ["A"], "target": ["B"], "weight": [2]})
    >>> ties = pd.DataFrame({"source": ["B", "C"], "target": ["A", "C"], "weight": [1.5, 9.0]})
    >>> with_ties(edges, ties).to_dict("records")
    [{'source': 'A', 'target': 'B', 'weight': 3.5}]
    """
    if ties.empty:
        return edges
    rows = pd.concat(
        [
            edges.astype({"weight": "float64"}),
            ties[["source", "target", "weight"]].astype(
                {"source": "str", "target": "str", "weight": "float64"}
            ),
        ],
        ignore_index=True,
    )
    source, target = rows["source"], rows["target"]
    return pair_sums(source, target, rows["weight"], source != target)
