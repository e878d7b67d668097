"""Every importer is lenient like `orgsocial validate`, and its rejects can be acted on:
the editor line, the id at fault (never a name or an e-mail), the file at fault; --strict
makes the first reject fatal. Real exports from tests/data/real (with provenance)."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.errors import DatasetError
from orgsocial.importers.edgelist import EdgeListMapping
from orgsocial.importers.pseudonym import Pseudonymiser
from orgsocial.importers.roster import import_roster, load_roster_mapping
from orgsocial.importers.slack import import_slack
from orgsocial.importers.surveys import import_survey, load_survey_mapping
from orgsocial.importers.viva import import_p2p, load_viva_mapping

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
SLACK = REAL / "slack-export-hfaran-sample" / "testarchive.zip"
QUALTRICS = REAL / "qualtrics-export-samples"
VIVA = REAL / "vivainsights-demo-NOT-REAL"
MAPPINGS = ROOT / "docs" / "mappings"
SECRET = "a secret for the tests, long enough"
PSEUDONYM = Pseudonymiser(SECRET.encode())
IN_ROSTER = {"U0BMYT2FL": "harry@example.org", "U0BMQB6JE": "hamza@example.org"}


def slack_roster(folder: Path):
    path = folder / "roster.csv"
    path.write_text(
        "E-mail;Dept;Unit;Slack\n"
        + "".join(f"{mail};IT;Magellan;{user}\n" for user, mail in IN_ROSTER.items())
    )
    mapping = load_roster_mapping(
        None, employee="E-mail", department="Dept", business_unit="Unit", aliases=["Slack"]
    )
    return import_roster(path, mapping, PSEUDONYM)


def test_slack_rejects_name_the_user_id_and_the_line_where_the_message_starts(tmp_path):
    result = import_slack(SLACK, slack_roster(tmp_path))
    archive = zipfile.ZipFile(SLACK)
    messages = result.rejects.loc[~result.rejects["reason"].str.startswith("the mentioned")]
    assert len(messages) == result.counts["rejected"] > 0
    for record in result.rejects.to_dict("records"):
        lines = archive.read(record["file"]).decode().splitlines()
        assert lines[record["line"] - 1] == "    {"  # where the message object starts
        end = next(k for k in range(record["line"], len(lines)) if lines[k] in ("    }", "    },"))
        body = "\n".join(lines[record["line"] : end])
        user = record["value"]
        assert user not in IN_ROSTER and user in record["reason"]
        if record["reason"].startswith("the mentioned"):
            assert f"<@{user}" in body and "the message is kept" in record["reason"]
        else:
            assert f'"user": "{user}"' in body
            assert "add a roster row with that id as an alias" in record["reason"]
    users = json.loads(archive.read("users.json"))
    personal = {u.get("real_name", "") for u in users} | {u.get("name", "") for u in users}
    personal |= {(u.get("profile") or {}).get("email", "") for u in users}
    written = result.rejects.to_csv()
    assert [value for value in personal - {""} if value in written] == []


def test_slack_mentions_of_people_outside_the_roster_are_rejects_and_counted(tmp_path):
    archive = zipfile.ZipFile(SLACK)
    expected = 0  # counted here from the raw JSON
    for name in archive.namelist():
        if name.count("/") != 1 or not name.endswith(".json"):
            continue
        for message in json.loads(archive.read(name)):
            if message.get("subtype") not in (None, "file_share", "file_comment"):
                continue
            author = message.get("user") or message.get("comment", {}).get("user")
            if author in IN_ROSTER:
                found = set(re.findall(r"<@(U[A-Z0-9]+)", message.get("text", "")))
                expected += len(found - set(IN_ROSTER))
    result = import_slack(SLACK, slack_roster(tmp_path))
    mentions = result.rejects.loc[result.rejects["reason"].str.startswith("the mentioned")]
    assert len(mentions) == result.counts["mentions_outside_roster"] == expected > 0


def test_a_slack_day_file_that_is_not_json_is_rejected_with_its_line(tmp_path):
    export = tmp_path / "export"
    zipfile.ZipFile(SLACK).extractall(export)
    broken = export / "enrique" / "2016-01-15.json"
    broken.write_text(broken.read_text().replace('"ts": "1452845924.000009"', '"ts": 1452845924,,'))
    result = import_slack(export, slack_roster(tmp_path))
    record = result.rejects.loc[result.rejects["file"] == "enrique/2016-01-15.json"].iloc[0]
    assert record["line"] == 12 and record["reason"].startswith("not valid JSON")
    assert result.counts["files_rejected"] == 1 and len(result.activity) > 0


def test_qualtrics_question_ids_from_either_layout():
    answers = []
    for name, question in (
        ("sample_legacy.csv", "Q1"),
        ("sample.csv", "Q1"),
        ("sample.csv", "QID1"),
        ("sample_legacy.csv", "This is a multiple choice question."),
    ):
        mapping = load_survey_mapping(
            None, wave="2017-Q3", department_value="Marketing", items={"use_internal": question}
        )
        answers.append(import_survey(QUALTRICS / name, mapping, PSEUDONYM).survey["use_internal"])
    assert [list(a) for a in answers] == [["2"]] * 4
    mapping = load_survey_mapping(None, wave="W", department_value="D", items={"policy": "Q9"})
    with pytest.raises(DatasetError, match="no column or question 'Q9'; the columns are 'V1'"):
        import_survey(QUALTRICS / "sample_legacy.csv", mapping, PSEUDONYM)


def test_roster_lines_as_an_editor_shows_them_and_rows_of_the_wrong_width(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text(
        "mail,dept,function\n"
        "a@x.org,Sales,sales\n"
        "\n"  # 3: blank
        "b@x.org,Support,helpdesk\n"  # 4: not a function
        'c@x.org,"IT, north",it,extra\n'  # 5: one field too many
        "d@x.org,IT\n"  # 6: one too few
        "e@x.org,IT,it\n"
    )
    mapping = load_roster_mapping(
        None,
        employee="mail",
        department="dept",
        business_unit="",
        function="function",
        guess_functions=False,
    )
    roster = import_roster(path, mapping, PSEUDONYM)
    assert roster.rejects.set_index("line")["reason"].to_dict() == {
        4: "column 'function': 'helpdesk' is not a function (add it to function_labels)",
        5: "4 fields, expected 3",
        6: "2 fields, expected 3",
    }
    assert len(roster.employees) == 2
    assert (roster.counts["roster_rows"], roster.counts["roster_rows_rejected"]) == (5, 3)


def test_viva_rejects_name_the_roster_and_bad_lines(tmp_path):
    path = tmp_path / "p2p.csv"
    lines = (VIVA / "p2p_data.csv").read_text().splitlines()[:4]
    lines[2] = lines[2].replace("01/04/2023", "2023-01-04")
    lines.append("only,two")
    path.write_text("\n".join(lines) + "\n")
    first = lines[1].split(",")[0]
    roster_path = tmp_path / "people.csv"
    roster_path.write_text(f"mail,dept,viva\nann@x.org,IT,{first}\n")
    roster = import_roster(
        roster_path,
        load_roster_mapping(
            None, employee="mail", department="dept", business_unit="", aliases=["viva"]
        ),
        PSEUDONYM,
    )
    result = import_p2p(path, load_viva_mapping(None), PSEUDONYM, roster)
    assert result.rejects.set_index("line")["reason"].to_dict() == {
        2: "the secondary person is not in the roster people.csv (add their PersonId as a "
        "roster alias)",
        3: "column 'MetricDate': '2023-01-04' is not a date as date_format '%m/%d/%Y' says",
        4: "the primary person is not in the roster people.csv (add their PersonId as a "
        "roster alias)",
        5: "2 fields, expected 7",
    }


def test_viva_sample_files_import_with_the_shipped_mappings(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    ties = pd.read_csv(VIVA / "p2p_data.csv", dtype=str)
    people = sorted(
        set(ties["PrimaryCollaborator_PersonId"]) | set(ties["SecondaryCollaborator_PersonId"])
    )
    roster = tmp_path / "roster.csv"  # the columns docs/mappings/roster.yaml names
    pd.DataFrame(
        {
            "E-mail": [f"person{i}@example.org" for i in range(len(people))],
            "Afdeling": ["Verkoop", "Klantenservice", "IT"] * (len(people) // 3)
            + ["IT"] * (len(people) % 3),
            "Bedrijfsonderdeel": "Contoso",
            "Functiegebied": "",
            "Klantcontact": "nee",
            "Slack ID": "",
            "Viva PersonId": people,
        }
    ).to_csv(roster, index=False, sep=";")
    runner = CliRunner()
    p2p = runner.invoke(
        app,
        [
            "import",
            "viva",
            str(VIVA / "p2p_data.csv"),
            "--mapping",
            str(MAPPINGS / "viva-p2p.yaml"),
            "--roster",
            str(roster),
            "--roster-mapping",
            str(MAPPINGS / "roster.yaml"),
            "--out",
            str(tmp_path / "p2p"),
            "--strict",
        ],
    )
    assert p2p.exit_code == 0, p2p.output
    assert len(pd.read_csv(tmp_path / "p2p" / "activity.csv")) == 2014  # PROVENANCE.txt
    g2g = runner.invoke(
        app,
        [
            "import",
            "viva",
            str(VIVA / "g2g_data.csv"),
            "--mapping",
            str(MAPPINGS / "viva-g2g.yaml"),
            "--out",
            str(tmp_path / "g2g"),
            "--strict",
        ],
    )
    assert g2g.exit_code == 0, g2g.output
    # Microsoft's sample is monthly, day first: 01/04/2023 .. 01/09/2023 are 1 April ..
    # 1 September 2023 (a later version of the same file in the package writes them ISO)
    months = sorted(set(pd.read_csv(tmp_path / "g2g" / "department_ties.csv")["timestamp"]))
    assert months == [f"2023-{m:02d}-01T00:00:00Z" for m in range(4, 10)]
    for folder in ("p2p", "g2g"):
        assert runner.invoke(app, ["validate", str(tmp_path / folder), "--strict"]).exit_code == 0
    attribute = runner.invoke(
        app,
        ["import", "viva", str(VIVA / "p2p_data.csv"), "--out", str(tmp_path / "x")],
        env={"ORGSOCIAL_SECRET": SECRET},
    )
    assert attribute.exit_code == EXIT_BAD_INPUT and "needs --roster" in attribute.output


def test_viva_department_attribute_missing_from_the_export_is_explained(tmp_path):
    mapping = load_viva_mapping(None, department_attribute="Organization")
    with pytest.raises(DatasetError, match="no column 'PrimaryCollaborator_Organization'"):
        import_p2p(VIVA / "p2p_data.csv", mapping, PSEUDONYM, None)


def test_viva_people_take_their_department_from_the_hr_attribute_of_the_export(tmp_path):
    path = tmp_path / "p2p.csv"
    header = "PrimaryCollaborator_PersonId,SecondaryCollaborator_PersonId,MetricDate,"
    header += "PrimaryCollaborator_Organization,SecondaryCollaborator_Organization"
    path.write_text(
        header + "\n"
        "a,b,01/04/2023,Sales,IT\n"
        "b,c,01/04/2023,IT,\n"  # c has no department: the row is set aside
        "c,a,08/04/2023,,Sales\n"  # c is listed without one: still unknown
        "a,b,08/04/2023,Sales,IT\n"
    )
    mapping = load_viva_mapping(None, department_attribute="Organization")
    result = import_p2p(path, mapping, PSEUDONYM, None)
    employees = result.employees
    departments = dict(zip(employees["employee_id"], employees["department"], strict=True))
    assert departments == {PSEUDONYM("a"): "Sales", PSEUDONYM("b"): "IT"}
    assert sorted(result.departments["department"]) == ["IT", "Sales"]
    assert result.activity["actor_id"].tolist() == [PSEUDONYM("a"), PSEUDONYM("a")]
    assert result.activity["target_id"].tolist() == [PSEUDONYM("b"), PSEUDONYM("b")]
    assert result.rejects["reason"].tolist() == [
        "the secondary person has no Organization (HR attribute) in this export",
        "the primary person has no Organization (HR attribute) in this export",
    ]


@pytest.mark.parametrize("kind", ["roster", "slack", "survey", "viva"])
def test_strict_makes_any_reject_fatal_for_every_import(tmp_path, monkeypatch, kind):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "E-mail;Dept;Unit;Slack\nharry@example.org;IT;M;U0BMYT2FL\nhamza@example.org;IT;M;U0BMQB6JE\n"
    )
    roster_mapping = tmp_path / "roster.yaml"
    roster_mapping.write_text(
        "employee: E-mail\ndepartment: Dept\nbusiness_unit: Unit\naliases: [Slack]\n"
    )
    survey_mapping = tmp_path / "survey.yaml"
    survey_mapping.write_text("wave: 2017-Q3\ndepartment_value: IT\nitems: {use_internal: Q2}\n")
    with_roster = ["--roster", str(roster), "--roster-mapping", str(roster_mapping)]
    bad_roster = tmp_path / "bad.csv"
    bad_roster.write_text("E-mail;Dept;Unit;Slack\nx@example.org;;M;U1\n")
    viva = tmp_path / "g2g.csv"
    viva.write_text((VIVA / "g2g_data.csv").read_text().replace(",6080,", ",lots,", 1))
    arguments, where = {
        "roster": (
            [str(bad_roster), "--mapping", str(roster_mapping)],
            "bad.csv: line 2: column 'Dept': empty",
        ),
        "slack": (
            [str(SLACK), *with_roster],
            "enrique/2016-03-17.json: line 76: the Slack user U0BMM2FEH is not in the roster",
        ),
        "survey": (
            [str(QUALTRICS / "sample.csv"), "--mapping", str(survey_mapping)],
            "sample.csv: line 4: column 'Q2': answer 'Hello World!' not understood",
        ),
        "viva": ([str(viva)], "g2g.csv: line 2: column 'Group_email_sent_count': 'lots'"),
    }[kind]
    out = tmp_path / "out"
    strict = CliRunner().invoke(app, ["import", kind, *arguments, "--out", str(out), "--strict"])
    assert strict.exit_code == EXIT_BAD_INPUT, strict.output
    assert where in strict.output and "nothing written" in strict.output
    assert not out.exists()
    lenient = CliRunner().invoke(app, ["import", kind, *arguments, "--out", str(out)])
    assert lenient.exit_code == 0, lenient.output
    assert list(out.glob(f"import_{kind}*_rejects.csv"))  # survey: import_survey-<wave>_…


def test_docs_name_every_edge_list_mapping_key_and_the_real_rejects_file():
    text = (ROOT / "docs" / "importers.md").read_text()
    missing = [f.name for f in fields(EdgeListMapping) if f"`{f.name}`" not in text]
    assert missing == []
    assert "import_rejects.csv" not in text and "import_<kind>_rejects.csv" in text
