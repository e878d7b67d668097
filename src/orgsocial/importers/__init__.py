"""Importers: convert the sources people have into the data contract.

Each importer returns contract frames plus rejected records with reasons (its
identifiers already pseudonymised); :func:`write_import` writes them into a dataset
folder with that import's rejects and counts (:mod:`~orgsocial.importers.provenance`).
How imports compose (``append``, ``replace``, survey waves): docs/importers.md.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orgsocial.errors import ParameterError
from orgsocial.importers import provenance
from orgsocial.importers.provenance import rejects_file
from orgsocial.io import contract as c
from orgsocial.io.csvtext import write_csv
from orgsocial.io.fileio import atomic_path, make_folder, write_text_atomic

#: How an import treats contract files already in its folder.
MODES = ("new", "append", "replace")
#: The column that identifies a row of each contract file (its first), for appending.
KEYS = {name: c.REQUIRED_COLUMNS[name][0] for name in (c.DEPARTMENTS, c.EMPLOYEES, c.ACTIVITY)}
#: The count of an appended file's rows that were there already (not added twice).
ALREADY_THERE = {name: f"{name}_already_there" for name in KEYS}


class ImportConflictError(ParameterError):
    """An import would overwrite or contradict what its folder already holds."""


@dataclass(frozen=True)
class Imported:
    """An import's contract files (``None``: not written by it) plus what was set aside."""

    rejects: pd.DataFrame
    counts: dict[str, int]
    departments: pd.DataFrame | None = None
    employees: pd.DataFrame | None = None
    activity: pd.DataFrame | None = None
    department_ties: pd.DataFrame | None = None
    windows_1252: tuple[str, ...] = ()  # the files read as Windows-1252


def existing_files(folder: Path, names: list[str]) -> list[Path]:
    """The contract files among ``names`` (stems) that ``folder`` already holds."""
    return [
        folder / f"{name}{suffix}"
        for name in names
        for suffix in c.FILE_SUFFIXES
        if (folder / f"{name}{suffix}").exists()
    ]


def write_import(
    folder: Path,
    kind: str,
    frames: dict[str, pd.DataFrame],
    rejects: pd.DataFrame,
    counts: dict[str, int],
    mode: str = "new",
    fingerprint: str | None = None,
    waves: list[str] | None = None,
) -> dict[str, int]:
    """Write contract files (by stem), the rejected records and the counts into ``folder``;
    the counts recorded: ``counts`` and, on ``append``, how many rows of each file were
    there already (:data:`ALREADY_THERE`: the same rows are not added twice).

    Parameters
    ----------
    mode
        ``new``: refuse when ``folder`` holds any of these contract files already;
        ``append``: add to them (:func:`appended`); ``replace``: overwrite them.
        A survey always replaces only the rows of its own wave(s).
    fingerprint
        The pseudonymisation secret's fingerprint, recorded with the counts.
    waves
        A survey's waves, those of every row read (default: of the rows kept),
        which name its record.

    Raises
    ------
    ImportConflictError
        When the folder holds files the mode does not allow to touch, when ids
        would mean two things, or when the secrets differ.
    """
    if mode not in MODES:
        raise ParameterError(f"import mode must be one of {', '.join(MODES)}, not {mode!r}")
    make_folder(folder)  # a folder that cannot be made is an OutputError (exit 2)
    _refuse_conflicts(folder, frames, mode, fingerprint)
    merged = {
        name: _combined(folder, name, frame, mode)
        for name, frame in frames.items()  # everything checked before anything is written
    }
    there = {ALREADY_THERE[stem]: n for stem, (_, n) in merged.items() if n}
    counts = {**counts, **there}
    name = _record_name(folder, kind, frames, mode, waves)
    for stem, (frame, _) in merged.items():
        for stale in c.FILE_SUFFIXES:
            if stale != ".csv":
                (folder / f"{stem}{stale}").unlink(missing_ok=True)
        _write_csv(frame, folder / f"{stem}.csv")
    rejected = folder / rejects_file(name)
    if len(rejects):
        _write_csv(rejects, rejected)
    else:
        rejected.unlink(missing_ok=True)
    summary = folder / provenance.summary_file(name)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    record = provenance.summary_record(counts, len(rejects), fingerprint, now)
    write_text_atomic(summary, json.dumps(record, indent=2))
    return counts


def _refuse_conflicts(
    folder: Path, frames: dict[str, pd.DataFrame], mode: str, fingerprint: str | None
) -> None:
    """An ImportConflictError when ``folder`` holds contract files that ``mode`` may not
    touch, or when adding to what it holds would mix pseudonymisation secrets."""
    contract_names = [name for name in frames if name != c.SURVEY]
    present = existing_files(folder, contract_names)
    if present and mode == "new":
        raise ImportConflictError(
            f"{folder} already holds {', '.join(p.name for p in present)}: add --append to add "
            "this import to them, or --replace to overwrite them (or choose an empty folder)"
        )
    adds = (mode == "append" and present) or (c.SURVEY in frames and not contract_names)
    remedy = "" if c.SURVEY in frames else ", or --replace"
    mismatch = provenance.secret_mismatch(folder, fingerprint, remedy) if adds else ""
    if mismatch:
        raise ImportConflictError(mismatch)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    with atomic_path(path) as temporary:
        write_csv(frame, temporary)  # a cell holding a line end is quoted on every Python


def contract_frames(result: object) -> dict[str, pd.DataFrame]:
    """The contract files an importer's result (or roster) holds, by stem and in the
    contract's order: its fields named as those files (one that is ``None`` is not there)."""
    found = {name: getattr(result, name, None) for name in c.FILE_ORDER}
    return {name: frame for name, frame in found.items() if frame is not None}


def activity_frame(
    event_id: list[str],
    timestamp: pd.Series,
    actor: pd.Series,
    target: pd.Series,
    channel: str | pd.Series,
    audience: str = "internal",
    action: str = "message",
) -> pd.DataFrame:
    """Contract events (``timestamp``: UTC times), none a reply or naming a business unit."""
    return pd.DataFrame(
        {
            "event_id": event_id,
            "timestamp": timestamp.dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "actor_id": actor,
            "channel": channel,
            "audience": audience,
            "action": action,
            "target_id": target,
            "in_reply_to": "",
            "business_unit": "",
        },
        columns=list(c.ACTIVITY_COLUMNS),
    )


def kept_nothing(frames: dict[str, pd.DataFrame]) -> bool:
    """Whether an import kept no record: its activity, department ties and survey (a
    roster's employees) are all empty."""
    names = [name for name in (c.ACTIVITY, c.DEPARTMENT_TIES, c.SURVEY) if name in frames]
    return not any(len(frames[name]) for name in names or [c.EMPLOYEES])


def keep_rejects(
    folder: Path,
    kind: str,
    frames: dict[str, pd.DataFrame],
    rejects: pd.DataFrame,
    waves: list[str] | None = None,
) -> Path | None:
    """Write the rejects of an import that kept nothing (and writes nothing else) into
    ``folder``, under a name no recorded import uses; their path (``None`` without any)."""
    if not len(rejects):
        return None
    make_folder(folder)
    base = _survey_name(kind, frames, waves) if c.SURVEY in frames else kind
    path = folder / rejects_file(provenance.next_name(folder, base))
    _write_csv(rejects, path)
    return path


def _survey_name(kind: str, frames: dict[str, pd.DataFrame], waves: list[str] | None) -> str:
    """``survey-2026-Q3``: the kind and the survey's waves (default: of its rows)."""
    waves = frames[c.SURVEY]["wave"] if waves is None else waves
    found = "+".join(sorted({str(wave) for wave in waves}))
    return f"{kind}-" + "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in found)


def _record_name(
    folder: Path, kind: str, frames: dict[str, pd.DataFrame], mode: str, waves: list[str] | None
) -> str:
    """The name this import's counts and rejects are kept under (docs/importers.md): a
    survey's wave(s), on ``append`` the next free name; ``replace`` first removes the
    records of every import but the surveys' (no count of data that is gone remains)."""
    if c.SURVEY in frames:
        return _survey_name(kind, frames, waves)
    if mode == "append":
        return provenance.next_name(folder, kind)
    if mode == "replace":
        for old in provenance.import_names(folder):
            if not old.startswith(f"{c.SURVEY}-") and old != c.SURVEY:
                (folder / provenance.summary_file(old)).unlink(missing_ok=True)
                (folder / rejects_file(old)).unlink(missing_ok=True)
    return kind


def contract_file(folder: Path, name: str) -> Path | None:
    """The contract file ``name`` (CSV or Parquet) that ``folder`` holds, or ``None``."""
    return next((p for p in existing_files(folder, [name]) if p.is_file()), None)


def read_as_text(path: Path) -> pd.DataFrame:
    """A contract file (CSV or Parquet) with every value as text."""
    if path.suffix == ".parquet":
        return pd.read_parquet(path).astype(str)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _combined(folder: Path, name: str, frame: pd.DataFrame, mode: str) -> tuple[pd.DataFrame, int]:
    """The frame to write for ``name`` (the import's own, or merged with what is there) and
    how many of the import's rows were there already."""
    found = contract_file(folder, name) if (mode == "append" or name == c.SURVEY) else None
    if found is None:
        return frame, 0
    existing = read_as_text(found)
    if name == c.SURVEY:
        kept = existing.loc[~existing["wave"].isin(set(frame["wave"].astype(str)))]
        return pd.concat([kept, frame.astype(str)], ignore_index=True), 0
    both = appended(existing, frame.astype(str).fillna(""), name, folder / f"{name}.csv")
    return both, len(existing) + len(frame) - len(both)


def appended(existing: pd.DataFrame, new: pd.DataFrame, name: str, path: Path) -> pd.DataFrame:
    """``existing`` rows followed by the rows of ``new`` not already there.

    A row whose key (department, employee id, event id) is already present with
    the same values is the same thing and is not added twice; with other values
    the key would mean two things, and the import is refused.

    Examples
    --------
    >>> old = pd.DataFrame({"employee_id": ["p1"], "department": ["Sales"]})
    >>> new = pd.DataFrame({"employee_id": ["p1", "p2"], "department": ["Sales", "Ops"]})
    >>> appended(old, new, "employees", Path("employees.csv"))["employee_id"].tolist()
    ['p1', 'p2']
    """
    key = KEYS.get(name)
    columns = [col for col in existing.columns if col in new.columns]
    if key is None or key not in columns:
        return pd.concat([existing, new], ignore_index=True)
    both = new.merge(existing[columns], on=key, how="inner", suffixes=("", "_there"))
    differ = pd.Series(False, index=both.index)
    for column in columns:
        if column != key:
            differ |= both[column].fillna("") != both[f"{column}_there"].fillna("")
    if differ.any():
        examples = ", ".join(repr(v) for v in both.loc[differ, key].head(3))
        advice = (
            "give this import its own event_prefix in the mapping"
            if name == c.ACTIVITY
            else "the same id must mean the same thing in every import"
        )
        raise ImportConflictError(
            f"{path}: {int(differ.sum())} {key} value(s) of this import are already there "
            f"with other values (e.g. {examples}); {advice}, or use --replace"
        )
    fresh = new.loc[~new[key].isin(set(existing[key]))]
    return pd.concat([existing, fresh], ignore_index=True)
