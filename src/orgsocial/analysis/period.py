"""Analysis periods: a quarter, a month, a year or a date range, as a half-open UTC interval.

Examples of ``--period``: ``2026-Q3``, ``2026-07``, ``2026``, ``2026-07-01..2026-09-30``
(both dates included), or empty for the whole dataset.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass

import numpy as np
import pandas as pd

from orgsocial.errors import ParameterError

_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    """``[start, end)`` in UTC, with the label the user gave."""

    label: str
    start: pd.Timestamp
    end: pd.Timestamp

    def contains(self, timestamps: pd.Series) -> pd.Series:
        """True for timestamps inside the period."""
        return (timestamps >= self.start) & (timestamps < self.end)


def parse_period(text: str | int) -> Period:
    """Read a period from its text.

    Examples
    --------
    >>> p = parse_period("2026-Q3")
    >>> str(p.start), str(p.end)
    ('2026-07-01 00:00:00+00:00', '2026-10-01 00:00:00+00:00')
    >>> str(parse_period("2026-07-01..2026-07-31").end)
    '2026-08-01 00:00:00+00:00'

    Raises
    ------
    ParameterError
        When the text is none of the accepted forms or the range is empty.
    """
    # a year as a number: papermill's -p period 2026, or orgsocial.load(period=2026)
    text = str(text).strip()
    try:
        if match := _QUARTER.match(text):
            year, quarter = int(match[1]), int(match[2])
            start = pd.Timestamp(year=year, month=3 * quarter - 2, day=1, tz="UTC")
            return Period(f"{year}-Q{quarter}", start, start + pd.DateOffset(months=3))
        if match := _MONTH.match(text):
            start = pd.Timestamp(year=int(match[1]), month=int(match[2]), day=1, tz="UTC")
            return Period(text, start, start + pd.DateOffset(months=1))
        if match := _YEAR.match(text):
            start = pd.Timestamp(year=int(match[1]), month=1, day=1, tz="UTC")
            return Period(text, start, start + pd.DateOffset(years=1))
        if match := _RANGE.match(text):
            start = pd.Timestamp(match[1], tz="UTC")
            end = pd.Timestamp(match[2], tz="UTC") + pd.Timedelta(days=1)
            if end <= start:
                raise ParameterError(f"--period {text!r}: the range ends before it starts")
            return Period(text, start, end)
    except ValueError as error:  # e.g. month 13
        raise ParameterError(f"--period {text!r}: {error}") from None
    raise ParameterError(
        f"--period {text!r} is not a period; use 2026-Q3, 2026-07, 2026 or 2026-07-01..2026-09-30"
    )


def select_period(frame: pd.DataFrame, period: Period | None, column: str) -> pd.DataFrame:
    """Rows of ``frame`` whose ``column`` (UTC timestamps) falls in the period (all without one).

    Activity is selected on ``timestamp``; customer responses on ``inquiry_time``,
    so an inquiry asked in the period counts for it even when answered later.
    """
    if period is None:
        return frame
    return frame.loc[period.contains(frame[column])]


def month_codes(timestamps: pd.Series) -> pd.Series:
    """The UTC month of each time stamp as ``year * 12 + month - 1`` (a small integer key).

    Examples
    --------
    >>> month_codes(pd.Series(pd.to_datetime(["2026-01-31T23:00:00+00:00"]))).tolist()
    [24312]
    """
    stamps = timestamps.to_numpy(dtype="datetime64[ns]")
    days = stamps.view("int64") // _NANOSECONDS_PER_DAY
    first, last = (int(days.min()), int(days.max())) if len(days) else (0, 0)
    if np.isnat(stamps).any() or last - first > _TABLED_DAYS:
        months = stamps.astype("datetime64[M]").astype("int64")
    else:  # numpy's calendar for each day in the range, not for each time stamp
        calendar = np.arange(first, last + 1).astype("datetime64[D]").astype("datetime64[M]")
        months = calendar.astype("int64")[days - first]
    return pd.Series(months + 1970 * 12, index=timestamps.index, dtype="int32")


_NANOSECONDS_PER_DAY = 86_400 * 10**9
#: Time stamps spanning at most this many days get their months from a table of the days
#: (faster than converting through ``datetime64[M]``).
_TABLED_DAYS = 1 << 17


def period_of_month(code: int, by: str) -> str:
    """The label of the quarter (or month: ``2026-01`` for :func:`month_codes`' 24312) a
    month code falls in."""
    if by == "month":
        return f"{code // 12}-{code % 12 + 1:02d}"
    return f"{code // 12}-Q{(code % 12) // 3 + 1}"


def periods_from_month_counts(
    month_counts: pd.Series, by: str = "quarter", min_share: float = 0.0
) -> list[Period]:
    """The quarters (or months) the data covers, in order (as their labels sort), from
    events per month (index: :func:`month_codes`).

    A period counts when it holds at least ``min_share`` of the events of the
    busiest period, so that a tail of late replies or a first partial week does
    not become a period of its own.

    Examples
    --------
    >>> counts = pd.Series({24316: 1, 24319: 2, 24321: 1})  # 2026-05, -08, -10
    >>> [p.label for p in periods_from_month_counts(counts)]
    ['2026-Q2', '2026-Q3', '2026-Q4']
    >>> [p.label for p in periods_from_month_counts(counts, min_share=0.6)]
    ['2026-Q3']
    """
    if by not in ("quarter", "month"):
        raise ParameterError(f"--trend-by must be quarter or month, not {by!r}")
    counts = month_counts[month_counts > 0]
    counts = counts.groupby([period_of_month(int(code), by) for code in counts.index]).sum()
    busiest = counts.max()
    return [parse_period(text) for text, n in counts.items() if n >= min_share * busiest]


def wave_for_period(waves: list[str], period: Period | None) -> str | None:
    """The survey wave to use for a period.

    Without a period, the latest wave. With one: the wave of the same name; else
    the latest wave that is itself a period starting before this one ends; waves
    that are not periods (e.g. ``spring``) fall back to the latest.

    Examples
    --------
    >>> wave_for_period(["2026-Q2", "2026-Q3"], parse_period("2026-Q3"))
    '2026-Q3'
    >>> wave_for_period(["2026-Q2", "2026-Q4"], parse_period("2026-Q3"))
    '2026-Q2'
    >>> wave_for_period(["2026-Q4"], parse_period("2026-Q3")) is None
    True
    """
    ordered = sorted(set(waves))
    if not ordered:
        return None
    if period is None:
        return ordered[-1]
    if period.label in ordered:
        return period.label
    dated = {}
    for wave in ordered:
        with suppress(ParameterError):  # not a period: "spring"
            dated[wave] = parse_period(wave)
    if not dated:
        return ordered[-1]
    earlier = [wave for wave, p in dated.items() if p.start < period.end]
    return max(earlier, key=lambda wave: dated[wave].start) if earlier else None


def is_complete(period: Period, first: pd.Timestamp, last: pd.Timestamp, tolerance: float) -> bool:
    """Whether data running from ``first`` to ``last`` cover ``period`` to within
    ``tolerance`` of its length at both ends.

    Examples
    --------
    >>> q3 = parse_period("2026-Q3")
    >>> start, end = pd.Timestamp("2026-04-01", tz="UTC"), pd.Timestamp("2026-09-25", tz="UTC")
    >>> is_complete(q3, start, end, 0.1), is_complete(q3, start, end - pd.Timedelta(days=30), 0.1)
    (True, False)
    """
    slack = (period.end - period.start) * tolerance
    return bool(first <= period.start + slack and last >= period.end - slack)


def latest_complete(
    periods: list[Period], first: pd.Timestamp, last: pd.Timestamp, tolerance: float
) -> tuple[Period | None, Period | None]:
    """The latest of ``periods`` the data cover (:func:`is_complete`), and the later one
    skipped because it is not complete (none when the latest is complete).

    Without any complete period: the latest period, and none skipped.
    """
    for period in reversed(periods):
        if is_complete(period, first, last, tolerance):
            return period, periods[-1] if period is not periods[-1] else None
    return (periods[-1] if periods else None), None


def span_label(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """``2026-04-01..2026-09-30``: the days the data run over (UTC)."""
    return f"{first.tz_convert('UTC').date()}..{last.tz_convert('UTC').date()}"
