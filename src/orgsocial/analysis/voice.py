"""Who holds a unit's social media, and what kind of voice it is.

*Control* (the centralisation phase: "one department controls it"): each
department's *hold* is the mean of its shares (those that exist) of the unit's
employee events, external events and first answers to customers; the largest
hold is the unit's ``control_share``, its department the ``lead_department``.
Presence is not control: enthusiasts scattered over departments give a low
control share. *Voice*: interaction or broadcast outside, social media or other
channels (:func:`unit_voice`).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from orgsocial.analysis.participation import share
from orgsocial.io import contract as c
from orgsocial.scale.fastops import as_arrow

#: Actions that talk with someone; the others (posts, shares) broadcast.
INTERACTION_ACTIONS: frozenset[str] = frozenset({"reply", "comment", "mention", "message"})


def department_holds(department_stats: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """Each department's share of its unit's events, external events and customer answers
    (missing where the unit has none), and its ``hold``.

    Examples
    --------
    >>> stats = pd.DataFrame({"department": ["M", "S"], "business_unit": ["U", "U"],
    ...                       "events": [8, 2], "events_external": [4, 0]})
    >>> answers = pd.DataFrame({"business_unit": ["U", "U"], "answered": [True, True],
    ...                         "responder_department": ["S", "S"]})
    >>> department_holds(stats, answers)["hold"].round(3).tolist()
    [0.6, 0.4]
    """
    out = department_stats[["department", "business_unit"]].copy()
    counts = department_stats[["events", "events_external"]]
    of_unit = counts.groupby(department_stats["business_unit"]).transform("sum")
    out["events_share"] = share(counts["events"], of_unit["events"])
    out["external_share"] = share(counts["events_external"], of_unit["events_external"])
    by_department = _answers_by_unit_and_department(responses)
    answers_of_unit = by_department.groupby("business_unit")["answers"].sum()
    given = out.merge(by_department, on=["business_unit", "department"], how="left")["answers"]
    out["answers_share"] = share(
        given.fillna(0).set_axis(out.index), out["business_unit"].map(answers_of_unit).fillna(0)
    )
    out["hold"] = out[["events_share", "external_share", "answers_share"]].mean(axis=1)
    return out.reset_index(drop=True)


def _answers_by_unit_and_department(responses: pd.DataFrame) -> pd.DataFrame:
    """First answers per inquiry's unit and responder department (``answers``), grouped in
    Arrow (pandas is slow to group by two text columns)."""
    answered = responses["answered"].astype(bool).to_numpy()
    table = pa.table(
        {
            "business_unit": as_arrow(responses["business_unit"]).filter(answered),
            "department": as_arrow(responses["responder_department"]).filter(answered),
        }
    )
    counted = table.group_by(["business_unit", "department"]).aggregate([([], "count_all")])
    out = counted.to_pandas().rename(columns={"count_all": "answers"})
    return out.astype({"business_unit": "str", "department": "str", "answers": "int64"})


def unit_control(department_stats: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """Per business unit: the department holding the most of its social media, and how much.

    ``lead_department_*`` describe that department (``_is_marcom``: 1 for marketing or
    communications); ``control_share`` is its hold, missing where the unit has no employee
    events, and for a unit of one department, which holds everything by definition: that
    is no evidence of control.
    """
    holds = department_holds(department_stats, responses)
    facts = department_stats.set_index("department")
    ranked = holds.loc[holds["hold"].notna()].sort_values(
        ["business_unit", "hold", "department"], ascending=[True, False, True]
    )
    lead = ranked.groupby("business_unit").head(1).set_index("business_unit")
    units = pd.Index(sorted(department_stats["business_unit"].unique()), name="business_unit")
    lead = lead.reindex(units)
    out = pd.DataFrame(index=units)
    out["lead_department"] = lead["department"]
    named = lead["department"].dropna()
    function = named.map(facts["function"])
    out["lead_department_function"] = function
    out["lead_department_headcount"] = named.map(facts["headcount"]).astype("Int64")
    out["lead_department_active_employees"] = named.map(facts["active_employees"]).astype("Int64")
    out["lead_department_active_share"] = named.map(facts["active_share"]).astype("float64")
    out["lead_department_is_marcom"] = function.isin(c.HUB_FUNCTIONS).astype("float64")
    departments = department_stats.groupby("business_unit")["department"].size()
    out["control_share"] = lead["hold"].astype("float64").where(departments.reindex(units) > 1)
    return out.reset_index()


def unit_voice(
    department_events: pd.DataFrame, departments: pd.DataFrame, social_channels: frozenset[str]
) -> pd.DataFrame:
    """Per business unit: interaction vs broadcast outside, and social media vs other channels.

    ``department_events``: :func:`~orgsocial.scale.events.department_event_counts`;
    ``social_channels``: channel names (lower case) that are social media. The shares are
    missing without (external) events; ``other_channels`` lists the channels that are not
    social media, most used first, comma separated.

    Examples
    --------
    >>> events = pd.DataFrame({"department": ["A", "A", "A"], "channel": ["x", "x", "email"],
    ...     "audience": ["external", "external", "internal"],
    ...     "action": ["reply", "post", "message"], "events": [3, 1, 4]})
    >>> voice = unit_voice(events, pd.DataFrame({"department": ["A"], "business_unit": ["U"]}),
    ...                    frozenset({"x"}))
    >>> voice[["external_interaction_share", "social_channel_share", "other_channels"]].values
    array([[0.75, 0.5, 'email']], dtype=object)
    """
    unit_of = departments.set_index("department")["business_unit"]
    units = pd.Index(sorted(departments["business_unit"].unique()), name="business_unit")
    frame = department_events.astype(
        dict.fromkeys(("department", "channel", "audience", "action"), "str")
    )
    frame = frame.assign(business_unit=frame["department"].map(unit_of))
    frame = frame.loc[frame["business_unit"].notna() & (frame["events"] > 0)]
    external = frame.loc[frame["audience"] == "external"]
    interacting = external["action"].isin(INTERACTION_ACTIONS)
    talk = external["events"].where(interacting, 0).groupby(external["business_unit"]).sum()
    outside = external.groupby("business_unit")["events"].sum()
    social = frame["channel"].str.strip().str.lower().isin(social_channels)
    on_social = frame["events"].where(social, 0).groupby(frame["business_unit"]).sum()
    all_events = frame.groupby("business_unit")["events"].sum()
    other = frame.loc[~social].groupby(["business_unit", "channel"])["events"].sum()
    other = other.reset_index().sort_values(
        ["business_unit", "events", "channel"], ascending=[True, False, True]
    )
    names = other.groupby("business_unit")["channel"].agg(", ".join)
    out = pd.DataFrame(index=units)
    out["external_interaction_share"] = share(talk.reindex(units), outside.reindex(units))
    out["social_channel_share"] = share(on_social.reindex(units), all_events.reindex(units))
    out["other_channels"] = names.reindex(units).fillna("")
    return out.reset_index()


__all__ = ["INTERACTION_ACTIONS", "department_holds", "unit_control", "unit_voice"]
