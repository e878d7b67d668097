"""The report batch: analyse once, run the notebooks on warm kernels, export HTML. What it
writes and when it may run are in docs/outputs.md ("What orgsocial report adds") and
README.md ("Safe to schedule")."""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd

from orgsocial import __version__
from orgsocial.analysis.results import AnalysisResults
from orgsocial.app import AnalysisOptions, analyse_dataset, options_from
from orgsocial.config import Settings
from orgsocial.errors import OrgsocialError, ParameterError
from orgsocial.io.dataset import Dataset
from orgsocial.io.fileio import make_folder, write_text_atomic
from orgsocial.io.outputs import write_results
from orgsocial.reporting import bundle
from orgsocial.reporting import html as report_html
from orgsocial.reporting.execution import OK, DaskExecutor, Job, LocalExecutor, Outcome
from orgsocial.reporting.incremental import code_digest, input_key, up_to_date
from orgsocial.reporting.lock import LOCK_FILE, FolderLock
from orgsocial.reporting.manifest import (
    Manifest,
    ReportRecord,
    claim_report_folder,
    read_manifest,
    text_digest,
    versions,
)
from orgsocial.reporting.options import (
    PDF_FILE,
    SINGLE_FILE,
    ReportOptions,
    default_notebooks_folder,
    key_parameters,
)
from orgsocial.reporting.readings import phase_map_reading
from orgsocial.reporting.runlog import LOG_FILE, run_log
from orgsocial.reporting.style import FIGURE_TYPE
from orgsocial.reporting.summary import ExecutiveSummary, executive_summary
from orgsocial.reporting.tables import count_text
from orgsocial.reporting.text import label, shown_period, spoken_period, with_period
from orgsocial.reporting.views import digest, organisation_view, unit_view

log = logging.getLogger(__name__)

UNIT_NOTEBOOK = "02_business_unit.ipynb"
#: Organisation-level reports: file stem, notebook, title label.
ORGANISATION_REPORTS = (
    ("overview", "01_org_overview.ipynb", "overview_title"),
    ("data-quality", "03_data_quality.ipynb", "quality_title"),
    ("department-network", "04_department_network.ipynb", "network_title"),
    ("customer-response", "05_customer_response.ipynb", "response_title"),
    ("trend", "06_trend.ipynb", "trend_title"),
)
#: The organisation pages in the order of the single report (data quality last).
SINGLE_FILE_ORDER = ("overview", "department-network", "customer-response", "trend", "data-quality")
#: The notebooks that take longest run first, so that the kernels end on short ones
#: together rather than one waiting for the other's last unit page.
RUN_FIRST = ("04_department_network.ipynb", "02_business_unit.ipynb", "01_org_overview.ipynb")
#: The overview's cell whose figure (the phase map) the index shows too: taken from the
#: executed overview rather than drawn twice (drawing needs matplotlib here, 0.3-0.5 s).
PHASE_MAP_TAG = "phase-map"
ANALYSIS_FOLDER = "analysis"
NOTEBOOKS_FOLDER = "notebooks"


@dataclass
class BatchResult:
    """What a run did."""

    index: Path
    records: list[ReportRecord] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0
    pdf: Path | None = None
    pdf_error: str = ""

    @property
    def failed(self) -> list[ReportRecord]:
        """Reports that did not produce their HTML."""
        return [r for r in self.records if r.status != OK]


def plan_jobs(
    results: AnalysisResults,
    notebooks: Path,
    results_dir: Path,
    options: ReportOptions,
) -> list[Job]:
    """The organisation-level reports plus one report per (selected) business unit; a unit
    under the privacy minimum has none (the summary says it is not reported, and its page
    would say only that)."""
    lang = options.lang
    common = {
        "results_dir": str(results_dir.resolve()),
        "lang": lang,
        "period": options.period,
    }
    jobs = []
    code = code_digest()  # a page is redone when the code that makes it changed
    org_digest = digest(organisation_view(results))
    window = spoken_period(results.meta, "window", lang)
    for stem, name, title in ORGANISATION_REPORTS if options.organisation_reports else ():
        path = notebooks / name
        if not path.is_file():
            raise ParameterError(f"{path}: the notebook is missing")
        text = path.read_text("utf-8")
        key = text_digest(text, json.dumps(common | {"results_dir": ""}), code, org_digest)
        shown = with_period(label(title, lang), window)
        jobs.append(Job(stem, shown, name, text, dict(common), key))
    unit_text = (notebooks / UNIT_NOTEBOOK).read_text("utf-8")
    periods = {
        record["business_unit"]: shown_period(record["period"], record.get("period_note"), lang)
        for record in results.units.to_dict("records")
    }
    units = sorted(results.units["business_unit"])
    small = set(results.units.loc[results.units["suppressed"].astype(bool), "business_unit"])
    for unit in options.units or units:
        if unit in small:  # asked for by name (--unit): the terminal says why there is none
            level = logging.WARNING if options.units else logging.INFO
            log.log(level, "%s: no page, fewer people than the privacy minimum", unit)
            continue
        parameters = {**common, "business_unit": unit}
        key = text_digest(
            unit_text,
            json.dumps(parameters | {"results_dir": ""}, sort_keys=True),
            code,
            digest(unit_view(results, unit)),
        )
        title = with_period(label("unit_title", lang, unit=unit), periods.get(unit, ""))
        stem = report_html.safe_stem(unit)
        jobs.append(Job(stem, title, UNIT_NOTEBOOK, unit_text, parameters, key, unit))
    return jobs


class _Progress:
    """A bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, enabled: bool | None) -> None:
        self.total = total
        self.done = 0
        interactive = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None
        if interactive and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=sys.stderr)

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(f"{outcome.stem}: {outcome.status}")
            self.bar.update(1)
        else:
            print(
                f"[{self.done}/{self.total}] {outcome.stem}: {outcome.status} "
                f"({outcome.seconds:.1f} s){' ' + outcome.error if outcome.error else ''}",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _executor(options: ReportOptions, notebooks: Path, results_dir: Path):
    """The executor the options name (``run_report`` checked them with the others)."""
    if options.executor == "dask":
        return DaskExecutor(options.scheduler, results_dir, options.timeout)
    return LocalExecutor(options.workers, notebooks, options.timeout)


def analysis_options(options: ReportOptions) -> AnalysisOptions:
    """The analysis a report run asks for: the same options as ``orgsocial analyse``
    (``--workers`` sums a large log in that many processes, as it runs that many
    notebooks): the options the two share, by name."""
    return options_from(AnalysisOptions, vars(options))


def run_report(
    dataset: Path,
    out: Path,
    settings: Settings,
    options: ReportOptions,
    force: bool = False,
) -> BatchResult:
    """Analyse ``dataset`` and write every report into ``out`` (see the module's docstring).

    ``force``: write into ``out`` even when it holds files no report wrote.

    Raises
    ------
    OrgsocialError
        Bad input or parameters (nothing is executed), the folder is busy, holds
        other files (without ``force``) or cannot be written.
    """
    analysis_options(options).checked_period()  # every option checked before anything runs
    if options.retries < 0:
        raise ParameterError("--retries must be at least 0")
    claim_report_folder(out, force)
    made = not out.exists()
    with FolderLock(out):
        try:
            with run_log(out):
                return _run_batch(dataset, out, settings, options)
        except OrgsocialError:
            # a run stopped by its input leaves no folder of its own behind: only the lock
            # (held) and the run's log
            if made and {entry.name for entry in out.iterdir()} <= {LOCK_FILE, LOG_FILE}:
                shutil.rmtree(out, ignore_errors=True)
            raise


def _run_batch(dataset: Path, out: Path, settings: Settings, options: ReportOptions) -> BatchResult:
    notebooks = options.notebooks or default_notebooks_folder()
    started = time.perf_counter()
    stamp = pd.Timestamp.now(tz="UTC")
    for folder in (out, out / NOTEBOOKS_FOLDER, out / ANALYSIS_FOLDER):
        # a killed run's temporary files (they never replaced anything)
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
    key, inputs, parameters = input_key(dataset, settings, key_parameters(options), notebooks)
    previous = read_manifest(out)
    if up_to_date(previous, key, out):
        log.info("%s: up to date (inputs, parameters, notebooks and code unchanged)", out)
        return BatchResult(
            out / "index.html",
            previous.reports,
            up_to_date=True,
            seconds=time.perf_counter() - started,
        )
    loaded, results, records, analysed, executed = _analyse_and_execute(
        dataset, settings, options, notebooks, out, previous
    )
    _remove_pages_no_longer_made(out, previous, records)
    index = _write_index(results, records, out, options, dataset, loaded, stamp)
    (out / PDF_FILE).unlink(missing_ok=True)  # never a PDF of an earlier run
    pdf, pdf_error = None, ""
    if options.pdf:  # without Chromium, the sentence that says how to get it
        from orgsocial.reporting.pdf import html_to_pdf

        try:
            pdf = html_to_pdf(out / SINGLE_FILE, out / PDF_FILE, options.timeout)
        except OrgsocialError as error:
            log.info("no PDF: %s", error)  # the command says it, once, as an error
            pdf_error = str(error)
    run = {"workers": options.workers, "executor": options.executor}
    manifest = Manifest(
        started=stamp.isoformat(),
        finished=pd.Timestamp.now(tz="UTC").isoformat(),
        input_key=key,
        inputs=inputs,
        parameters=parameters | run | {"retries": options.retries},
        versions=versions(),
        reports=records,
        seconds=round(time.perf_counter() - started, 3),
        analysis_seconds=round(analysed - started, 3),
        execution_seconds=round(executed - analysed, 3),
    )
    manifest.write(out)
    failed = sum(r.status != OK for r in records)
    log.info("done in %.1f s: %d report(s), %d failed", manifest.seconds, len(records), failed)
    return BatchResult(index, records, False, manifest.seconds, pdf, pdf_error)


def _analyse_and_execute(
    dataset: Path,
    settings: Settings,
    options: ReportOptions,
    notebooks: Path,
    out: Path,
    previous: Manifest | None,
) -> tuple[Dataset, AnalysisResults, list[ReportRecord], float, float]:
    """Analyse once (the kernels start meanwhile), then run every report that changed: the
    dataset, its results, the records (in the order of the jobs) and the clock when the
    analysis and the execution ended."""
    results_dir = out / ANALYSIS_FOLDER
    executor = _executor(options, notebooks, results_dir)
    executor.warm()  # kernels start while the data are analysed
    try:
        loaded, results = _analyse(dataset, settings, options, results_dir)
        analysed = time.perf_counter()
        jobs = plan_jobs(results, notebooks, results_dir, options)
        records, to_run = _reuse(jobs, previous, out)
        first = {name: rank for rank, name in enumerate(RUN_FIRST)}
        to_run.sort(key=lambda job: first.get(job.notebook_name, len(first)))
        log.info("%d report(s): %d to run, %d unchanged", len(jobs), len(to_run), len(records))
        progress = _Progress(len(to_run), options.progress)
        by_stem = {job.stem: job for job in to_run}
        for outcome in executor.run(to_run, options.retries):
            records.append(_store(outcome, by_stem[outcome.stem], out))
            progress.update(outcome)
        progress.close()
        executed = time.perf_counter()
    finally:
        executor.close()
    order = {job.stem: i for i, job in enumerate(jobs)}
    records.sort(key=lambda r: order.get(r.stem, len(order)))
    return loaded, results, records, analysed, executed


def _analyse(
    dataset: Path, settings: Settings, options: ReportOptions, results_dir: Path
) -> tuple[Dataset, AnalysisResults]:
    loaded, results = analyse_dataset(dataset, analysis_options(options), settings)
    known = set(results.units["business_unit"])
    unknown = [unit for unit in options.units if unit not in known]
    if unknown:  # before anything is written
        raise ParameterError(
            f"unknown business unit(s) {', '.join(map(repr, unknown))}; known: "
            + ", ".join(sorted(known))
        )
    write_results(results, results_dir, loaded.validation)
    return loaded, results


def _reuse(
    jobs: list[Job], previous: Manifest | None, out: Path
) -> tuple[list[ReportRecord], list[Job]]:
    """Reports whose key is unchanged and whose page exists are kept; the rest must run."""
    kept, to_run = [], []
    for job in jobs:
        old = previous.record(job.stem) if previous else None
        if old and old.key == job.key and old.status == OK and (out / f"{job.stem}.html").is_file():
            kept.append(_record(job, OK, old.seconds, reused=True))
        else:
            to_run.append(job)
    return kept, to_run


def _remove_pages_no_longer_made(
    out: Path, previous: Manifest | None, records: list[ReportRecord]
) -> None:
    """Remove the pages (and executed notebooks) named in the earlier run's manifest that
    this run does not make (a unit that fell under the privacy minimum, or left)."""
    made = {record.stem for record in records}
    for old in previous.reports if previous else []:
        if old.stem in made:
            continue
        report_html.inside(out, f"{old.stem}.html").unlink(missing_ok=True)
        report_html.inside(out / NOTEBOOKS_FOLDER, f"{old.stem}.ipynb").unlink(missing_ok=True)
        log.info("%s: removed, this run makes no such page", old.stem)


def _store(outcome: Outcome, job: Job, out: Path) -> ReportRecord:
    """Write the executed notebook (always) and the page (on success), each atomically."""
    if outcome.executed is not None:
        target = report_html.inside(out / NOTEBOOKS_FOLDER, f"{job.stem}.ipynb")
        make_folder(target.parent)
        write_text_atomic(target, outcome.executed)
    page = report_html.inside(out, f"{job.stem}.html")
    if outcome.status == OK and outcome.html is not None:
        write_text_atomic(page, outcome.html)
    else:
        page.unlink(missing_ok=True)
    return _record(job, outcome.status, round(outcome.seconds, 3), outcome.attempts, outcome.error)


def _record(
    job: Job, status: str, seconds: float, attempts: int = 0, error: str = "", reused: bool = False
) -> ReportRecord:
    """The manifest's record of ``job``."""
    return ReportRecord(
        job.stem,
        job.title,
        job.notebook_name,
        job.key,
        status,
        seconds,
        attempts,
        error,
        job.business_unit,
        reused,
    )


def _write_index(
    results: AnalysisResults,
    records: list[ReportRecord],
    out: Path,
    options: ReportOptions,
    dataset: Path,
    loaded: Dataset,
    stamp: pd.Timestamp,
) -> Path:
    """Write index.html and the single report (orgsocial-report.html) beside it."""
    lang = options.lang
    meta = results.meta
    period = spoken_period(meta, "headline_period", lang)  # a span in words, not 2026-01-15..

    entries = [
        report_html.IndexEntry(r.title, f"{r.stem}.html", r.status, r.error, r.business_unit)
        for r in records
    ]
    ok = sum(r.status == OK for r in records)
    facts = {
        label("run_date", lang): stamp.strftime("%Y-%m-%d %H:%M UTC"),
        "orgsocial": __version__,
        label("dataset", lang): dataset.resolve().name,  # a path can name a person
        label("headline_period", lang): period or label("no_verdicts", lang),
        label("window", lang): spoken_period(meta, "window", lang),
        label("data_span", lang): spoken_period(meta, "data_span", lang),
        label("rows_read", lang): count_text(
            sum(report.rows_read for report in loaded.validation.files.values()), lang
        ),
        label("rows_rejected", lang): count_text(loaded.validation.rows_rejected, lang),
    }
    if len(results.imports):  # the imports' own rejects are not rows of the dataset: said apart
        facts[label("imports_set_aside", lang)] = count_text(meta["import_records_set_aside"], lang)
    facts[label("privacy_minimum", lang)] = meta.get("min_group_size", "")
    facts[label("reports", lang)] = f"{ok} / {len(records)}"
    phase_map = _phase_map(results, records, out, lang)
    minimum = int(meta.get("min_group_size") or 5)
    summary = executive_summary(results.units, results.trend, minimum, lang)
    page = report_html.index_page(
        results.units,
        entries,
        facts,
        lang,
        phase_map,
        period=period,
        single_file=SINGLE_FILE,
        summary=summary,
    )
    index = out / "index.html"
    write_text_atomic(index, page)
    _write_single_report(results, entries, summary, records, out, lang, phase_map, period)
    return index


def _phase_map(
    results: AnalysisResults, records: list[ReportRecord], out: Path, lang: str
) -> tuple[str, str]:
    """The phase map as base64 SVG, and its alternative text (title and reading; the
    title alone where the overview's figure carries none): the executed overview's (its
    cell tagged ``phase-map``) where the overview was made, else drawn here."""
    if any(r.stem == "overview" and r.status == OK for r in records):
        executed = nbformat.read(out / NOTEBOOKS_FOLDER / "overview.ipynb", as_version=4)
        for cell in executed.cells:
            if PHASE_MAP_TAG in cell.metadata.get("tags", []):
                for output in cell.get("outputs", []):
                    if FIGURE_TYPE in output.get("data", {}):
                        alt = output.get("metadata", {}).get(FIGURE_TYPE, {}).get("alt", "")
                        svg = report_html.base64_text(output["data"][FIGURE_TYPE])
                        return svg, alt or label("phase_map_title", lang)
    import matplotlib.pyplot as plt  # only here: the report's process needs no matplotlib

    from orgsocial.reporting import plots
    from orgsocial.reporting.notebook import figure_alt, figure_svg

    figure = plots.phase_map(results.units, lang)
    drawn = (
        report_html.base64_text(figure_svg(figure)),
        figure_alt(figure, phase_map_reading(results.units, lang)),
    )
    plt.close(figure)
    return drawn


def _write_single_report(
    results: AnalysisResults,
    entries: list[report_html.IndexEntry],
    summary: ExecutiveSummary,
    records: list[ReportRecord],
    out: Path,
    lang: str,
    phase_map: tuple[str, str],
    period: str,
) -> None:
    """The summary, the unit pages (in the summary's order) and the organisation pages in
    one file; a page that failed is listed in the summary and left out."""
    written = {r.stem: r for r in records if r.status == OK}
    # no record is of a unit too small to report (plan_jobs makes it no page)
    by_unit = {r.business_unit: r.stem for r in written.values() if r.business_unit}
    inside = set(by_unit.values())

    def link(file_name: str) -> str:  # a unit whose page is not in the file is not linked
        return _anchor(file_name) if file_name.removesuffix(".html") in inside else ""

    context = report_html.summary_context(
        results.units, entries, lang, period=period, link=link, summary=summary
    )
    order = [by_unit[row["unit"]] for row in context["rows"] if row["unit"] in by_unit]
    order += [stem for stem in SINGLE_FILE_ORDER if stem in written]
    pages = {stem: (out / f"{stem}.html").read_text("utf-8") for stem in order}
    context |= {
        "phase_map": phase_map[0],
        "phase_map_alt": phase_map[1],
        "organisation": report_html.organisation_links(entries, lang, link=_anchor),
    }
    write_text_atomic(out / SINGLE_FILE, bundle.single_report(context, pages))


def _anchor(file_name: str) -> str:
    return "#" + file_name.removesuffix(".html")


__all__ = [
    "ANALYSIS_FOLDER",
    "BatchResult",
    "ReportOptions",
    "default_notebooks_folder",
    "plan_jobs",
    "run_report",
]
