"""Analysis periods."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ACTIVITY, event
from orgsocial.analysis.period import month_codes, parse_period, select_period
from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.errors import ParameterError
from orgsocial.io.dataset import load_dataset


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-Q3", "2026-07-01", "2026-10-01"),
        ("2026q1", "2026-01-01", "2026-04-01"),
        ("2026-02", "2026-02-01", "2026-03-01"),
        ("2026", "2026-01-01", "2027-01-01"),
        ("2026-07-01..2026-07-01", "2026-07-01", "2026-07-02"),
    ],
)
def test_parse_period(text, start, end):
    period = parse_period(text)
    assert period.start == pd.Timestamp(start, tz="UTC")
    assert period.end == pd.Timestamp(end, tz="UTC")


@pytest.mark.parametrize("text", ["2026-Q5", "July", "2026-13", "2026-07-02..2026-07-01", ""])
def test_bad_periods_are_parameter_errors(text):
    with pytest.raises(ParameterError, match="--period"):
        parse_period(text)


def test_select_period_is_half_open():
    frame = pd.DataFrame(
        {
            "timestamp": pd.to_datetime(
                ["2026-06-30 23:59", "2026-07-01 00:00", "2026-10-01 00:00"], utc=True
            )
        }
    )
    assert select_period(frame, parse_period("2026-Q3"), "timestamp").index.tolist() == [1]
    assert len(select_period(frame, None, "timestamp")) == 3


def test_a_period_counts_only_its_events_but_inquiries_keep_late_answers(dataset_folder):
    activity = [
        *ACTIVITY,
        event("x1", "o2", action="message", target_id="m4", timestamp="2026-08-15T09:00:00Z"),
        event(
            "q1",
            "",
            action="inquiry",
            audience="external",
            business_unit="North",
            timestamp="2026-07-31T23:00:00Z",
        ),
        event(
            "a1",
            "s3",
            action="reply",
            audience="external",
            in_reply_to="q1",
            timestamp="2026-08-01T01:00:00Z",
        ),
    ]
    dataset = load_dataset(dataset_folder(activity=activity))
    july = analyse(dataset, load_settings().with_min_group_size(1), parse_period("2026-07"))
    august = analyse(dataset, load_settings().with_min_group_size(1), parse_period("2026-08"))
    assert july.meta["interactions"] == 6 and august.meta["interactions"] == 1
    answered = july.responses.set_index("inquiry_id").loc["q1"]
    assert answered["response_minutes"] == 120.0  # answered in August, counted for July
    assert "q1" not in set(august.responses["inquiry_id"])
    assert july.meta["period"] == "2026-07"


_DAY = 86_400 * 10**9


@settings(max_examples=100, deadline=None)
@given(
    st.integers(-(10**18), 10**18),  # a start between 1938 and 2001
    st.lists(st.integers(0, 400 * _DAY), max_size=30),  # a year of days or more...
    st.lists(st.integers(0, 10**18), max_size=3),  # ...or decades (no table of days)
)
def test_month_codes_are_each_time_stamps_year_and_month(start, offsets, far):
    nanoseconds = [start + offset for offset in offsets + far]
    stamps = pd.Series(
        pd.to_datetime(nanoseconds, unit="ns", utc=True), index=range(5, 5 + len(nanoseconds))
    )
    expected = stamps.dt.year * 12 + stamps.dt.month - 1
    got = month_codes(stamps)
    assert got.tolist() == expected.tolist()
    assert got.index.equals(stamps.index)
