"""The command line: exit codes, messages without tracebacks, outputs in the contract."""

from __future__ import annotations

import gc
import re
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import ACTIVITY, event
from orgsocial.cli import EXIT_BAD_INPUT, app, main
from orgsocial.io import contract as c

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_validate_clean_dataset_exits_0(dataset_folder):
    result = run("validate", dataset_folder())
    assert result.exit_code == 0, result.output
    assert "activity" in result.output and "ok: the dataset can be analysed" in result.output


def test_validate_reports_rejects_and_strict_fails(dataset_folder, tmp_path):
    folder = dataset_folder(activity=[*ACTIVITY, event("e1", "m1")])
    lenient = run("validate", folder, "--rejects", tmp_path / "rej")
    assert lenient.exit_code == 0
    assert "activity.csv: line 14: column 'event_id': duplicate event_id" in lenient.output
    rejects = pd.read_csv(tmp_path / "rej" / "rejects" / "activity.csv")
    assert rejects[["line", "event_id"]].values.tolist() == [[14, "e1"]]
    strict = run("validate", folder, "--strict")
    assert strict.exit_code == EXIT_BAD_INPUT
    assert "1 invalid row" in strict.output


def test_missing_file_exits_2_with_a_message_not_a_traceback(dataset_folder):
    result = run("validate", dataset_folder(activity=None))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "activity.csv (or activity.parquet) is missing" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_analyse_writes_the_contract_outputs(dataset_folder, tmp_path):
    out = tmp_path / "out"
    result = run("analyse", dataset_folder(), "--out", out)
    assert result.exit_code == 0, result.output
    units = pd.read_csv(out / "units.csv")
    assert tuple(units.columns[:4]) == c.UNIT_LEADING_COLUMNS
    assert list(pd.read_csv(out / "department_edges.csv").columns) == list(c.EDGE_COLUMNS)
    assert "department" in pd.read_csv(out / "departments.csv").columns
    for name in ("units", "departments", "department_edges"):
        assert (out / f"{name}.parquet").is_file()
    assert not (out / "rejects").exists()


def test_analyse_strict_with_invalid_rows_writes_nothing(dataset_folder, tmp_path):
    out = tmp_path / "out"
    folder = dataset_folder(activity=[*ACTIVITY, event("bad", "m1", timestamp="yesterday")])
    result = run("analyse", folder, "--out", out, "--strict")
    assert result.exit_code == EXIT_BAD_INPUT
    assert not out.exists()
    lenient = run("analyse", folder, "--out", out)
    assert lenient.exit_code == 0
    assert (out / "rejects" / "activity.csv").is_file()


def test_bad_settings_file_is_a_clear_error(dataset_folder, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("privacy: {min_group_size: many}\n")
    result = run("analyse", dataset_folder(), "--out", tmp_path / "o", "--config", config)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "'min_group_size' must be a number" in result.output


def test_demo_data_command(tmp_path):
    result = run("demo-data", tmp_path / "d", "--employees", "700", "--events", "3000")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d" / "activity.csv").is_file()


def test_report_rejects_an_unknown_language(dataset_folder, tmp_path):
    result = run("report", dataset_folder(), "--out", tmp_path / "r", "--lang", "fr")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "--lang must be one of en, nl" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0


def test_the_command_leaves_its_objects_to_the_exit_not_to_one_more_collection(monkeypatch):
    """After a command, the console script freezes the collector: the interpreter's exit
    then skips a last look at every object (0.2-0.3 s of every command)."""
    monkeypatch.setattr(sys, "argv", ["orgsocial", "--version"])
    before = gc.get_freeze_count()
    try:
        with pytest.raises(SystemExit) as ended:
            main()
        assert ended.value.code in (0, None) and gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_a_report_runs_with_the_loaded_modules_left_out_of_collections(
    dataset_folder, tmp_path, monkeypatch
):
    import orgsocial.reporting.runner as runner_module
    from orgsocial.errors import OrgsocialError

    frozen = []

    def stop(*args, **kwargs):
        frozen.append(gc.get_freeze_count())
        raise OrgsocialError("stopped by the test")

    monkeypatch.setattr(runner_module, "run_report", stop)
    try:
        result = run("report", dataset_folder(), "--out", tmp_path / "r", "--no-progress")
    finally:
        gc.unfreeze()
    assert result.exit_code == EXIT_BAD_INPUT and "stopped by the test" in result.output
    assert frozen and frozen[0] > 0


def test_the_terminal_speaks_one_language_whatever_the_outputs_speak(tmp_path):
    # `analyse --lang nl` printed "phase 2 Centralisatiefase confidence ..."
    from conftest import small_demo

    dataset = small_demo(tmp_path / "org", 7, (("Retail", 4), ("East", 2)))
    result = run("analyse", dataset, "--out", tmp_path / "out", "--lang", "nl")
    assert result.exit_code == 0, result.output
    dutch = {name for phase, name in c.PHASE_NAMES["nl"].items() if phase}
    verdicts = result.output.split("verdicts for", 1)[1]
    assert not any(name in verdicts for name in dutch), verdicts
    assert any(name in verdicts for name in c.PHASE_NAMES["en"].values())
    units = pd.read_csv(tmp_path / "out" / "units.csv")  # the outputs follow --lang
    assert set(units["phase_name"].dropna()) <= set(c.PHASE_NAMES["nl"].values())


def test_a_log_whose_every_row_is_rejected_shows_and_keeps_its_rejects(dataset_folder, tmp_path):
    # every row rejected: the loader stopped before the counts and rejects were shown or kept
    bad = [event(f"x{n}", "m1", timestamp="not-a-date") for n in range(12)]
    folder = dataset_folder(activity=bad)
    validated = run("validate", folder, "--rejects", tmp_path / "rej")
    assert validated.exit_code == EXIT_BAD_INPUT, validated.output
    assert f"read {12:>9,}  kept {0:>9,}  rejected {12:>7,}" in validated.output
    assert "rejected: activity.csv: line 2: column 'timestamp'" in validated.output
    assert "... and 2 more rejected rows in activity.csv" in validated.output
    assert "nothing to analyse: all 12 row(s) were rejected" in validated.output
    assert len(pd.read_csv(tmp_path / "rej" / "rejects" / "activity.csv")) == 12
    for command in ("analyse", "report"):
        out = tmp_path / command
        result = run(command, folder, "--out", out, *(["--no-progress"] * (command == "report")))
        assert result.exit_code == EXIT_BAD_INPUT, result.output
        assert "rejected: activity.csv: line 13: column 'timestamp'" not in result.output
        assert "rejected: activity.csv: line 11: column 'timestamp'" in result.output
        assert "nothing to analyse: all 12 row(s) were rejected" in result.output
        assert f"orgsocial validate {folder} --rejects DIR" in result.output
        assert "Traceback" not in result.output and not out.exists()


def test_strict_lists_the_first_rejects_as_validate_does(dataset_folder, tmp_path):
    # --strict printed one line of 16 rejects joined by " | " and the count without a separator
    bad = [event(f"x{n}", "m1", timestamp="not-a-date") for n in range(1171)]
    folder = dataset_folder(activity=[*ACTIVITY, *bad])
    for command in ("analyse", "report"):
        out = tmp_path / command
        extra = ["--no-progress"] if command == "report" else []
        result = run(command, folder, "--out", out, "--strict", *extra)
        assert result.exit_code == EXIT_BAD_INPUT, result.output
        assert "--strict: 1,171 invalid row(s)" in result.output
        assert "rejected: activity.csv: line 14: column 'timestamp'" in result.output
        assert "... and 1,161 more rejected rows in activity.csv" in result.output
        assert " | " not in result.output
        assert f"orgsocial validate {folder} --rejects DIR" in result.output
        assert not out.exists()


def test_a_slack_import_without_a_roster_exits_2_naming_the_option(tmp_path, monkeypatch):
    """--roster is required, and its help says so (it was listed as optional)."""
    result = run("import", "slack", tmp_path, "--out", tmp_path / "ds")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "Missing option '--roster'" in result.output
    monkeypatch.setenv("COLUMNS", "100")
    shown = run("import", "slack", "--help").output
    assert re.search(
        r"\* +--roster +PATH +HR roster \(CSV or Excel\): who works where\. +"
        r"\[required\]",
        shown,
    )


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ([], "[OPTIONS] COMMAND [ARGS]..."),
        (["validate"], "validate [OPTIONS] DATASET"),
        (["analyse"], "analyse [OPTIONS] DATASET"),
        (["report"], "report [OPTIONS] DATASET"),
        (["demo-data"], "demo-data [OPTIONS] OUT"),
        (["import"], "import [OPTIONS] COMMAND [ARGS]..."),
        (["import", "edgelist"], "import edgelist [OPTIONS] EDGES"),
        (["import", "roster"], "import roster [OPTIONS] SOURCE"),
        (["import", "slack"], "import slack [OPTIONS] SOURCE"),
        (["import", "viva"], "import viva [OPTIONS] SOURCE"),
        (["import", "survey"], "import survey [OPTIONS] SOURCE"),
    ],
)
def test_help_shows_no_value_for_a_flag_and_names_the_arguments(command, usage, monkeypatch):
    """A flag takes no value: typer showed ``<bool>`` beside each (--help too), and the usage
    line read ``{dataset}``."""
    monkeypatch.setenv("COLUMNS", "100")
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert re.search(rf"Usage: \S+ {re.escape(usage)} *\n", result.output)
    assert "<bool>" not in result.output
    assert re.search(r"--help +Show this message and exit\.", result.output)
    if command == ["validate"]:
        assert re.search(r"--strict +Fail \(exit 2\)", result.output)
        assert re.search(r"--rejects +DIR +Write", result.output)  # an option takes one
    assert not re.search(r"<(str|int|path|list)", result.output)  # typer's types: a word instead


def test_help_names_choices_minimums_and_defaults_as_usual(monkeypatch):
    """The new-user trial's --help: no choices of --lang, --trend-by, --executor, --format;
    raw ``activity/``; no minimum of --employees and --events; "(default 5)" in the text of
    --min-group-size; and a wide gap in "--progress          --no-progress"."""
    monkeypatch.setenv("COLUMNS", "100")
    analyse, report, demo = (run(c, "--help").output for c in ("analyse", "report", "demo-data"))
    for shown in (analyse, report):
        assert re.search(r"--lang +en\|nl +Language", shown)
        assert re.search(r"--trend-by +quarter\|month\|none +Phase", shown)
        assert re.search(r"--executor +local\|dask +", shown)
        assert re.search(r"--min-group-size +N \[x>=1\] +Privacy[^[]*\[default: 5\]", shown)
        assert "(default" not in shown
    assert "``" not in analyse and "activity/ of Parquet" in analyse
    assert re.search(r"--progress/--no-progress +Progress bar\. \[default: on a terminal\]", report)
    assert re.search(r"--employees +N \[x>=630\] ", demo)
    assert re.search(r"--events +N \[x>=1000\] ", demo)
    assert re.search(r"--format +csv\|parquet\|partitioned +", demo)
    too_few = run("demo-data", "d", "--employees", "629")
    assert too_few.exit_code == EXIT_BAD_INPUT and "greater than or equal to 630" in too_few.output


def test_a_flag_with_a_negative_form_still_parses_after_the_help(tmp_path):
    """The help shows --progress/--no-progress in one column for its own output only."""
    assert run("report", "--help").exit_code == 0
    result = run("report", tmp_path / "none", "--out", tmp_path / "r", "--no-progress")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "the dataset folder does not exist" in result.output


def test_validate_lines_up_a_long_file_name(dataset_folder):
    """department_ties (15 letters) pushed its counts out of the columns of the others."""
    from conftest import write_csv

    folder = dataset_folder()
    write_csv(folder / "department_ties.csv", [{"source": "Ops", "target": "Tiny", "weight": 7}])
    result = run("validate", folder)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if " read " in line]
    assert len(lines) == 4 and len({line.index(" read ") for line in lines}) == 1
