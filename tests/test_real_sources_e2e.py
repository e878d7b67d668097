"""Every real source, end to end as a new user runs it (README and docs/importers.md):
``orgsocial import …`` then ``orgsocial report …`` exit 0 with every page written, the
data-quality page shows everything the import and validation set aside or dropped, and the
department edges equal those recounted here from the raw files (plain Python, independent of
the code under test) — exactly with ``--min-group-size 1``, and with the default privacy as
shown edges plus the interactions privacy reports as hidden."""

from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from orgsocial.cli import app

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
MAPPINGS = ROOT / "docs" / "mappings"


def orgsocial(*arguments: object) -> str:
    result = CliRunner().invoke(app, [str(a) for a in arguments])
    assert result.exit_code == 0, result.output
    return result.output


def page_text(path: Path) -> str:
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", path.read_text("utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def reported(dataset: Path, out: Path) -> dict[tuple[str, str], int]:
    """``report`` with the default privacy: every page written, nothing dropped unsaid.
    Returns the exact department edges (``analyse --min-group-size 1``)."""
    orgsocial("report", dataset, "--out", out, "--no-progress", "--workers", 1)
    manifest = json.loads((out / "manifest.json").read_text())
    pages = manifest["reports"]
    assert pages and all(p["status"] == "ok" for p in pages), pages
    written = {p.name for p in out.glob("*.html")}
    assert {"index.html", "overview.html", "data-quality.html", "department-network.html"} <= (
        written
    )
    units = pd.read_csv(out / "analysis" / "units.csv")
    # one page per unit, none for a unit under the privacy minimum (it would say only that)
    assert len(list(out.glob("unit-*.html"))) == (~units["suppressed"].astype(bool)).sum()
    # the single file: every link inside it lands (small units' pages are left out of it)
    single = (out / "orgsocial-report.html").read_text("utf-8")
    targets = set(re.findall(r'id="([^"]+)"', single))
    links = set(re.findall(r'href="([^"]*)"', single))
    assert all(link.startswith("#") and link[1:] in targets for link in links), links - {
        f"#{t}" for t in targets
    }
    quality = page_text(out / "data-quality.html")
    imports = pd.read_csv(out / "analysis" / "imports.csv")
    assert not imports.empty
    for record in imports.to_dict("records"):  # every count an import made is on the page
        count = int(record["count"])
        assert str(count) in quality or f"{count:,}" in quality, record
    validation = pd.read_csv(out / "analysis" / "validation.csv")
    for rejected in validation["rows_rejected"]:
        assert str(int(rejected)) in quality or f"{int(rejected):,}" in quality
    # privacy: what is shown plus what it says it hid is everything it may count (links with
    # a group too small to show even merged are in no figure, and it says there are some)
    costs = pd.read_csv(out / "analysis" / "privacy.csv").set_index("business_unit")
    edges = pd.read_csv(out / "analysis" / "department_edges.csv")
    everyone = costs.loc["(all)"]
    if pd.notna(everyone["interactions_hidden"]):
        shown = int(edges["weight"].sum())
        assert shown + int(everyone["interactions_hidden"]) == int(everyone["interactions"])
    exact = out.parent / f"{out.name}-exact"
    orgsocial("analyse", dataset, "--out", exact, "--min-group-size", 1)
    exact_edges = pd.read_csv(exact / "department_edges.csv", dtype={"source": str, "target": str})
    found = {(r["source"], r["target"]): int(r["weight"]) for r in exact_edges.to_dict("records")}
    # ... and the ties of small departments with the department withheld beside them (their
    # complement) are counted nowhere either
    complemented = bool((costs["departments_merged"] > costs["departments_small"]).any())
    if everyone["links_with_hidden_groups"] or complemented:
        assert int(everyone["interactions"]) <= sum(found.values())
    else:
        assert int(everyone["interactions"]) == sum(found.values())
    return found


def undirected(pairs: Counter) -> dict[tuple[str, str], int]:
    out: Counter = Counter()
    for (a, b), n in pairs.items():
        if a != b:
            out[tuple(sorted((a, b)))] += n
    return dict(out)


# --- the manufacturing company's e-mail, with the shipped mapping -------------------


def manufacturing_departments() -> dict[str, str]:
    """The team of each person, from the reports-to tree as docs/importers.md describes it:
    a manager's direct reports form ``team <manager>``, a unit head sits in their own team,
    the CEO (86) alone in ``executive``."""
    manager = {}
    with (REAL / "manufacturing-company-email" / "reportsto.csv").open() as handle:
        for row in csv.DictReader(handle):
            manager[row["ID"]] = row["ReportsToID"]

    def reaches_root(node: str) -> bool:
        seen = set()
        while node != "86" and node in manager and node not in seen:
            seen.add(node)
            node = manager[node]
        return node == "86"

    team = {"86": "executive"}
    for node, boss in manager.items():
        if node != "86" and reaches_root(node):
            team[node] = f"team {node}" if boss == "86" else f"team {boss}"
    return team


def test_manufacturing_email_imports_and_reports(tmp_path):
    data = REAL / "manufacturing-company-email"
    dataset = tmp_path / "dataset"
    orgsocial(
        "import", "edgelist", data / "communication.csv", "--nodes", data / "reportsto.csv",
        "--mapping", MAPPINGS / "manufacturing-email.yaml", "--out", dataset,
    )  # fmt: skip
    team = manufacturing_departments()
    pairs: Counter = Counter()
    with (data / "communication.csv").open() as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            a, b = team.get(row["Sender"]), team.get(row["Recipient"])
            if a and b and row["Sender"] != row["Recipient"]:
                pairs[(a, b)] += 1
    found = reported(dataset, tmp_path / "reports")
    assert found == undirected(pairs)
    assert sum(found.values()) == 69_403


# --- Slack with an HR roster, then a Qualtrics wave on top ---------------------------

SLACK = REAL / "slack-export-hfaran-sample" / "testarchive.zip"
SECRET = "an e2e secret of more than sixteen bytes"
#: The workspace's four people in an HR roster with the columns docs/mappings/roster.yaml reads.
SLACK_ROSTER = {
    "U0BMYT2FL": ("harry@example.org", "Klantenservice"),
    "U0BMS113R": ("dee@example.org", "Marketing"),
    "U0BMQB6JE": ("hamza@example.org", "IT"),
    "U0BMM2FEH": ("hannibal@example.org", "IT"),
}


def write_roster(path: Path, people: dict[str, tuple[str, str]], alias: str) -> Path:
    rows = [
        {
            "E-mail": mail,
            "Afdeling": department,
            "Bedrijfsonderdeel": "Magellan",
            "Functiegebied": "",
            "Klantcontact": "",
            "Slack ID": person if alias == "Slack ID" else "",
            "Viva PersonId": person if alias == "Viva PersonId" else "",
        }
        for person, (mail, department) in people.items()
    ]
    pd.DataFrame(rows).to_csv(path, index=False, sep=";")
    return path


def slack_mentions_between_departments() -> dict[tuple[str, str], int]:
    """People's own messages (no subtype) that mention someone else, from the raw JSON."""
    import zipfile

    pairs: Counter = Counter()
    with zipfile.ZipFile(SLACK) as archive:
        for name in archive.namelist():
            if "/" not in name.strip("/") or not name.endswith(".json"):
                continue
            for message in json.loads(archive.read(name)):
                author = message.get("user")
                if message.get("subtype") or author not in SLACK_ROSTER:
                    continue
                for mentioned in re.findall(r"<@(U[A-Z0-9]+)", message.get("text", "")):
                    if mentioned != author and mentioned in SLACK_ROSTER:
                        pairs[(SLACK_ROSTER[author][1], SLACK_ROSTER[mentioned][1])] += 1
    return undirected(pairs)


def test_slack_with_a_roster_and_a_qualtrics_wave_on_top(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    dataset = tmp_path / "dataset"
    roster = write_roster(tmp_path / "roster.csv", SLACK_ROSTER, "Slack ID")
    orgsocial(
        "import", "slack", SLACK, "--roster", roster, "--roster-mapping", MAPPINGS / "roster.yaml",
        "--mapping", MAPPINGS / "slack.yaml", "--out", dataset,
    )  # fmt: skip
    survey_mapping = tmp_path / "survey.yaml"
    survey_mapping.write_text("wave: 2016-Q1\ndepartment_value: IT\nitems: {use_internal: Q1}\n")
    qualtrics = REAL / "qualtrics-export-samples" / "sample.csv"
    orgsocial("import", "survey", qualtrics, "--mapping", survey_mapping, "--out", dataset)
    assert len(pd.read_csv(dataset / "survey.csv")) > 0
    found = reported(dataset, tmp_path / "reports")
    assert found == slack_mentions_between_departments()
    imports = pd.read_csv(tmp_path / "reports" / "analysis" / "imports.csv")
    assert set(imports["import"]) == {"slack", "survey-2016-Q1"}


# --- Viva Insights: person to person (with a roster) and group to group ---------------

VIVA = REAL / "vivainsights-demo-NOT-REAL"


def test_viva_person_to_person_with_a_roster(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", SECRET)
    with (VIVA / "p2p_data.csv").open() as handle:
        ties = [
            (r["PrimaryCollaborator_PersonId"], r["SecondaryCollaborator_PersonId"])
            for r in csv.DictReader(handle)
        ]
    people = sorted({p for tie in ties for p in tie})
    departments = ["Verkoop", "Klantenservice", "IT", "Marketing"]
    place = {p: (f"person{i}@example.org", departments[i % 4]) for i, p in enumerate(people)}
    roster = write_roster(tmp_path / "roster.csv", place, "Viva PersonId")
    dataset = tmp_path / "dataset"
    orgsocial(
        "import", "viva", VIVA / "p2p_data.csv", "--mapping", MAPPINGS / "viva-p2p.yaml",
        "--roster", roster, "--roster-mapping", MAPPINGS / "roster.yaml", "--out", dataset,
    )  # fmt: skip
    found = reported(dataset, tmp_path / "reports")
    assert found == undirected(Counter((place[a][1], place[b][1]) for a, b in ties))
    # Viva counts e-mail, meetings, chats and calls: a verdict on it says it is not social media
    units = pd.read_csv(tmp_path / "reports" / "analysis" / "units.csv")
    classified = units.loc[units["phase"].notna()]
    assert len(classified) and classified["notes"].str.contains("not_social").all()


def test_viva_group_to_group(tmp_path):
    expected: Counter = Counter()
    with (VIVA / "g2g_data.csv").open() as handle:
        for row in csv.DictReader(handle):
            a, b = (
                row["PrimaryCollaborator_Organization"],
                row["SecondaryCollaborator_Organization"],
            )
            if "Unclassified" in b or "Within Group" in b or a == b:
                continue
            expected[tuple(sorted((a, b)))] += int(row["Group_email_sent_count"])
    dataset = tmp_path / "dataset"
    orgsocial("import", "viva", VIVA / "g2g_data.csv", "--mapping", MAPPINGS / "viva-g2g.yaml",
              "--out", dataset)  # fmt: skip
    assert reported(dataset, tmp_path / "reports") == dict(expected)
    # ties between groups and no one's activity (a trial found holes in every page): the
    # pages give the months the ties cover, no verdict period, and ask first for activity
    meta = json.loads((tmp_path / "reports" / "analysis" / "meta.json").read_text())
    assert meta["data_span"] == meta["window"] == "2023-04-01..2023-09-01"
    assert meta["headline_period"] == ""
    # no one's own activity: what is counted from people is unknown, not 0 (a trial found 0%)
    analysis = tmp_path / "reports" / "analysis"
    units, departments, org = (
        pd.read_csv(analysis / f"{t}.csv") for t in ("units", "departments", "org")
    )
    assert units[["active_employees", "active_share", "internal_active_share"]].isna().all().all()
    assert departments[["active_share", "connectors"]].isna().all().all()
    assert org["active_share"].isna().all()
    orgsocial("report", dataset, "--out", tmp_path / "nl", "--lang", "nl", "--no-progress")
    for lang, words in G2G_WORDS.items():
        out = tmp_path / ("reports" if lang == "en" else "nl")
        index = page_text(out / "index.html")
        pages = " ".join(page_text(page) for page in out.glob("*.html"))
        assert "()" not in pages and words["none"] not in pages, words["none"]
        raw = " ".join(html.unescape(page.read_text("utf-8")) for page in out.glob("*.html"))
        assert "0 of 0" not in raw and "0 van de 0" not in raw and words["map"] in raw
        for said in words["said"]:
            assert said in index, said
        assert index.count(words["first"]) == 2  # both units
        assert index.count(words["basis"]) == 2 and words["few"] not in index
        wraps = 'data-phase="" style="white-space: normal"'  # a verdict, not a phase name
        assert (out / "index.html").read_text("utf-8").count(wraps) == 2
        for unit in out.glob("unit-*.html"):  # its one sentence why, not twice
            assert page_text(unit).count(words["unclassified"]) == 1
        trend = page_text(out / "trend.html")
        assert words["no_trend"] in trend and words["dated"] in trend


G2G_WORDS = {
    "en": {
        "none": "Only one period",
        "said": (
            "The data hold no activity of individual people, so there is no period to read",
            "Verdicts for no period with activity to read",
            "Tables cover 1 Apr – 1 Sep 2023 Data run over 1 Apr – 1 Sep 2023",
        ),
        "map": "Phase of each business unit. No business unit can be placed in a phase yet.",
        "first": "First step: Add the activity of individual people to the data",
        "basis": "no activity of individual people, no survey of 5 or more",
        "few": "fewer than 5 people active",
        "unclassified": "is not classified:",
        "no_trend": "No periods to compare, so no trend.",
        "dated": "How each business unit's phase changed (1 Apr – 1 Sep 2023)",
    },
    "nl": {
        "none": "Nog maar één periode",
        "said": (
            "De gegevens bevatten geen activiteit van afzonderlijke mensen, dus er is geen",
            "Oordelen over geen periode met activiteit om te lezen",
            "Tabellen beslaan 1 apr – 1 sep 2023 Gegevens lopen over 1 apr – 1 sep 2023",
        ),
        "map": "Fase van elk bedrijfsonderdeel. Nog geen bedrijfsonderdeel is in een fase in te "
        "delen.",
        "first": "Eerste stap: Voeg de activiteit van afzonderlijke mensen toe aan de gegevens",
        "basis": "geen activiteit van afzonderlijke mensen, geen enquête met 5 of meer",
        "few": "minder dan 5 personen actief",
        "unclassified": "is niet ingedeeld:",
        "no_trend": "Geen perioden om te vergelijken, dus geen trend.",
        "dated": "Hoe de fase van elk bedrijfsonderdeel veranderde (1 apr – 1 sep 2023)",
    },
}


# --- AUCS: a multiplex network, each layer a channel -----------------------------------


def test_aucs_multiplex_layers(tmp_path):
    from test_import_multiplex import AUCS, MAPPING, aucs_ties

    raw_group, ties, _ = aucs_ties()
    group = {a: "no research group" if g == "NA" else g for a, g in raw_group.items()}
    dataset = tmp_path / "dataset"
    orgsocial("import", "edgelist", AUCS, "--nodes", AUCS, "--mapping", MAPPING, "--out", dataset)
    found = reported(dataset, tmp_path / "reports")
    assert found == undirected(Counter((group[a], group[b]) for a, b, _ in ties))
    channels = pd.read_csv(dataset / "activity.csv")["channel"].value_counts().to_dict()
    assert channels == Counter(layer for *_, layer in ties)
