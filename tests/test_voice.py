"""Who holds a unit's social media (control) and what kind of voice it is, on hand-built
frames whose every number is checked by hand."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from conftest import ACTIVITY, DEPARTMENTS, EMPLOYEES
from orgsocial.analysis import voice
from orgsocial.io.dataset import load_dataset
from orgsocial.scale import events


def stats(rows: list[tuple[str, str, str, int, int, int, int]]) -> pd.DataFrame:
    """department, unit, function, headcount, active, events, external events."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "department",
            "business_unit",
            "function",
            "headcount",
            "active_employees",
            "events",
            "events_external",
        ],
    )
    return frame.assign(active_share=frame["active_employees"] / frame["headcount"])


NO_ANSWERS = pd.DataFrame(
    {"business_unit": [], "answered": pd.Series([], dtype=bool), "responder_department": []}
)


def test_scattered_enthusiasts_hold_little_and_a_central_team_holds_most():
    frame = stats(
        [
            ("P Marketing", "Pilot", "marketing", 10, 1, 30, 10),  # one keen marketer
            ("P Sales", "Pilot", "sales", 20, 1, 25, 10),
            ("P IT", "Pilot", "it", 30, 2, 25, 0),
            ("P Service", "Pilot", "customer_service", 40, 1, 20, 0),
            ("C Marketing", "Central", "marketing", 10, 6, 90, 60),
            ("C Service", "Central", "customer_service", 40, 0, 0, 0),
            ("C IT", "Central", "it", 30, 1, 10, 0),
        ]
    )
    answers = pd.DataFrame(
        {
            "business_unit": ["Central"] * 4 + ["Pilot"] * 2,
            "answered": [True, True, True, False, True, True],
            "responder_department": ["C Marketing"] * 3 + [None, "P Sales", "P Service"],
        }
    )
    control = voice.unit_control(frame, answers).set_index("business_unit")
    # Pilot: Marketing holds 30/100 events and 10/20 external; Sales 25/100, 10/20 and 1/2
    # answers: (0.25 + 0.5 + 0.5) / 3 = 0.4167 > Marketing's (0.3 + 0.5 + 0) / 3
    assert control.loc["Pilot", "lead_department"] == "P Sales"
    assert control.loc["Pilot", "control_share"] == pytest.approx((0.25 + 0.5 + 0.5) / 3)
    assert control.loc["Pilot", "lead_department_active_employees"] == 1
    # Central: 90/100 events, 60/60 external, 3/3 answers
    assert control.loc["Central", "control_share"] == pytest.approx((0.9 + 1.0 + 1.0) / 3)
    assert control.loc["Central", "lead_department_is_marcom"] == 1.0
    assert control.loc["Central", "lead_department_active_share"] == pytest.approx(0.6)


def test_a_unit_of_one_department_shows_no_control():
    frame = stats([("Desk", "Solo", "customer_service", 12, 5, 40, 10)])
    control = voice.unit_control(frame, NO_ANSWERS).iloc[0]
    assert control["lead_department"] == "Desk" and pd.isna(control["control_share"])


def test_a_unit_without_events_has_no_lead():
    frame = stats([("A", "Quiet", "it", 8, 0, 0, 0), ("B", "Quiet", "hr", 8, 0, 0, 0)])
    control = voice.unit_control(frame, NO_ANSWERS).iloc[0]
    assert pd.isna(control["lead_department"]) and pd.isna(control["control_share"])


def test_interaction_and_social_channels_are_shares_of_the_units_events():
    counts = pd.DataFrame(
        {
            "department": ["A", "A", "A", "A", "B"],
            "channel": ["LinkedIn", "x", "email", "teams", "email"],
            "audience": ["external", "external", "internal", "internal", "internal"],
            "action": ["post", "comment", "message", "post", "message"],
            "events": [6, 2, 5, 3, 4],
        }
    )
    departments = pd.DataFrame({"department": ["A", "B"], "business_unit": ["U", "U"]})
    row = voice.unit_voice(counts, departments, frozenset({"linkedin", "x", "teams"})).iloc[0]
    assert row["external_interaction_share"] == pytest.approx(2 / 8)
    assert row["social_channel_share"] == pytest.approx((6 + 2 + 3) / 20)
    assert row["other_channels"] == "email"


def test_department_events_count_every_employee_event_once(dataset_folder):
    dataset = load_dataset(dataset_folder())
    summary = events.summarise_events(dataset.activity, dataset.employees)
    counted = events.department_event_counts(summary, events.all_months(summary))
    department_of = {row["employee_id"]: row["department"] for row in EMPLOYEES}
    expected = Counter(
        (department_of[row["actor_id"]], row["channel"], row["audience"], row["action"])
        for row in ACTIVITY
        if row["actor_id"]
    )
    found = {
        (r["department"], r["channel"], r["audience"], r["action"]): r["events"]
        for r in counted.to_dict("records")
    }
    assert found == dict(expected)
    assert {d["department"] for d in DEPARTMENTS} >= {key[0] for key in found}
    first, last = events.time_span(summary)
    assert str(first) == "2026-07-01 07:00:00+00:00" and str(last) == "2026-07-02 10:00:00+00:00"


@pytest.mark.parametrize("space", [50, 1 << 23])  # by one count array, and by sorting
def test_key_counts_are_the_distinct_keys_and_their_numbers(space):
    import numpy as np

    keys = np.random.default_rng(3).integers(0, 50, 1000)
    (found,), counts = events._counted([keys], [space])
    expected, expected_counts = np.unique(keys, return_counts=True)
    assert found.tolist() == expected.tolist() and counts.tolist() == expected_counts.tolist()
