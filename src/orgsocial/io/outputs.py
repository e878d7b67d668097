"""Write and read the results of ``orgsocial analyse``: CSV for people, Parquet for programs.

``meta.json`` marks a complete set: :func:`begin_results` removes it before
anything in the folder changes and :func:`write_results` writes it last, so a
run killed at any point leaves either the previous complete set or a folder
without ``meta.json`` (which :func:`read_results` refuses); each file is itself
written atomically, so none is ever half-written.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from orgsocial.analysis.results import AnalysisResults
from orgsocial.errors import DatasetError
from orgsocial.io import contract as c
from orgsocial.io.csvtext import write_csv
from orgsocial.io.fileio import (
    atomic_path,
    folder_entries,
    make_folder,
    refuse_foreign,
    safe_for_spreadsheets,
    writable_folder,
    write_text_atomic,
)

if TYPE_CHECKING:  # validation (pandera) is not needed to read or write results
    from orgsocial.io.dataset import ValidationReport

META = "meta.json"
REJECTS_FOLDER = "rejects"
SUFFIXES = (".csv", ".parquet")


def _temporary(name: str) -> bool:
    """A file that :func:`orgsocial.io.fileio.atomic_path` writes before renaming it."""
    return name.startswith(".") and name.endswith(".tmp")


def foreign_entries(folder: Path) -> list[str]:
    """Entries of ``folder`` that ``orgsocial analyse`` does not write (``rejects/x`` for
    those inside the rejects folder); none when the folder does not exist. Any file it
    writes is allowed, so that a run killed half-way is no obstacle."""
    frames = {f"{name}{suffix}" for name in AnalysisResults.FRAMES for suffix in SUFFIXES}
    known = frames | {META, REJECTS_FOLDER}
    foreign = [n for n in folder_entries(folder) if n not in known and not _temporary(n)]
    rejects = folder / REJECTS_FOLDER
    if rejects.exists() and not rejects.is_dir():
        foreign.append(REJECTS_FOLDER)
    elif rejects.is_dir():
        allowed = {f"{name}.csv" for name in c.FILE_ORDER}
        foreign += [
            f"{REJECTS_FOLDER}/{name}"
            for name in folder_entries(rejects)
            if name not in allowed and not _temporary(name)
        ]
    return sorted(foreign)


def claim_results_folder(folder: Path, force: bool = False) -> Path:
    """Make sure ``orgsocial analyse`` may write its results into ``folder`` (without
    creating it: a run that fails on its input leaves nothing behind).

    Raises
    ------
    ForeignFolderError
        The folder holds files that analyse did not write, and ``force`` is false.
    OutputError
        The folder or its ``rejects/`` cannot be created or written.
    """
    if not force:
        refuse_foreign(folder, foreign_entries(folder), "orgsocial analyse")
    writable_folder(folder)
    writable_folder(folder / REJECTS_FOLDER)
    return folder


def begin_results(folder: Path) -> None:
    """Mark ``folder`` as incomplete (remove ``meta.json``) before rewriting any of it,
    and remove temporary files a killed run left behind."""
    make_folder(folder)
    (folder / META).unlink(missing_ok=True)
    for place in (folder, folder / REJECTS_FOLDER):
        for stale in place.glob(".*.tmp"):
            stale.unlink(missing_ok=True)


def write_results(
    results: AnalysisResults, folder: Path, validation: ValidationReport | None = None
) -> None:
    """Write the rejected rows of ``validation`` (:func:`write_rejects`), every frame as
    ``<name>.csv`` and ``<name>.parquet``, then ``meta.json``."""
    begin_results(folder)
    if validation is not None:
        write_rejects(validation, folder)
    # two threads: Arrow formats CSV and writes Parquet without holding the GIL,
    # so the million-row responses table is written beside the others
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = []
        for name in AnalysisResults.FRAMES:
            for suffix in SUFFIXES:
                target = folder / f"{name}{suffix}"
                pending.append(pool.submit(_write_file, getattr(results, name), target))
        for future in pending:
            future.result()  # raises what a writer raised: then no meta.json is written
    write_text_atomic(folder / META, json.dumps(results.meta, indent=2, default=str))


def _write_file(frame: pd.DataFrame, target: Path) -> None:
    """Write ``frame`` atomically as CSV (safe for spreadsheets) or Parquet, by suffix."""
    with atomic_path(target) as temporary:
        if target.suffix == ".csv":
            write_csv(safe_for_spreadsheets(frame), temporary)
        else:
            frame.to_parquet(temporary, index=False)


def write_rejects(report: ValidationReport, folder: Path) -> list[Path]:
    """Write each file's rejected rows (reason first, then the row as read) under ``rejects/``,
    and remove an older file's for a file without rejects.

    Raises
    ------
    OutputError
        When the rejects folder cannot be written (a file stands in its place), even
        when no file has rejects.
    """
    rejects = writable_folder(folder / REJECTS_FOLDER)
    written = []
    for name, file_report in report.files.items():
        target = rejects / f"{name}.csv"
        if file_report.rows_rejected == 0:
            target.unlink(missing_ok=True)
            continue
        _write_file(file_report.rejects, target)
        written.append(target)
    return written


def read_results(folder: Path | str) -> AnalysisResults:
    """Read results written by :func:`write_results`.

    Raises
    ------
    DatasetError
        When the folder holds no complete set of results.
    """
    folder = Path(folder)
    meta_path = folder / META
    if not meta_path.is_file():
        raise DatasetError(
            folder, "holds no analysis results (no meta.json); run orgsocial analyse"
        )
    frames = {}
    for name in AnalysisResults.FRAMES:
        path = folder / f"{name}.parquet"
        if not path.is_file():
            raise DatasetError(
                path, "is missing: the results are incomplete or older; run orgsocial analyse"
            )
        try:
            frames[name] = pd.read_parquet(path)
        except (OSError, ValueError) as error:
            raise DatasetError(path, f"cannot be read: {error}") from None
    meta = json.loads(meta_path.read_text("utf-8"))
    return AnalysisResults(**frames, meta=meta)


__all__ = [
    "META",
    "begin_results",
    "claim_results_folder",
    "foreign_entries",
    "read_results",
    "write_rejects",
    "write_results",
]
