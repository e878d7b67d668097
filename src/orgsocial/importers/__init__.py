"""Importers: convert the sources people have into the data contract.

Each importer returns contract frames plus rejected records with reasons;
:func:`write_import` writes them into a dataset folder, with the rejects and
counts of that import kind beside them (``import_<kind>_rejects.csv``,
``import_<kind>_summary.json``). Personal identifiers are pseudonymised by the
importers themselves (:mod:`orgsocial.importers.pseudonym`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from orgsocial import contract as c
from orgsocial.fileio import atomic_path, write_text_atomic


def rejects_file(kind: str) -> str:
    """The rejects file of an import kind."""
    return f"import_{kind}_rejects.csv"


def write_import(
    folder: Path,
    kind: str,
    frames: dict[str, pd.DataFrame],
    rejects: pd.DataFrame,
    counts: dict[str, int],
) -> list[Path]:
    """Write contract files (by stem), the rejected records and the counts into ``folder``.

    A survey is merged with the survey already there: rows of the imported
    wave(s) are replaced, other waves are kept.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        target = folder / f"{name}.csv"
        if name == c.SURVEY and target.is_file():
            existing = pd.read_csv(target, dtype=str, keep_default_na=False)
            frame = pd.concat(
                [existing.loc[~existing["wave"].isin(set(frame["wave"]))], frame.astype(str)],
                ignore_index=True,
            )
        for stale in c.FILE_SUFFIXES:
            other = folder / f"{name}{stale}"
            if other != target:
                other.unlink(missing_ok=True)
        with atomic_path(target) as temporary:
            frame.to_csv(temporary, index=False)
        written.append(target)
    rejected = folder / rejects_file(kind)
    if len(rejects):
        with atomic_path(rejected) as temporary:
            rejects.to_csv(temporary, index=False)
        written.append(rejected)
    else:
        rejected.unlink(missing_ok=True)
    summary = folder / f"import_{kind}_summary.json"
    write_text_atomic(summary, json.dumps(counts, indent=2))
    written.append(summary)
    return written
