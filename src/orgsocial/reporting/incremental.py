"""Whether a report folder is up to date, decided without loading or analysing anything (no
pandas imported: the check costs a fraction of a second). The *input key* is described with
``input_key`` in docs/outputs.md (``manifest.json``)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import yaml

from orgsocial import __version__
from orgsocial.config import Settings
from orgsocial.io.fileio import file_digest
from orgsocial.io.folders import locate_files
from orgsocial.reporting.manifest import Manifest, text_digest
from orgsocial.reporting.options import PDF_FILE, SINGLE_FILE

#: The installed package's folder: its code, templates and defaults make the pages.
PACKAGE = Path(__file__).resolve().parents[1]
#: The files of the package that make a page (compiled caches are not).
CODE_SUFFIXES = (".py", ".j2", ".css", ".yaml", ".tpl", ".json")


@lru_cache(maxsize=4)
def code_digest(package: Path = PACKAGE) -> str:
    """SHA-256 of the package's code, templates and defaults, with the version: any change
    under ``src/orgsocial`` that can change a page changes it, ``__pycache__`` does not.
    Cached: a process runs one version of its code."""
    hasher = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            hasher.update(f"{path.relative_to(package).as_posix()}\0{file_digest(path)}\n".encode())
    return hasher.hexdigest()


def input_key(
    dataset: Path, settings: Settings, parameters: dict[str, object], notebooks: Path
) -> tuple[str, dict[str, str], dict[str, object]]:
    """The key, the inputs' hashes and the parameters as recorded in the manifest."""
    inputs = {path.name: file_digest(path) for path in locate_files(dataset).values()}
    recorded = {
        "dataset": str(dataset),
        **parameters,
        "min_group_size": settings.min_group_size,
        "settings": text_digest(yaml.safe_dump(settings.raw, sort_keys=True)),
    }
    notebook_digests = {p.name: file_digest(p) for p in sorted(notebooks.glob("*.ipynb"))}
    key = text_digest(
        json.dumps(inputs, sort_keys=True),
        json.dumps(recorded, sort_keys=True, default=str),
        json.dumps(notebook_digests, sort_keys=True),
        code_digest(),
    )
    return key, inputs, recorded


def up_to_date(previous: Manifest | None, key: str, out: Path) -> bool:
    """True when the previous run had this key, succeeded entirely and its pages exist
    (the single report too, and its PDF where one was asked for)."""
    if previous is None or previous.input_key != key or not previous.reports:
        return False
    pages = [out / f"{r.stem}.html" for r in previous.reports]
    pages += [out / "index.html", out / SINGLE_FILE]
    if previous.parameters.get("pdf"):
        pages.append(out / PDF_FILE)
    return all(r.status == "ok" for r in previous.reports) and all(p.is_file() for p in pages)
