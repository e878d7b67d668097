"""What each import did, kept beside its dataset: ``import_<name>_summary.json`` (counts,
records set aside, when, the secret's fingerprint, never the secret) and
``import_<name>_rejects.csv``; read back by validation and the data-quality page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

SUMMARY_GLOB = "import_*_summary.json"
#: Columns of :func:`read_imports`.
IMPORT_COLUMNS = ("import", "measure", "count")


def summary_file(name: str) -> str:
    """The summary file of an import.

    Examples
    --------
    >>> summary_file("slack")
    'import_slack_summary.json'
    """
    return f"import_{name}_summary.json"


def rejects_file(name: str) -> str:
    """The rejects file of an import.

    Examples
    --------
    >>> rejects_file("edgelist-2")
    'import_edgelist-2_rejects.csv'
    """
    return f"import_{name}_rejects.csv"


def import_names(folder: Path) -> list[str]:
    """The imports recorded in ``folder``, in the order of their names."""
    return sorted(
        p.name.removeprefix("import_").removesuffix("_summary.json")
        for p in folder.glob(SUMMARY_GLOB)
    )


def next_name(folder: Path, kind: str) -> str:
    """A name for one more import of ``kind`` into ``folder``: the kind itself, or
    ``kind-2``, ``kind-3`` … when that is taken."""
    taken = set(import_names(folder))
    if kind not in taken:
        return kind
    return next(f"{kind}-{n}" for n in range(2, len(taken) + 3) if f"{kind}-{n}" not in taken)


def summary_record(
    counts: dict[str, int], set_aside: int, fingerprint: str | None, imported_at: str
) -> dict:
    """What an import's summary file holds."""
    return {
        "imported_at": imported_at,
        "secret_fingerprint": fingerprint,
        "records_set_aside": int(set_aside),
        "counts": {key: int(value) for key, value in counts.items()},
    }


def _read_summary(path: Path) -> dict:
    """A summary file ({} when unreadable; an old one's flat counts under ``counts``)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict):
        return {}
    if "counts" not in data:
        return {"counts": {k: v for k, v in data.items() if isinstance(v, int | float)}}
    return data


def no_imports() -> pd.DataFrame:
    """The frame of :func:`read_imports` for a dataset no importer made."""
    return pd.DataFrame({"import": [], "measure": [], "count": []}).astype({"count": "int64"})


def measure_total(imports: pd.DataFrame, measure: str) -> int:
    """One measure summed over the imports of :func:`read_imports` (0 when none counted it).

    Examples
    --------
    >>> rows = pd.DataFrame({"import": ["a", "b"], "measure": ["events"] * 2, "count": [2, 3]})
    >>> measure_total(rows, "events"), measure_total(rows, "records_set_aside")
    (5, 0)
    """
    return int(imports.loc[imports["measure"] == measure, "count"].sum())


def read_imports(folder: Path) -> pd.DataFrame:
    """Every recorded import's counts as rows: ``import``, ``measure``, ``count``.

    Each import has a row ``records_set_aside`` (the rows of its rejects file)
    besides its own counts. Empty when the dataset was not made by an importer.
    """
    rows = []
    for name in import_names(folder):
        record = _read_summary(folder / summary_file(name))
        set_aside = record.get("records_set_aside")
        if set_aside is None:  # an older summary: count its rejects file
            rejected = folder / rejects_file(name)
            set_aside = len(pd.read_csv(rejected, dtype=str)) if rejected.is_file() else 0
        rows.append({"import": name, "measure": "records_set_aside", "count": int(set_aside)})
        rows += [
            {"import": name, "measure": key, "count": int(value)}
            for key, value in record.get("counts", {}).items()
        ]
    return pd.DataFrame(rows, columns=list(IMPORT_COLUMNS)) if rows else no_imports()


def fingerprints(folder: Path) -> dict[str, str]:
    """The secret fingerprint of each import in ``folder`` that pseudonymised anything."""
    found = {
        name: _read_summary(folder / summary_file(name)).get("secret_fingerprint")
        for name in import_names(folder)
    }
    return {name: fingerprint for name, fingerprint in found.items() if fingerprint}


def mixed_secret_imports(folder: Path) -> list[str]:
    """The imports in ``folder`` when they were pseudonymised with more than one secret
    (their people do not join); empty when one secret made them all."""
    return _mixed(fingerprints(folder))


def _mixed(known: dict[str, str]) -> list[str]:
    return sorted(known) if len(set(known.values())) > 1 else []


def secret_mismatch(folder: Path, fingerprint: str | None = None, remedy: str = "") -> str:
    """A sentence when the imports in ``folder`` (and, when given, a new import's
    ``fingerprint``) were pseudonymised with different secrets; empty otherwise.
    ``remedy``: what else the user may do, besides using the same secret."""
    known = fingerprints(folder)
    if fingerprint:
        differing = sorted(name for name, other in known.items() if other != fingerprint)
        if differing:
            return (
                f"{folder}: the import(s) {', '.join(differing)} were pseudonymised with a "
                "different secret than this one, so their people would not join; use the "
                f"same secret ($ORGSOCIAL_SECRET or --secret-file){remedy}"
            )
        return ""
    groups = _mixed(known)  # the summaries are read once
    if groups:
        return (
            f"the imports {', '.join(groups)} were pseudonymised with different secrets "
            f"(fingerprints {', '.join(known[g] for g in groups)}): their people do not join; "
            "import them again with one secret"
        )
    return ""


__all__ = [
    "IMPORT_COLUMNS",
    "fingerprints",
    "import_names",
    "mixed_secret_imports",
    "next_name",
    "no_imports",
    "read_imports",
    "rejects_file",
    "secret_mismatch",
    "summary_file",
    "summary_record",
]
