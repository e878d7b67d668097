"""The SNAP email-Eu-core network (real, tests/data/real/email-Eu-core) through `analyse`.

Each directed pair "u sent v at least one e-mail" becomes one message event. The
PROVENANCE.txt counts 16,284 of the 24,929 non-loop directed edges crossing
departments; this test checks that `analyse` finds exactly those, over 641
department pairs, by the contract's rule.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import app
from orgsocial.importers import contract_frames, write_import
from orgsocial.importers.edgelist import import_edgelist, load_mapping

REAL = Path(__file__).parent / "data" / "real" / "email-Eu-core"
MAPPINGS = Path(__file__).resolve().parents[1] / "docs" / "mappings"


def email_dataset(folder: Path) -> Path:
    """Import the network with the shipped mapping (docs/mappings/email-eu-core.yaml)."""
    result = import_edgelist(
        REAL / "email-Eu-core.txt",
        REAL / "email-Eu-core-department-labels.txt",
        load_mapping(MAPPINGS / "email-eu-core.yaml"),
    )
    write_import(folder, "edgelist", contract_frames(result), result.rejects, result.counts)
    return folder


def raw_cross_department_pairs() -> tuple[int, int]:
    """Counted here from the raw files: cross-department directed pairs and department pairs."""
    department = dict(
        line.split() for line in (REAL / "email-Eu-core-department-labels.txt").open()
    )
    cross = [
        (department[a], department[b])
        for a, b in (line.split() for line in (REAL / "email-Eu-core.txt").open())
        if department[a] != department[b]
    ]
    return len(cross), len({tuple(sorted(pair)) for pair in cross})


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return email_dataset(tmp_path_factory.mktemp("email") / "dataset")


def test_cross_department_messages_are_counted_exactly(dataset, tmp_path):
    result = CliRunner().invoke(
        app, ["analyse", str(dataset), "--out", str(tmp_path), "--min-group-size", "1"]
    )
    assert result.exit_code == 0, result.output
    edges = pd.read_csv(tmp_path / "department_edges.csv", dtype={"source": str, "target": str})
    assert raw_cross_department_pairs() == (16_284, 641)
    assert int(edges["weight"].sum()) == 16_284
    assert len(edges) == 641
    assert (edges["source"] < edges["target"]).all()
    departments = pd.read_csv(tmp_path / "departments.csv", dtype={"department": str})
    assert int(departments["headcount"].sum()) == 1005


def test_default_privacy_merges_the_small_departments(dataset, tmp_path):
    result = CliRunner().invoke(app, ["analyse", str(dataset), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    edges = pd.read_csv(tmp_path / "department_edges.csv", dtype={"source": str, "target": str})
    named = set(edges["source"]) | set(edges["target"])
    # departments 18 and 33 (1 member), 41 (2), 12 and 39 (3) are below 5 people
    assert not {"18", "33", "41", "12", "39"} & named
    assert "other in institution (small groups)" in named  # 10 people: their own unit's node
    import json

    meta = json.loads((tmp_path / "meta.json").read_text())
    hidden = meta["interactions_between_small_departments_hidden"]
    assert int(edges["weight"].sum()) + hidden == 16_284
