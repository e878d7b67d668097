"""Who takes part: activity per employee, department and business unit.

Indicators here are shares of *headcount* (rows in ``employees``), so a unit
where 3 of 300 people post is told apart from one where 3 of 4 do.
"""

from __future__ import annotations

import pandas as pd

from orgsocial.io import contract as c


def employee_activity_from_counts(
    counts: pd.DataFrame, employees: pd.DataFrame, active_min_events: int = 1
) -> pd.DataFrame:
    """Per employee, from events per employee and audience
    (:func:`orgsocial.scale.events.person_counts`).

    Returns
    -------
    pandas.DataFrame
        One row per employee (also those without events): ``employee_id``,
        ``department``, ``events``, ``events_internal``, ``events_external``,
        ``active``, ``active_internal``, ``active_external``.

    Examples
    --------
    >>> counts = pd.DataFrame({"actor_id": ["a", "a"], "audience": ["internal", "external"],
    ...                        "events": [2, 1]})
    >>> staff = pd.DataFrame({"employee_id": ["a", "b"], "department": ["X", "X"]})
    >>> employee_activity_from_counts(counts, staff)["events"].tolist()
    [3, 0]
    """
    wide = (
        counts.pivot_table(
            index="actor_id", columns="audience", values="events", aggfunc="sum", observed=True
        )
        .reindex(columns=list(c.AUDIENCES))
        .fillna(0)
        .rename(columns={"internal": "events_internal", "external": "events_external"})
    )
    wide.columns.name = None
    out = employees[["employee_id", "department"]].merge(
        wide, left_on="employee_id", right_index=True, how="left"
    )
    for column in ("events_internal", "events_external"):
        out[column] = out[column].fillna(0).astype("int64")
    out["events"] = out["events_internal"] + out["events_external"]
    for suffix in ("", "_internal", "_external"):
        out[f"active{suffix}"] = out[f"events{suffix}"] >= active_min_events
    return out.reset_index(drop=True)


def department_participation(
    departments: pd.DataFrame,
    people: pd.DataFrame,
    department_active_min_share: float,
    department_active_min_people: int,
) -> pd.DataFrame:
    """Headcount, active people and events per department (``people``:
    :func:`employee_activity_from_counts`). A department *takes part* when at least
    ``department_active_min_share`` of its people, and at least
    ``department_active_min_people``, are active."""
    grouped = people.groupby("department").agg(
        headcount=("employee_id", "size"),
        active_employees=("active", "sum"),
        internal_active=("active_internal", "sum"),
        external_active=("active_external", "sum"),
        events=("events", "sum"),
        events_internal=("events_internal", "sum"),
        events_external=("events_external", "sum"),
    )
    out = departments[["department", "business_unit", "function", "customer_facing"]].merge(
        grouped, left_on="department", right_index=True, how="left"
    )
    out[grouped.columns] = out[grouped.columns].fillna(0).astype("int64")
    out["active_share"] = share(out["active_employees"], out["headcount"])
    out["takes_part"] = (out["active_share"].fillna(0) >= department_active_min_share) & (
        out["active_employees"] >= department_active_min_people
    )
    return out.reset_index(drop=True)


def share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """part / whole as float, missing where whole is 0."""
    whole = whole.astype("float64")
    return part.astype("float64") / whole.where(whole > 0)


def unit_participation(
    department_stats: pd.DataFrame, min_group_size: int, team_min_active: int
) -> pd.DataFrame:
    """Participation indicators per business unit, from :func:`department_participation`
    (units.csv's columns from ``headcount`` to ``hub_is_marketing_or_communications``, see
    docs/outputs.md). ``customer_facing_*`` leaves out marketing and communications even
    where marked customer-facing: the phases ask whether the departments with daily
    customer contact take part *beyond* that hub. ``top_department_active_share`` reads
    a department of at least ``min_group_size`` people with ``team_min_active`` active as
    one that has taken social media on as a team.
    """
    stats = department_stats
    out = stats.groupby("business_unit", sort=True).agg(
        headcount=("headcount", "sum"),
        departments=("department", "size"),
        active_employees=("active_employees", "sum"),
        internal_active=("internal_active", "sum"),
        external_active=("external_active", "sum"),
        employee_events=("events", "sum"),
        departments_taking_part=("takes_part", "sum"),
    )
    out["active_share"] = share(out["active_employees"], out["headcount"])
    out["internal_active_share"] = share(out["internal_active"], out["headcount"])
    out["external_active_share"] = share(out["external_active"], out["headcount"])
    out["departments_active_share"] = share(out["departments_taking_part"], out["departments"])

    spoke = stats["customer_facing"].astype(bool) & ~stats["function"].isin(c.HUB_FUNCTIONS)
    spokes = _unit_sums(stats.loc[spoke], out.index)
    out["customer_facing_headcount"] = spokes["headcount"]
    out["customer_facing_departments"] = spokes["departments"]
    out["customer_facing_active_share"] = share(spokes["active_employees"], spokes["headcount"])

    marcom = _unit_sums(stats.loc[stats["function"].isin(c.HUB_FUNCTIONS)], out.index)
    out["marcom_headcount"] = marcom["headcount"]
    out["marcom_active_share"] = share(marcom["active_employees"], marcom["headcount"])
    out["marcom_share"] = share(marcom["events"], out["employee_events"])

    ranked = stats.sort_values(
        ["business_unit", "events", "department"], ascending=[True, False, True]
    )
    hub = ranked.groupby("business_unit").head(1).set_index("business_unit").reindex(out.index)
    has_events = hub["events"] > 0
    out["hub_department"] = hub["department"].where(has_events)
    out["hub_function"] = hub["function"].where(has_events)
    out["hub_share"] = share(hub["events"], out["employee_events"]).where(has_events)
    out["hub_headcount"] = hub["headcount"].where(has_events).astype("Int64")
    out["hub_active_share"] = hub["active_share"].where(has_events)
    teams = stats.loc[
        (stats["headcount"] >= min_group_size) & (stats["active_employees"] >= team_min_active)
    ]
    out["top_department_active_share"] = (
        teams.groupby("business_unit")["active_share"].max().reindex(out.index).fillna(0.0)
    )
    out["hub_is_marketing_or_communications"] = (
        hub["function"].isin(c.HUB_FUNCTIONS).astype("float64").where(has_events)
    )
    return out.drop(columns=["internal_active", "external_active"]).reset_index()


def _unit_sums(departments: pd.DataFrame, units: pd.Index) -> pd.DataFrame:
    """Headcount, active people, events and departments of ``departments`` per unit of
    ``units`` (0 for a unit with none of them)."""
    grouped = departments.groupby("business_unit")
    sums = grouped[["headcount", "active_employees", "events"]].sum()
    return sums.assign(departments=grouped.size()).reindex(units, fill_value=0)
