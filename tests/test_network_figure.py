"""The department network figure draws what privacy merged, with its unit, and renders
whatever the layout (a row of nodes once overflowed the text raster)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from orgsocial.reporting.notebook import figure_png
from orgsocial.reporting.plots import department_network

DEPARTMENTS = pd.DataFrame(
    {
        "department": ["Product", "Sales", "Finance", "HR", "CEO"],
        "business_unit": ["Contoso", "Contoso", "Corporate", "Corporate", "Contoso"],
        "function": ["product", "marketing", "finance", "hr", "management"],
        "events": [0.0, 0.0, 0.0, 0.0, float("nan")],
        "suppressed": [False, False, False, False, True],
    }
)
EDGES = pd.DataFrame(
    {
        "source": ["Product", "Finance", "Sales", "Product"],
        "target": ["Sales", "HR", "HR", "other in Contoso (small groups)"],
        "weight": [5, 4, 1, 2],
    }
)


def test_two_units_of_two_departments_in_a_row_render():
    for unit in (None, "Contoso"):
        assert figure_png(department_network(DEPARTMENTS, EDGES.iloc[:3], unit))[:4] == b"\x89PNG"


def test_merged_nodes_are_drawn_with_their_unit_and_suppressed_departments_are_not():
    figure = department_network(DEPARTMENTS, EDGES, "Contoso")
    labels = {text.get_text() for text in figure.axes[0].texts}
    assert "other in Contoso (small groups)" in labels
    assert "CEO" not in labels and "Finance" not in labels
    assert figure_png(figure)[:4] == b"\x89PNG"


def test_a_dataset_without_person_level_activity_reads_without_empty_periods(tmp_path):
    """Viva group-to-group: ties between groups, no employee events, no period to read."""
    from typer.testing import CliRunner

    from orgsocial.cli import app

    viva = Path(__file__).resolve().parent / "data" / "real" / "vivainsights-demo-NOT-REAL"
    mapping = Path(__file__).resolve().parents[1] / "docs" / "mappings" / "viva-g2g.yaml"
    runner = CliRunner()
    data, out = tmp_path / "d", tmp_path / "r"
    imported = runner.invoke(
        app,
        [
            "import",
            "viva",
            str(viva / "g2g_data.csv"),
            "--mapping",
            str(mapping),
            "--out",
            str(data),
        ],
    )
    assert imported.exit_code == 0, imported.output
    report = runner.invoke(app, ["report", str(data), "--out", str(out), "--no-progress"])
    assert report.exit_code == 0, report.output
    index = (out / "index.html").read_text()
    assert "Not classified in <" not in index and "Not classified in " not in index
    assert "Not classified: no period with activity to read" in index
    assert "now ()" not in (out / "overview.html").read_text()
