"""The analyst's ways into the results (notebook 00) on a small generated organisation."""

from __future__ import annotations

import pandas as pd
import pytest

import orgsocial
from orgsocial.demo.synth import generate_demo, write_demo
from orgsocial.reporting import explore


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("explore") / "data"
    write_demo(generate_demo(seed=9, employees=700, events=8000), folder)
    return folder


def test_units_side_by_side_and_the_evidence_behind_a_verdict(demo):
    results = orgsocial.load(demo)
    units = sorted(results.units["business_unit"])[:2]
    side = explore.compare_units(results, units)
    assert list(side.columns) == units and "phase" in side.index
    evidence = explore.evidence_for(results, units[0])
    assert len(evidence) and evidence["used_for"].iloc[0].startswith("verdict")
    assert set(evidence["indicator"]) <= set(results.evidence["indicator"])


def test_brokers_are_the_shown_departments_by_betweenness(demo):
    results = orgsocial.load(demo)
    top = explore.brokers(results, top=5)
    assert len(top) <= 5 and top["betweenness"].is_monotonic_decreasing
    assert not set(top["department"]) & set(
        results.departments.loc[results.departments["suppressed"], "department"]
    )


def test_two_quarters_side_by_side_are_each_quarter_s_own_analysis(demo):
    results = orgsocial.load(demo)
    quarters = explore.periods_of(results)[-2:]
    table = explore.compare_periods(demo, quarters)
    for quarter in quarters:
        own = orgsocial.load(demo, period=quarter).units.set_index("business_unit")["phase"]
        assert table[f"{quarter} phase"].astype("Float64").equals(own.astype("Float64"))


def test_a_period_the_data_barely_cover_asks_for_a_covered_period_not_for_logs(demo):
    last = orgsocial.load(demo).meta["data_last_event"]
    stamp = pd.Timestamp(last)
    period = f"{stamp.year}-Q{stamp.quarter}"
    units = orgsocial.load(demo, period=period).units
    thin = units.loc[units["next_steps"].fillna("").str.contains("too few events")]
    assert len(thin), "the last quarter holds only a few late replies"
    for steps in thin["next_steps"]:
        assert steps.startswith(f"Choose a period the data cover: {period} has data only for")
        assert "Export the unit's social activity logs" not in steps


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_unit_page_says_where_that_unit_went_not_how_many_units_moved(demo, lang):
    from orgsocial.reporting import plots, readings
    from orgsocial.reporting.text import phase_name

    results = orgsocial.load(demo, lang=lang)
    unit = sorted(results.units["business_unit"])[0]
    rows = results.trend.loc[results.trend["business_unit"] == unit].sort_values("period")
    reading = readings.trend_reading(rows, lang, unit)
    assert reading.startswith(unit) and phase_name(int(rows["phase"].iloc[-1]), lang) in reading
    assert rows["period"].iloc[-2] in reading
    figure = plots.trend_lines(rows, lang, unit)
    assert unit in figure.axes[0].get_title(loc="left")
    assert "onderdelen" not in reading and "units" not in reading
