"""Importers for the sources people have: roster, Slack, surveys, Viva Insights.

Real exports (tests/data/real, with provenance) are checked against counts
computed here from the raw files; every output is searched for the sources'
personal data.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.importers import tables
from orgsocial.importers.pseudonym import Pseudonymiser, load_pseudonymiser
from orgsocial.importers.roster import guess_function, import_roster, load_roster_mapping
from orgsocial.importers.slack import import_slack
from orgsocial.importers.surveys import (
    AGREEMENT_LABELS,
    FREQUENCY_LABELS,
    OWNERSHIP_LABELS,
    answer_value,
    detect_format,
    import_survey,
    label_key,
    load_survey_mapping,
)
from orgsocial.importers.tables import read_table
from orgsocial.importers.viva import import_g2g, import_p2p, load_viva_mapping
from orgsocial.io.contract import SURVEY_ITEM_BY_NAME

REAL = Path(__file__).parent / "data" / "real"
SLACK = REAL / "slack-export-hfaran-sample" / "testarchive.zip"
QUALTRICS = REAL / "qualtrics-export-samples"
VIVA = REAL / "vivainsights-demo-NOT-REAL"
SECRET = "a secret for the tests, long enough"
PSEUDONYM = Pseudonymiser(SECRET.encode())


def everything_written(folder: Path) -> str:
    return "\n".join(
        p.read_text(errors="replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".csv", ".json", ".html", ".ipynb")
    )


# --- pseudonyms ----------------------------------------------------------------


def test_pseudonyms_are_keyed_stable_and_need_a_secret(monkeypatch, tmp_path):
    other = Pseudonymiser(b"another secret, also long enough")
    assert PSEUDONYM("Ann@Example.org") == PSEUDONYM(" ann@example.org")
    assert PSEUDONYM("ann@example.org") != other("ann@example.org")
    assert "ann" not in PSEUDONYM("ann@example.org")
    monkeypatch.delenv("ORGSOCIAL_SECRET", raising=False)
    with pytest.raises(ParameterError, match="needs a secret"):
        load_pseudonymiser()
    with pytest.raises(ParameterError, match="at least 16 bytes"):
        Pseudonymiser(b"short")
    secret = tmp_path / "secret"
    secret.write_text(SECRET + "\n")
    assert load_pseudonymiser(secret)("x") == PSEUDONYM("x")


# --- roster --------------------------------------------------------------------

ROSTER_ROWS = [
    {
        "E-mail": "harry@example.org",
        "Name": "Harry Potter",
        "Dept": "Klantenservice",
        "Unit": "Magellan",
        "Slack": "U0BMYT2FL",
    },
    {
        "E-mail": "doubledeez@example.org",
        "Name": "Dee Dee",
        "Dept": "Marketing",
        "Unit": "Magellan",
        "Slack": "U0BMS113R",
    },
    {
        "E-mail": "hamza@example.org",
        "Name": "Hamza F",
        "Dept": "IT",
        "Unit": "Magellan",
        "Slack": "U0BMQB6JE",
    },
    {
        "E-mail": "heroes@example.org",
        "Name": "H Hannibal",
        "Dept": "IT",
        "Unit": "Magellan",
        "Slack": "U0BMM2FEH",
    },
]
ROSTER_MAPPING = {
    "employee": "E-mail",
    "department": "Dept",
    "business_unit": "Unit",
    "aliases": ["Slack"],
}


def roster_file(folder: Path, rows=ROSTER_ROWS, kind: str = "csv") -> Path:
    frame = pd.DataFrame(rows)
    path = folder / f"roster.{kind}"
    if kind == "xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False, sep=";")  # a semicolon export, as Excel writes in NL
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_roster_into_departments_and_pseudonymous_employees(tmp_path, kind):
    rows = [
        *ROSTER_ROWS,
        {"E-mail": "HARRY@example.org", "Dept": "IT", "Unit": "Magellan"},
        {"E-mail": "nodept@example.org", "Dept": "", "Unit": "Magellan"},
    ]
    roster = import_roster(
        roster_file(tmp_path, rows, kind), load_roster_mapping(None, **ROSTER_MAPPING), PSEUDONYM
    )
    assert len(roster.employees) == 4
    assert roster.departments.set_index("department")["function"].to_dict() == {
        "IT": "it",
        "Klantenservice": "customer_service",
        "Marketing": "marketing",
    }
    assert (
        roster.departments.set_index("department").loc["Klantenservice", "customer_facing"]
        == "true"
    )
    reasons = roster.rejects["reason"].tolist()
    assert reasons == ["the same person as on line 2", "column 'Dept': empty"]
    assert roster.employee_for("U0BMYT2FL") == roster.employee_for("harry@example.org")
    written = roster.employees.to_csv() + roster.departments.to_csv()
    assert "Harry" not in written and "example.org" not in written


def test_guess_function_in_english_and_dutch():
    assert guess_function("Afdeling Communicatie") == "communications"
    assert guess_function("Sales Benelux") == "sales"
    assert guess_function("Board of Directors") == "management"


# --- Slack -----------------------------------------------------------------------


def slack_raw_counts() -> dict[str, int]:
    """Counted here from the export's JSON, independently of the importer."""
    archive = zipfile.ZipFile(SLACK)
    users = json.loads(archive.read("users.json"))
    ids = {u["id"] for u in users}
    kinds: Counter[str] = Counter()
    mentions = 0
    for name in archive.namelist():
        if name.count("/") != 1 or not name.endswith(".json"):
            continue
        for message in json.loads(archive.read(name)):
            subtype = message.get("subtype")
            kinds[subtype or "plain"] += 1
            if subtype in (None, "file_share", "file_comment"):
                author = message.get("user") or message.get("comment", {}).get("user")
                found = set(re.findall(r"<@(U[A-Z0-9]+)", message.get("text", ""))) - {author}
                mentions += len(found & ids)
    return {
        "plain": kinds["plain"],
        "bot_message": kinds["bot_message"],
        "file": kinds["file_share"] + kinds["file_comment"],
        "system": kinds["channel_join"] + kinds["bot_add"],
        "mentions": mentions,
        "total": sum(kinds.values()),
    }


@pytest.fixture
def roster(tmp_path):
    return import_roster(
        roster_file(tmp_path), load_roster_mapping(None, **ROSTER_MAPPING), PSEUDONYM
    )


def test_slack_export_counts_match_the_raw_json(roster):
    raw = slack_raw_counts()
    assert (raw["plain"], raw["bot_message"], raw["total"]) == (49, 94, 158)  # PROVENANCE.txt
    result = import_slack(SLACK, roster)
    counts = result.counts
    assert counts["messages"] == raw["total"]
    assert counts["posts"] == raw["plain"] + raw["file"]
    assert counts["bot_skipped"] == raw["bot_message"]
    assert counts["system_skipped"] == raw["system"]
    assert counts["mentions"] == raw["mentions"] > 0
    actions = result.activity["action"].value_counts().to_dict()
    assert actions == {"post": counts["posts"], "mention": counts["mentions"]}
    assert set(result.activity["actor_id"]) <= set(roster.employees["employee_id"])


def test_slack_folder_and_zip_give_the_same_events(roster, tmp_path):
    folder = tmp_path / "export"
    zipfile.ZipFile(SLACK).extractall(folder)
    assert import_slack(folder, roster).activity.equals(import_slack(SLACK, roster).activity)


def test_slack_threads_dms_and_people_outside_the_roster(roster, tmp_path):
    export = tmp_path / "export"
    (export / "general").mkdir(parents=True)
    (export / "D1").mkdir()
    (export / "users.json").write_text(
        json.dumps(
            [{"id": u, "name": u} for u in ("U0BMYT2FL", "U0BMS113R", "U0BMQB6JE", "UOUTSIDER")]
        )
    )
    (export / "channels.json").write_text(json.dumps([{"id": "C1", "name": "general"}]))
    (export / "dms.json").write_text(
        json.dumps([{"id": "D1", "members": ["U0BMYT2FL", "U0BMQB6JE"]}])
    )
    (export / "general" / "2026-07-01.json").write_text(
        json.dumps(
            [
                {
                    "type": "message",
                    "user": "U0BMYT2FL",
                    "text": "start",
                    "ts": "100.000001",
                    "thread_ts": "100.000001",
                },
                {
                    "type": "message",
                    "user": "U0BMS113R",
                    "text": "answer <@U0BMQB6JE|hamza>",
                    "ts": "200.000002",
                    "thread_ts": "100.000001",
                },
                {"type": "message", "user": "UOUTSIDER", "text": "hi", "ts": "300.0"},
            ],
            indent=2,
        )
    )
    (export / "D1" / "2026-07-01.json").write_text(
        json.dumps([{"type": "message", "user": "U0BMQB6JE", "text": "private", "ts": "400.0"}])
    )
    result = import_slack(export, roster)
    events = result.activity.set_index("event_id")
    reply = events.loc["slack:C1:200.000002"]
    assert reply["action"] == "reply" and reply["in_reply_to"] == "slack:C1:100.000001"
    assert events.loc["slack:C1:200.000002:m1", "target_id"] == roster.employee_for("U0BMQB6JE")
    dm = events.loc["slack:D1:400.0"]
    assert dm["action"] == "message" and dm["target_id"] == roster.employee_for("U0BMYT2FL")
    starts = [
        number
        for number, line in enumerate(
            (export / "general" / "2026-07-01.json").read_text().splitlines(), start=1
        )
        if line == "  {"
    ]
    assert result.rejects.to_dict("records") == [
        {
            "file": "general/2026-07-01.json",
            "line": starts[2],
            "reason": "the Slack user UOUTSIDER is not in the roster roster.csv "
            "(add a roster row with that id as an alias)",
            "value": "UOUTSIDER",
        }
    ]
    assert "private" not in result.activity.to_csv() and "answer" not in result.activity.to_csv()


def test_slack_import_end_to_end_validates_reports_and_leaks_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    roster_path = roster_file(tmp_path)
    mapping = tmp_path / "roster.yaml"
    mapping.write_text(json.dumps(ROSTER_MAPPING))  # JSON is YAML
    out = tmp_path / "dataset"
    runner = CliRunner()
    imported = runner.invoke(
        app,
        [
            "import",
            "slack",
            str(SLACK),
            "--roster",
            str(roster_path),
            "--roster-mapping",
            str(mapping),
            "--out",
            str(out),
        ],
    )
    assert imported.exit_code == 0, imported.output
    survey_mapping = tmp_path / "survey.yaml"
    survey_mapping.write_text(
        json.dumps(
            {
                "wave": "2016-Q1",
                "respondent": "RecipientEmail",
                "department_value": "IT",
                "items": {"policy": "This is a multiple choice question."},
            }
        )
    )
    survey = runner.invoke(
        app,
        [
            "import",
            "survey",
            str(QUALTRICS / "sample.csv"),
            "--mapping",
            str(survey_mapping),
            "--out",
            str(out),
        ],
    )
    assert survey.exit_code == 0, survey.output
    assert runner.invoke(app, ["validate", str(out), "--strict"]).exit_code == 0
    reports = tmp_path / "reports"
    report = runner.invoke(
        app, ["report", str(out), "--out", str(reports), "--no-progress", "--min-group-size", "1"]
    )
    assert report.exit_code == 0, report.output
    text = everything_written(out) + everything_written(reports)
    personal = [
        "harry@example.org",
        "Harry Potter",
        "Hermione",
        "abilinski",
        "hamza",
        "U0BMYT2FL",
        "U0BMQB6JE",
        "130.92.34.66",
        "47.115097045898",
        "R_2YPOQ602ER1jkf1",
    ]
    assert [value for value in personal if value in text] == []


# --- surveys ---------------------------------------------------------------------


def test_qualtrics_current_and_legacy_layouts():
    assert detect_format(read_table(QUALTRICS / "sample.csv")) == "qualtrics"
    assert detect_format(read_table(QUALTRICS / "sample_legacy.csv")) == "qualtrics_legacy"
    found = []
    for name, respondent in (
        ("sample.csv", "RecipientEmail"),
        ("sample_legacy.csv", "EmailAddress"),
    ):
        mapping = load_survey_mapping(
            None,
            wave="2017-Q3",
            respondent=respondent,
            department_value="Marketing",
            items={"policy": "This is a multiple choice question."},
        )
        result = import_survey(QUALTRICS / name, mapping, PSEUDONYM)
        found.append(result.survey.to_dict("records"))
        text = result.survey.to_csv()
        assert "130.92.34.66" not in text and "Hello World" not in text and "47.11" not in text
    assert (
        found[0]
        == found[1]
        == [{"respondent_id": "", "department": "Marketing", "wave": "2017-Q3", "policy": "2"}]
    )


@pytest.mark.parametrize(
    ("name", "layout", "question"),
    [
        ("sample.csv", "qualtrics", "QID1"),
        ("sample_legacy.csv", "qualtrics_legacy", "This is a multiple choice question."),
    ],
)
def test_a_survey_export_is_read_once_to_find_its_layout_and_import_it(
    name, layout, question, monkeypatch
):
    """The reading that finds the layout is the one imported (the file was read twice),
    and gives what the reading with the layout's header rows gives."""
    reads = []
    read_text = tables.read_text
    monkeypatch.setattr(tables, "read_text", lambda path: reads.append(path) or read_text(path))
    settings = {"wave": "2017-Q3", "department_value": "Marketing", "items": {"policy": question}}
    found = import_survey(QUALTRICS / name, load_survey_mapping(None, **settings), PSEUDONYM)
    assert reads == [QUALTRICS / name]
    named = load_survey_mapping(None, format=layout, **settings)
    given = import_survey(QUALTRICS / name, named, PSEUDONYM)
    assert found.layout == given.layout == layout
    assert found.survey.equals(given.survey) and found.rejects.equals(given.rejects)
    assert found.survey["policy"].tolist() == ["2"]


def test_the_layout_of_a_survey_is_found_on_the_sheet_the_mapping_names(tmp_path):
    """It was found on the first sheet, whatever the mapping's sheet: here an empty one."""
    path = tmp_path / "forms.xlsx"
    with pd.ExcelWriter(path) as workbook:
        pd.DataFrame().to_excel(workbook, sheet_name="Uitleg", index=False)
        pd.DataFrame(
            {"Start time": ["x"], "Completion time": ["y"], "Beleid": ["Mee eens"]}
        ).to_excel(workbook, sheet_name="Antwoorden", index=False)
    settings = {"wave": "W", "department_value": "D", "items": {"policy": "Beleid"}}
    mapping = load_survey_mapping(None, sheet="Antwoorden", **settings)
    result = import_survey(path, mapping, PSEUDONYM)
    assert result.layout == "forms" and result.survey["policy"].tolist() == ["4"]


def test_microsoft_forms_xlsx_with_dutch_labels_and_departments_from_the_roster(roster, tmp_path):
    path = tmp_path / "forms.xlsx"
    pd.DataFrame(
        {
            "ID": [1, 2, 3],
            "Start time": ["x"] * 3,
            "Completion time": ["y"] * 3,
            "Email": ["harry@example.org", "hamza@example.org", "stranger@example.org"],
            "Name": ["Harry Potter", "Hamza", "S"],
            "Er is een socialemediabeleid dat ik ken.": [
                "Helemaal mee eens",
                "Mee oneens",
                "Neutraal",
            ],
            "Ik gebruik sociale tools om met collega's te werken.": [
                "Wekelijks",
                "Dagelijks",
                "Nooit",
            ],
        }
    ).to_excel(path, index=False)
    assert detect_format(read_table(path)) == "forms"
    mapping = load_survey_mapping(
        None,
        wave="2026-Q3",
        respondent="Email",
        items={"policy": "socialemediabeleid", "use_internal": "sociale tools"},
    )
    result = import_survey(path, mapping, PSEUDONYM, roster)
    rows = result.survey.to_dict("records")
    assert [(r["department"], r["policy"], r["use_internal"]) for r in rows] == [
        ("Klantenservice", "5", "4"),
        ("IT", "2", "5"),
    ]
    assert rows[0]["respondent_id"] == roster.employee_for("harry@example.org")
    assert result.rejects["reason"].tolist() == [  # the stranger
        "no department: the respondent is not in the roster roster.csv"
    ]


def test_google_forms_csv_and_unreadable_answers(tmp_path):
    path = tmp_path / "google.csv"
    path.write_text(
        "Timestamp,Email Address,Department,There is a social media policy that I know.\n"
        "2026/07/01 10:00:00,a@x.org,Sales,4 - Agree\n"
        "2026/07/01 11:00:00,b@x.org,Sales,perhaps\n"
    )
    mapping = load_survey_mapping(
        None,
        wave="2026-Q3",
        respondent="Email Address",
        department="Department",
        items={"policy": "policy"},
    )
    result = import_survey(path, mapping, PSEUDONYM)
    assert result.survey["policy"].tolist() == ["4"]
    assert result.rejects.to_dict("records") == [
        {
            "file": "google.csv",
            "line": 3,
            "reason": "column 'There is a social media policy that I know.': answer 'perhaps' "
            "not understood for policy (agreement scale: a number 1 to 5, or a label: "
            "'strongly disagree' (1), 'disagree' (2), 'neither agree nor disagree' (3), "
            "'agree' (4), 'strongly agree' (5), or another in English or Dutch "
            "(docs/importers.md, 'Answer labels'); add your own labels under 'answers' in the "
            "mapping)",
            "value": "",
        }
    ]


@pytest.mark.parametrize(
    "answer",
    ["één centraal team", "Één centraal team", "Eén centraal team", "EÉN CENTRAAL TEAM",
     "Een centraal team", " one  CENTRAL team "],
)  # fmt: skip
def test_answer_labels_match_whatever_their_case_and_accents(answer):
    ownership = SURVEY_ITEM_BY_NAME["ownership"]
    assert answer_value(answer, ownership, {}) == 2.0
    extra = load_survey_mapping(None, answers={"Één keer": 1}).answers
    assert answer_value("EEN KEER", ownership, extra) == 1.0


def test_no_two_answer_labels_collide_once_normalised():
    for table in (AGREEMENT_LABELS, FREQUENCY_LABELS, OWNERSHIP_LABELS):
        assert len({label_key(label) for label in table}) == len(table)


def test_survey_mapping_errors_are_clear():
    with pytest.raises(ParameterError, match="not items of the instrument"):
        load_survey_mapping(None, items={"happiness": "Q1"})
    mapping = load_survey_mapping(None, wave="W", department_value="D", items={"policy": "nothing"})
    with pytest.raises(DatasetError, match="no column or question 'nothing'"):
        import_survey(QUALTRICS / "sample.csv", mapping, PSEUDONYM)


def test_a_mapping_with_a_misspelt_key_names_its_file_and_the_key_meant(tmp_path):
    typo = tmp_path / "survey.yaml"
    typo.write_text("item:\n  use_internal: Q1\nwave: 2016-Q1\n")
    message = (
        f"{typo}: survey mapping: unknown key(s) 'item' (did you mean 'items'?); "
        "the keys are format, wave"
    )
    with pytest.raises(ParameterError, match=re.escape(message)):
        load_survey_mapping(typo)
    with pytest.raises(ParameterError, match=r"^viva mapping: unknown key\(s\) 'nonsense';"):
        load_viva_mapping(None, nonsense=1)


def test_a_misspelt_function_in_function_labels_is_refused_naming_the_file_key_and_value(
    tmp_path, monkeypatch
):
    """It was guessed from the department's name without a word: Klantenservice became
    ``other`` instead of customer_service, and the import exited 0 (the new-user trial)."""
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    rows = [{**row, "Function": row["Dept"]} for row in ROSTER_ROWS]
    source, mapping, out = roster_file(tmp_path, rows), tmp_path / "roster.yaml", tmp_path / "o"
    labels = {"Klantenservice": "customer_servce", "Marketing": "Marketing", "IT": "it"}
    mapping.write_text(
        json.dumps({**ROSTER_MAPPING, "function": "Function", "function_labels": labels})
    )
    arguments = ["import", "roster", str(source), "--mapping", str(mapping), "--out", str(out)]
    result = CliRunner().invoke(app, arguments)
    message = (
        f"error: {mapping}: roster mapping: function_labels 'Klantenservice': 'customer_servce' "
        "(did you mean 'customer_service'?) is not one of the data contract's functions "
        "(marketing, communications, customer_service, sales, hr, it, finance, operations, "
        "legal, product, management, other)\n"
    )
    assert result.exit_code == EXIT_BAD_INPUT == 2
    assert result.output == message  # one line, no traceback
    assert not out.exists()
    mapping.write_text(mapping.read_text().replace("customer_servce", "Customer Service"))
    fixed = CliRunner().invoke(app, arguments)
    assert fixed.exit_code == 0, fixed.output
    functions = pd.read_csv(out / "departments.csv").set_index("department")["function"]
    assert functions.to_dict() == {
        "IT": "it",
        "Klantenservice": "customer_service",
        "Marketing": "marketing",
    }


def test_a_misspelt_customer_facing_function_is_refused():
    with pytest.raises(
        ParameterError,
        match=re.escape(
            "roster mapping: customer_facing_functions: 'slaes' (did you mean 'sales'?) is not one"
        ),
    ):
        load_roster_mapping(None, customer_facing_functions=["customer_service", "slaes"])
    with pytest.raises(ParameterError, match="function_labels must map the roster's words"):
        load_roster_mapping(None, function_labels=["customer_service"])
    one = load_roster_mapping(None, customer_facing_functions="Customer-Service")
    assert one.customer_facing_functions == ("customer_service",)


def test_a_missing_slack_export_is_said_to_be_missing(roster, tmp_path):
    with pytest.raises(DatasetError, match=r"nosuch\.zip: does not exist"):
        import_slack(tmp_path / "nosuch.zip", roster)


# --- Viva Insights ---------------------------------------------------------------


def test_viva_person_to_person_ties_become_interactions(tmp_path):
    ties = pd.read_csv(VIVA / "p2p_data.csv", dtype=str)
    assert len(ties) == 2014  # PROVENANCE.txt
    people = sorted(
        set(ties["PrimaryCollaborator_PersonId"]) | set(ties["SecondaryCollaborator_PersonId"])
    )
    departments = ["Sales", "Marketing", "IT", "Finance"]
    rows = [
        {"mail": f"person{i}@example.org", "dept": departments[i % 4], "viva": person}
        for i, person in enumerate(people)
    ]
    roster_path = tmp_path / "roster.csv"
    pd.DataFrame(rows).to_csv(roster_path, index=False)
    roster = import_roster(
        roster_path,
        load_roster_mapping(
            None, employee="mail", department="dept", business_unit="", aliases=["viva"]
        ),
        PSEUDONYM,
    )
    result = import_p2p(VIVA / "p2p_data.csv", load_viva_mapping(None), PSEUDONYM, roster)
    assert len(result.activity) == 2014 and result.rejects.empty
    # the people the events are between are the roster's: the import holds them (it held none)
    assert result.departments is roster.departments and result.employees is roster.employees
    assert set(result.activity["timestamp"]) == {"2023-01-04T00:00:00Z"}
    assert not set(result.activity["actor_id"]) & set(people)  # ids are pseudonymised again


def test_a_viva_export_is_read_once_to_tell_its_kind_and_import_it(tmp_path, monkeypatch):
    reads = []
    read_text = tables.read_text
    monkeypatch.setattr(tables, "read_text", lambda path: reads.append(path) or read_text(path))
    source, out = VIVA / "g2g_data.csv", tmp_path / "g2g"
    result = CliRunner().invoke(app, ["import", "viva", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert reads == [source]  # it was read twice
    assert sorted(path.name for path in out.glob("*.csv")) == [
        "activity.csv",
        "department_ties.csv",
        "departments.csv",
        "employees.csv",
    ]


@pytest.mark.parametrize("form", ["%q/%m/%Y", "%d/%m/%", 5])
def test_a_viva_date_format_that_is_none_is_refused_in_one_line(tmp_path, form):
    config = tmp_path / "viva.yaml"  # "%q/%m/%Y" was ValueError: 'q' is a bad directive, exit 1
    config.write_text(f"date_format: {json.dumps(form)}\n")
    arguments = ["import", "viva", str(VIVA / "g2g_data.csv"), "--mapping", str(config)]
    result = CliRunner().invoke(app, [*arguments, "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.output.startswith(f"error: {config}: viva mapping: date_format {form!r} is not")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_viva_group_to_group_feeds_the_department_graph(tmp_path):
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.importers import write_import
    from orgsocial.io.dataset import load_dataset

    raw = pd.read_csv(VIVA / "g2g_data.csv")
    pseudo = raw["SecondaryCollaborator_Organization"].str.contains("Unclassified|Within Group")
    real = raw.loc[~pseudo]
    expected: Counter[tuple[str, str]] = Counter()
    for row in real.itertuples():
        pair = tuple(
            sorted((row.PrimaryCollaborator_Organization, row.SecondaryCollaborator_Organization))
        )
        expected[pair] += row.Group_email_sent_count
    result = import_g2g(VIVA / "g2g_data.csv", load_viva_mapping(None))
    assert result.counts["ties"] == len(real)
    frames = {
        "departments": result.departments,
        "employees": result.employees,
        "department_ties": result.department_ties,
        "activity": result.activity,
    }
    write_import(tmp_path, "viva", frames, result.rejects, result.counts)
    dataset = load_dataset(tmp_path)
    assert len(dataset.employees) == result.counts["placeholder_employees"]
    edges = analyse(dataset, load_settings().with_min_group_size(1), trend_by=None).department_edges
    found = {(r["source"], r["target"]): r["weight"] for r in edges.to_dict("records")}
    assert found == pytest.approx({pair: float(n) for pair, n in expected.items()})


def test_import_commands_refuse_without_a_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("ORGSOCIAL_SECRET", raising=False)
    result = CliRunner().invoke(
        app, ["import", "roster", str(roster_file(tmp_path)), "--out", str(tmp_path / "d")]
    )
    assert result.exit_code == EXIT_BAD_INPUT and "needs a secret" in result.output


def test_group_ties_only_where_no_person_level_data_exists(dataset_folder):
    from conftest import write_csv
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset

    folder = dataset_folder()
    write_csv(
        folder / "department_ties.csv",
        [
            {"source": "Marketing", "target": "Service", "weight": 100},  # both have interactions
            {"source": "Ops", "target": "Tiny", "weight": 7},  # Ops and Tiny have some too
        ],
    )
    dataset = load_dataset(folder)
    assert len(dataset.department_ties) == 2
    edges = analyse(dataset, load_settings().with_min_group_size(1), trend_by=None).department_edges
    assert edges.set_index(["source", "target"])["weight"].to_dict() == {
        ("Marketing", "Ops"): 1,
        ("Marketing", "Service"): 3,
        ("Service", "Tiny"): 1,
    }
