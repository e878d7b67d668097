"""End to end: the real notebooks executed with papermill, and `orgsocial report` on small data."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from typer.testing import CliRunner

from orgsocial.cli import EXIT_REPORTS_FAILED, app
from orgsocial.demo.synth import generate_demo, write_demo
from orgsocial.reporting.options import SINGLE_FILE
from orgsocial.reporting.text import period_words

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EVIL = "<script>alert(1)</script>"
PLAN = (("Alpha", 1), ("../../x", 2), (EVIL, 3), ("Zeta & Co", 4))
ORGANISATION_PAGES = 5


@pytest.fixture(scope="module")
def small_org(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("org") / "dataset"
    write_demo(generate_demo(seed=5, employees=500, events=6000, plan=PLAN), folder)
    return folder


@pytest.fixture(scope="module")
def report(small_org, tmp_path_factory) -> tuple[Path, object]:
    parent = tmp_path_factory.mktemp("report")
    out = parent / "out"
    result = CliRunner().invoke(
        app, ["report", str(small_org), "--out", str(out), "--workers", "2", "--no-progress"]
    )
    return out, result


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom_analysing_the_dataset_itself(small_org, tmp_path, path):
    executed = papermill.execute_notebook(
        str(path),
        str(tmp_path / path.name),
        parameters={"dataset": str(small_org), "lang": "nl"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    images = [
        output
        for cell in executed["cells"]
        for output in cell.get("outputs", [])
        if "image/svg+xml" in output.get("data", {})
    ]
    assert images, f"{path.name} shows no figure"
    # JupyterLab hides the SVG of a notebook it does not trust (as papermill's): the PNG
    assert all("image/png" in image["data"] for image in images)


def test_report_writes_every_page_escaped_and_safe(report):
    out, result = report
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]  # nothing written beside it
    index = (out / "index.html").read_text()
    links = sorted(set(re.findall(r'href="([^"]+)"', index)) - {SINGLE_FILE})
    assert len(links) == ORGANISATION_PAGES + len(PLAN)  # the appendix links units again
    assert f'href="{SINGLE_FILE}"' in index
    assert all((out / link).resolve().parent == out.resolve() for link in links)
    assert all((out / link).is_file() for link in links)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    for link in links:
        assert "data:image/svg+xml;base64," in (out / link).read_text()


def test_no_code_no_personal_data_no_internet_in_any_page(report, small_org):
    out, _ = report
    employee_ids = set(pd.read_csv(small_org / "employees.csv")["employee_id"])
    for page in sorted(out.glob("*.html")):
        text = page.read_text()
        assert EVIL not in text, page.name
        assert not any(identifier in text for identifier in employee_ids), page.name
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", text), page.name
        assert "open_results" not in text, page.name  # no code cells


def test_manifest_and_log_record_the_run(report, small_org):
    out, _ = report
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["inputs"]) == {
        "departments.csv",
        "employees.csv",
        "activity.csv",
        "survey.csv",
    }
    assert manifest["versions"]["orgsocial"]
    assert len(manifest["reports"]) == ORGANISATION_PAGES + len(PLAN)
    assert all(r["status"] == "ok" and r["seconds"] > 0 for r in manifest["reports"])
    assert "done in" in (out / "report.log").read_text()


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
            "--retries",
            "1",
            "--no-progress",
        ],
    )
    assert result.exit_code == EXIT_REPORTS_FAILED, result.output
    index = (out / "index.html").read_text()
    assert "report failed: RuntimeError: boom" in index
    assert len(list(out.glob("unit-*.html"))) == len(PLAN) - 1
    assert len(list((out / "notebooks").glob("unit-alpha-*.ipynb"))) == 1  # kept for debugging
    manifest = json.loads((out / "manifest.json").read_text())
    failed = [r for r in manifest["reports"] if r["status"] != "ok"]
    assert len(failed) == 1 and failed[0]["attempts"] == 2  # --retries 1


def test_a_notebook_takes_a_period_and_shows_that_period(small_org, tmp_path):
    first = pd.read_csv(small_org / "activity.csv", usecols=["timestamp"])["timestamp"].min()
    stamp = pd.Timestamp(first) + pd.DateOffset(months=3)
    period = f"{stamp.year}-Q{stamp.quarter}"
    executed = papermill.execute_notebook(
        str(ROOT / "notebooks" / "02_business_unit.ipynb"),
        str(tmp_path / "02.ipynb"),
        parameters={"dataset": str(small_org), "lang": "en", "period": period},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    shown = " ".join(
        "".join(output.get("data", {}).get("text/html", ""))
        for cell in executed["cells"]
        for output in cell.get("outputs", [])
    )
    assert f"in {period}" in shown  # the verdict is the period's


def test_every_page_links_back_to_the_summary_and_names_its_period(report):
    out, result = report
    assert result.exit_code == 0, result.output
    units = pd.read_csv(out / "analysis" / "units.csv")
    window = period_words(json.loads((out / "analysis" / "meta.json").read_text())["window"])
    pages = [p for p in out.glob("*.html") if p.name not in ("index.html", SINGLE_FILE)]
    assert len(pages) == ORGANISATION_PAGES + len(units)
    for page in pages:
        text = page.read_text("utf-8")
        assert '<a href="index.html">' in text, page.name
        title = text.split("<title>", 1)[1].split("</title>", 1)[0]
        periods = {window, *units["period"].dropna().astype(str)}
        assert any(f"({period})" in title for period in periods), (page.name, title)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_takes_the_privacy_minimum(path):
    # 00_explore had none: on a small dataset every table came out withheld
    parameters = next(
        cell.source
        for cell in nbformat.read(path, as_version=4).cells
        if "parameters" in cell.metadata.get("tags", [])
    )
    assert re.search(r"^min_group_size: int = 5\b", parameters, re.MULTILINE)


def test_the_explore_notebook_shows_one_unit_once_and_uses_the_minimum_asked(tmp_path):
    folder = tmp_path / "solo"
    write_demo(generate_demo(seed=3, employees=80, events=1500, plan=(("Solo", 3),)), folder)
    executed = papermill.execute_notebook(
        str(ROOT / "notebooks" / "00_explore.ipynb"),
        str(tmp_path / "explore.ipynb"),
        parameters={"dataset": str(folder), "min_group_size": 1000},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    compared = next(
        cell
        for cell in executed["cells"]
        if cell.cell_type == "code" and "compare_units" in cell.source
    )
    table = compared["outputs"][0]["data"]["text/plain"]
    header = table.splitlines()[0]
    assert header.split() == ["business_unit", "Solo"]
    phase = table.splitlines()[1].split()
    assert phase[0] == "phase" and phase[1] in ("NaN", "<NA>")  # 80 people < 1,000: withheld
