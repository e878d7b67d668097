"""The options of a report run (light to import: the quick up-to-date check needs them)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from orgsocial.scale import PARTITION_ROWS

#: The single report beside index.html, and its PDF (with --pdf).
SINGLE_FILE = "orgsocial-report.html"
PDF_FILE = "orgsocial-report.pdf"


def default_notebooks_folder() -> Path:
    """The project's ``notebooks/`` folder (beside ``src/``)."""
    return Path(__file__).resolve().parents[3] / "notebooks"


@dataclass(frozen=True)
class ReportOptions:
    """How to run a batch (the ``orgsocial report`` options)."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)  # as --workers
    lang: str = "en"
    period: str = ""
    trend_by: str = "quarter"
    notebooks: Path | None = None
    retries: int = 0
    timeout: int = 600
    executor: str = "local"
    scheduler: str | None = None
    units: tuple[str, ...] = ()
    strict: bool = False
    progress: bool | None = None  # None: a bar when stderr is a terminal
    organisation_reports: bool = True  # False: unit pages (and the index) only
    pdf: bool = False  # also print the single report to orgsocial-report.pdf
    partition_rows: int = PARTITION_ROWS  # a larger activity log is summed in partitions


#: The options that change what a run produces (part of the input key).
KEY_OPTIONS = ("lang", "period", "trend_by", "units", "strict", "organisation_reports", "pdf")


def key_parameters(options: ReportOptions) -> dict[str, object]:
    """The :data:`KEY_OPTIONS` of ``options`` (``units`` as a list, as JSON writes it)."""
    return {name: getattr(options, name) for name in KEY_OPTIONS} | {"units": list(options.units)}
