"""Real organisations (tests/data/real, with provenance) through the edge-list importer and
`analyse`, checked against numbers computed here from the raw files, independently of the
code under test (plain Python loops over the source files)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.importers import contract_frames, write_import
from orgsocial.importers.edgelist import import_edgelist, load_mapping
from orgsocial.io.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
MAPPINGS = ROOT / "docs" / "mappings"
EXACT = load_settings().with_min_group_size(1)  # exact counts; privacy is tested elsewhere


def imported(tmp_path: Path, edges: str, nodes: str, mapping: str):
    result = import_edgelist(REAL / edges, REAL / nodes, load_mapping(MAPPINGS / mapping))
    write_import(tmp_path, "edgelist", contract_frames(result), result.rejects, result.counts)
    dataset = load_dataset(tmp_path)
    assert dataset.validation.rows_rejected == 0
    return result, analyse(dataset, EXACT)


def undirected_total(edges: pd.DataFrame) -> int:
    return int(edges["weight"].sum())


# --- Krackhardt's high-tech managers ------------------------------------------


def test_krackhardt_advice_ties_between_departments(tmp_path):
    department = {}
    with (REAL / "krackhardt-hightech" / "Krack-High-Tec-Attributes.csv").open() as handle:
        for row in csv.DictReader(handle):
            department[row["ID"]] = row["DEPT"]
    ties = []
    for line in (REAL / "krackhardt-hightech" / "Krack-High-Tec-edgelist-Advice.txt").open():
        ego, alter, tie = line.split()
        if tie == "1" and ego != alter:
            ties.append((ego, alter))
    cross = [(a, b) for a, b in ties if department[a] != department[b]]
    assert (len(ties), len(cross)) == (190, 144)  # the published counts

    result, results = imported(
        tmp_path,
        "krackhardt-hightech/Krack-High-Tec-edgelist-Advice.txt",
        "krackhardt-hightech/Krack-High-Tec-Attributes.csv",
        "krackhardt-advice.yaml",
    )
    assert result.counts["events"] == 190
    assert undirected_total(results.department_edges) == 144
    directed = Counter((department[a], department[b]) for a, b in cross)
    label = {"0": "CEO office", **{d: f"Department {d}" for d in "1234"}}
    found = {
        (row["source"], row["target"]): row["weight"]
        for row in results.department_edges_directed.to_dict("records")
    }
    assert found == {(label[a], label[b]): n for (a, b), n in directed.items()}
    # E-I index of department 2 from the raw ties: external vs internal advice
    external = sum(
        1
        for a, b in ties
        if "2" in (department[a], department[b]) and department[a] != department[b]
    )
    internal = sum(1 for a, b in ties if department[a] == department[b] == "2")
    departments = results.departments.set_index("department")
    assert departments.loc["Department 2", "ei_index"] == pytest.approx(
        (external - internal) / (external + internal)
    )


# --- Lazega's law firm: offices as units, office x practice as departments -------


def test_lazega_cowork_between_offices_and_practices(tmp_path):
    attributes = [line.split() for line in (REAL / "lazega-lawfirm" / "ELattr.dat").open()]
    office = [row[3] for row in attributes]
    practice = [row[6] for row in attributes]
    matrix = [line.split() for line in (REAL / "lazega-lawfirm" / "ELwork.dat").open()]
    pairs = [(i, j) for i in range(71) for j in range(i + 1, 71) if matrix[i][j] == "1"]
    assert len(pairs) == 378
    cross_office = sum(1 for i, j in pairs if office[i] != office[j])
    cross_department = sum(
        1 for i, j in pairs if (office[i], practice[i]) != (office[j], practice[j])
    )
    result, results = imported(
        tmp_path, "lazega-lawfirm/ELwork.dat", "lazega-lawfirm/ELattr.dat", "lazega-cowork.yaml"
    )
    assert result.counts["events"] == 378
    assert undirected_total(results.business_unit_edges) == cross_office
    assert undirected_total(results.department_edges) == cross_department
    headcount = results.units.set_index("business_unit")["headcount"].to_dict()
    assert headcount == {"Boston": 48, "Hartford": 19, "Providence": 4}
    org = results.org.iloc[0]
    assert org["cross_unit_tie_share"] == pytest.approx(cross_office / len(pairs))


def lazega_with_default_privacy(tmp_path: Path):
    result = import_edgelist(
        REAL / "lazega-lawfirm" / "ELwork.dat",
        REAL / "lazega-lawfirm" / "ELattr.dat",
        load_mapping(MAPPINGS / "lazega-cowork.yaml"),
    )
    write_import(tmp_path, "edgelist", contract_frames(result), result.rejects, result.counts)
    return analyse(load_dataset(tmp_path), load_settings())


def test_lazega_with_default_privacy_suppresses_the_small_office(tmp_path):
    results = lazega_with_default_privacy(tmp_path)
    providence = results.units.set_index("business_unit").loc["Providence"]
    assert providence["suppressed"] and pd.isna(providence["phase"])
    named = set(results.business_unit_edges["source"]) | set(results.business_unit_edges["target"])
    # Providence's 4 lawyers are the only small office: no node may stand for them alone
    assert named == {"Boston", "Hartford"}
    assert results.meta["small_business_units_merged"] == 1


def test_lazega_published_figures_less_the_shown_ones_give_the_small_office_nothing(tmp_path):
    # the fifth trial subtracted what is shown from what counts everyone and got
    # Providence's 4 lawyers exactly: 1 active, 18 events, 26 ties with the other offices,
    # 3 among themselves, and each department's ties with them (strength less its edges)
    results = lazega_with_default_privacy(tmp_path)
    units = results.units.loc[~results.units["suppressed"]]
    assert set(units["business_unit"]) == {"Boston", "Hartford"}
    org, meta = results.org.iloc[0], results.meta
    assert org["headcount"] == units["headcount"].sum() == 67
    assert round(org["active_share"] * org["headcount"]) == units["active_employees"].sum()
    assert meta["employee_events"] == units["employee_events"].sum()
    between_units = int(results.business_unit_edges["weight"].sum())
    # the E-I index of units: (ties between - ties inside) / all ties
    inside = meta["interactions"] - between_units
    assert org["ei_index_units"] == pytest.approx((between_units - inside) / meta["interactions"])
    departments = results.departments.loc[~results.departments["suppressed"]]
    edges = results.department_edges
    for row in departments.to_dict("records"):
        name = row["department"]
        shown = edges.loc[(edges["source"] == name) | (edges["target"] == name), "weight"].sum()
        assert row["strength"] == shown, name
    # a figure one department cannot have reads "n/a" in the model's evidence, not "nan"
    assert not units["org_model_evidence"].fillna("").str.contains("nan").any()
    links = results.privacy.set_index("business_unit")["links_with_hidden_groups"]
    assert links["Boston"] and links["Hartford"]  # the pages say that links are left out


# --- the manufacturing company's e-mail, units from the reports-to tree ----------


def test_manufacturing_units_from_the_hierarchy_and_cross_unit_mail(tmp_path):
    manager = {}
    with (REAL / "manufacturing-company-email" / "reportsto.csv").open() as handle:
        for row in csv.DictReader(handle):
            manager[row["ID"]] = row["ReportsToID"]
    heads = sorted((n for n, m in manager.items() if m == "86" and n != "86"), key=int)
    assert heads == ["7", "27", "36", "69", "70", "85", "104", "121", "148", "156", "163"]

    def unit_of(node: str) -> str | None:
        seen = set()
        while node in manager and node not in seen:
            if manager[node] == "86" and node != "86":
                return node
            seen.add(node)
            node = manager[node]
        return None

    sizes = Counter(unit_of(n) for n in manager if unit_of(n))
    assert sizes == {
        "7": 1,
        "27": 8,
        "36": 10,
        "69": 83,
        "70": 8,
        "85": 8,
        "104": 16,
        "121": 4,
        "148": 7,
        "156": 2,
        "163": 6,
    }
    in_units = cross_units = 0
    with (REAL / "manufacturing-company-email" / "communication.csv").open() as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            a, b = unit_of(row["Sender"]), unit_of(row["Recipient"])
            if a and b:
                in_units += 1
                cross_units += a != b
    assert (in_units, cross_units) == (80_672, 43_213)  # as in PROVENANCE.txt

    result, results = imported(
        tmp_path,
        "manufacturing-company-email/communication.csv",
        "manufacturing-company-email/reportsto.csv",
        "manufacturing-email.yaml",
    )
    headcount = results.units.set_index("business_unit")["headcount"]
    assert {u.removeprefix("unit "): n for u, n in headcount.items() if u != "executive"} == sizes
    unit_edges = results.business_unit_edges
    between_units = unit_edges.loc[
        (unit_edges["source"] != "executive") & (unit_edges["target"] != "executive")
    ]
    assert undirected_total(between_units) == 43_213
    # e-mails naming an account outside the hierarchy are rejected with the reason, not lost
    assert result.counts["edge_rows_rejected"] == int(
        (result.rejects["reason"].str.contains("not in the node file")).sum()
    )
    assert result.counts["edge_rows"] == 82_927
    # local Polish time (CET in January) becomes UTC
    first = pd.read_csv(tmp_path / "activity.csv").iloc[0]
    assert first["timestamp"] == "2010-01-02T16:40:10Z"
