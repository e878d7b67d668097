"""The phase scorecard: thresholds, thin data, monotonicity, and the demo's planted phases."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.analysis.phases import classify_units, criterion_indicators, fulfilment
from orgsocial.config import load_settings

SETTINGS = load_settings()
INDICATORS = criterion_indicators(SETTINGS)


def unit(name: str = "U", **values: float) -> dict[str, object]:
    row: dict[str, object] = {
        "business_unit": name,
        "employee_events": 500,
        "respondents": 50,
        "suppressed": False,
    }
    row.update({indicator: 0.0 for indicator in INDICATORS})
    row["ownership_mean"] = 1.0
    row.update(values)
    return row


PILOT = unit("pilot", active_share=0.04, top_department_active_share=0.1, marcom_active_share=0.05)
FULL = unit("full", **{**{indicator: 0.95 for indicator in INDICATORS}, "ownership_mean": 3.9})


def test_fulfilment_is_half_at_the_threshold_and_increasing():
    assert fulfilment(0.3, 0.3, 0.05) == 0.5
    assert fulfilment(0.2, 0.3, 0.05) < 0.5 < fulfilment(0.4, 0.3, 0.05)
    assert math.isnan(fulfilment(float("nan"), 0.3, 0.05))


def test_clear_units_get_their_phase_with_high_confidence():
    result = classify_units(pd.DataFrame([PILOT, FULL]), SETTINGS).set_index("business_unit")
    assert result.loc["pilot", "phase"] == 1
    assert result.loc["full", "phase"] == 4
    assert result.loc["full", "phase_name"] == "Full integration"
    assert (result["confidence"] > 0.8).all()
    scores = result[[f"score_phase_{p}" for p in (1, 2, 3, 4)]]
    assert scores.sum(axis=1).tolist() == pytest.approx([1.0, 1.0], abs=1e-3)


def test_too_little_data_gives_no_phase_and_says_why():
    thin = unit("thin", employee_events=3, respondents=2)
    result = classify_units(pd.DataFrame([thin]), SETTINGS).iloc[0]
    assert pd.isna(result["phase"])
    assert result["reason"].startswith("too little data: 3 employee events")


def test_survey_alone_is_enough_data():
    row = unit("survey-only", employee_events=0, respondents=40, ownership_mean=3.0)
    assert not pd.isna(classify_units(pd.DataFrame([row]), SETTINGS).iloc[0]["phase"])


def test_missing_indicators_lower_coverage_and_confidence():
    without_survey = dict(FULL)
    for indicator in INDICATORS:
        if indicator.endswith(("_agree_share", "_mean")):
            without_survey[indicator] = float("nan")
    both = classify_units(pd.DataFrame([FULL, {**without_survey, "business_unit": "x"}]), SETTINGS)
    assert both.iloc[0]["coverage"] == 1.0
    assert both.iloc[1]["coverage"] < 1.0
    assert both.iloc[1]["confidence"] < both.iloc[0]["confidence"]


def test_a_unit_between_two_phases_is_flagged():
    # meets phase 2 and half of phase 3's criteria: the beliefs for 2 and 3 are close
    row = unit(
        "between",
        top_department_active_share=0.9,
        marcom_active_share=0.9,
        ownership_mean=2.5,
        departments_connected_share=0.6,
        departments_active_share=0.55,
        customer_facing_active_share=0.12,
        active_share=0.10,
        answered_within_24h_share=0.6,
        policy_agree_share=0.5,
        best_practices_agree_share=0.5,
        customer_service_involved_agree_share=0.5,
    )
    result = classify_units(pd.DataFrame([row]), SETTINGS).iloc[0]
    assert result["between"] == "2→3"
    assert {result["phase"], result["runner_up"]} == {2, 3}


def _at_least(row: pd.Series) -> list[float]:
    reach = [row[f"reach_phase_{p}"] for p in (2, 3, 4)]
    return [reach[0], reach[0] * reach[1], reach[0] * reach[1] * reach[2]]


values = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    base=st.fixed_dictionaries({indicator: values for indicator in INDICATORS}),
    improved=st.sampled_from(INDICATORS),
    step=st.floats(min_value=0.01, max_value=1.0),
)
def test_more_participation_connection_speed_or_agreement_never_lowers_a_higher_phase(
    base, improved, step
):
    before = unit("u", **base)
    before["ownership_mean"] = 1 + 3 * base["ownership_mean"]
    after = dict(before)
    after[improved] = before[improved] + step
    result = classify_units(pd.DataFrame([before, after]), SETTINGS)
    old, new = result.iloc[0], result.iloc[1]
    for previous, current in zip(_at_least(old), _at_least(new), strict=True):
        assert current >= previous - 1e-9
    assert new["score_phase_4"] >= old["score_phase_4"] - 1e-9


@settings(max_examples=20, deadline=None)
@given(st.permutations(list(range(4))))
def test_row_order_changes_nothing(order):
    rows = [PILOT, FULL, unit("a", active_share=0.3), unit("b", top_department_active_share=0.7)]
    expected = classify_units(pd.DataFrame(rows), SETTINGS).set_index("business_unit").sort_index()
    shuffled = classify_units(pd.DataFrame([rows[i] for i in order]), SETTINGS)
    pd.testing.assert_frame_equal(shuffled.set_index("business_unit").sort_index(), expected)


@pytest.mark.parametrize("seed", [7, 11, 2024])
def test_the_demo_organisations_planted_phases_are_recovered(tmp_path, seed):
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.dataset import load_dataset
    from orgsocial.synth import generate_demo, write_demo

    organisation = generate_demo(seed=seed, employees=1600, events=40_000)
    write_demo(organisation, tmp_path)
    results = analyse(load_dataset(tmp_path), SETTINGS)
    units = results.units.set_index("business_unit")
    found = units["phase"]
    trend = results.trend.set_index(["business_unit", "period"])["phase"]
    for plan in organisation.planted.to_dict("records"):
        unit = plan["business_unit"]
        if plan["planted_survey_phase"] != plan["planted_phase"]:  # says one thing, does another
            assert units.loc[unit, "phase_behaviour"] == plan["planted_phase"], unit
            assert units.loc[unit, "phase_survey"] == plan["planted_survey_phase"], unit
            assert found[unit] in (plan["planted_phase"], plan["planted_survey_phase"]), unit
        elif plan["earlier_phase"] == plan["planted_phase"]:
            assert found[unit] == plan["planted_phase"], unit
        else:  # a unit that changed: each half-year's quarter shows its phase then
            assert trend[(unit, "2026-Q2")] == plan["earlier_phase"], unit
            assert trend[(unit, "2026-Q3")] == plan["planted_phase"], unit
