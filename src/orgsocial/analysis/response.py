"""Customer inquiries and the organisation's first responses.

A customer response is a reply (``in_reply_to``) by an employee to an
``inquiry``; its time is the reply's timestamp minus the inquiry's; the first
reply counts. Replies stamped before the inquiry are not responses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from orgsocial.io import contract as c
from orgsocial.scale.fastops import as_arrow, lookup, positions_in, repeated, taken

MINUTES_PER_HOUR = 60.0
MINUTES_PER_DAY = 24 * 60.0

RESPONSE_COLUMNS = (
    "inquiry_id",
    "business_unit",
    "channel",
    "inquiry_time",
    "answered",
    "response_minutes",
    "responder_department",
)


def inquiry_table(activity: pd.DataFrame) -> pd.DataFrame:
    """The ``inquiry`` events: ``inquiry_id``, ``business_unit``, ``channel``, ``inquiry_time``."""
    return activity.loc[
        activity["action"] == c.INQUIRY, ["event_id", "business_unit", "channel", "timestamp"]
    ].rename(columns={"event_id": "inquiry_id", "timestamp": "inquiry_time"})


def answer_candidates(activity: pd.DataFrame, inquiries: pd.DataFrame) -> pd.DataFrame:
    """Employee replies to the given inquiries, stamped at or after the inquiry
    (``inquiry_id``, ``timestamp``, ``actor_id``)."""
    inquiry = positions_in(activity["in_reply_to"], inquiries["inquiry_id"])
    chosen = np.flatnonzero((inquiry >= 0) & activity["actor_id"].notna().to_numpy(dtype=bool))
    asked = inquiries["inquiry_time"].iloc[inquiry[chosen]].reset_index(drop=True)
    stamps = activity["timestamp"].iloc[chosen].reset_index(drop=True)
    replies = activity.iloc[chosen[(stamps >= asked).to_numpy(dtype=bool)]]
    return pd.DataFrame(
        {
            "inquiry_id": replies["in_reply_to"].astype(inquiries["inquiry_id"].dtype).array,
            "timestamp": replies["timestamp"].array,
            "actor_id": replies["actor_id"].array,
        }
    )


def first_answers(candidates: pd.DataFrame) -> pd.DataFrame:
    """The first of :func:`answer_candidates` per inquiry (earliest, then smallest actor id).

    Taking the first of the firsts of parts gives the first of the whole, which
    is what lets the candidates be reduced partition by partition. Inquiries
    with one candidate come first, in their order; then the others (only those
    are sorted: sorting millions of ids is slow).

    Examples
    --------
    >>> t = pd.to_datetime(["2026-01-01 10:00", "2026-01-01 09:00", "2026-01-01 09:00"], utc=True)
    >>> c = pd.DataFrame({"inquiry_id": ["q"] * 3, "timestamp": t, "actor_id": ["a", "c", "b"]})
    >>> first_answers(c)["actor_id"].tolist()
    ['b']
    """
    several = repeated(candidates["inquiry_id"])
    if not several.any():
        return candidates
    contested = candidates.loc[several]
    inquiry, _ = pd.factorize(contested["inquiry_id"])
    actor, actors = pd.factorize(contested["actor_id"])
    actor_rank = np.argsort(np.argsort(np.asarray(actors, dtype=object), kind="stable"))[actor]
    stamps = contested["timestamp"].to_numpy(dtype="datetime64[ns]").astype("int64")
    order = np.lexsort((actor_rank, stamps, inquiry))
    first = np.ones(len(order), dtype=bool)
    first[1:] = inquiry[order][1:] != inquiry[order][:-1]
    return pd.concat([candidates.loc[~several], contested.iloc[order[first]]])


def responses_from(
    inquiries: pd.DataFrame, answers: pd.DataFrame, employees: pd.DataFrame
) -> pd.DataFrame:
    """One row per inquiry (:data:`RESPONSE_COLUMNS`) from :func:`inquiry_table` and
    :func:`first_answers`, sorted by ``inquiry_time`` then ``inquiry_id``; unanswered,
    ``response_minutes`` and ``responder_department`` are missing."""
    inquiries = inquiries.reset_index(drop=True)
    # most inquiries are answered: one Arrow hash table of the inquiry ids beats
    # matching hashes, which pays off only for a few asked
    row = positions_in(answers["inquiry_id"], inquiries["inquiry_id"])
    found = row >= 0
    answer_time = answers["timestamp"].loc[found].to_numpy(dtype="datetime64[ns]")
    asked = inquiries["inquiry_time"].to_numpy(dtype="datetime64[ns]")
    minutes = np.full(len(inquiries), np.nan)
    minutes[row[found]] = (answer_time - asked[row[found]]) / np.timedelta64(1, "m")
    answer_of = np.full(len(inquiries), -1, dtype="int64")  # each inquiry's answer, if any
    answer_of[row[found]] = np.arange(int(found.sum()))
    responder = taken(
        lookup(answers["actor_id"].loc[found], employees.set_index("employee_id")["department"]),
        answer_of,
    )
    out = inquiries.assign(
        answered=~np.isnan(minutes), response_minutes=minutes, responder_department=responder
    )
    order = pc.sort_indices(
        pa.table({"time": pa.array(asked), "id": as_arrow(inquiries["inquiry_id"])}),
        sort_keys=[("time", "ascending"), ("id", "ascending")],
    )
    return out.iloc[order.to_numpy()][list(RESPONSE_COLUMNS)].reset_index(drop=True)


def response_summary(responses: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Response indicators grouped by ``by`` (e.g. ``business_unit`` or ``channel``): the
    minutes are of answered inquiries, the shares within 1 h and 24 h of *all* inquiries
    (an unanswered one is not answered within the hour); ``unanswered_after_24h`` counts
    those without an answer within a day (escalation risk).

    Examples
    --------
    >>> r = pd.DataFrame({"business_unit": ["U"] * 4, "answered": [True, True, True, False],
    ...                   "response_minutes": [10.0, 50.0, 2000.0, float("nan")]})
    >>> row = response_summary(r, "business_unit").iloc[0]
    >>> [float(row[k]) for k in ("response_rate", "response_minutes_median",
    ...                          "answered_within_1h_share", "unanswered_after_24h")]
    [0.75, 50.0, 0.5, 2.0]
    """
    minutes = responses["response_minutes"]
    frame = responses.assign(
        within_1h=minutes.le(MINUTES_PER_HOUR), within_24h=minutes.le(MINUTES_PER_DAY)
    )
    grouped = frame.groupby(by, sort=True)
    inquiries = grouped["answered"].size()
    sums = grouped[["answered", "within_1h", "within_24h"]].sum()
    out = pd.DataFrame(
        {
            "inquiries": inquiries.astype("int64"),
            "answered": sums["answered"].astype("int64"),
            "response_rate": sums["answered"] / inquiries,
            "response_minutes_median": grouped["response_minutes"].median(),
            "response_minutes_p90": grouped["response_minutes"].quantile(0.9),
            "answered_within_1h_share": sums["within_1h"] / inquiries,
            "answered_within_24h_share": sums["within_24h"] / inquiries,
            "unanswered_after_24h": (inquiries - sums["within_24h"]).astype("int64"),
        }
    )
    return out.reset_index()


def responder_summary(responses: pd.DataFrame) -> pd.DataFrame:
    """Per department that gave first answers: how many and how fast (the share within
    1 h is of its answers)."""
    answered = responses.loc[responses["answered"].astype(bool)]
    department = answered["responder_department"]
    grouped = answered["response_minutes"].groupby(department, sort=True)
    within_1h = answered["response_minutes"].le(MINUTES_PER_HOUR).groupby(department, sort=True)
    out = pd.DataFrame(
        {
            "answers_given": grouped.size(),
            "answer_minutes_median": grouped.median(),
            "answer_minutes_p90": grouped.quantile(0.9),
            "answers_within_1h_share": within_1h.mean(),
        }
    )
    return out.rename_axis("department").reset_index()


def customer_facing_reply_share(responses: pd.DataFrame, departments: pd.DataFrame) -> pd.Series:
    """Per business unit: the share of first answers given by customer-facing departments."""
    facing = departments.set_index("department")["customer_facing"].astype(bool)
    answered = responses.loc[responses["answered"].astype(bool)]
    from_facing = lookup(answered["responder_department"], facing).fillna(False).astype(bool)
    return (
        from_facing.groupby(answered["business_unit"]).mean().rename("customer_facing_reply_share")
    )
