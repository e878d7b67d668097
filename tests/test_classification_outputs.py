"""Issue-level behaviour of the classifier on the demo organisation: say-do gap, trend,
advice, and every number of the evidence reproducible from the written outputs."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import app
from orgsocial.synth import generate_demo, write_demo


@pytest.fixture(scope="module")
def demo_outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    organisation = generate_demo(seed=7, employees=1800, events=50_000)
    write_demo(organisation, folder / "data")
    result = CliRunner().invoke(
        app, ["analyse", str(folder / "data"), "--out", str(folder / "out")]
    )
    assert result.exit_code == 0, result.output
    return organisation, folder / "out"


def read(out, name):
    return pd.read_csv(out / f"{name}.csv", keep_default_na=True)


def test_say_do_gap_is_found_and_lowers_confidence(demo_outputs):
    _, out = demo_outputs
    units = read(out, "units").set_index("business_unit")
    leasing = units.loc["Leasing"]  # says coordination, does centralisation
    assert (leasing["phase_survey"], leasing["phase_behaviour"], leasing["say_do_gap"]) == (3, 2, 1)
    assert leasing["say_do"].startswith("Says phase 3 (Coordination) but does phase 2")
    agreeing = units.loc[units["say_do_gap"] == 0, "confidence"]
    assert leasing["confidence"] < agreeing.min()


def test_trend_shows_growth_and_a_unit_that_moved_back(demo_outputs):
    _, out = demo_outputs
    trend = read(out, "trend").set_index(["business_unit", "period"])
    assert trend.loc[("Payments", "2026-Q2"), "phase"] == 2
    assert trend.loc[("Payments", "2026-Q3"), "phase"] == 3
    assert trend.loc[("Mortgages", "2026-Q2"), "phase"] == 3
    assert trend.loc[("Mortgages", "2026-Q3"), "phase"] == 2
    assert trend.loc[("Mortgages", "2026-Q3"), "moved_back"]
    units = read(out, "units").set_index("business_unit")
    assert units.loc["Mortgages", "moved_back"] and not units.loc["Payments", "moved_back"]


def test_every_unit_gets_its_phase_risk_and_next_steps(demo_outputs):
    _, out = demo_outputs
    units = read(out, "units")
    for record in units.to_dict("records"):
        assert isinstance(record["risk"], str) and record["risk"]
        steps = record["next_steps"].split(" | ")
        assert 1 <= len(steps) <= 3
        assert all("threshold" in step for step in steps)
    pilot = units.loc[units["phase"] == 1, "risk"].iloc[0]
    assert pilot.startswith("Little consistency")


def test_dutch_names_and_advice(tmp_path):
    folder = tmp_path / "data"
    write_demo(generate_demo(seed=3, employees=800, events=8000), folder)
    result = CliRunner().invoke(
        app, ["analyse", str(folder), "--out", str(tmp_path / "out"), "--lang", "nl"]
    )
    assert result.exit_code == 0, result.output
    units = read(tmp_path / "out", "units")
    assert set(units["phase_name"].dropna()) <= {
        "Pilotfase",
        "Centralisatiefase",
        "Coördinatiefase",
        "Volledige integratie",
    }
    assert units["next_steps"].str.contains("drempel").all()


def test_every_evidence_number_is_reproducible_from_the_outputs(demo_outputs):
    _, out = demo_outputs
    units = read(out, "units").set_index("business_unit")
    evidence = read(out, "evidence")
    penalty = 0.25  # classification.say_do_penalty in defaults/config.yaml
    for unit, rows in evidence.groupby("business_unit"):
        row = units.loc[unit]
        for record in rows.to_dict("records"):
            value = row[record["indicator"]]
            assert value == pytest.approx(record["value"], nan_ok=True)
            z = (value - record["threshold"]) / record["softness"]
            assert 1 / (1 + math.exp(-z)) == pytest.approx(record["fulfilment"])
        reach = {}
        for level, level_rows in rows.groupby("phase"):
            weights = level_rows["weight"]
            reach[level] = (weights * level_rows["fulfilment"]).sum() / weights.sum()
            assert row[f"reach_phase_{level}"] == pytest.approx(reach[level], abs=1e-4)
        at_least = [1.0, reach[2], reach[2] * reach[3], reach[2] * reach[3] * reach[4], 0.0]
        scores = [at_least[i] - at_least[i + 1] for i in range(4)]
        for phase in (1, 2, 3, 4):
            assert row[f"score_phase_{phase}"] == pytest.approx(scores[phase - 1], abs=1e-4)
        top = max(range(4), key=lambda i: (scores[i], -i)) + 1
        assert row["phase"] == top
        gap = 0 if pd.isna(row["say_do_gap"]) else abs(row["say_do_gap"])
        expected = scores[top - 1] * row["coverage"] * max(0.0, 1 - penalty * gap)
        assert row["confidence"] == pytest.approx(expected, abs=2e-3)


def test_no_inquiries_is_noted_and_lowers_coverage(dataset_folder, tmp_path):
    from conftest import ACTIVITY

    without = [row for row in ACTIVITY if row["event_id"] not in {"e8", "e9", "e10", "e11"}]
    result = CliRunner().invoke(
        app,
        [
            "analyse",
            str(dataset_folder(activity=without)),
            "--out",
            str(tmp_path / "o"),
            "--min-group-size",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    units = read(tmp_path / "o", "units").set_index("business_unit")
    assert "no customer inquiries" in units.loc["North", "data_notes"]
    assert units.loc["North", "coverage"] < 0.8
