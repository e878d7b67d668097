"""The activity log reduced to the sums the analysis needs, partition by partition.

No analysis step needs the events themselves, only

* events per month (``month_events``),
* events per employee, audience and month (``person_events``),
* interactions per directed employee pair and month (``pairs``),
* the customer inquiries and their first employee answers.

:func:`summarise_events` computes these for one partition of the log (any
subset of its rows) with the same rules as the row-level functions in
:mod:`~orgsocial.analysis.interactions`, :mod:`~orgsocial.analysis.participation`
and :mod:`~orgsocial.analysis.response`; :func:`combine` adds partial summaries
(sums, and the first of the first answers), so the result does not depend on
how the log was split. A reply whose parent event lies in another partition
cannot be resolved locally: it is kept in ``pending`` and resolved by
:func:`resolve` once the parents are looked up (see
:mod:`orgsocial.partitioned`). With the whole log as one partition, what stays
pending names no event at all.

Months are keys ``year * 12 + month - 1`` (UTC); with an analysis period the
events inside it are also summed under :data:`PERIOD_BUCKET`, so quarters,
months, whole years and day ranges are all exact.

Example
-------
>>> summary = resolve(summarise_events(activity, employees), no_parents())  # doctest: +SKIP
>>> pair_counts(summary, all_months(summary), employees)                    # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from orgsocial import contract as c
from orgsocial.analysis import interactions as inter
from orgsocial.analysis import response
from orgsocial.analysis.period import Period, month_codes
from orgsocial.fastops import is_in, lookup

#: The bucket holding the events inside the analysis period (months are >= 0).
PERIOD_BUCKET = -1
#: Columns a pending reply keeps: what the interaction and the response rules read.
PENDING_COLUMNS = (
    "event_id",
    "timestamp",
    "channel",
    "audience",
    "actor_id",
    "target_id",
    "in_reply_to",
)
#: Columns looked up for the parents of pending replies.
PARENT_COLUMNS = ("event_id", "timestamp", "actor_id", "action", "business_unit", "channel")


@dataclass(frozen=True)
class EventSummary:
    """Sums over (part of) an activity log; see the module text.

    Attributes
    ----------
    month_events
        ``bucket``, ``events``, ``employee_events``.
    person_events
        ``bucket``, ``actor_id``, ``audience``, ``events``.
    pairs
        ``bucket``, ``actor_id``, ``counterpart_id``, ``interactions``.
    inquiries
        ``inquiry_id``, ``business_unit``, ``channel``, ``inquiry_time``.
    answers
        ``inquiry_id``, ``timestamp``, ``actor_id``: the first answer found so far.
    pending
        Replies by employees to an event outside the partition
        (:data:`PENDING_COLUMNS`).
    """

    month_events: pd.DataFrame
    person_events: pd.DataFrame
    pairs: pd.DataFrame
    inquiries: pd.DataFrame
    answers: pd.DataFrame
    pending: pd.DataFrame


def _with_buckets(frame: pd.DataFrame, period: Period | None) -> pd.DataFrame:
    """``frame`` with a ``bucket`` per row (its month), plus its in-period rows again
    under :data:`PERIOD_BUCKET` when there is a period."""
    monthly = frame.assign(bucket=month_codes(frame["timestamp"]).to_numpy())
    if period is None:
        return monthly
    inside = frame.loc[period.contains(frame["timestamp"])].assign(bucket=PERIOD_BUCKET)
    return pd.concat([monthly, inside], ignore_index=True)


def _count(frame: pd.DataFrame, keys: list[str], name: str) -> pd.DataFrame:
    return frame.groupby(keys, sort=True, observed=True).size().rename(name).reset_index()


def _summed(frames: Iterable[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    stacked = pd.concat(list(frames), ignore_index=True)
    return stacked.groupby(keys, sort=True, observed=True).sum().reset_index()


def people_dtype(employees: pd.DataFrame) -> pd.CategoricalDtype:
    """Employee ids as a categorical type: the sums keep small integer codes, not strings,
    and every partition (given the same ``employees``) gets the same codes."""
    return pd.CategoricalDtype(pd.Index(employees["employee_id"].astype("str")))


_AUDIENCE = pd.CategoricalDtype(list(c.AUDIENCES))


def _pairs_of(
    interactions: pd.DataFrame, period: Period | None, people: pd.CategoricalDtype
) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "timestamp": interactions["timestamp"],
            "actor_id": interactions["actor_id"].astype(people),
            "counterpart_id": interactions["counterpart_id"].astype(people),
        }
    )
    return _count(
        _with_buckets(rows, period), ["bucket", "actor_id", "counterpart_id"], "interactions"
    )


def summarise_events(
    activity: pd.DataFrame, employees: pd.DataFrame, period: Period | None = None
) -> EventSummary:
    """Sum one partition of a validated, typed activity log.

    Parameters
    ----------
    activity
        Typed activity rows (any subset of the log).
    employees
        ``employee_id`` and ``department`` of the whole organisation.
    period
        The analysis period, summed again under :data:`PERIOD_BUCKET`.

    Returns
    -------
    EventSummary
        With replies to events outside ``activity`` left in ``pending``.
    """
    by_employee = activity["actor_id"].notna()
    stamps = activity[["timestamp"]].assign(employee_events=by_employee.astype("int64"))
    months = _with_buckets(stamps, period)
    month_events = (
        months.groupby("bucket", sort=True)
        .agg(events=("timestamp", "size"), employee_events=("employee_events", "sum"))
        .reset_index()
    )
    people = people_dtype(employees)
    acting = activity.loc[by_employee]
    person_events = _count(
        _with_buckets(
            pd.DataFrame(
                {
                    "timestamp": acting["timestamp"],
                    "actor_id": acting["actor_id"].astype(people),
                    "audience": acting["audience"].astype(_AUDIENCE),
                }
            ),
            period,
        ),
        ["bucket", "actor_id", "audience"],
        "events",
    )
    local = inter.employee_interactions(activity, employees, parents=activity)
    inquiries = response.inquiry_table(activity)
    answers = response.first_answers(response.answer_candidates(activity, inquiries))
    elsewhere = activity["in_reply_to"].notna() & ~is_in(
        activity["in_reply_to"], activity["event_id"]
    )
    return EventSummary(
        month_events=month_events,
        person_events=person_events,
        pairs=_pairs_of(local, period, people),
        inquiries=inquiries.reset_index(drop=True),
        answers=answers.reset_index(drop=True),
        pending=activity.loc[by_employee & elsewhere, list(PENDING_COLUMNS)].reset_index(drop=True),
    )


def combine(summaries: Iterable[EventSummary]) -> EventSummary:
    """Add partial summaries: counts summed, first answers of first answers, the rest stacked.

    Raises
    ------
    ValueError
        When there is nothing to combine.
    """
    parts = list(summaries)
    if not parts:
        raise ValueError("no summaries to combine")
    if len(parts) == 1:
        return parts[0]
    return EventSummary(
        month_events=_summed((p.month_events for p in parts), ["bucket"]),
        person_events=_summed((p.person_events for p in parts), ["bucket", "actor_id", "audience"]),
        pairs=_summed((p.pairs for p in parts), ["bucket", "actor_id", "counterpart_id"]),
        inquiries=pd.concat([p.inquiries for p in parts], ignore_index=True),
        answers=response.first_answers(pd.concat([p.answers for p in parts], ignore_index=True)),
        pending=pd.concat([p.pending for p in parts], ignore_index=True),
    )


def no_parents() -> pd.DataFrame:
    """A parents frame with no rows (for a log that was summarised in one piece)."""
    return pd.DataFrame({column: pd.Series([], dtype="object") for column in PARENT_COLUMNS})


def resolve(
    summary: EventSummary,
    parents: pd.DataFrame,
    employees: pd.DataFrame,
    period: Period | None = None,
) -> EventSummary:
    """Count the pending replies whose parent is in ``parents``.

    Parameters
    ----------
    summary
        A combined summary.
    parents
        Kept events from other partitions whose ``event_id`` a pending reply
        names (:data:`PARENT_COLUMNS`, typed).
    employees, period
        As for :func:`summarise_events`.

    Returns
    -------
    EventSummary
        With the resolved replies counted as interactions (when they name no
        ``target_id``) and as answers (when the parent is an inquiry); replies
        whose parent is not there stay in ``pending``: they name no kept event.
    """
    pending = summary.pending
    if pending.empty or parents.empty:
        return summary
    found = is_in(pending["in_reply_to"], parents["event_id"])
    replies = pending.loc[found]
    untargeted = replies.loc[replies["target_id"].isna()]
    more_pairs = _pairs_of(
        inter.employee_interactions(untargeted, employees, parents=parents),
        period,
        people_dtype(employees),
    )
    more_answers = response.answer_candidates(replies, response.inquiry_table(parents))
    return EventSummary(
        month_events=summary.month_events,
        person_events=summary.person_events,
        pairs=_summed([summary.pairs, more_pairs], ["bucket", "actor_id", "counterpart_id"]),
        inquiries=summary.inquiries,
        answers=response.first_answers(
            pd.concat([summary.answers, more_answers], ignore_index=True)
        ),
        pending=pending.loc[~found].reset_index(drop=True),
    )


# --- reading a summary for one window ---------------------------------------


def all_months(summary: EventSummary) -> list[int]:
    """Every month bucket with events (the window of an analysis without a period)."""
    buckets = summary.month_events["bucket"]
    return sorted(int(b) for b in buckets[buckets >= 0])


def window_of(summary: EventSummary, period: Period | None, trend: bool = False) -> list[int]:
    """The buckets that make up ``period``.

    For the analysis period itself (``trend=False``) that is
    :data:`PERIOD_BUCKET`; for a trend quarter or month, its months.
    """
    if period is None:
        return all_months(summary)
    if not trend:
        return [PERIOD_BUCKET]
    start, end = month_codes(pd.Series([period.start, period.end]))
    return [b for b in all_months(summary) if start <= b < end]


def _in_window(frame: pd.DataFrame, window: list[int]) -> pd.DataFrame:
    return frame.loc[frame["bucket"].isin(window)]


def event_counts(summary: EventSummary, window: list[int]) -> tuple[int, int]:
    """Events and events by employees in the window."""
    rows = _in_window(summary.month_events, window)
    return int(rows["events"].sum()), int(rows["employee_events"].sum())


def month_totals(summary: EventSummary) -> pd.Series:
    """Events per month bucket (index: month code)."""
    months = summary.month_events.loc[summary.month_events["bucket"] >= 0]
    return months.set_index("bucket")["events"]


def person_counts(summary: EventSummary, window: list[int]) -> pd.DataFrame:
    """Events per employee and audience in the window: ``actor_id``, ``audience``, ``events``."""
    rows = _in_window(summary.person_events, window)
    counts = (
        rows.groupby(["actor_id", "audience"], sort=True, observed=True)["events"]
        .sum()
        .reset_index()
    )
    return counts.astype({"actor_id": "str", "audience": "str"})


def pair_counts(summary: EventSummary, window: list[int], employees: pd.DataFrame) -> pd.DataFrame:
    """Interactions per directed employee pair in the window.

    Returns
    -------
    pandas.DataFrame
        ``actor_id``, ``counterpart_id``, ``actor_department``,
        ``counterpart_department``, ``interactions``.
    """
    rows = _in_window(summary.pairs, window)
    summed = (
        rows.groupby(["actor_id", "counterpart_id"], sort=True, observed=True)["interactions"]
        .sum()
        .reset_index()
        .astype({"actor_id": "str", "counterpart_id": "str"})
    )
    department_of = employees.set_index("employee_id")["department"]
    return summed.assign(
        actor_department=lookup(summed["actor_id"], department_of),
        counterpart_department=lookup(summed["counterpart_id"], department_of),
    )[["actor_id", "counterpart_id", "actor_department", "counterpart_department", "interactions"]]


def responses(summary: EventSummary, employees: pd.DataFrame) -> pd.DataFrame:
    """:func:`~orgsocial.analysis.response.first_responses` of the whole log."""
    return response.responses_from(summary.inquiries, summary.answers, employees)


__all__ = [
    "PERIOD_BUCKET",
    "EventSummary",
    "all_months",
    "combine",
    "event_counts",
    "no_parents",
    "pair_counts",
    "person_counts",
    "resolve",
    "responses",
    "summarise_events",
    "window_of",
]
