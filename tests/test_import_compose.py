"""Imports compose: a folder with contract files is refused unless --append or --replace;
appending checks ids and the pseudonymisation secret; each import's counts are kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import app
from orgsocial.importers import ImportConflictError, write_import
from orgsocial.importers.provenance import read_imports, secret_mismatch

ROOT = Path(__file__).resolve().parents[1]

DEPARTMENTS = pd.DataFrame(
    {
        "department": ["Sales", "Ops"],
        "business_unit": ["U", "U"],
        "function": ["sales", "operations"],
        "customer_facing": ["true", "false"],
    }
)
EMPLOYEES = pd.DataFrame({"employee_id": ["p1", "p2"], "department": ["Sales", "Ops"]})


def activity(*ids: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": list(ids),
            "timestamp": "2026-07-01T10:00:00Z",
            "actor_id": "p1",
            "action": "message",
            "target_id": "p2",
            "channel": "slack",
            "audience": "internal",
            "in_reply_to": "",
            "business_unit": "",
        }
    )


def frames(*ids: str, employees: pd.DataFrame = EMPLOYEES) -> dict[str, pd.DataFrame]:
    return {"departments": DEPARTMENTS, "employees": employees, "activity": activity(*ids)}


NO_REJECTS = pd.DataFrame(columns=["file", "line", "reason"])


def test_a_folder_with_contract_files_is_refused_without_a_mode(tmp_path):
    write_import(tmp_path, "edgelist", frames("e1"), NO_REJECTS, {"events": 1})
    before = (tmp_path / "activity.csv").read_bytes()
    with pytest.raises(ImportConflictError, match=r"--append .* --replace"):
        write_import(tmp_path, "edgelist", frames("x1"), NO_REJECTS, {"events": 1})
    assert (tmp_path / "activity.csv").read_bytes() == before


def test_append_adds_new_rows_and_keeps_each_import_s_counts(tmp_path):
    write_import(tmp_path, "edgelist", frames("e1"), NO_REJECTS, {"events": 1}, "new", "f1")
    more = pd.concat([EMPLOYEES, pd.DataFrame({"employee_id": ["p3"], "department": ["Ops"]})])
    rejects = pd.DataFrame({"file": ["lunch.txt"], "line": [3], "reason": ["no target"]})
    write_import(
        tmp_path,
        "edgelist",
        frames("l1", "l2", employees=more),
        rejects,
        {"events": 2},
        "append",
        "f1",
    )
    events = pd.read_csv(tmp_path / "activity.csv")["event_id"].tolist()
    assert events == ["e1", "l1", "l2"]
    assert pd.read_csv(tmp_path / "employees.csv")["employee_id"].tolist() == ["p1", "p2", "p3"]
    assert len(pd.read_csv(tmp_path / "departments.csv")) == 2
    assert (tmp_path / "import_edgelist-2_rejects.csv").is_file()
    imports = read_imports(tmp_path).set_index(["import", "measure"])["count"]
    assert imports[("edgelist", "events")] == 1 and imports[("edgelist-2", "events")] == 2
    assert imports[("edgelist-2", "records_set_aside")] == 1
    assert imports[("edgelist", "records_set_aside")] == 0


def test_appending_the_same_rows_again_counts_them_as_already_there_not_as_new(tmp_path):
    write_import(tmp_path, "slack", frames("s1", "s2"), NO_REJECTS, {"posts": 2}, "new", "f1")
    recorded = write_import(
        tmp_path, "slack", frames("s1", "s2", "s3"), NO_REJECTS, {"posts": 3}, "append", "f1"
    )
    assert recorded == {
        "posts": 3,
        "departments_already_there": 2,
        "employees_already_there": 2,
        "activity_already_there": 2,
    }
    assert pd.read_csv(tmp_path / "activity.csv")["event_id"].tolist() == ["s1", "s2", "s3"]
    imports = read_imports(tmp_path).set_index(["import", "measure"])["count"]
    assert imports[("slack-2", "activity_already_there")] == 2
    assert ("slack", "activity_already_there") not in imports.index


def test_the_cli_says_how_many_appended_rows_were_there_already(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret of sixteen bytes")
    roster = tmp_path / "roster.csv"
    pd.DataFrame(
        {"email": ["a@x.org", "b@x.org"], "department": ["Sales", "Ops"], "business_unit": "U"}
    ).to_csv(roster, index=False)
    command = ["import", "roster", str(roster), "--out", str(tmp_path / "data")]
    assert CliRunner().invoke(app, command).exit_code == 0
    again = CliRunner().invoke(app, [*command, "--append"])
    assert again.exit_code == 0, again.output
    assert "employees.csv: 2 row(s) from this import, 2 already there (not added twice)" in (
        again.output
    )


def test_append_refuses_an_id_that_would_mean_two_things(tmp_path):
    write_import(tmp_path, "roster", frames("e1"), NO_REJECTS, {}, "new", "f1")
    moved = EMPLOYEES.assign(department=["Ops", "Ops"])
    with pytest.raises(ImportConflictError, match=r"employee_id .* 'p1'"):
        write_import(
            tmp_path, "roster", frames("e2", employees=moved), NO_REJECTS, {}, "append", "f1"
        )
    other = activity("e1").assign(actor_id="p2")
    with pytest.raises(ImportConflictError, match="event_prefix"):
        write_import(tmp_path, "x", {"activity": other}, NO_REJECTS, {}, "append", "f1")
    assert pd.read_csv(tmp_path / "activity.csv")["event_id"].tolist() == ["e1"]


def test_append_refuses_another_secret_and_validate_tells_of_mixed_secrets(tmp_path):
    write_import(tmp_path, "roster", frames("e1"), NO_REJECTS, {}, "new", "aaaa")
    with pytest.raises(ImportConflictError, match="different secret"):
        write_import(tmp_path, "slack", frames("s1"), NO_REJECTS, {}, "append", "bbbb")
    survey = pd.DataFrame({"respondent_id": ["p1"], "department": ["Sales"], "wave": ["w1"]})
    with pytest.raises(ImportConflictError, match="different secret"):
        write_import(tmp_path, "survey", {"survey": survey}, NO_REJECTS, {}, "new", "bbbb")
    write_import(tmp_path, "survey", {"survey": survey}, NO_REJECTS, {}, "new", "aaaa")
    assert secret_mismatch(tmp_path) == ""
    summary = json.loads((tmp_path / "import_survey-w1_summary.json").read_text())
    summary["secret_fingerprint"] = "cccc"
    (tmp_path / "import_survey-w1_summary.json").write_text(json.dumps(summary))
    assert "different secrets" in secret_mismatch(tmp_path)


def test_each_survey_wave_keeps_its_record_and_replace_drops_records_of_data_gone(tmp_path):
    write_import(tmp_path, "slack", frames("s1", "s2"), NO_REJECTS, {"messages": 2}, "new", "a")
    for wave, answers in (("2026-Q1", 3), ("2026-Q2", 4), ("2026-Q1", 5)):
        survey = pd.DataFrame({"respondent_id": "", "department": "Sales", "wave": [wave]})
        write_import(
            tmp_path, "survey", {"survey": survey}, NO_REJECTS, {"rows": answers}, "new", "a"
        )
    imports = read_imports(tmp_path).set_index(["import", "measure"])["count"]
    # the first wave imported again replaces its own record (and rows); the second stays
    assert imports[("survey-2026-Q1", "rows")] == 5 and imports[("survey-2026-Q2", "rows")] == 4
    with pytest.raises(ImportConflictError) as refused:
        write_import(tmp_path, "survey", {"survey": survey}, NO_REJECTS, {}, "new", "b")
    assert "--replace" not in str(refused.value)  # a survey import has no such option
    write_import(tmp_path, "viva", frames("v1"), NO_REJECTS, {"ties": 1}, "replace", "a")
    assert sorted(set(read_imports(tmp_path)["import"])) == [
        "survey-2026-Q1",
        "survey-2026-Q2",
        "viva",
    ]  # slack's events are gone: so are its counts


def test_replace_overwrites_and_an_older_flat_summary_is_still_read(tmp_path):
    write_import(tmp_path, "edgelist", frames("e1", "e2"), NO_REJECTS, {"events": 2})
    write_import(tmp_path, "edgelist", frames("r1"), NO_REJECTS, {"events": 1}, "replace")
    assert pd.read_csv(tmp_path / "activity.csv")["event_id"].tolist() == ["r1"]
    (tmp_path / "import_viva_summary.json").write_text(json.dumps({"rows": 5}))
    pd.DataFrame({"file": ["a"], "line": [2], "reason": ["x"]}).to_csv(
        tmp_path / "import_viva_rejects.csv", index=False
    )
    imports = read_imports(tmp_path).set_index(["import", "measure"])["count"]
    assert imports[("viva", "rows")] == 5 and imports[("viva", "records_set_aside")] == 1


def test_the_cli_says_what_to_do_and_exits_2(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret of sixteen bytes")
    roster = tmp_path / "roster.csv"
    pd.DataFrame({"email": ["a@x.org"], "department": ["Sales"], "business_unit": ["U"]}).to_csv(
        roster, index=False
    )
    out = tmp_path / "data"
    runner = CliRunner()
    first = runner.invoke(app, ["import", "roster", str(roster), "--out", str(out)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["import", "roster", str(roster), "--out", str(out)])
    assert again.exit_code == 2 and "--append" in again.output
    both = ["import", "roster", str(roster), "--out", str(out), "--append", "--replace"]
    assert runner.invoke(app, both).exit_code == 2
    appended = runner.invoke(app, ["import", "roster", str(roster), "--out", str(out), "--append"])
    assert appended.exit_code == 0, appended.output
    monkeypatch.setenv("ORGSOCIAL_SECRET", "another secret of sixteen bytes")
    other = runner.invoke(app, ["import", "roster", str(roster), "--out", str(out), "--append"])
    assert other.exit_code == 2 and "different secret" in other.output


def test_validate_warns_when_the_imports_used_different_secrets(tmp_path):
    write_import(tmp_path, "roster", frames("e1"), NO_REJECTS, {}, "new", "aaaa")
    runner = CliRunner()
    clean = runner.invoke(app, ["validate", str(tmp_path)])
    assert clean.exit_code == 0 and "secret" not in clean.output
    assert "import roster: set aside 0 record(s)" in clean.output
    survey = pd.DataFrame({"respondent_id": ["p9"], "department": ["Sales"], "wave": ["w1"]})
    survey.to_csv(tmp_path / "survey.csv", index=False)
    (tmp_path / "import_survey-w1_summary.json").write_text(
        json.dumps({"secret_fingerprint": "bbbb", "counts": {"responses": 1}})
    )
    mixed = runner.invoke(app, ["validate", str(tmp_path)])
    assert mixed.exit_code == 0
    assert "roster, survey-w1 were pseudonymised with different secrets" in mixed.output
    # the respondent who is no employee is explained for a survey, not as activity
    assert "still count for their department" in mixed.output
    assert "count as activity" not in mixed.output


def test_report_warns_on_the_page_and_in_the_terminal_of_mixed_secrets(tmp_path):
    write_import(tmp_path / "d", "roster", frames("e1"), NO_REJECTS, {}, "new", "aaaa")
    (tmp_path / "d" / "import_slack_summary.json").write_text(
        json.dumps({"secret_fingerprint": "bbbb", "counts": {"messages": 3}})
    )
    out = tmp_path / "reports"
    result = CliRunner().invoke(
        app, ["report", str(tmp_path / "d"), "--out", str(out), "--no-progress", "--lang", "nl"]
    )
    assert result.exit_code == 0, result.output
    assert "warning: The imports roster, slack were pseudonymised with different" in result.output
    page = (out / "data-quality.html").read_text()
    assert "De imports roster, slack zijn met verschillende geheimen" in page


def test_validate_names_what_each_import_set_aside(tmp_path):
    rejects = pd.DataFrame({"file": ["e.csv"] * 2, "line": [3, 4], "reason": ["no target"] * 2})
    write_import(tmp_path, "edgelist", frames("e1"), rejects, {"events": 1})
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "import edgelist: set aside 2 record(s) (import_edgelist_rejects.csv)" in result.output


def test_a_survey_that_does_not_fit_its_dataset_is_said_to(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret of sixteen bytes")
    qualtrics = ROOT / "tests" / "data" / "real" / "qualtrics-export-samples" / "sample.csv"
    mapping = tmp_path / "survey.yaml"
    mapping.write_text("wave: 2017-Q3\ndepartment_value: Marketing\nitems: {use_internal: Q1}\n")
    runner = CliRunner()
    command = ["import", "survey", str(qualtrics), "--mapping", str(mapping), "--out"]
    alone = runner.invoke(app, [*command, str(tmp_path / "empty")])
    assert alone.exit_code == 0, alone.output
    assert "has no departments.csv yet: import the roster or the activity" in alone.output
    write_import(tmp_path / "d", "roster", frames("e1"), NO_REJECTS, {})
    misfit = runner.invoke(app, [*command, str(tmp_path / "d")])
    assert misfit.exit_code == 0, misfit.output
    assert "name a department that is not in" in misfit.output and "'Marketing'" in misfit.output
    mapping.write_text("wave: 2017-Q3\ndepartment_value: Sales\nitems: {use_internal: Q1}\n")
    fits = runner.invoke(app, [*command, str(tmp_path / "d")])
    assert fits.exit_code == 0 and "warning" not in fits.output, fits.output


def test_replace_says_whose_data_it_replaces_and_warns_of_a_new_secret(tmp_path, monkeypatch):
    roster = tmp_path / "roster.csv"
    pd.DataFrame({"email": ["a@x.org"], "department": ["Sales"], "business_unit": ["U"]}).to_csv(
        roster, index=False
    )
    out = tmp_path / "data"
    runner = CliRunner()
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret of sixteen bytes")
    assert runner.invoke(app, ["import", "roster", str(roster), "--out", str(out)]).exit_code == 0
    identified = pd.DataFrame({"respondent_id": ["pX"], "department": ["Sales"], "wave": ["w1"]})
    write_import(out, "survey", {"survey": identified}, NO_REJECTS, {}, "new", None)
    summary = out / "import_survey-w1_summary.json"
    record = json.loads(summary.read_text())
    record["secret_fingerprint"] = "f" * 12  # as if made with another secret
    summary.write_text(json.dumps(record))
    replaced = runner.invoke(app, ["import", "roster", str(roster), "--out", str(out), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert "--replace: the data of the import(s) roster are replaced" in replaced.output
    assert "warning: the imports roster, survey-w1 were pseudonymised with different" in (
        replaced.output
    )


def test_an_anonymous_survey_keeps_no_secret_to_compare(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret of sixteen bytes")
    write_import(tmp_path, "roster", frames("e1"), NO_REJECTS, {}, "new", "other")
    qualtrics = ROOT / "tests" / "data" / "real" / "qualtrics-export-samples" / "sample.csv"
    mapping = tmp_path / "survey.yaml"
    mapping.write_text("wave: 2017-Q3\ndepartment_value: Sales\nitems: {use_internal: Q1}\n")
    result = CliRunner().invoke(
        app, ["import", "survey", str(qualtrics), "--mapping", str(mapping), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output  # no respondent ids: nothing to join or refuse
    assert secret_mismatch(tmp_path) == ""


def test_a_value_holding_a_line_end_survives_the_import(tmp_path):
    # pandas on Python 3.11 and 3.12 left a bare carriage return unquoted: read back,
    # the row broke in two and the value was lost
    departments = DEPARTMENTS.assign(department=["Sales\rNorth", "Ops\nSouth"])
    employees = EMPLOYEES.assign(department=["Sales\rNorth", "Ops\nSouth"])
    rejects = pd.DataFrame({"file": ["x.csv"], "line": [3], "reason": ["a\rb"]})
    frames_ = {"departments": departments, "employees": employees, "activity": activity("e1")}
    write_import(tmp_path, "edgelist", frames_, rejects, {"events": 1})
    read = pd.read_csv(tmp_path / "departments.csv", dtype=str, keep_default_na=False)
    assert read["department"].tolist() == ["Sales\rNorth", "Ops\nSouth"]
    read = pd.read_csv(tmp_path / "employees.csv", dtype=str, keep_default_na=False)
    assert read["department"].tolist() == ["Sales\rNorth", "Ops\nSouth"]
    kept = pd.read_csv(tmp_path / "import_edgelist_rejects.csv", dtype=str)
    assert kept["reason"].tolist() == ["a\rb"]
