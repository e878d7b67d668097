"""Verdicts on real organisations (tests/data/real, with provenance), imported as a new user
would: no unit is claimed to be in Full integration without activity outside or a survey,
and every verdict says what the data cannot decide."""

from __future__ import annotations

import json
import re

import pandas as pd
from typer.testing import CliRunner

from orgsocial.cli import app
from orgsocial.reporting.text import label
from test_import_sources import ROSTER_MAPPING, SECRET, SLACK, roster_file
from test_real_organisations import MAPPINGS, REAL


def run(*arguments: str) -> None:
    result = CliRunner().invoke(app, [*arguments])
    assert result.exit_code == 0, result.output


def test_the_manufacturing_email_is_never_full_integration_and_says_why(tmp_path):
    data = REAL / "manufacturing-company-email"
    dataset, out = tmp_path / "dataset", tmp_path / "reports"
    run(
        "import",
        "edgelist",
        str(data / "communication.csv"),
        "--nodes",
        str(data / "reportsto.csv"),
        "--mapping",
        str(MAPPINGS / "manufacturing-email.yaml"),
        "--out",
        str(dataset),
    )
    run("report", str(dataset), "--out", str(out), "--no-progress")
    units = pd.read_csv(out / "analysis" / "units.csv")
    meta = json.loads((out / "analysis" / "meta.json").read_text())
    assert meta["headline_period"] == "2010-Q3"  # Jan-Sep 2010: the latest complete quarter
    classified = units.loc[units["phase"].notna()]
    assert len(classified) >= 8
    assert (classified["phase"] < 4).all()
    for record in classified.to_dict("records"):
        notes = set(record["notes"].split(";"))
        assert {"undecided", "no_survey", "no_external", "not_social"} <= notes, record
        assert record["at_least"] and record["phase_max"] == 4
        assert "external_active_share" in record["undecided"].split(",")
        assert record["verdict"].startswith("At least") and record["verdict"].endswith("2010-Q3")
        assert "email" in record["provisional_reasons"]
        # the risk is a measured fact of this unit (every phase left open is weighed), or,
        # where nothing is measured (one department), says that it cannot be told yet;
        # never the model's sentence for one phase. The steps ask for the deciding data
        if record["departments"] >= 2 and pd.notna(record["departments_active_share"]):
            # a measured risk, or measures that show none holding most of the activity
            assert re.search(r"\d+%", record["risk"]) or record["risk"].startswith(
                "No main risk shows in this unit's figures"
            ), record["risk"]
        elif record["departments"] >= 2:
            # units 104 and 27 (a 2-person team beside one other): privacy withholds the
            # figures a risk would quote (docs/outputs.md), and the risk says so
            assert record["risk"].startswith("Not shown: privacy withholds the figures"), record
            assert "privacy withholds" in record["risk"]
        else:
            assert re.search(r"\d+%", record["risk"]) or record["risk"].startswith(
                "Not known yet: the data measure none of the risks"
            ), record["risk"]
        assert record["next_steps"].startswith(
            "Ask HR or communications to run the social media adoption survey"
        )
    index = (out / "index.html").read_text()
    assert "At least" in index and "Provisional" in index
    page = next(out.glob("unit-unit-69-*.html")).read_text()
    assert "Over the whole window (2 Jan – 30 Sep 2010): at least Centralisation." in page


def test_the_slack_export_is_never_full_integration(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    mapping = tmp_path / "roster.yaml"
    mapping.write_text(json.dumps(ROSTER_MAPPING))
    dataset = tmp_path / "dataset"
    run(
        "import",
        "slack",
        str(SLACK),
        "--roster",
        str(roster_file(tmp_path)),
        "--roster-mapping",
        str(mapping),
        "--out",
        str(dataset),
    )
    run("analyse", str(dataset), "--out", str(tmp_path / "out"), "--min-group-size", "1")
    units = pd.read_csv(tmp_path / "out" / "units.csv")
    assert not (units["phase"] == 4).any()
    classified = units.loc[units["phase"].notna()]
    assert classified["provisional"].all()


def test_undated_data_are_said_to_carry_no_dates(tmp_path):
    """Lazega's law firm has no dates: every event gets the mapping's default_time, so the
    verdict says the data carry no dates, not that they cover part of a quarter."""
    data = REAL / "lazega-lawfirm"
    dataset = tmp_path / "dataset"
    run("import", "edgelist", str(data / "ELwork.dat"), "--nodes", str(data / "ELattr.dat"),
        "--mapping", str(MAPPINGS / "lazega-cowork.yaml"), "--out", str(dataset))  # fmt: skip
    summary = json.loads((dataset / "import_edgelist_summary.json").read_text())
    assert summary["counts"]["events_at_default_time"] == summary["counts"]["events"] > 0
    for lang, said in (
        ("en", "the data carry no dates (every event has the one time the import gave it), "
         "so the verdict is for the data as a whole"),
        ("nl", "de gegevens hebben geen datums (elke gebeurtenis heeft het ene tijdstip dat de "
         "import eraan gaf), dus het oordeel geldt voor de gegevens als geheel"),
    ):  # fmt: skip
        out = tmp_path / lang
        run("analyse", str(dataset), "--out", str(out), "--lang", lang)
        units = pd.read_csv(out / "units.csv")
        assert (units["period_note"] == "undated:1990-01-01").all()
        # the step to mark customer-facing departments says where the analyst does so, for
        # imported data too, in words a leader can pass on (no column name)
        steps = " ".join(units["next_steps"].dropna())
        where = (
            "het personeelsbestand of de importmapping" if lang == "nl" else "the import mapping"
        )
        assert where in steps
        assert "customer_facing" not in steps
        shown = units["provisional_reasons"].dropna()  # Providence is withheld for privacy
        assert len(shown) == 2
        for reasons in shown:
            assert reasons.split(" | ")[0] == said
            assert "1990" not in reasons  # the time the import gave them is made up
        # the verdict, the steps and the trend speak of the data as a whole, not of a quarter
        words = UNDATED_WORDS[lang]
        assert set(units["verdict"].dropna()) >= {words["verdict"]}
        assert units["verdict"].str.contains("1990").sum() == 0
        assert units.loc[units["phase"].notna(), "trend"].isna().all()  # one undated "period"
        assert words["step"] in units.loc[units["phase"].notna(), "next_steps"].iloc[0]
    terminal = CliRunner().invoke(app, ["analyse", str(dataset), "--out", str(tmp_path / "t")])
    assert "verdicts for the data as a whole (they carry no dates):" in terminal.output
    assert "1990-Q1" not in terminal.output
    for period in ("2026-Q1", "1990-Q1"):  # no period of undated data, not even the made-up one
        chosen = CliRunner().invoke(
            app, ["analyse", str(dataset), "--out", str(tmp_path / "p"), "--period", period]
        )
        assert chosen.exit_code == 2, chosen.output
        assert f"--period {period}: the data carry no dates" in chosen.output
    run("analyse", str(dataset), "--out", str(tmp_path / "none"), "--trend-by", "none")
    units = pd.read_csv(tmp_path / "none" / "units.csv")  # the window itself: no dates either
    assert UNDATED_WORDS["en"]["verdict"] in set(units["verdict"])
    for lang in ("en", "nl"):
        words, report = UNDATED_WORDS[lang], tmp_path / f"report-{lang}"
        run("report", str(dataset), "--out", str(report), "--lang", lang, "--no-progress",
            "--unit", "Boston")  # fmt: skip
        index = (report / "index.html").read_text("utf-8")
        assert f"<title>{words['title']}</title>" in index
        assert f'<p class="period">{words["period_line"]}</p>' in index
        assert words["no_change"] in index
        (page,) = report.glob("unit-boston-*.html")
        assert f"<title>{words['unit_title']}</title>" in page.read_text("utf-8")
        assert words["headline"] in page.read_text("utf-8")  # one pair of brackets
        for shown in report.glob("*.html"):  # what leaders read, and the analysts' part too
            assert "1990" not in shown.read_text("utf-8"), shown.name
        trend_page = (report / "trend.html").read_text("utf-8")
        appendix = trend_page.split('<details class="orgsocial-appendix"')[1]
        cell = rf"<td[^>]*>{label('no_dates', lang)}</td>"  # the analysts' trend table
        assert re.search(cell, appendix)


UNDATED_WORDS = {
    "en": {
        "verdict": "At least Centralisation (data without dates)",
        "step": "Collect the activity with its dates",
        "title": "Social media adoption: where every business unit stands (data without dates)",
        "period_line": "Verdicts for the data as a whole (they carry no dates)",
        "no_change": "The data carry no dates: they show where each unit stands, not how it "
        "changed.",
        "unit_title": "Business unit: Boston (data without dates)",
        "headline": "Boston: at least Centralisation (data without dates; confidence 54%).",
    },
    "nl": {
        "verdict": "Minstens Centralisatiefase (gegevens zonder datums)",
        "step": "Verzamel de activiteit met haar datums",
        "title": "Sociale media: waar elk bedrijfsonderdeel staat (gegevens zonder datums)",
        "period_line": "Oordelen over de gegevens als geheel (ze hebben geen datums)",
        "no_change": "De gegevens hebben geen datums: ze tonen waar elk onderdeel staat, niet "
        "hoe het veranderde.",
        "unit_title": "Bedrijfsonderdeel: Boston (gegevens zonder datums)",
        "headline": "Boston: minstens Centralisatiefase (gegevens zonder datums; zekerheid 54%).",
    },
}
