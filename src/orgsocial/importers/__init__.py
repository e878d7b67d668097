"""Importers: convert the sources people have into the data contract.

Each importer returns contract frames plus rejected records with reasons;
:func:`write_import` writes them as a dataset folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from orgsocial.fileio import atomic_path, write_text_atomic
from orgsocial.importers.edgelist import ImportResult

IMPORT_REJECTS = "import_rejects.csv"
IMPORT_SUMMARY = "import_summary.json"


def write_import(result: ImportResult, folder: Path) -> list[Path]:
    """Write the contract files, the rejected records and the counts into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("departments", "employees", "activity"):
        target = folder / f"{name}.csv"
        with atomic_path(target) as temporary:
            getattr(result, name).to_csv(temporary, index=False)
        written.append(target)
    rejects = folder / IMPORT_REJECTS
    if len(result.rejects):
        with atomic_path(rejects) as temporary:
            result.rejects.to_csv(temporary, index=False)
        written.append(rejects)
    else:
        rejects.unlink(missing_ok=True)
    write_text_atomic(folder / IMPORT_SUMMARY, json.dumps(result.counts, indent=2))
    written.append(folder / IMPORT_SUMMARY)
    return written
