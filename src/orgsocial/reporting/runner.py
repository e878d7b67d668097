"""The report batch: analyse once, run the notebooks with papermill in a pool, export HTML.

Layout of the output folder::

    DIR/index.html            leadership entry page
    DIR/overview.html         the organisation overview
    DIR/unit-<name>.html      one page per business unit
    DIR/analysis/             results of `orgsocial analyse` (shared by all notebooks)
    DIR/notebooks/            the executed notebooks (kept for debugging failures)

Every file is written atomically. A failing notebook does not stop the others;
it is listed as failed in the index.
"""

from __future__ import annotations

import base64
import logging
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat

from orgsocial import __version__
from orgsocial.analysis.pipeline import AnalysisResults
from orgsocial.fileio import atomic_path, write_text_atomic
from orgsocial.reporting import html as report_html
from orgsocial.reporting import plots
from orgsocial.reporting.notebook import figure_png
from orgsocial.reporting.text import check_language, label

log = logging.getLogger(__name__)

OVERVIEW_NOTEBOOK = "01_org_overview.ipynb"
UNIT_NOTEBOOK = "02_business_unit.ipynb"
ANALYSIS_FOLDER = "analysis"
NOTEBOOKS_FOLDER = "notebooks"
KERNEL = "python3"


def default_notebooks_folder() -> Path:
    """The project's ``notebooks/`` folder (beside ``src/``)."""
    return Path(__file__).resolve().parents[3] / "notebooks"


@dataclass(frozen=True)
class Job:
    """One notebook to execute with its parameters, and the HTML file it becomes."""

    title: str
    notebook: Path
    parameters: dict[str, object]
    stem: str
    business_unit: str | None = None


@dataclass(frozen=True)
class JobResult:
    """How a job ended."""

    job: Job
    status: str
    seconds: float
    error: str = ""


@dataclass(frozen=True)
class BatchResult:
    """All jobs of a batch and where the index is."""

    index: Path
    results: list[JobResult] = field(default_factory=list)

    @property
    def failed(self) -> list[JobResult]:
        """Jobs that did not produce their HTML."""
        return [r for r in self.results if r.status != "ok"]


def plan_jobs(results: AnalysisResults, notebooks: Path, results_dir: Path, lang: str) -> list[Job]:
    """The overview plus one unit report per business unit."""
    common = {"results_dir": str(results_dir.resolve()), "lang": lang}
    jobs = [
        Job(
            title=label("overview_title", lang),
            notebook=notebooks / OVERVIEW_NOTEBOOK,
            parameters=dict(common),
            stem="overview",
        )
    ]
    for unit in sorted(results.units["business_unit"]):
        jobs.append(
            Job(
                title=label("unit_title", lang, unit=unit),
                notebook=notebooks / UNIT_NOTEBOOK,
                parameters={**common, "business_unit": unit},
                stem=report_html.safe_stem(unit),
                business_unit=unit,
            )
        )
    return jobs


def run_job(job: Job, out: Path) -> JobResult:
    """Execute one notebook and export it to ``out/<stem>.html``; never raises."""
    import papermill

    started = time.perf_counter()
    executed = report_html.inside(out / NOTEBOOKS_FOLDER, f"{job.stem}.ipynb")
    target = report_html.inside(out, f"{job.stem}.html")
    executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        notebook = papermill.execute_notebook(
            str(job.notebook),
            str(executed),
            parameters=job.parameters,
            kernel_name=KERNEL,
            progress_bar=False,
            cwd=str(job.notebook.parent),
        )
        page = report_html.notebook_to_html(nbformat.from_dict(notebook), job.title)
        write_text_atomic(target, page)
    except Exception as error:  # a failing report must not stop the batch
        name = type(error).__name__
        message = getattr(error, "evalue", None) or str(error).strip().splitlines()[-1:] or [name]
        text = message if isinstance(message, str) else message[0]
        target.unlink(missing_ok=True)
        return JobResult(job, "failed", time.perf_counter() - started, f"{name}: {text}")
    return JobResult(job, "ok", time.perf_counter() - started)


def _phase_map_png(results: AnalysisResults, lang: str) -> str:
    figure = plots.phase_map(results.units, lang)
    png = figure_png(figure)
    plt.close(figure)
    return base64.b64encode(png).decode("ascii")


def run_batch(
    results: AnalysisResults,
    out: Path,
    workers: int,
    lang: str = "en",
    notebooks: Path | None = None,
    inputs: dict[str, str] | None = None,
) -> BatchResult:
    """Run every report of ``results`` (already written under ``out/analysis``).

    Parameters
    ----------
    results
        The analysis results (for the list of units and the index).
    out
        The report folder.
    workers
        Notebooks executed at once.
    lang
        ``en`` or ``nl``.
    notebooks
        Folder with the numbered notebooks (default: the project's).
    inputs
        Facts about the inputs to show on the index (e.g. the dataset path).
    """
    check_language(lang)
    notebooks = notebooks or default_notebooks_folder()
    jobs = plan_jobs(results, notebooks, out / ANALYSIS_FOLDER, lang)
    log.info("running %d notebooks with %d worker(s)", len(jobs), workers)
    finished: list[JobResult] = []
    if workers <= 1:
        for job in jobs:
            finished.append(run_job(job, out))
            _log_result(finished[-1])
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(run_job, job, out) for job in jobs]
            for future in futures:
                finished.append(future.result())
                _log_result(finished[-1])
    entries = [
        report_html.IndexEntry(
            title=r.job.title,
            file_name=f"{r.job.stem}.html",
            status=r.status,
            error=r.error,
            business_unit=r.job.business_unit,
        )
        for r in finished
    ]
    meta = {
        "generated": results.meta.get("generated_at", ""),
        "orgsocial": __version__,
        **(inputs or {}),
        "privacy minimum group size": results.meta.get("min_group_size", ""),
        "reports": f"{sum(r.status == 'ok' for r in finished)} of {len(finished)} succeeded",
    }
    page = report_html.index_page(
        results.units, entries, meta, lang, phase_map_png=_phase_map_png(results, lang)
    )
    index = out / "index.html"
    with atomic_path(index) as temporary:
        temporary.write_text(page, encoding="utf-8")
    return BatchResult(index=index, results=finished)


def _log_result(result: JobResult) -> None:
    if result.status == "ok":
        log.info("%s: ok (%.1f s)", result.job.stem, result.seconds)
    else:
        log.error("%s: FAILED (%.1f s): %s", result.job.stem, result.seconds, result.error)
