"""Read one contract file (CSV or Parquet) into a frame of strings with row locations.

Every value is read as text so that validation can say exactly what was wrong
with it; typing happens after validation. The frame's index is the location a
person can look up: for CSV the line number as an editor shows it (header =
line 1, quoted values spanning lines counted), for Parquet the 1-based row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from orgsocial.errors import DatasetError
from orgsocial.scale.fastops import is_text_type

LINE = "line"
ROW = "row"
RAW_TEXT = "raw_text"
_CSV_BLOCK_BYTES = 16 << 20


@dataclass(frozen=True)
class RawTable:
    """A contract file as read, before validation.

    ``frame`` has one column per header field, every value ``str`` (missing = ``""``),
    indexed by each row's ``location``: ``"line"`` (a CSV's editor line) or ``"row"``
    (Parquet). ``structural_rejects``: rows that could not be split into the header's
    fields (columns ``reason`` and ``raw_text``); ``blank_rows``: rows with no value at
    all, ignored but counted; ``label``: the file's path in an activity folder, when it
    is a partition in one.
    """

    path: Path
    frame: pd.DataFrame
    location: str
    structural_rejects: pd.DataFrame
    blank_rows: int
    label: str = ""

    @property
    def shown_name(self) -> str:
        """The file as messages name it: ``label``, else the name of ``path``."""
        return self.label or self.path.name


def read_table(path: Path) -> RawTable:
    """Read a ``.csv`` or ``.parquet`` contract file as strings.

    Raises
    ------
    DatasetError
        When the file is empty, not UTF-8, not a readable table, or has a
        repeated column name.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".parquet":
        return _read_parquet(path)
    raise DatasetError(path, f"unsupported file type {suffix!r}; use .csv or .parquet")


def canonical_column_name(name: str, known: tuple[str, ...]) -> str:
    """Map a header field to the contract's spelling when it differs only in case or spaces.

    Examples
    --------
    >>> canonical_column_name(" Employee_ID ", ("employee_id", "department"))
    'employee_id'
    >>> canonical_column_name("Notes", ("employee_id",))
    'Notes'
    """
    stripped = name.strip()
    lowered = stripped.lower().replace(" ", "_")
    return lowered if lowered in known else stripped


def plural(count: int, word: str) -> str:
    """``1 field``, ``3 fields``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def empty_frame(dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame with no rows and these columns of these dtypes."""
    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in dtypes.items()})


def _check_header(path: Path, header: list[str]) -> None:
    if not header or all(not field.strip() for field in header):
        raise DatasetError(path, "line 1: the header row is empty")
    seen: set[str] = set()
    for position, field in enumerate(header, start=1):
        key = field.strip()
        if not key:
            raise DatasetError(path, f"line 1: header field {position} has no column name")
        if key in seen:
            raise DatasetError(path, f"line 1: column {key!r} appears more than once in the header")
        seen.add(key)


def _not_utf8(path: Path, data: bytes) -> DatasetError:
    line = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    return DatasetError(
        path, f"line {line}: the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8)"
    )


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 text (checked by Arrow: no copy, without the GIL)."""
    if data.isascii():
        return True
    offsets = pa.array([0, len(data)], pa.int64()).buffers()[1]
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _read_header(path: Path, data: bytes) -> tuple[list[str], int]:
    """Return the header fields and how many physical lines the header spans."""
    end = data.find(b"\n")
    while end >= 0 and data.count(b'"', 0, end) % 2:  # a quoted field spanning lines
        end = data.find(b"\n", end + 1)
    first = data if end < 0 else data[: end + 1]
    try:
        reader = csv.reader(io.StringIO(first.decode("utf-8-sig"), newline=""))
        header = next(reader)
    except StopIteration:
        raise DatasetError(path, "the file is empty (no header row)") from None
    except UnicodeDecodeError:
        raise _not_utf8(path, data) from None
    except csv.Error as error:
        raise DatasetError(path, f"line 1: the header cannot be read ({error})") from None
    return header, reader.line_num


def _newline_counts(table: pa.Table) -> np.ndarray:
    """Per row, how many line breaks its quoted values contain (0 for most files)."""
    counts = np.zeros(table.num_rows, dtype=np.int64)
    for column in table.columns:
        if pc.any(pc.match_substring(column, "\n")).as_py():
            counts += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
    return counts


@dataclass(frozen=True)
class CsvRecords:
    """A CSV's records as Arrow text columns, before any conversion to pandas: the rows
    holding a value, each one's editor line (header = line 1), the records that could not
    be split into the header's fields (by line), and how many rows had no value at all."""

    table: pa.Table
    lines: np.ndarray
    structural_rejects: pd.DataFrame
    blank_rows: int


def read_csv_records(path: Path, data: bytes) -> CsvRecords:
    """Read the bytes ``data`` of the CSV ``path`` (named in messages) as text records.

    Raises
    ------
    DatasetError
        When the bytes are empty, not UTF-8 or not a readable table, or the header
        repeats or lacks a column name.
    """
    header, header_lines = _read_header(path, data)
    _check_header(path, header)
    if not _is_utf8(data):  # checked first: pyarrow fails on a row it cannot split that is not
        raise _not_utf8(path, data)
    table, invalid = _arrow_csv(path, data, header)
    lines = _record_lines(table, invalid, header_lines)
    kept = ~_blank_rows(table.columns)
    structural = pd.DataFrame(
        {
            "reason": [
                f"has {plural(actual, 'field')} where the header has {expected}"
                for _, _, expected, actual in invalid
            ],
            RAW_TEXT: [text for _, text, _, _ in invalid],
        },
        index=pd.Index(lines["invalid"], name=LINE),
    ).astype("str")
    # an invalid "row" that is only whitespace is a blank line, not data
    blank_invalid = structural[RAW_TEXT].str.strip() == ""
    return CsvRecords(
        table=table if kept.all() else table.filter(pa.array(kept)),
        lines=lines["valid"][kept],
        structural_rejects=structural.loc[~blank_invalid] if len(structural) else structural,
        blank_rows=int((~kept).sum() + blank_invalid.sum()),
    )


def _arrow_csv(
    path: Path, data: bytes, header: list[str]
) -> tuple[pa.Table, list[tuple[int, str, int, int]]]:
    """Every field as text, and the records that could not be split into the header's
    fields: their record number, text, expected and actual number of fields."""
    invalid: list[tuple[int, str, int, int]] = []

    def keep_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append((row.number, row.text, row.expected_columns, row.actual_columns))
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(use_threads=False, block_size=_CSV_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=keep_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=False,  # checked by the caller
            ),
        )
    except (OSError, pa.ArrowException) as error:
        raise DatasetError(path, f"cannot be read as CSV: {error}") from None
    return table, invalid


def _read_csv(path: Path) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DatasetError(path, f"cannot be read: {error.strerror or error}") from None
    records = read_csv_records(path, data)
    frame = records.table.to_pandas()
    frame.index = pd.Index(records.lines, name=LINE)
    return RawTable(
        path=path,
        frame=frame,
        location=LINE,
        structural_rejects=records.structural_rejects,
        blank_rows=records.blank_rows,
    )


def _record_lines(
    table: pa.Table, invalid: list[tuple[int, str, int, int]], header_lines: int
) -> dict[str, np.ndarray]:
    """Editor line numbers of the valid and the invalid records: pyarrow numbers records
    (header = record 1); a record spans one line plus one per line break in its quotes."""
    n_records = table.num_rows + len(invalid)
    is_invalid = np.zeros(n_records, dtype=bool)
    spans = np.ones(n_records, dtype=np.int64)
    invalid_positions = np.array([number - 2 for number, *_ in invalid], dtype=np.int64)
    if len(invalid):
        is_invalid[invalid_positions] = True
        spans[invalid_positions] += [text.count("\n") for _, text, _, _ in invalid]
    spans[~is_invalid] += _newline_counts(table)
    starts = header_lines + 1 + np.concatenate(([0], np.cumsum(spans)[:-1]))
    return {"valid": starts[~is_invalid], "invalid": starts[is_invalid]}


def parquet_column_as_text(
    column: pa.ChunkedArray, keep_dictionary: bool = False
) -> pa.ChunkedArray:
    """A Parquet column of any type as text, as the loader reads it (missing -> empty).

    With ``keep_dictionary``, a dictionary of text stays one (it becomes a
    pandas categorical: few distinct values are trimmed and checked once each).
    """
    kind = column.type
    if keep_dictionary and pa.types.is_dictionary(kind) and is_text_type(kind.value_type):
        return pc.fill_null(column.cast(pa.dictionary(kind.index_type, pa.string())), "")
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = column.type
    if pa.types.is_timestamp(kind):
        # naive timestamps are UTC by the contract; keep an explicit offset
        if kind.tz is None:
            column = column.cast(pa.timestamp(kind.unit, tz="UTC"))
        text = pc.strftime(column, format="%Y-%m-%dT%H:%M:%S%z")
    else:
        try:  # a float 3.0 becomes "3", so integer survey answers stored as float pass
            text = column.cast(pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            text = pa.chunked_array(
                [pa.array([None if v is None else str(v) for v in column.to_pylist()], pa.string())]
            )
    return pc.fill_null(text, "")


def _value_lengths(column: pa.ChunkedArray) -> np.ndarray:
    """The UTF-8 length of each value of a text column (plain or dictionary)."""
    if not pa.types.is_dictionary(column.type):
        return pc.binary_length(column).to_numpy()
    pieces = [
        pc.binary_length(chunk.dictionary).to_numpy(zero_copy_only=False)[
            chunk.indices.to_numpy(zero_copy_only=False)
        ]
        for chunk in column.chunks
    ]
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype="int32")


def _blank_rows(columns: list[pa.ChunkedArray]) -> np.ndarray:
    """True for the rows empty in every one of ``columns`` (none with a single column):
    those empty in the first, narrowed column by column (usually none are left after it)."""
    blank = np.zeros(len(columns[0]), dtype=bool)
    rows = np.flatnonzero(_value_lengths(columns[0]) == 0) if len(columns) > 1 else []
    for text in columns[1:]:
        if not len(rows):
            break
        rows = rows[_value_lengths(text.take(rows)) == 0]
    blank[rows] = True
    return blank


def _read_parquet(path: Path) -> RawTable:
    try:
        if not path.stat().st_size:
            raise DatasetError(path, "the file is empty")
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as error:
        raise DatasetError(path, f"cannot be read as Parquet: {error}") from None
    return parquet_as_raw(path, table)


def parquet_as_raw(
    path: Path,
    table: pa.Table,
    first_row: int = 1,
    line_column: str | None = None,
    keep_dictionary: bool = False,
) -> RawTable:
    """A Parquet table (or a slice of one) from ``path`` as a :class:`RawTable` of text.

    Parameters
    ----------
    first_row
        The 1-based row number of the table's first row in the file.
    line_column
        A column holding each row's location (e.g. the line of the CSV a cached copy was
        made from); it becomes the index and the location is ``line``.
    keep_dictionary
        Dictionary-encoded text columns become pandas categoricals instead of text (see
        :func:`parquet_column_as_text`).
    """
    names = [str(name) for name in table.column_names if str(name) != line_column]
    _check_header(path, names)
    columns = {name: parquet_column_as_text(table.column(name), keep_dictionary) for name in names}
    try:
        frame = pa.table(columns).to_pandas()
    except (ValueError, pa.ArrowException):  # a dictionary repeating a value: read it as text
        columns = {name: parquet_column_as_text(table.column(name)) for name in names}
        frame = pa.table(columns).to_pandas()
    if line_column is not None:
        frame.index = pd.Index(table.column(line_column).to_numpy(), name=LINE)
    else:
        frame.index = pd.RangeIndex(first_row, first_row + len(frame), name=ROW)
    location = LINE if line_column is not None else ROW
    blank = _blank_rows(list(columns.values()))  # in Arrow: no copy of the frame
    return RawTable(
        path=path,
        frame=frame.loc[~blank] if blank.any() else frame,
        location=location,
        structural_rejects=empty_frame({"reason": "str", RAW_TEXT: "str"}).rename_axis(location),
        blank_rows=int(blank.sum()),
    )


__all__ = [
    "LINE",
    "RAW_TEXT",
    "ROW",
    "RawTable",
    "canonical_column_name",
    "parquet_as_raw",
    "parquet_column_as_text",
    "read_table",
]
