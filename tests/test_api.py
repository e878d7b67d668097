"""Python gives what the command line gives: ``orgsocial.load`` equals ``orgsocial analyse``
with the same options, number for number, on organisations generated independently of
this project (benchmarks/independent_orgs.py); lower-level calls refuse sums made for
another period instead of returning zeros."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import orgsocial
from orgsocial.analysis.period import parse_period
from orgsocial.analysis.pipeline import AnalysisResults, analyse
from orgsocial.app import AnalysisOptions, load_dataset_for
from orgsocial.cli import app
from orgsocial.config import load_settings
from orgsocial.errors import ParameterError
from orgsocial.io.outputs import write_results
from orgsocial.scale.partitioned import load_for_analysis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from independent_orgs import generate  # noqa: E402


def quarter_of(timestamp: str, later: int = 0) -> str:
    stamp = pd.Timestamp(timestamp) + pd.DateOffset(months=3 * later)
    return f"{stamp.year}-Q{stamp.quarter}"


@pytest.mark.parametrize(("seed", "lang", "which"), [(11, "nl", 1), (23, "en", None)])
def test_load_equals_analyse_on_an_organisation_it_has_never_seen(tmp_path, seed, lang, which):
    folder = tmp_path / "org"
    generate(seed, folder)
    first = pd.read_csv(folder / "activity.csv", usecols=["timestamp"])["timestamp"].min()
    period = quarter_of(first, which) if which is not None else None
    out = tmp_path / "cli"
    arguments = ["analyse", str(folder), "--out", str(out), "--lang", lang]
    result = CliRunner().invoke(app, arguments + (["--period", period] if period else []))
    assert result.exit_code == 0, result.output
    loaded = orgsocial.load(folder, period=period, lang=lang)
    assert loaded.meta["period"] == (period or "")
    mine = tmp_path / "python"
    write_results(loaded, mine)
    for name in AnalysisResults.FRAMES:
        assert (mine / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes(), name
    assert len(loaded.units) and loaded.units["phase"].notna().any()


def test_load_sums_a_large_log_in_partitions_and_processes_as_analyse_does(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "org"
    generate(31, folder)
    rows = len(pd.read_csv(folder / "activity.csv", usecols=["event_id"]))
    assert rows >= 3000  # else the log would not be cut into three partitions
    options = AnalysisOptions(workers=2, partition_rows=rows // 3)
    assert len(load_dataset_for(folder, options)[0].activity_parts) >= 3
    arguments = ["--workers", "2", "--partition-rows", str(rows // 3)]
    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["analyse", str(folder), "--out", str(out), *arguments])
    assert result.exit_code == 0, result.output
    loaded = orgsocial.load(folder, workers=2, partition_rows=rows // 3)
    whole = orgsocial.load(folder)
    mine, single = tmp_path / "python", tmp_path / "single"
    write_results(loaded, mine)
    write_results(whole, single)
    for name in AnalysisResults.FRAMES:
        assert (mine / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes(), name
        assert (mine / f"{name}.csv").read_bytes() == (single / f"{name}.csv").read_bytes(), name


def test_a_script_without_a_main_guard_is_told_how_to_use_workers(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "org"
    generate(31, folder)
    rows = len(pd.read_csv(folder / "activity.csv", usecols=["event_id"]))
    call = f"orgsocial.load({str(folder)!r}, workers=2, partition_rows={rows // 2})"
    script = tmp_path / "script.py"
    script.write_text(f"import orgsocial\nprint(len({call}.units))\n")
    unguarded = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    assert unguarded.returncode != 0
    assert 'under `if __name__ == "__main__":`' in unguarded.stderr
    assert "bootstrapping" not in unguarded.stderr  # the workers leave quietly
    script.write_text(
        f"import orgsocial\nif __name__ == '__main__':\n    print(len({call}.units))\n"
    )
    guarded = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    assert guarded.returncode == 0, guarded.stderr
    assert int(guarded.stdout) > 0


def test_sums_for_another_period_are_refused_not_read_as_zeros(tmp_path):
    folder = tmp_path / "org"
    generate(5, folder)
    dataset, whole_window = load_for_analysis(folder)
    first = pd.read_csv(folder / "activity.csv", usecols=["timestamp"])["timestamp"].min()
    period = parse_period(quarter_of(first, 1))
    with pytest.raises(ParameterError, match=r"summed for the whole window, not for \d{4}-Q"):
        analyse(dataset, load_settings(), period, summary=whole_window)
    dataset, for_period = load_for_analysis(folder, period)
    results = analyse(dataset, load_settings(), period, summary=for_period)
    assert results.meta["events"] > 0


def test_options_are_checked_the_same_way_everywhere(tmp_path):
    for wrong, message in (
        ({"lang": "de"}, "--lang must be one of en, nl"),
        ({"trend_by": "week"}, "--trend-by"),
        ({"period": "2026-Q5"}, "2026-Q5"),
        ({"workers": 0}, "--workers must be at least 1, not 0"),
        ({"partition_rows": 999}, "--partition-rows must be at least 1,000, not 999"),
        ({"min_group_size": 0}, "--min-group-size must be at least 1, not 0"),
        ({"executor": "spark"}, "--executor must be local or dask, not 'spark'"),
        ({"executor": "dask"}, "--executor dask needs --scheduler"),
        ({"workers": "2"}, "--workers must be a whole number, not '2'"),
        ({"partition_rows": 1000.5}, "--partition-rows must be a whole number, not 1000.5"),
        # 4.5 was cut to 4 without a word
        ({"min_group_size": 4.5}, "--min-group-size must be a whole number, not 4.5"),
    ):
        with pytest.raises(ParameterError, match=message):
            orgsocial.load(tmp_path, **wrong)


def test_a_notebook_refuses_results_of_another_period_or_language(tmp_path):
    from orgsocial.reporting.notebook import open_results

    folder = tmp_path / "org"
    generate(7, folder)
    out = tmp_path / "results"
    result = CliRunner().invoke(app, ["analyse", str(folder), "--out", str(out), "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert open_results("", str(out), lang="nl").meta["lang"] == "nl"
    with pytest.raises(ParameterError, match="written in 'nl'"):
        open_results("", str(out), lang="en")
    with pytest.raises(ParameterError, match="not 2026-Q1: leave results_dir empty"):
        open_results("", str(out), lang="nl", period="2026-Q1")


def test_the_lower_level_analysis_takes_a_period_as_text_and_checks_the_language(tmp_path):
    folder = tmp_path / "org"
    generate(5, folder)
    first = pd.read_csv(folder / "activity.csv", usecols=["timestamp"])["timestamp"].min()
    label = quarter_of(first, 1)
    dataset, summary = load_for_analysis(folder, parse_period(label))
    results = analyse(dataset, load_settings(), label, summary=summary)
    assert results.meta["period"] == label
    with pytest.raises(ParameterError, match="lang must be one of en, nl, not 'fr'"):
        analyse(dataset, load_settings(), label, summary=summary, lang="fr")


def test_a_year_given_as_a_number_is_a_period(tmp_path):
    # orgsocial.load(period=2026), and papermill's -p period 2026, passed an int: a traceback
    folder = tmp_path / "org"
    generate(5, folder)
    year = int(
        str(pd.read_csv(folder / "activity.csv", usecols=["timestamp"])["timestamp"].min())[:4]
    )
    assert parse_period(year) == parse_period(str(year))
    numbers = orgsocial.load(folder, period=year)
    text = orgsocial.load(folder, period=str(year))
    assert numbers.meta["period"] == text.meta["period"] == str(year)
    assert numbers.units.equals(text.units)
