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

REAL = Path(__file__).parent / "data" / "real" / "email-Eu-core"


def email_dataset(folder: Path) -> Path:
    edges = pd.read_csv(REAL / "email-Eu-core.txt", sep=" ", header=None, names=["src", "dst"])
    labels = pd.read_csv(
        REAL / "email-Eu-core-department-labels.txt", sep=" ", header=None, names=["node", "dept"]
    )
    folder.mkdir(parents=True)
    departments = sorted(labels["dept"].unique())
    pd.DataFrame(
        {
            "department": [f"{d}" for d in departments],
            "business_unit": "institution",
            "function": "other",
            "customer_facing": "false",
        }
    ).to_csv(folder / "departments.csv", index=False)
    pd.DataFrame({"employee_id": labels["node"].astype(str), "department": labels["dept"]}).to_csv(
        folder / "employees.csv", index=False
    )
    pd.DataFrame(
        {
            "event_id": [f"m{i}" for i in range(len(edges))],
            "timestamp": "2003-10-01T00:00:00Z",
            "actor_id": edges["src"].astype(str),
            "channel": "other",
            "audience": "internal",
            "action": "message",
            "target_id": edges["dst"].astype(str),
            "in_reply_to": "",
            "business_unit": "",
        }
    ).to_csv(folder / "activity.csv", index=False, lineterminator="\r\n")
    return folder


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return email_dataset(tmp_path_factory.mktemp("email") / "dataset")


def test_cross_department_messages_are_counted_exactly(dataset, tmp_path):
    result = CliRunner().invoke(
        app, ["analyse", str(dataset), "--out", str(tmp_path), "--min-group-size", "1"]
    )
    assert result.exit_code == 0, result.output
    edges = pd.read_csv(tmp_path / "department_edges.csv", dtype={"source": str, "target": str})
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
    assert "other (small groups)" in named
    import json

    meta = json.loads((tmp_path / "meta.json").read_text())
    hidden = meta["interactions_between_small_departments_hidden"]
    assert int(edges["weight"].sum()) + hidden == 16_284
