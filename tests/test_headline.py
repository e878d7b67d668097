"""Where each unit is now: the latest complete quarter, a unit's fallback when it has too
few events there, an explicit period, and a period without events."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from conftest import ACTIVITY, event
from orgsocial.cli import app
from orgsocial.demo.synth import generate_demo, write_demo


def analysed(folder, out, *options: str) -> tuple[pd.DataFrame, dict]:
    result = CliRunner().invoke(app, ["analyse", str(folder), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    units = pd.read_csv(out / "units.csv").set_index("business_unit")
    return units, json.loads((out / "meta.json").read_text())


def test_an_incomplete_latest_quarter_is_skipped_and_named(tmp_path):
    write_demo(generate_demo(seed=5, employees=800, events=9000, end="2026-11-15"), tmp_path / "d")
    units, meta = analysed(tmp_path / "d", tmp_path / "o")
    trend = pd.read_csv(tmp_path / "o" / "trend.csv")
    assert "2026-Q4" in set(trend["period"])  # enough events to be a period of the trend
    assert meta["headline_period"] == "2026-Q3"
    assert meta["headline_note"].startswith("incomplete_period:2026-Q4:2026-11-1")
    assert (units["period"] == "2026-Q3").all()
    reasons = units["provisional_reasons"].dropna()
    assert len(reasons) == len(units)
    assert reasons.str.contains("2026-Q4 is not complete").all()


def _move(row: dict, day: str) -> dict:
    return {**row, "timestamp": f"{day}T09:00:00+00:00"}


def test_a_unit_with_too_few_events_now_falls_back_to_the_quarter_before(dataset_folder, tmp_path):
    south = [event(f"s{i}", f"o{1 + i % 6}") for i in range(12)]  # Ops (South), in Q2 only
    activity = [
        *(_move(row, "2026-09-28") for row in ACTIVITY),
        *(_move(row, "2026-04-02") for row in south),
        *(_move(event(f"n{i}", f"m{1 + i % 5}"), "2026-08-01") for i in range(6)),
    ]
    folder = dataset_folder(activity=activity)
    units, meta = analysed(folder, tmp_path / "o", "--min-group-size", "1")
    assert meta["headline_period"] == "2026-Q3"
    assert units.loc["North", "period"] == "2026-Q3"
    assert units.loc["South", "period"] == "2026-Q2"
    assert units.loc["South", "period_note"] == "fallback:2026-Q3:1"  # e6, by o1
    assert "too few events in 2026-Q3 (1)" in units.loc["South", "provisional_reasons"]
    assert units.loc["South", "verdict"].endswith("in 2026-Q2")


def test_an_explicit_period_is_the_headline_and_the_trend_stops_there(tmp_path):
    write_demo(generate_demo(seed=5, employees=800, events=9000), tmp_path / "d")
    units, meta = analysed(tmp_path / "d", tmp_path / "o", "--period", "2026-Q2")
    assert meta["headline_period"] == "2026-Q2" and meta["window"] == "2026-Q2"
    assert (units["period"] == "2026-Q2").all()
    trend = pd.read_csv(tmp_path / "o" / "trend.csv")
    assert set(trend["period"]) == {"2026-Q2"}
    assert units["phase_window"].isna().all()  # the verdict is the window's own


def test_a_period_without_events_is_refused_with_the_span_of_the_data(tmp_path):
    write_demo(generate_demo(seed=5, employees=800, events=5000), tmp_path / "d")
    result = CliRunner().invoke(
        app, ["analyse", str(tmp_path / "d"), "--out", str(tmp_path / "o"), "--period", "2027-Q1"]
    )
    assert result.exit_code == 2
    assert "2027-Q1: no events in this period; the data run from 2026-04-01.." in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o" / "meta.json").exists()


def test_a_partly_covered_period_says_so(tmp_path):
    write_demo(generate_demo(seed=5, employees=800, events=9000), tmp_path / "d")
    units, _ = analysed(tmp_path / "d", tmp_path / "o", "--period", "2026-10")
    notes = units["period_note"].dropna()
    assert len(notes) and notes.str.startswith("partial_period:2026-10:2026-10-01..").all()
