"""Analysis periods: a quarter, a month, a year or a date range, as a half-open UTC interval.

Examples of ``--period``: ``2026-Q3``, ``2026-07``, ``2026``, ``2026-07-01..2026-09-30``
(both dates included), or empty for the whole dataset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def parse_period(text: str) -> Period:
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
    text = text.strip()
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
