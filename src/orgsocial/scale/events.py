"""The activity log reduced to the sums the analysis needs, partition by partition.

No analysis step needs the events themselves, only the sums of :class:`EventSummary`.
:func:`summarise_events` computes these for one partition of the log (any
subset of its rows) with the same rules as the row-level functions in
:mod:`~orgsocial.analysis.interactions`, :mod:`~orgsocial.analysis.participation`
and :mod:`~orgsocial.analysis.response`; :func:`combine` adds partial summaries
(sums, and the first of the first answers), so the result does not depend on
how the log was split. A reply whose parent event lies in another partition
cannot be resolved locally: it is kept in ``pending`` and resolved by
:func:`resolve` once the parents are looked up (see
:mod:`orgsocial.scale.partitioned`). With the whole log as one partition, what stays
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
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from orgsocial.analysis import interactions as inter
from orgsocial.analysis import response
from orgsocial.analysis.period import Period, month_codes
from orgsocial.io import contract as c
from orgsocial.scale.fastops import (
    DENSE_KEYS,
    as_arrow,
    categoricals_as_text,
    distinct_and_inverse,
    group_codes,
    group_sums,
    is_categorical,
    is_in,
    packed_keys,
    positions_among_unique,
    positions_in,
)

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
#: Columns looked up for the parents of pending replies (inquiries are in the summary).
PARENT_COLUMNS = ("event_id", "actor_id")


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
        ``inquiry_id``, ``business_unit``, ``channel``, ``inquiry_time``: customer inquiries.
    answers
        ``inquiry_id``, ``timestamp``, ``actor_id``: the first answer found so far.
    pending
        Replies by employees to an event outside the partition
        (:data:`PENDING_COLUMNS`).
    department_events
        ``bucket``, ``department``, ``channel``, ``audience``, ``action``, ``events``:
        employee events by the actor's department (who holds the voice, broadcast or
        interaction, which channels).
    span
        One row: ``first`` and ``last`` time stamp of the events (none: no row), to tell
        whether the latest quarter is complete.
    period
        The analysis period the sums were also made for (``None``: none); an
        analysis of another period cannot use them.
    """

    month_events: pd.DataFrame
    person_events: pd.DataFrame
    pairs: pd.DataFrame
    inquiries: pd.DataFrame
    answers: pd.DataFrame
    pending: pd.DataFrame
    department_events: pd.DataFrame
    span: pd.DataFrame
    period: Period | None = None


def _counted(keys: list[np.ndarray], sizes: list[int]) -> tuple[list[np.ndarray], np.ndarray]:
    """:func:`~orgsocial.scale.fastops.group_codes`' groups and the number of rows in each
    (counted in one array when the key space is small)."""
    packed, space = packed_keys(keys, sizes)
    if space > max(DENSE_KEYS, 4 * len(packed)):
        distinct_rows, inverse = distinct_and_inverse(packed, space)
        counts = np.bincount(inverse, minlength=len(distinct_rows))
    else:
        counts = np.bincount(packed, minlength=space)
        distinct_rows = np.flatnonzero(counts)
        counts = counts[distinct_rows]
    return list(np.unravel_index(distinct_rows, sizes)), counts.astype("int64")


def _summed(frames: Iterable[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """Stack partial count tables and add up the counts of equal keys (sorted by the keys):
    the first key is an integer ``bucket``, the others are categoricals (of one type per
    column); every other column is a count."""
    stacked = pd.concat(list(frames), ignore_index=True)
    bucket_values, bucket_index = _distinct_buckets(stacked[keys[0]].to_numpy("int64"))
    categorical = [stacked[key].cat for key in keys[1:]]
    (bucket, *codes), inverse = group_codes(
        [bucket_index.astype("int64"), *(cat.codes.to_numpy("int64") for cat in categorical)],
        [len(bucket_values), *(len(cat.categories) for cat in categorical)],
    )
    out = {keys[0]: bucket_values[bucket]}
    for key, code in zip(keys[1:], codes, strict=True):
        out[key] = pd.Categorical.from_codes(code, dtype=stacked[key].dtype)
    for column in stacked.columns.difference(keys, sort=False):
        out[column] = group_sums(inverse, stacked[column], len(bucket))
    return pd.DataFrame(out)


@dataclass(frozen=True)
class _Buckets:
    """Each row's bucket as an index into ``values`` (rows in the period appear twice)."""

    rows: np.ndarray  # which input row each bucketed row is
    index: np.ndarray  # position of its bucket in ``values``
    values: np.ndarray  # the distinct buckets, sorted


@dataclass(frozen=True)
class _Months:
    """Each row's month (:func:`~orgsocial.analysis.period.month_codes`) and, with an
    analysis period, whether the row is inside it: computed once per partition."""

    months: np.ndarray
    inside: np.ndarray | None

    @classmethod
    def of(cls, timestamps: pd.Series, period: Period | None) -> _Months:
        inside = None if period is None else period.contains(timestamps).to_numpy(dtype=bool)
        return cls(month_codes(timestamps).to_numpy("int64"), inside)

    def at(self, rows: np.ndarray) -> _Months:
        return _Months(self.months[rows], None if self.inside is None else self.inside[rows])


def _bucketed(months: _Months) -> _Buckets:
    """Every row under its month, and the rows inside the period again under
    :data:`PERIOD_BUCKET`."""
    rows = np.arange(len(months.months))
    buckets = months.months
    if months.inside is not None:
        inside = np.flatnonzero(months.inside)
        rows = np.concatenate([rows, inside])
        buckets = np.concatenate([buckets, np.full(len(inside), PERIOD_BUCKET, dtype="int64")])
    values, index = _distinct_buckets(buckets)
    return _Buckets(rows=rows, index=index, values=values)


def _distinct_buckets(buckets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`~orgsocial.scale.fastops.distinct_and_inverse` of bucket numbers (months, and -1
    for the period: a small range)."""
    lowest, highest = (int(buckets.min()), int(buckets.max())) if len(buckets) else (0, 0)
    values, index = distinct_and_inverse(buckets - lowest, highest - lowest + 1)
    return values + lowest, index.astype("int64")


def people_dtype(employees: pd.DataFrame) -> pd.CategoricalDtype:
    """Employee ids as a categorical type: the sums keep small integer codes, not strings,
    and every partition (given the same ``employees``) gets the same codes."""
    return pd.CategoricalDtype(pd.Index(employees["employee_id"].astype("str")))


_AUDIENCE = pd.CategoricalDtype(list(c.AUDIENCES))
_ACTION = pd.CategoricalDtype(list(c.ACTIONS))


def _count_table(
    buckets: _Buckets,
    chosen: np.ndarray | slice,
    columns: dict[str, tuple[np.ndarray, pd.CategoricalDtype]],
    count: str,
) -> pd.DataFrame:
    """The ``chosen`` bucketed rows counted per bucket and ``columns`` (name: each input
    row's code and the categorical type of the codes), the numbers in ``count``."""
    sizes = [len(dtype.categories) for _, dtype in columns.values()]
    # the columns packed per input row, so that each bucketed row takes one key
    row_keys, space = packed_keys([values for values, _ in columns.values()], sizes)
    (bucket, key), counts = _counted(
        [buckets.index[chosen], row_keys[buckets.rows[chosen]]], [len(buckets.values), space]
    )
    codes = np.unravel_index(key, sizes)
    out = {"bucket": buckets.values[bucket]}
    for (name, (_, dtype)), code in zip(columns.items(), codes, strict=True):
        out[name] = pd.Categorical.from_codes(code, dtype=dtype)
    out[count] = counts
    return pd.DataFrame(out)


def _pair_table(
    months: _Months,
    actor: np.ndarray,
    counterpart: np.ndarray,
    people: pd.CategoricalDtype,
) -> pd.DataFrame:
    """Interactions per bucket and directed pair, from employee codes."""
    pair = {"actor_id": (actor, people), "counterpart_id": (counterpart, people)}
    return _count_table(_bucketed(months), slice(None), pair, "interactions")


def summarise_events(
    activity: pd.DataFrame,
    employees: pd.DataFrame,
    period: Period | None = None,
    event_hashes: np.ndarray | None = None,
) -> EventSummary:
    """Sum one partition of a validated, typed activity log with the rules of the
    row-level functions (:func:`~orgsocial.analysis.interactions.employee_interactions`,
    :func:`~orgsocial.analysis.response.answer_candidates`), applied in numpy to integer
    codes: employees by their position in ``employees``, parent events by their row.

    Parameters
    ----------
    activity
        Typed activity rows (any subset of the log).
    employees
        ``employee_id`` and ``department`` of the whole organisation.
    period
        The analysis period, summed again under :data:`PERIOD_BUCKET`.
    event_hashes
        ``hash_strings(activity["event_id"])``, when the caller has it.
    """
    people = people_dtype(employees)
    actor = positions_in(activity["actor_id"], people.categories)
    by_employee = activity["actor_id"].notna().to_numpy(dtype=bool)
    months = _Months.of(activity["timestamp"], period)
    buckets = _bucketed(months)
    audience = positions_in(activity["audience"], pd.Index(_AUDIENCE.categories))
    counterpart, parent_row = _counterparts(activity, actor, people, event_hashes)
    interacting = np.flatnonzero(by_employee & (counterpart >= 0) & (counterpart != actor))
    # as text: the categories of partitions read from Parquet dictionaries differ
    inquiries = categoricals_as_text(response.inquiry_table(activity))
    candidates = response.answer_candidates(activity, inquiries)
    elsewhere = activity["in_reply_to"].notna().to_numpy(dtype=bool) & (parent_row < 0)
    pending = activity.loc[by_employee & elsewhere, list(PENDING_COLUMNS)]
    return EventSummary(
        month_events=_month_events(buckets, by_employee),
        person_events=_count_table(
            buckets,
            by_employee[buckets.rows],
            {"actor_id": (actor, people), "audience": (audience, _AUDIENCE)},
            "events",
        ),
        pairs=_pair_table(
            months.at(interacting), actor[interacting], counterpart[interacting], people
        ),
        inquiries=inquiries.reset_index(drop=True),
        answers=response.first_answers(categoricals_as_text(candidates)).reset_index(drop=True),
        pending=categoricals_as_text(pending).reset_index(drop=True),
        department_events=_department_event_table(
            activity, buckets, by_employee, actor, audience, employees
        ),
        span=_span(activity["timestamp"]),
        period=period,
    )


def _counterparts(
    activity: pd.DataFrame,
    actor: np.ndarray,
    people: pd.CategoricalDtype,
    event_hashes: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's counterpart as an employee code (-1: none): its ``target_id`` when
    given, else the actor of the event it replies to; and the row of that event in
    ``activity`` (-1: none there)."""
    parent_row = positions_among_unique(activity["in_reply_to"], activity["event_id"], event_hashes)
    has_target = activity["target_id"].notna().to_numpy(dtype=bool)
    parent_actor = np.where(parent_row >= 0, actor[np.maximum(parent_row, 0)], -1)
    counterpart = np.where(
        has_target, positions_in(activity["target_id"], people.categories), parent_actor
    )
    return counterpart, parent_row


def _month_events(buckets: _Buckets, by_employee: np.ndarray) -> pd.DataFrame:
    """Events and employees' events per bucket (month, or the analysis period)."""
    return pd.DataFrame(
        {
            "bucket": buckets.values,
            "events": np.bincount(buckets.index, minlength=len(buckets.values)).astype("int64"),
            "employee_events": np.bincount(
                buckets.index,
                weights=by_employee[buckets.rows],
                minlength=len(buckets.values),
            ).astype("int64"),
        }
    )


def _span(timestamps: pd.Series) -> pd.DataFrame:
    """The first and last time stamp as a one-row frame (no row without time stamps)."""
    stamps = timestamps.dropna()
    if stamps.empty:
        return pd.DataFrame({"first": timestamps.iloc[0:0], "last": timestamps.iloc[0:0]})
    return pd.DataFrame({"first": [stamps.min()], "last": [stamps.max()]})


def _codes_and_categories(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a text column (-1 for missing) and the texts they stand for."""
    if is_categorical(values):
        return values.cat.codes.to_numpy("int64"), pd.Index(values.cat.categories.astype("str"))
    encoded = as_arrow(values).dictionary_encode()
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype("int64")
    return codes, pd.Index(encoded.dictionary.to_pylist(), dtype="str")


def _department_event_table(
    activity: pd.DataFrame,
    buckets: _Buckets,
    by_employee: np.ndarray,
    actor: np.ndarray,
    audience: np.ndarray,
    employees: pd.DataFrame,
) -> pd.DataFrame:
    """Employee events per bucket, actor's department, channel, audience and action."""
    department, names = _department_codes(employees)
    channel, channels = _codes_and_categories(activity["channel"])
    action = positions_in(activity["action"], pd.Index(_ACTION.categories))
    row_department = np.where(by_employee & (actor >= 0), department[np.maximum(actor, 0)], -1)
    valid = (row_department >= 0) & (channel >= 0) & (audience >= 0) & (action >= 0)
    columns = {
        "department": (row_department, pd.CategoricalDtype(pd.Index(names, dtype="str"))),
        "channel": (channel, pd.CategoricalDtype(channels)),
        "audience": (audience, _AUDIENCE),
        "action": (action, _ACTION),
    }
    return _count_table(buckets, valid[buckets.rows], columns, "events")


def _with_common_channels(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """The department event tables of partitions with one channel category list (their union,
    sorted), so that they can be added."""
    channels = sorted(set().union(*(frame["channel"].cat.categories for frame in frames)))
    common = pd.CategoricalDtype(pd.Index(channels, dtype="str"))
    return [frame.assign(channel=frame["channel"].astype("str").astype(common)) for frame in frames]


def _one_period(parts: list[EventSummary]) -> Period | None:
    """The period partial summaries were made for; they must agree."""
    periods = {part.period for part in parts}
    if len(periods) > 1:
        raise ValueError(f"partial summaries of different periods: {sorted(map(str, periods))}")
    return periods.pop()


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
        department_events=_summed(
            _with_common_channels([p.department_events for p in parts]),
            ["bucket", "department", "channel", "audience", "action"],
        ),
        span=_span(pd.concat([p.span[end] for p in parts for end in ("first", "last")])),
        period=_one_period(parts),
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
        names (:data:`PARENT_COLUMNS`); the inquiries among them are found in
        ``summary.inquiries``.
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
    interactions = inter.employee_interactions(untargeted, employees, parents=parents)
    people = people_dtype(employees)
    more_pairs = _pair_table(
        _Months.of(interactions["timestamp"], period),
        positions_in(interactions["actor_id"], people.categories),
        positions_in(interactions["counterpart_id"], people.categories),
        people,
    )
    more_answers = response.answer_candidates(replies, summary.inquiries)
    return replace(
        summary,
        pairs=_summed([summary.pairs, more_pairs], ["bucket", "actor_id", "counterpart_id"]),
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


def _events_by(frame: pd.DataFrame, window: list[int], keys: list[str]) -> pd.DataFrame:
    """The ``events`` of ``frame`` in the window, summed per ``keys`` (sorted)."""
    rows = _in_window(frame, window)
    return rows.groupby(keys, sort=True, observed=True)["events"].sum().reset_index()


def person_counts(summary: EventSummary, window: list[int]) -> pd.DataFrame:
    """Events per employee and audience in the window: ``actor_id``, ``audience``, ``events``."""
    counts = _events_by(summary.person_events, window, ["actor_id", "audience"])
    return counts.astype({"actor_id": "str", "audience": "str"})


def department_event_counts(summary: EventSummary, window: list[int]) -> pd.DataFrame:
    """Employee events per department, channel, audience and action in the window."""
    keys = ["department", "channel", "audience", "action"]
    return _events_by(summary.department_events, window, keys)


def observed_external(summary: EventSummary) -> bool:
    """Whether the log holds any external employee event or customer inquiry at all."""
    rows = summary.department_events
    external = (rows["audience"].astype("str") == "external") & (rows["bucket"] >= 0)
    return bool(len(summary.inquiries) or rows.loc[external, "events"].sum() > 0)


def time_span(summary: EventSummary) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last time stamp of the log (none for a log without events)."""
    if summary.span.empty:
        return None
    return summary.span["first"].iloc[0], summary.span["last"].iloc[0]


def pair_counts(summary: EventSummary, window: list[int], employees: pd.DataFrame) -> pd.DataFrame:
    """Interactions per directed employee pair in the window.

    Returns
    -------
    pandas.DataFrame
        ``actor_id``, ``counterpart_id``, ``actor_department``,
        ``counterpart_department`` (categoricals whose categories are sorted, so
        their codes sort as the names do), ``interactions``.
    """
    rows = _in_window(summary.pairs, window)
    people = rows["actor_id"].cat.categories
    codes = [rows[role].cat.codes.to_numpy("int64") for role in ("actor_id", "counterpart_id")]
    (actor, counterpart), inverse = group_codes(codes, [len(people), len(people)])
    counts = group_sums(inverse, rows["interactions"], len(actor))
    # the categories are the employees in order (people_dtype), so a code is a row;
    # sorted categories: what groups or sorts the result (person_pairs) uses the codes
    people_order = np.argsort(np.asarray(people, dtype=object), kind="stable")
    person_rank = np.empty(len(people), dtype="int64")  # each person's place once sorted
    person_rank[people_order] = np.arange(len(people))
    sorted_people = pd.CategoricalDtype(people.take(people_order))
    department, departments = _department_codes(employees)
    sorted_departments = pd.CategoricalDtype(
        pd.Index(departments, dtype=employees["department"].dtype)
    )
    columns = {
        "actor_id": (person_rank[actor], sorted_people),
        "counterpart_id": (person_rank[counterpart], sorted_people),
        "actor_department": (department[actor], sorted_departments),
        "counterpart_department": (department[counterpart], sorted_departments),
    }
    return pd.DataFrame(
        {
            name: pd.Categorical.from_codes(code, dtype=dtype)
            for name, (code, dtype) in columns.items()
        }
    ).assign(interactions=counts)


def _department_codes(employees: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each employee's department as a code numbering the departments in sorted
    order (-1: none), and the departments so numbered."""
    codes, names = pd.factorize(employees["department"], sort=True)
    return codes, np.asarray(names, dtype=object)


def department_pair_counts(
    summary: EventSummary, window: list[int], employees: pd.DataFrame
) -> pd.DataFrame:
    """Interactions per directed department pair in the window: what
    :func:`~orgsocial.analysis.interactions.department_interactions` gives for
    :func:`pair_counts`, summed from the employees' codes without spelling a
    person pair (a quarter of the trend needs no person).

    Returns
    -------
    pandas.DataFrame
        ``actor_department``, ``counterpart_department``, ``interactions``, sorted
        by the departments (as a group-by sorts them), only the pairs that interact.
    """
    rows = _in_window(summary.pairs, window)
    department, names = _department_codes(employees)
    # the categories are the employees in order (people_dtype), so a code is a row
    actor = department[rows["actor_id"].cat.codes.to_numpy("int64")]
    counterpart = department[rows["counterpart_id"].cat.codes.to_numpy("int64")]
    known = (actor >= 0) & (counterpart >= 0)
    (actors, counterparts), inverse = group_codes(
        [actor[known], counterpart[known]], [len(names), len(names)]
    )
    counts = group_sums(inverse, rows["interactions"].to_numpy()[known], len(actors))
    dtype = employees["department"].dtype
    return pd.DataFrame(
        {
            "actor_department": pd.Series(names[actors], dtype=dtype),
            "counterpart_department": pd.Series(names[counterparts], dtype=dtype),
            "interactions": counts,
        }
    )


def without_people(
    summary: EventSummary, people: Iterable[str], departments: Iterable[str]
) -> EventSummary:
    """The sums as if ``people`` (all the employees of ``departments``) had done nothing:
    their events, their interactions (both ways) and their pending replies are taken
    out. Their answers to customers stay: an inquiry is a figure of the unit asked."""
    gone = pd.Index(list(people), dtype="str")
    if gone.empty:
        return summary
    theirs = is_in(summary.person_events["actor_id"], gone)
    less = summary.person_events.loc[theirs].groupby("bucket")["events"].sum()
    months = summary.month_events.copy()
    removed = months["bucket"].map(less).fillna(0).astype("int64")
    months["events"] -= removed
    months["employee_events"] -= removed
    pairs = summary.pairs
    between = is_in(pairs["actor_id"], gone) | is_in(pairs["counterpart_id"], gone)
    kept_departments = ~is_in(summary.department_events["department"], list(departments))
    pending = summary.pending
    return replace(
        summary,
        month_events=months,
        person_events=summary.person_events.loc[~theirs].reset_index(drop=True),
        pairs=pairs.loc[~between].reset_index(drop=True),
        department_events=summary.department_events.loc[kept_departments].reset_index(drop=True),
        pending=pending.loc[~is_in(pending["actor_id"], gone)].reset_index(drop=True),
    )


def responses(summary: EventSummary, employees: pd.DataFrame) -> pd.DataFrame:
    """Each inquiry of the whole log with its first employee reply
    (:func:`~orgsocial.analysis.response.responses_from`)."""
    return response.responses_from(summary.inquiries, summary.answers, employees)


__all__ = [
    "PERIOD_BUCKET",
    "EventSummary",
    "all_months",
    "combine",
    "department_event_counts",
    "event_counts",
    "no_parents",
    "observed_external",
    "pair_counts",
    "person_counts",
    "resolve",
    "responses",
    "summarise_events",
    "time_span",
    "window_of",
    "without_people",
]
