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
    imports_nothing = kind in ("roster", "survey")  # the only row is the bad one: exit 2
    assert lenient.exit_code == (EXIT_BAD_INPUT if imports_nothing else 0), lenient.output
    assert list(out.glob(f"import_{kind}*_rejects.csv"))  # survey: import_survey-<wave>_…


def test_docs_name_every_edge_list_mapping_key_and_the_real_rejects_file():
    text = (ROOT / "docs" / "importers.md").read_text()
    missing = [f.name for f in fields(EdgeListMapping) if f"`{f.name}`" not in text]
    assert missing == []
    assert "import_rejects.csv" not in text and "import_<kind>_rejects.csv" in text


SURVEY_HEADER = "Afdeling,Wie beheert sociale media?,Beleid\n"
SURVEY_MAPPING = (
    "wave: 2026-Q3\ndepartment: Afdeling\n"
    "items:\n  ownership: Wie beheert sociale media?\n  policy: Beleid\n"
)


def import_survey_cli(tmp_path: Path, data: bytes, mapping: str = SURVEY_MAPPING, *extra: str):
    """``orgsocial import survey`` of ``data`` (bad.csv) into tmp_path/ds; the CLI's result."""
    (tmp_path / "bad.csv").write_bytes(data)
    (tmp_path / "m.yaml").write_text(mapping)
    arguments = [str(tmp_path / "bad.csv"), "--mapping", str(tmp_path / "m.yaml")]
    out = ["--out", str(tmp_path / "ds")]
    return CliRunner().invoke(app, ["import", "survey", *arguments, *out, *extra])


def test_a_utf8_file_with_a_bad_line_is_read_as_utf8_and_the_line_rejected(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    data = SURVEY_HEADER + "RB Marketing,Eén centraal team,Helemaal mee eens\n"
    result = import_survey_cli(tmp_path, data.encode() + b"RB Sales,\xff\xfe,Mee eens\n")
    assert result.exit_code == 0, result.output
    assert "rejected: bad.csv: line 3: not UTF-8 text" in result.output
    assert "Windows-1252" not in result.output
    survey = pd.read_csv(tmp_path / "ds" / "survey.csv", dtype=str)
    assert survey[["department", "ownership", "policy"]].values.tolist() == [
        ["RB Marketing", "2", "5"]
    ]


def test_a_bad_line_of_an_edge_list_is_rejected_and_a_bad_header_stops_it(tmp_path):
    from orgsocial.importers.edgelist import import_edgelist, load_mapping

    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,dept,unit\nä,Sales,North\nb,Sales,North\n")
    edges = tmp_path / "edges.csv"
    edges.write_bytes("from;to\nä;b\n".encode() + b"b;\xe4\n")
    mapping = load_mapping(
        None, delimiter=";", source="from", target="to", node_id="id", department="dept",
        business_unit="unit", pseudonymise=False,
    )  # fmt: skip
    result = import_edgelist(edges, nodes, mapping)
    assert result.activity["actor_id"].tolist() == ["ä"]
    assert result.rejects[["file", "line", "reason"]].values.tolist() == [
        ["edges.csv", 3, "not UTF-8 text; save the file as UTF-8"]
    ]
    edges.write_bytes(b"fr\xf6m;to\n" + "ä;b\n".encode())
    with pytest.raises(DatasetError, match="line 1: not UTF-8 text; save the file as UTF-8"):
        import_edgelist(edges, nodes, mapping)


def test_a_windows_1252_file_is_read_as_such_and_said_to_be(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    data = SURVEY_HEADER + "RB Marketing,Eén centraal team,Helemaal mee eens\n"
    result = import_survey_cli(tmp_path, data.encode("cp1252"))
    assert result.exit_code == 0, result.output
    warning = f"warning: {tmp_path / 'bad.csv'} is not UTF-8 text: read as Windows-1252"
    assert warning in result.output
    summary = json.loads((tmp_path / "ds" / "import_survey-2026-Q3_summary.json").read_text())
    assert summary["counts"]["files_read_as_windows_1252"] == 1
    survey = pd.read_csv(tmp_path / "ds" / "survey.csv", dtype=str)
    assert survey["ownership"].tolist() == ["2"]


def test_windows_1252_is_said_only_by_the_import_that_read_the_file(tmp_path, monkeypatch, capsys):
    """The fact travels with the import's result: an import that fails once it has read a
    Windows-1252 file leaves nothing for a later import in the same process to warn of (a
    list kept in the module did, unless the command line's import group emptied it first)."""
    from orgsocial import cli

    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("email,afdeling,business_unit\nzoë@x.org,Sales,Noord\n".encode("cp1252"))
    with pytest.raises(DatasetError, match="column 'department' is missing"):
        cli.import_roster_command(legacy, tmp_path / "a")
    roster = tmp_path / "roster.csv"
    roster.write_text("email,department,business_unit\nann@x.org,Sales,Noord\n")
    cli.import_roster_command(roster, tmp_path / "b")
    assert "Windows-1252" not in capsys.readouterr().out
    summary = json.loads((tmp_path / "b" / "import_roster_summary.json").read_text())
    assert "files_read_as_windows_1252" not in summary["counts"]
    legacy.write_bytes("email,department,business_unit\nzoë@x.org,Sales,Noord\n".encode("cp1252"))
    read = import_roster(legacy, load_roster_mapping(None), PSEUDONYM)
    assert read.windows_1252 == (str(legacy),)
    assert read.employees["department"].tolist() == ["Sales"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_excel_unicode_text_utf16_is_read_like_utf8(tmp_path, monkeypatch, encoding):
    """Excel's "Unicode Text" (UTF-16 with its byte-order mark, tab separated) is text,
    not Windows-1252: read as such, with the same survey and no warning."""
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    data = SURVEY_HEADER + "RB Marketing,Eén centraal team,Helemaal mee eens\n"
    tabbed = data.replace(",", "\t")
    bom = "\ufeff" if encoding == "utf-16-be" else ""  # "utf-16" writes its own
    result = import_survey_cli(tmp_path, (bom + tabbed).encode(encoding))
    assert result.exit_code == 0, result.output
    assert "Windows-1252" not in result.output
    assert re.search(r"responses_rejected +0\n", result.output)
    survey = pd.read_csv(tmp_path / "ds" / "survey.csv", dtype=str)
    assert survey[["department", "ownership", "policy"]].values.tolist() == [
        ["RB Marketing", "2", "5"]
    ]


def test_a_byte_windows_1252_does_not_define_rejects_its_line_not_replaced(tmp_path, monkeypatch):
    """0x81 is no character in Windows-1252 either: its record is rejected with the
    reason (as in a UTF-8 file), not imported with a replacement character."""
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    data = SURVEY_HEADER + "RB Marketing,Eén centraal team,Helemaal mee eens\n"
    result = import_survey_cli(tmp_path, data.encode("cp1252") + b"RB Sales\x81,Eigen,Mee eens\n")
    assert result.exit_code == 0, result.output
    assert "rejected: bad.csv: line 3: not UTF-8 text" in result.output
    survey = pd.read_csv(tmp_path / "ds" / "survey.csv", dtype=str)
    assert survey["department"].tolist() == ["RB Marketing"]


def nothing_to_import(tmp_path: Path, kind: str) -> tuple[list[str], str, str]:
    """Arguments of an import of ``kind`` whose every record is rejected, the first reject
    and the rejects file it keeps."""
    roster = tmp_path / "roster.csv"
    roster.write_text("E-mail;Dept;Unit;Slack\nnobody@example.org;IT;M;U1\n")
    roster_mapping = tmp_path / "roster.yaml"
    roster_mapping.write_text(
        "employee: E-mail\ndepartment: Dept\nbusiness_unit: Unit\naliases: [Slack]\n"
    )
    with_roster = ["--roster", str(roster), "--roster-mapping", str(roster_mapping)]
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("id,dept,unit\na,Sales,North\n")
    edges.write_text("from;to\na;x\n")
    edge_mapping = tmp_path / "edges.yaml"
    edge_mapping.write_text(
        "delimiter: ';'\nsource: from\ntarget: to\nnode_id: id\ndepartment: dept\n"
        "business_unit: unit\npseudonymise: false\n"
    )
    bad_roster = tmp_path / "bad.csv"
    bad_roster.write_text("E-mail;Dept;Unit;Slack\nx@example.org;;M;U1\n")
    viva = tmp_path / "g2g.csv"
    viva.write_text("".join((VIVA / "g2g_data.csv").read_text().splitlines(True)[:2]))
    viva.write_text(viva.read_text().replace(",6080,", ",lots,"))
    return {
        "edgelist": (
            [str(edges), "--nodes", str(nodes), "--mapping", str(edge_mapping)],
            "edges.csv: line 2: target is not in the node file nodes.csv",
            "import_edgelist_rejects.csv",
        ),
        "roster": (
            [str(bad_roster), "--mapping", str(roster_mapping)],
            "bad.csv: line 2: column 'Dept': empty",
            "import_roster_rejects.csv",
        ),
        "slack": (
            [str(SLACK), *with_roster],
            "enrique/2016-01-14.json: line 33: the Slack user U0BMQB6JE is not in the roster",
            "import_slack_rejects.csv",
        ),
        "viva": (
            [str(viva), "--mapping", str(MAPPINGS / "viva-g2g.yaml")],
            "g2g.csv: line 2: column 'Group_email_sent_count': 'lots'",
            "import_viva_rejects.csv",
        ),
    }[kind]


@pytest.mark.parametrize("kind", ["edgelist", "roster", "slack", "viva"])
def test_an_import_whose_every_record_is_rejected_imports_nothing_and_exits_2(
    tmp_path, monkeypatch, kind
):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    arguments, first, rejects = nothing_to_import(tmp_path, kind)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["import", kind, *arguments, "--out", str(out)])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert f"rejected: {first}" in result.output
    assert "nothing imported" in result.output and f"wrote {out}" not in result.output
    assert str(out / rejects) in result.output
    assert sorted(p.name for p in out.iterdir()) == [rejects]
    kept = pd.read_csv(out / rejects, dtype=str)
    assert len(kept) and list(kept.columns) == ["file", "line", "reason", "value"]
    check = CliRunner().invoke(
        app, ["import", kind, *arguments, "--out", str(tmp_path / "c"), "--check"]
    )
    assert check.exit_code == EXIT_BAD_INPUT and "nothing imported" in check.output
    assert not (tmp_path / "c").exists()


def test_a_survey_whose_every_row_is_rejected_keeps_them_under_its_wave(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    data = SURVEY_HEADER + "RB Marketing,Een paar mensen,Helemaal mee eens\n"
    result = import_survey_cli(tmp_path, data.encode())
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "rejected: bad.csv: line 2: column 'Wie beheert sociale media?'" in result.output
    assert "nothing imported" in result.output
    assert sorted(p.name for p in (tmp_path / "ds").iterdir()) == [
        "import_survey-2026-Q3_rejects.csv"
    ]
    check = import_survey_cli(tmp_path, data.encode(), SURVEY_MAPPING, "--check")
    assert check.exit_code == EXIT_BAD_INPUT and "nothing imported" in check.output


def test_a_wave_imported_again_with_every_row_rejected_keeps_the_wave_there(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    good = SURVEY_HEADER + "RB Marketing,Eén centraal team,Helemaal mee eens\nRB Sales,x,4\n"
    assert import_survey_cli(tmp_path, good.encode()).exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "ds").iterdir()}
    bad = SURVEY_HEADER + "RB Marketing,Een paar mensen,Helemaal mee eens\n"
    result = import_survey_cli(tmp_path, bad.encode())
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    after = {p.name: p.read_bytes() for p in (tmp_path / "ds").iterdir()}
    assert after.pop("import_survey-2026-Q3-2_rejects.csv")  # the first import's stay as they were
    assert after == before


def test_an_anonymous_survey_needs_no_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("ORGSOCIAL_SECRET", raising=False)
    data = SURVEY_HEADER + "RB Marketing,Eén centraal team,Helemaal mee eens\n"
    result = import_survey_cli(tmp_path, data.encode())
    assert result.exit_code == 0, result.output
    identified = SURVEY_MAPPING + "respondent: Afdeling\n"
    refused = import_survey_cli(tmp_path, data.encode(), identified, "--check")
    assert refused.exit_code == EXIT_BAD_INPUT and "needs a secret" in refused.output


def test_an_answer_not_understood_names_labels_of_its_scale_and_the_docs_list_them(tmp_path):
    from orgsocial.importers.surveys import AGREEMENT_LABELS, FREQUENCY_LABELS, OWNERSHIP_LABELS

    data = SURVEY_HEADER + "RB Marketing,Een paar mensen,Helemaal mee eens\n"
    (tmp_path / "bad.csv").write_bytes(data.encode())
    mapping = load_survey_mapping(
        None, wave="W", department="Afdeling", items={"ownership": "Wie beheert"}
    )
    reason = import_survey(tmp_path / "bad.csv", mapping, PSEUDONYM).rejects["reason"][0]
    assert "a number 1 to 4, or a label: 'individual enthusiasts' (1), 'one central team'" in reason
    assert "docs/importers.md, 'Answer labels'" in reason
    docs = (ROOT / "docs" / "importers.md").read_text()
    labels = {**AGREEMENT_LABELS, **FREQUENCY_LABELS, **OWNERSHIP_LABELS}
    assert [label for label in labels if f"`{label}`" not in docs] == []
