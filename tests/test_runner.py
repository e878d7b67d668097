"""The batch runner on schedules: incremental reruns, the lock, kill -9, Dask."""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from markupsafe import escape
from typer.testing import CliRunner

from conftest import unreachable_scheduler
from orgsocial.app import analyse_dataset
from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.demo.synth import generate_demo, write_demo
from orgsocial.reporting.execution import FAILED, OK
from orgsocial.reporting.html import base64_text
from orgsocial.reporting.lock import FolderLock
from orgsocial.reporting.manifest import ReportRecord
from orgsocial.reporting.runner import _phase_map

pytestmark = pytest.mark.e2e
PLAN = (("Alpha", 1), ("Beta", 2), ("Gamma", 3))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("org") / "dataset"
    write_demo(generate_demo(seed=8, employees=400, events=4000, plan=PLAN), folder)
    return folder


def report(dataset: Path, out: Path, *extra: str):
    return CliRunner().invoke(
        app, ["report", str(dataset), "--out", str(out), "--no-progress", *extra]
    )


def mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}


def test_incremental_reruns(dataset, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(dataset, data)
    out = tmp_path / "out"
    first = report(data, out)
    assert first.exit_code == 0, first.output
    before = mtimes(out)

    unchanged = report(data, out)
    assert unchanged.exit_code == 0 and "up to date" in unchanged.output
    assert mtimes(out) == before  # nothing rewritten
    # a scheduler's monitor sees every run in report.log, the quick one too (trial)
    last = (out / "report.log").read_text("utf-8").splitlines()[-1]
    assert "up to date" in last and "page(s) kept" in last and "index.html" in last
    # an option that cannot be used is refused even when nothing changed: a scheduled run
    # with a typo must not be told "up to date" (exit 0)
    for extra, said in (
        (["--executor", "dsk"], "--executor must be local or dask, not 'dsk'"),
        (["--executor", "dask"], "--executor dask needs --scheduler tcp://host:port"),
    ):
        refused = report(data, out, *extra)
        assert refused.exit_code == EXIT_BAD_INPUT and said in refused.output, refused.output
    assert mtimes(out) == before

    # change one unit's data: a new post by someone in Beta
    employees = pd.read_csv(data / "employees.csv")
    departments = pd.read_csv(data / "departments.csv")
    beta = departments.loc[departments["business_unit"] == "Beta", "department"]
    person = employees.loc[employees["department"].isin(beta), "employee_id"].iloc[0]
    with (data / "activity.csv").open("a") as handle:
        handle.write(f"extra1,2026-08-01T10:00:00Z,{person},teams,internal,post,,,\n")
    changed = report(data, out)
    assert changed.exit_code == 0, changed.output
    after = mtimes(out)
    redone = {name for name in after if after[name] != before[name]}
    assert "unit-beta-" in " ".join(redone)
    assert not any(name.startswith(("unit-alpha", "unit-gamma")) for name in redone)


def test_a_change_to_the_code_redoes_every_page(dataset, tmp_path, monkeypatch):
    """After a change to src/ (or a template), "up to date" would keep pages the old code
    made: the key holds the code itself, not only the version number."""
    from orgsocial.reporting import incremental, runner

    out = tmp_path / "out"
    assert report(dataset, out).exit_code == 0
    before = mtimes(out)
    assert "up to date" in report(dataset, out).output
    changed = "0" * 64  # what code_digest says after any edit of the package
    monkeypatch.setattr(incremental, "code_digest", lambda package=None: changed)
    monkeypatch.setattr(runner, "code_digest", lambda package=None: changed)
    again = report(dataset, out)
    assert again.exit_code == 0 and "up to date" not in again.output
    after = mtimes(out)
    assert all(after[name] != before[name] for name in before if name != "index.html")


def test_the_code_digest_follows_sources_and_templates_not_caches(tmp_path):
    from orgsocial.reporting.incremental import PACKAGE, code_digest

    package = tmp_path / "orgsocial"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = code_digest(package)
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert code_digest.__wrapped__(package) == first  # a cache is not code
    template = package / "reporting" / "templates" / "pages" / "summary.css"
    template.write_text(template.read_text() + "\n/* changed */\n")
    assert code_digest.__wrapped__(package) != first
    source = package / "reporting" / "summary.py"
    template.write_text(template.read_text().replace("\n/* changed */\n", ""))
    assert code_digest.__wrapped__(package) == first
    source.write_text(source.read_text() + "\n# changed\n")
    assert code_digest.__wrapped__(package) != first


def test_report_sums_a_large_log_as_asked_with_the_same_results(dataset, tmp_path, monkeypatch):
    """--workers and --partition-rows reach the analysis (as in `orgsocial analyse`): the
    log is summed in partitions by that many workers, and the results do not change."""
    from orgsocial.scale import partitioned

    seen = []
    original = partitioned.load_for_analysis

    def recording(*arguments, **options):
        seen.append((options["partition_rows"], options["workers"]))
        return original(*arguments, **options)

    monkeypatch.setattr(partitioned, "load_for_analysis", recording)
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    assert report(dataset, whole, "--workers", "1", "--only-units").exit_code == 0
    split = report(dataset, parts, "--workers", "2", "--partition-rows", "1000", "--only-units")
    assert split.exit_code == 0, split.output
    assert seen == [(1_000_000, 1), (1000, 2)]
    for table in sorted((whole / "analysis").glob("*.csv")):
        assert table.read_bytes() == (parts / "analysis" / table.name).read_bytes(), table.name


def test_a_second_run_on_a_busy_folder_is_refused(dataset, tmp_path):
    out = tmp_path / "out"
    with FolderLock(out):
        result = report(dataset, out)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "another orgsocial report is writing here" in result.output


def test_a_killed_run_leaves_only_whole_files_and_the_next_run_completes(dataset, tmp_path):
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-c",
        "from orgsocial.cli import main; main()",
        "report",
        str(dataset),
        "--out",
        str(out),
        "--no-progress",
        "--workers",
        "1",
    ]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("*.html")):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the runner and its kernels
    process.wait()
    for page in out.glob("*.html"):
        assert page.read_text().rstrip().endswith("</html>"), page.name
    assert not (out / "manifest.json").exists() or "reports" in (out / "manifest.json").read_text()
    again = report(dataset, out)
    assert again.exit_code == 0, again.output
    assert not list(out.glob(".*.tmp"))
    assert (out / "index.html").is_file()


def test_dask_executor_on_a_local_cluster_gives_the_same_pages(dataset, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None
    ) as cluster:
        result = report(
            dataset,
            tmp_path / "dask",
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert result.exit_code == 0, result.output
    local = report(dataset, tmp_path / "local")
    assert local.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "dask").glob("*.html")) == sorted(
        p.name for p in (tmp_path / "local").glob("*.html")
    )


def test_a_scheduler_nobody_answers_is_one_message_exit_2_and_logged(
    dataset, tmp_path, monkeypatch
):
    """The new-user trial: no traceback after 30 s and an empty report.log; now the
    message (address, wait, what to check) after the short timeout, in the run's log too."""
    address = unreachable_scheduler(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()  # a folder the scheduled run keeps (one this run made is not left behind)
    result = report(dataset, out, "--executor", "dask", "--scheduler", address)
    said = f"cannot reach the Dask scheduler at {address} (waited 1 s)"
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert said in result.output and "is it running? (--scheduler)" in result.output
    assert "Traceback" not in result.output
    assert said in (out / "report.log").read_text("utf-8")
    assert not list(out.glob("*.html"))


def test_bad_parameters_fail_before_any_notebook_runs(dataset, tmp_path):
    out = tmp_path / "out"
    unknown = report(dataset, out, "--unit", "Nowhere")
    assert (
        unknown.exit_code == EXIT_BAD_INPUT
        and "unknown business unit(s) 'Nowhere'" in unknown.output
    )
    assert not list(out.glob("*.html"))
    # a folder this run made is not left behind (it held a lock file, an empty log and
    # the analysis: the new-user trial)
    assert not out.exists()
    assert report(dataset, out, "--period", "2026-Q9").exit_code == EXIT_BAD_INPUT
    assert report(dataset, out, "--executor", "dask").exit_code == EXIT_BAD_INPUT
    assert report(dataset, out, "--workers", "many").exit_code == EXIT_BAD_INPUT


def test_a_run_stopped_by_its_input_keeps_the_earlier_reports_and_logs_why(dataset, tmp_path):
    out = tmp_path / "out"
    assert report(dataset, out, "--only-units", "--unit", "Alpha").exit_code == 0
    before = sorted(p.name for p in out.rglob("*") if p.name != "report.log")
    assert report(dataset, out, "--unit", "Nowhere").exit_code == EXIT_BAD_INPUT
    assert sorted(p.name for p in out.rglob("*") if p.name != "report.log") == before
    log = (out / "report.log").read_text()
    assert "stopped: unknown business unit(s) 'Nowhere'" in log


def test_a_unit_under_the_privacy_minimum_gets_no_page_and_no_link(dataset, tmp_path, caplog):
    # manufacturing unit 156 (fewer than 5 people): its page showed four empty charts and
    # "only one period to compare so far" beside "not reported"
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset
    from orgsocial.reporting.html import IndexEntry, summary_context
    from orgsocial.reporting.options import ReportOptions, default_notebooks_folder
    from orgsocial.reporting.runner import plan_jobs

    loaded = load_dataset(dataset)
    people = loaded.employees["department"].map(
        loaded.departments.set_index("department")["business_unit"]
    )
    smallest = people.value_counts().idxmin()
    minimum = int(people.value_counts().min()) + 1  # the smallest unit is under it
    results = analyse(loaded, load_settings().with_min_group_size(minimum))
    small = set(results.units.loc[results.units["suppressed"], "business_unit"])
    assert smallest in small and len(small) < len(results.units)
    for units in ((), (smallest,)):
        caplog.clear()
        jobs = plan_jobs(results, default_notebooks_folder(), tmp_path, ReportOptions(units=units))
        assert not {job.business_unit for job in jobs} & small
        # asked for by name, the terminal (warnings) says why it has no page (a trial: a run
        # of only it said "0 report(s)" and nothing more)
        warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert warned == (
            [f"{smallest}: no page, fewer people than the privacy minimum"] * bool(units)
        )
    jobs = plan_jobs(results, default_notebooks_folder(), tmp_path, ReportOptions())
    entries = [
        IndexEntry(job.title, f"{job.stem}.html", "ok", "", job.business_unit) for job in jobs
    ]
    context = summary_context(results.units, entries, "en", results.trend, minimum)
    row = next(r for r in context["rows"] if r["unit"] == smallest)
    assert not row["href"] and row["phase_text"].lower().startswith("not reported")


def test_the_index_names_a_span_of_verdicts_in_words(dataset, tmp_path):
    # trial (Slack sample, every unit withheld, verdicts for the data's span): the index
    # read "Verdicts for 2016-01-15..2016-03-28" while the other pages wrote it in words
    out = tmp_path / "out"
    assert report(dataset, out, "--period", "2026-07-01..2026-08-15").exit_code == 0
    assert ".." in json.loads((out / "analysis" / "meta.json").read_text())["headline_period"]
    index = (out / "index.html").read_text("utf-8")
    assert '<p class="period">Verdicts for 1 Jul – 15 Aug 2026</p>' in index
    assert "<title>" in index and "(1 Jul – 15 Aug 2026)</title>" in index


def test_a_page_the_run_no_longer_makes_is_removed(dataset, tmp_path):
    # trial: a unit that fell under the privacy minimum kept its old page (with the figures
    # of when it was larger) in the published folder
    out = tmp_path / "out"
    assert report(dataset, out).exit_code == 0
    people = pd.read_csv(dataset / "employees.csv")["department"].map(
        pd.read_csv(dataset / "departments.csv").set_index("department")["business_unit"]
    )
    smallest, size = people.value_counts().idxmin(), int(people.value_counts().min())
    page = next(out.glob(f"unit-{smallest.lower()}-*.html"))
    notebook = out / "notebooks" / f"{page.stem}.ipynb"
    assert notebook.is_file()
    again = report(dataset, out, "--min-group-size", str(size + 1))
    assert again.exit_code == 0, again.output
    assert not page.exists() and not notebook.exists()
    assert len(list(out.glob("unit-*.html"))) == len(set(people)) - 1
    assert "removed" in (out / "report.log").read_text("utf-8")


def _overview(out: Path, tags: list[str], svg: str) -> None:
    cell = nbformat.v4.new_code_cell("nb.show(...)", metadata={"tags": tags})
    alt = {"image/svg+xml": {"alt": "Phase of each unit. 2 of 3 in coordination."}}
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"image/svg+xml": svg}, metadata=alt)
    ]
    (out / "notebooks").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), out / "notebooks" / "overview.ipynb")


def _record(stem: str, status: str) -> ReportRecord:
    return ReportRecord(stem, stem, "01_org_overview.ipynb", "key", status, 0.1, 1)


def test_the_index_shows_the_overviews_phase_map_else_draws_its_own(dataset, tmp_path):
    """The phase map is drawn once, in the overview's kernel; the report's own process
    draws it (importing matplotlib) only where the overview did not run or has no such
    cell (an analyst's own notebooks)."""
    _, results = analyse_dataset(dataset)
    tagged, untagged = tmp_path / "tagged", tmp_path / "untagged"
    _overview(tagged, ["phase-map"], "<svg>a map</svg>")
    _overview(untagged, [], "<svg>a map</svg>")
    shown, alt = _phase_map(results, [_record("overview", OK)], tagged, "en")
    assert base64.b64decode(shown) == b"<svg>a map</svg>"
    assert alt == "Phase of each unit. 2 of 3 in coordination."
    for out, status in ((untagged, OK), (tagged, FAILED)):
        drawn, alt = _phase_map(results, [_record("overview", status)], out, "en")
        drawn = base64.b64decode(drawn)
        assert drawn.startswith(b"<?xml") and b"<svg" in drawn and len(drawn) > 1000
        assert alt.startswith("Phase of each business unit") and len(alt) > 40


def test_the_index_phase_map_is_the_overviews_figure(dataset, tmp_path):
    out = tmp_path / "out"
    assert report(dataset, out).exit_code == 0
    executed = nbformat.read(out / "notebooks" / "overview.ipynb", as_version=4)
    (cell,) = [c for c in executed.cells if "phase-map" in c.metadata.get("tags", [])]
    assert "image/png" not in cell.outputs[0]["data"]  # the pages show the SVG: no PNG made
    svg = base64_text(cell.outputs[0]["data"]["image/svg+xml"])
    index = (out / "index.html").read_text("utf-8")
    assert f"data:image/svg+xml;base64,{svg}" in index
    alt = str(escape(cell.outputs[0]["metadata"]["image/svg+xml"]["alt"]))  # as Jinja does
    assert f'<img alt="{alt}"' in index and len(alt) > len("Phase of each business unit") + 20
