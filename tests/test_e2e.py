"""End to end: the real notebooks executed with papermill, and `orgsocial report` on small data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from typer.testing import CliRunner

from orgsocial.cli import EXIT_REPORTS_FAILED, app
from orgsocial.synth import generate_demo, write_demo

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]
EVIL = "<script>alert(1)</script>"
PLAN = (("Alpha", 1), ("../../x", 2), (EVIL, 3), ("Zeta & Co", 4))


@pytest.fixture(scope="module")
def small_org(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("org") / "dataset"
    write_demo(generate_demo(seed=5, employees=500, events=6000, plan=PLAN), folder)
    return folder


@pytest.mark.parametrize("name", ["01_org_overview.ipynb", "02_business_unit.ipynb"])
def test_notebook_runs_top_to_bottom_analysing_the_dataset_itself(small_org, tmp_path, name):
    executed = papermill.execute_notebook(
        str(ROOT / "notebooks" / name),
        str(tmp_path / name),
        parameters={"dataset": str(small_org), "lang": "nl"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    images = [
        output
        for cell in executed["cells"]
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    assert len(images) >= 3


def test_report_writes_escaped_safe_html_without_code_or_personal_data(small_org, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["report", str(small_org), "--out", str(out), "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing written beside it
    index = (out / "index.html").read_text()
    links = re.findall(r'href="([^"]+)"', index)
    assert len(links) == 1 + len(PLAN)  # overview + one per unit
    assert all((out / link).resolve().parent == out.resolve() for link in links)
    employee_ids = set(pd.read_csv(small_org / "employees.csv")["employee_id"])
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 2 + len(PLAN)
    for page in pages:
        text = page.read_text()
        assert EVIL not in text, page.name
        assert not any(identifier in text for identifier in employee_ids), page.name
        assert not re.search(r"<script[^>]+src=", text), page.name  # nothing fetched online
        assert "open_results" not in text, page.name  # no code cells
    for link in links:
        assert "data:image/png;base64," in (out / link).read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert (out / "analysis" / "units.csv").is_file()


def test_a_failing_notebook_is_marked_and_the_others_still_run(small_org, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    unit_notebook = notebooks / "02_business_unit.ipynb"
    notebook = nbformat.read(unit_notebook, as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell('if business_unit == "Alpha":\n    raise RuntimeError("boom")')
    )
    nbformat.write(notebook, unit_notebook)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "report",
            str(small_org),
            "--out",
            str(out),
            "--notebooks",
            str(notebooks),
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == EXIT_REPORTS_FAILED
    index = (out / "index.html").read_text()
    assert "report failed: PapermillExecutionError" in index or "boom" in index
    assert len(list(out.glob("unit-*.html"))) == len(PLAN) - 1
    assert len(list((out / "notebooks").glob("unit-alpha-*.ipynb"))) == 1  # kept for debugging
