"""Read a dataset folder, validate every file against the contract, keep the rejects.

The loader is lenient: a row that breaks a rule is excluded, kept with its
reason in the file's rejects, and counted. Whether rejects are acceptable is the
caller's decision (``--strict`` calls :meth:`ValidationReport.require_clean`).
A problem that makes a file unusable (missing, unreadable, a missing column,
no rows) raises :class:`~orgsocial.errors.DatasetError`.

Example
-------
>>> dataset = load_dataset(Path("data/demo"))          # doctest: +SKIP
>>> dataset.validation.summary()                      # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from orgsocial.errors import DatasetError, RejectedRowsError, StrictModeError
from orgsocial.importers.provenance import (
    mixed_secret_imports,
    no_imports,
    read_imports,
    secret_mismatch,
)
from orgsocial.io import contract as c
from orgsocial.io import schemas
from orgsocial.io.folders import locate_files
from orgsocial.io.reading import (
    RAW_TEXT,
    RawTable,
    canonical_column_name,
    empty_frame,
    read_table,
)
from orgsocial.scale.fastops import (
    blank_to_missing,
    hash_order,
    hash_strings,
    is_in,
    map_unique,
    trimmed,
)
from orgsocial.scale.parts import PARTITION_ROWS, Part, folder_parts, parquet_parts

#: Columns whose values are enumerations: compared lower-case, spaces as underscores.
ENUM_COLUMNS: dict[str, tuple[str, ...]] = {
    c.DEPARTMENTS: ("function",),
    c.ACTIVITY: ("channel", "audience", "action"),
}
#: How many example messages a warning quotes.
EXAMPLES = 3


@dataclass(frozen=True)
class FileReport:
    """What happened to one file: counts, rejected rows with reasons, warnings."""

    name: str
    path: Path | None
    location: str = "line"
    rows_read: int = 0
    rows_kept: int = 0
    blank_rows: int = 0
    # left out of the repr: a notebook showing the report shows its counts, not every row
    rejects: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    messages: tuple[str, ...] = field(default=(), repr=False)
    warnings: tuple[str, ...] = ()

    @property
    def rows_rejected(self) -> int:
        """Rows excluded from the analysis."""
        return len(self.rejects)


@dataclass(frozen=True)
class ValidationReport:
    """Per-file reports for one dataset, in contract order."""

    folder: Path
    files: dict[str, FileReport]

    @property
    def rows_rejected(self) -> int:
        """Rows rejected over all files."""
        return sum(report.rows_rejected for report in self.files.values())

    def summary(self) -> pd.DataFrame:
        """One row per contract file: path, rows read, kept, rejected, blank, warnings."""
        return pd.DataFrame(
            [
                {
                    "file": name,
                    "path": str(report.path) if report.path else "",
                    "rows_read": report.rows_read,
                    "rows_kept": report.rows_kept,
                    "rows_rejected": report.rows_rejected,
                    "blank_rows": report.blank_rows,
                    "warnings": len(report.warnings),
                }
                for name, report in self.files.items()
            ]
        )

    def require_clean(self) -> None:
        """Raise :class:`StrictModeError`, carrying this report, when any row was rejected
        (``--strict``)."""
        if self.rows_rejected:
            message = f"--strict: {self.rows_rejected:,} invalid row(s)"
            raise StrictModeError(self.folder, message, self)


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: typed frames of the kept rows and the validation report.

    Without a survey file ``survey`` is empty. A partitioned activity leaves ``activity``
    empty and lists the partitions in ``activity_parts``, validated and summed one by one
    (:mod:`orgsocial.scale.partitioned`). ``imports``: what each import that made the
    folder counted and set aside; ``mixed_secrets``: the imports, when they were
    pseudonymised with different secrets.
    """

    folder: Path
    departments: pd.DataFrame
    employees: pd.DataFrame
    activity: pd.DataFrame
    survey: pd.DataFrame
    validation: ValidationReport
    files: dict[str, Path]
    department_ties: pd.DataFrame = field(default_factory=lambda: empty_ties())
    activity_parts: tuple[Path, ...] = ()
    imports: pd.DataFrame = field(default_factory=no_imports)
    mixed_secrets: tuple[str, ...] = ()


# --- per-file steps ---------------------------------------------------------


def _canonical_frame(raw: RawTable, name: str) -> pd.DataFrame:
    known = c.REQUIRED_COLUMNS[name] + c.OPTIONAL_COLUMNS[name]
    renamed = [canonical_column_name(str(col), known) for col in raw.frame.columns]
    seen: dict[str, str] = {}
    for original, new in zip(raw.frame.columns, renamed, strict=True):
        if new in seen:
            raise DatasetError(
                raw.path, f"columns {seen[new]!r} and {original!r} both mean {new!r}; keep one"
            )
        seen[new] = str(original)
    missing = [col for col in c.REQUIRED_COLUMNS[name] if col not in renamed]
    if missing:
        listing = ", ".join(repr(col) for col in missing)
        raise DatasetError(
            raw.path,
            f"missing required column {listing}; the header has: "
            + ", ".join(repr(str(col)) for col in raw.frame.columns),
        )
    return raw.frame.set_axis(renamed, axis=1)


def normalise_values(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Trim spaces from every value; spell enumerations lower-case with underscores.

    Examples
    --------
    >>> raw = pd.DataFrame({"department": [" Sales "], "business_unit": ["Retail"],
    ...                     "function": ["Customer Service"], "customer_facing": ["TRUE"]})
    >>> normalise_values(raw, "departments").iloc[0].tolist()
    ['Sales', 'Retail', 'customer_service', 'TRUE']
    """
    out = pd.DataFrame({name: trimmed(column) for name, column in frame.items()}, index=frame.index)
    for column in ENUM_COLUMNS.get(name, ()):
        out[column] = map_unique(
            out[column], lambda s: s.str.lower().str.replace(r"[\s\-]+", "_", regex=True)
        )
    return out


def _failure_reasons(frame: pd.DataFrame, schema: pa.DataFrameSchema, location: str) -> pd.Series:
    """Validate ``frame``; return one ``reason`` text per failing location (index)."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return pd.Series([], dtype="str")
    cases = cases.loc[cases["index"].notna()].copy()
    row_rule = cases["schema_context"] == "DataFrameSchema"
    cases.loc[row_rule, "column"] = cases.loc[row_rule, "check"].map(schemas.ROW_RULE_COLUMNS)
    cases = cases.drop_duplicates(subset=["index", "column", "check"])
    first_seen: dict[str, pd.Series] = {}
    texts = []
    for index, column, check in zip(cases["index"], cases["column"], cases["check"], strict=True):
        value = frame.at[index, column] if column in frame.columns else None
        reason = str(check)
        if reason in schemas.DUPLICATE_CHECKS:
            if value == "":  # an empty id is reported as empty, not as a repeat
                continue
            if column not in first_seen:
                firsts = frame[column].drop_duplicates(keep="first")
                first_seen[column] = pd.Series(firsts.index, index=firsts.to_numpy())
            reason = f"duplicate {column}, first on {location} {first_seen[column][value]}"
        texts.append((index, f"column {column!r}: {reason} (value {value!r})"))
    reasons = pd.DataFrame(texts, columns=["index", "reason"])
    return reasons.groupby("index", sort=True)["reason"].agg("; ".join)


def check_table(
    raw: RawTable,
    name: str,
    schema: pa.DataFrameSchema,
    values: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, FileReport]:
    """Validate one raw table: the kept rows (normalised text) and its :class:`FileReport`.

    ``values``: :func:`normalise_values` of ``raw``, when the caller has it already.
    """
    frame = _canonical_frame(raw, name)
    if values is None:
        values = normalise_values(frame, name)
    reasons = _failure_reasons(values, schema, raw.location)
    structural = raw.structural_rejects
    rejected_rows = frame.loc[reasons.index].astype("str")
    rejected_rows.insert(0, "reason", reasons.to_numpy())
    rejects = pd.concat([rejected_rows, structural], axis=0).sort_index()
    rejects.index.name = raw.location
    messages = tuple(
        f"{raw.shown_name}: {raw.location} {index}: {reason}"
        for index, reason in zip(rejects.index, rejects["reason"], strict=True)
    )
    kept = values.drop(index=reasons.index) if len(reasons) else values
    report = FileReport(
        name=name,
        path=raw.path,
        location=raw.location,
        rows_read=len(frame) + len(structural),
        rows_kept=len(kept),
        blank_rows=raw.blank_rows,
        rejects=rejects.reset_index(),
        messages=messages,
        warnings=(f"{raw.blank_rows} empty row(s) ignored",) if raw.blank_rows else (),
    )
    return kept, report


@dataclass(frozen=True)
class CheckedActivity:
    """Checked activity: the kept rows (normalised text, and typed), the
    :class:`FileReport`, and the kept rows' ids hashed."""

    kept: pd.DataFrame
    report: FileReport
    typed: pd.DataFrame
    event_hashes: np.ndarray  # hash_strings of the kept rows' event_id
    event_order: np.ndarray | None = None  # their argsort, when asked for


def check_activity(
    raw: RawTable, refs: schemas.References, sort_ids: bool = False
) -> CheckedActivity:
    """Validate activity rows (a whole file or one partition) and warn about a
    ``target_id`` that names no known employee (such rows are kept); type the kept rows
    (UTC timestamps, missing ids as NA).

    Time stamps are parsed and event ids hashed once, for the checks and what follows.
    With ``sort_ids`` the hashes' order serves both the duplicate check and the caller
    (``event_order``), so they are sorted once.
    """
    values = normalise_values(_canonical_frame(raw, c.ACTIVITY), c.ACTIVITY)
    stamps = schemas.parse_timestamps(values["timestamp"])
    hashed = hash_strings(values["event_id"])
    order = hash_order(hashed) if sort_ids else None
    hashes = pd.Series(hashed, index=values.index)
    schema = schemas.activity_schema(refs, stamps, hashes, order)
    kept, report = check_table(raw, c.ACTIVITY, schema, values)
    warnings = dangling_reference_warning(
        kept["target_id"], refs.employees, "employee", "target_id", raw.location
    )
    if len(kept) != len(values):
        stamps, hashes = stamps.loc[kept.index], hashes.loc[kept.index]
        if order is not None:  # the kept rows' positions among themselves, in hash order
            is_kept = values.index.isin(kept.index)
            order = (np.cumsum(is_kept) - 1)[order[is_kept[order]]]
    typed = kept.assign(timestamp=stamps)
    for column in ("actor_id", "target_id", "in_reply_to", "business_unit"):  # missing ids: NA
        typed[column] = blank_to_missing(kept[column])
    return CheckedActivity(
        kept=kept,
        report=_with_warnings(report, warnings),
        typed=typed,
        event_hashes=hashes.to_numpy(),
        event_order=order,
    )


def _rejected_keys(report: FileReport, column: str, kept: pd.Series) -> frozenset[str]:
    if column not in report.rejects.columns:
        return frozenset()
    values = report.rejects[column].dropna().astype("str").str.strip()
    return frozenset(values[values != ""]) - frozenset(kept)


#: What a kept row with an unknown reference still counts for.
AS_ACTIVITY = "such rows count as activity but not as an interaction"
AS_ANSWERS = (
    "such answers still count for their department (when no respondent is known, the survey "
    "and the roster were probably pseudonymised with different secrets)"
)


def dangling_reference_warning(
    values: pd.Series,
    known: pd.Series | frozenset[str],
    what: str,
    column: str,
    location: str,
    consequence: str = AS_ACTIVITY,
) -> tuple[str, ...]:
    """A warning naming the kept rows whose ``column`` names no known ``what``, and what
    they still count for (``consequence``)."""
    dangling = values[(values != "") & ~is_in(values, known)]
    if dangling.empty:
        return ()
    examples = ", ".join(f"{location} {i} ({v!r})" for i, v in dangling.head(EXAMPLES).items())
    return (
        f"{len(dangling)} row(s) kept whose {column} is not a known {what}: "
        f"{examples}; {consequence}",
    )


# --- typing -----------------------------------------------------------------


def empty_ties() -> pd.DataFrame:
    """A department-ties frame with no rows."""
    dtypes = {"source": "str", "target": "str", "weight": "float64"}
    return empty_frame({**dtypes, "timestamp": "datetime64[ns, UTC]"})


def empty_survey() -> pd.DataFrame:
    """A survey frame with the contract's columns and no rows."""
    ids = dict.fromkeys(c.SURVEY_ID_COLUMNS, "str")
    return empty_frame({**ids, **dict.fromkeys(c.SURVEY_ITEM_NAMES, "Int8")})


def require_rows(folder: Path, reports: dict[str, FileReport], name: str) -> None:
    """Raise :class:`RejectedRowsError`, carrying the validation report of ``reports`` so
    far, when file ``name`` kept no row."""
    report = reports[name]
    if report.rows_kept == 0:
        detail = (
            f"all {report.rows_read:,} row(s) were rejected"
            if report.rows_read
            else "it has a header but no rows"
        )
        validation = ValidationReport(folder, dict(reports))
        raise RejectedRowsError(report.path, f"nothing to analyse: {detail}", validation)


# --- the loader -------------------------------------------------------------


def load_dataset(
    folder: Path | str, partition_rows: int = PARTITION_ROWS, cache_dir: Path | None = None
) -> Dataset:
    """Read and validate a dataset folder.

    Parameters
    ----------
    folder
        A folder with ``departments``, ``employees``, ``activity`` and optionally
        ``survey``, each ``.csv`` or ``.parquet``; the activity may also be a folder
        ``activity/`` of Parquet files.
    partition_rows
        An activity file with more rows than this (or a folder) is left partitioned:
        ``activity`` stays empty and ``activity_parts`` lists the partitions.
    cache_dir
        Where a large activity CSV is converted to Parquet once (default:
        :func:`orgsocial.scale.csvcache.default_cache_dir`).

    Returns
    -------
    Dataset
        Typed frames of the valid rows and a :class:`ValidationReport` with every
        rejected row and its reason.

    Raises
    ------
    DatasetError
        A file or column is missing or unreadable, or (a ``RejectedRowsError`` carrying
        the validation report so far) a required file has no valid rows.
    """
    folder = Path(folder)
    paths = locate_files(folder)
    reports: dict[str, FileReport] = {}
    departments, employees, refs = _load_organisation(folder, paths, reports)
    ties = empty_ties()
    if c.DEPARTMENT_TIES in paths:
        ties, reports[c.DEPARTMENT_TIES] = _load_ties(paths[c.DEPARTMENT_TIES], refs)
    parts = _activity_parts(paths[c.ACTIVITY], partition_rows, cache_dir)
    activity, reports[c.ACTIVITY] = _load_activity(paths[c.ACTIVITY], refs, bool(parts))
    survey = empty_survey()
    if c.SURVEY in paths:
        survey, reports[c.SURVEY] = _load_survey(paths[c.SURVEY], refs)
    if not parts and ties.empty:  # group-level ties alone (Viva group-to-group) can be analysed
        require_rows(folder, reports, c.ACTIVITY)
    return Dataset(
        folder=folder,
        departments=departments,
        employees=employees,
        activity=activity,
        survey=survey,
        department_ties=ties,
        validation=ValidationReport(folder=folder, files=reports),
        files=paths,
        activity_parts=tuple(parts),
        imports=read_imports(folder),
        mixed_secrets=tuple(mixed_secret_imports(folder)),
    )


def _load_organisation(
    folder: Path, paths: dict[str, Path], reports: dict[str, FileReport]
) -> tuple[pd.DataFrame, pd.DataFrame, schemas.References]:
    """The typed departments, the kept employees, and the references later files are
    checked against; their reports go into ``reports``."""
    departments, reports[c.DEPARTMENTS] = check_table(
        read_table(paths[c.DEPARTMENTS]), c.DEPARTMENTS, schemas.departments_schema()
    )
    require_rows(folder, reports, c.DEPARTMENTS)
    refs = _references(departments, reports)
    employees, report = check_table(
        read_table(paths[c.EMPLOYEES]), c.EMPLOYEES, schemas.employees_schema(refs)
    )
    mixed_secrets = secret_mismatch(folder)
    reports[c.EMPLOYEES] = _with_warnings(report, (mixed_secrets,) if mixed_secrets else ())
    require_rows(folder, reports, c.EMPLOYEES)
    refs = _references(departments, reports, employees)
    unstaffed = sorted(refs.departments - frozenset(employees["department"]))
    if unstaffed:
        reports[c.DEPARTMENTS] = _with_warnings(
            reports[c.DEPARTMENTS],
            (f"{len(unstaffed)} department(s) have no employees: {', '.join(unstaffed[:5])}",),
        )
    customer_facing = departments["customer_facing"].str.lower().isin(c.TRUE_WORDS)
    return departments.assign(customer_facing=customer_facing), employees, refs


def _load_ties(path: Path, refs: schemas.References) -> tuple[pd.DataFrame, FileReport]:
    """The typed ties (weights as floats, timestamps UTC: missing when not given)."""
    ties, report = check_table(
        read_table(path), c.DEPARTMENT_TIES, schemas.department_ties_schema(refs)
    )
    stamps = ties["timestamp"] if "timestamp" in ties.columns else pd.Series("", index=ties.index)
    typed = ties.assign(
        weight=pd.to_numeric(ties["weight"]).astype("float64"),
        timestamp=schemas.parse_timestamps(stamps),
    )
    return typed, report


def _load_activity(
    path: Path, refs: schemas.References, partitioned: bool
) -> tuple[pd.DataFrame, FileReport]:
    """The typed activity and its report; for a partitioned log an empty frame."""
    if partitioned:
        dtypes = {**dict.fromkeys(c.ACTIVITY_COLUMNS, "str"), "timestamp": "datetime64[us, UTC]"}
        return empty_frame(dtypes), FileReport(name=c.ACTIVITY, path=path)
    activity = check_activity(read_table(path), refs)
    warnings = dangling_reference_warning(
        activity.kept["in_reply_to"],
        activity.kept["event_id"],
        "event_id of a kept event",
        "in_reply_to",
        activity.report.location,
    )
    return activity.typed, _with_warnings(activity.report, warnings)


def _references(
    departments: pd.DataFrame, reports: dict[str, FileReport], employees: pd.DataFrame | None = None
) -> schemas.References:
    """The keys of the kept (and the rejected) departments, and of the employees if given."""
    kept_departments = departments["department"]
    refs = schemas.References(
        departments=frozenset(kept_departments),
        business_units=frozenset(departments["business_unit"]),
        rejected_departments=_rejected_keys(reports[c.DEPARTMENTS], "department", kept_departments),
    )
    if employees is None:
        return refs
    kept_employees = employees["employee_id"]
    return replace(
        refs,
        employees=frozenset(kept_employees),
        rejected_employees=_rejected_keys(reports[c.EMPLOYEES], "employee_id", kept_employees),
    )


def references_for_activity(dataset: Dataset) -> schemas.References:
    """The keys the activity rules check against, from a loaded dataset."""
    return _references(dataset.departments, dataset.validation.files, dataset.employees)


def _activity_parts(path: Path, partition_rows: int, cache_dir: Path | None) -> list[Part]:
    """Partitions when the activity is a folder or larger than one partition, else none."""
    if path.is_dir():
        return folder_parts(path, partition_rows)
    if path.suffix.lower() == ".parquet" and path.stat().st_size > 0:
        parts = parquet_parts(path, partition_rows)
        return parts if len(parts) > 1 else []
    if path.suffix.lower() == ".csv":
        from orgsocial.scale import csvcache

        if csvcache.worth_caching(path, partition_rows):
            return csvcache.cached_parts(path, partition_rows, cache_dir)
    return []


def _load_survey(path: Path, refs: schemas.References) -> tuple[pd.DataFrame, FileReport]:
    raw = read_table(path)
    header = [canonical_column_name(str(col), c.SURVEY_ITEM_NAMES) for col in raw.frame.columns]
    items = tuple(name for name in c.SURVEY_ITEM_NAMES if name in header)
    kept, report = check_table(raw, c.SURVEY, schemas.survey_schema(refs, items))
    warnings: tuple[str, ...] = ()
    absent = [name for name in c.SURVEY_ITEM_NAMES if name not in items]
    if absent:
        warnings += (f"item column(s) not in the file, treated as not asked: {', '.join(absent)}",)
    warnings += dangling_reference_warning(
        kept["respondent_id"],
        refs.employees,
        "employee",
        "respondent_id",
        report.location,
        AS_ANSWERS,
    )
    if report.rows_read == 0:
        warnings += ("the survey file has a header but no responses",)
    typed = kept.assign(respondent_id=blank_to_missing(kept["respondent_id"]))
    for name in c.SURVEY_ITEM_NAMES:  # items as nullable small integers; one not asked: NA
        if name in items:
            typed[name] = pd.to_numeric(blank_to_missing(kept[name])).round().astype("Int8")
        else:
            typed[name] = pd.Series(pd.NA, index=kept.index, dtype="Int8")
    return typed, _with_warnings(report, warnings)


def _with_warnings(report: FileReport, warnings: tuple[str, ...]) -> FileReport:
    return replace(report, warnings=report.warnings + warnings) if warnings else report


__all__ = [
    "RAW_TEXT",
    "Dataset",
    "FileReport",
    "ValidationReport",
    "load_dataset",
    "locate_files",
    "normalise_values",
]
