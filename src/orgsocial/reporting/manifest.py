"""The manifest of a report run (``DIR/manifest.json``, its keys in docs/outputs.md): what went
in, what came out, and how long it took. It also marks the folder as one ``orgsocial report``
writes (:func:`claim_report_folder`)."""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from orgsocial.io.fileio import folder_entries, refuse_foreign, writable_folder, write_text_atomic
from orgsocial.reporting.lock import LOCK_FILE

MANIFEST = "manifest.json"
PACKAGES = (
    "orgsocial",
    "pandas",
    "pyarrow",
    "networkx",
    "matplotlib",
    "seaborn",
    "nbclient",
    "nbconvert",
    "papermill",
    "ipykernel",
)


def text_digest(*parts: str) -> str:
    """SHA-256 of some texts, joined unambiguously."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part.encode("utf-8"))
    return hasher.hexdigest()


def versions() -> dict[str, str]:
    """Versions of Python and of the packages a report depends on."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


@dataclass
class ReportRecord:
    """One report of a run."""

    stem: str
    title: str
    notebook: str
    key: str
    status: str
    seconds: float = 0.0
    attempts: int = 0
    error: str = ""
    business_unit: str | None = None
    reused: bool = False


@dataclass
class Manifest:
    """Everything a later run (or a person) needs to know about this run."""

    started: str
    finished: str
    input_key: str
    inputs: dict[str, str]
    parameters: dict[str, Any]
    versions: dict[str, str]
    reports: list[ReportRecord] = field(default_factory=list)
    seconds: float = 0.0
    analysis_seconds: float = 0.0  # load and analyse (kernels start meanwhile)
    execution_seconds: float = 0.0  # running the notebooks and writing the pages

    def write(self, folder: Path) -> None:
        """Write ``manifest.json`` atomically."""
        write_text_atomic(folder / MANIFEST, json.dumps(asdict(self), indent=2, default=str))

    def record(self, stem: str) -> ReportRecord | None:
        """The report with this file stem, if any."""
        return next((r for r in self.reports if r.stem == stem), None)


def read_manifest(folder: Path) -> Manifest | None:
    """The previous run's manifest, or None when there is none or it cannot be read."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        data["reports"] = [ReportRecord(**record) for record in data.get("reports", [])]
        return Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None


def claim_report_folder(folder: Path, force: bool = False) -> Path:
    """Make sure ``orgsocial report`` may write into ``folder`` (without creating it: the run
    makes it, and a run stopped by its input leaves none behind).

    A missing or empty folder, or one an earlier report wrote (it holds a manifest that can
    be read, or the lock file of a run stopped before writing one), is fine; any other
    folder only with ``force``, since the run would replace files such as ``index.html``.

    Raises
    ------
    ForeignFolderError
        The folder holds other files, and ``force`` is false.
    OutputError
        The folder cannot be created or written.
    """
    entries = folder_entries(folder)
    written = read_manifest(folder) is not None or (folder / LOCK_FILE).is_file()
    if entries and not force and not written:
        refuse_foreign(folder, entries, "orgsocial report")
    return writable_folder(folder)  # the run makes it (FolderLock)
