"""Reading the tables people export (CSV in any common dialect, or an Excel sheet) as text.

Every record keeps the line an editor shows (header = line 1, blank lines and
quoted line breaks counted) or, for Excel, the row number the sheet shows. A
record that cannot be split into the header's fields is set aside as a reject
(``N fields, expected M``) instead of being padded or cut, as validation does.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from orgsocial.errors import DatasetError
from orgsocial.importers.rejects import reject_frame
from orgsocial.io.reading import plural

Record = tuple[int, list[str]]


#: A byte that is not UTF-8, as :func:`read_text` keeps it (a lone surrogate, which no
#: UTF-8 text holds): a record holding one is rejected with :data:`NOT_UTF8_REASON`.
NOT_UTF8 = re.compile("[\udc80-\udcff]")
NOT_UTF8_REASON = "not UTF-8 text; save the file as UTF-8"
_UTF8_CHARACTER = re.compile("[^\x00-\x7f\udc80-\udcff]")
_WINDOWS_1252: ContextVar[dict[str, None] | None] = ContextVar("windows_1252", default=None)


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (with or without BOM), each byte that is not UTF-8 kept as
    :data:`NOT_UTF8` so that only its record is rejected; or Windows-1252 (noted for
    :func:`windows_1252_read`), or UTF-16, as docs/importers.md ("Text encoding") says."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DatasetError(path, f"cannot be read: {error.strerror or error}") from None
    if raw.isascii():
        return raw.decode("ascii")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="surrogateescape")
    text = raw.decode("utf-8", errors="surrogateescape")
    if NOT_UTF8.search(text) and not _UTF8_CHARACTER.search(text):
        if (noted := _WINDOWS_1252.get()) is not None:
            noted[str(path)] = None
        return raw.decode("cp1252", errors="surrogateescape")
    return text.removeprefix("\ufeff")


@contextmanager
def windows_1252_read() -> Iterator[dict[str, None]]:
    """The files :func:`read_text` reads as Windows-1252 within the block, in the order
    read (an enclosing block gets them too): for the import's result to carry, so that
    nothing of one import, failed or not, remains for another to report."""
    noted: dict[str, None] = {}
    token = _WINDOWS_1252.set(noted)
    try:
        yield noted
    finally:
        _WINDOWS_1252.reset(token)
        if (outer := _WINDOWS_1252.get()) is not None:
            outer.update(noted)


def has_bad_byte(fields: list[str]) -> bool:
    """Whether a record holds a byte that is not UTF-8 (:data:`NOT_UTF8`)."""
    return NOT_UTF8.search("\0".join(fields)) is not None


def check_utf8(path: Path, records: list[Record]) -> None:
    """A DatasetError naming the first of ``records`` (header rows) with a byte that is
    not UTF-8: without its header no record of the file can be read."""
    for line, fields in records:
        if has_bad_byte(fields):
            raise DatasetError(path, f"line {line}: {NOT_UTF8_REASON}")


def split_records(text: str, delimiter: str | None, comment: str | None = None) -> list[Record]:
    """Non-blank records with the editor line where each starts; fields trimmed.

    ``delimiter`` None splits on any whitespace; otherwise CSV quoting applies
    (a quoted value may span lines). Text from ``comment`` to the end of its
    line is ignored.

    Examples
    --------
    >>> split_records('a,b\\n\\n"x\\ny",z\\n% note\\nc,d', ",", comment="%")
    [(1, ['a', 'b']), (3, ['x\\ny', 'z']), (6, ['c', 'd'])]
    >>> split_records("1 2\\n3\\t4 5\\n", None)
    [(1, ['1', '2']), (2, ['3', '4', '5'])]
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if comment:
        lines = [line.split(comment, 1)[0] for line in lines]
    if delimiter is None:
        return [
            (number, fields) for number, line in enumerate(lines, 1) if (fields := line.split())
        ]
    records: list[Record] = []
    reader = csv.reader((line + "\n" for line in lines), delimiter=delimiter)
    start = 1
    for row in reader:
        fields = [field.strip() for field in row]
        if any(fields):
            records.append((start, fields))
        start = reader.line_num + 1
    return records


def _text_table(data: bytes, names: list[str], delimiter: str, header: bool) -> pa.Table | None:
    """The records as wide as ``names``, as text, read by Arrow (the others skipped);
    ``None`` when Arrow cannot read them."""
    try:
        return pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=int(header)),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, quote_char=False, invalid_row_handler=lambda row: "skip"
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names}, strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid:
        return None


def plain_csv_frame(
    path: Path, delimiter: str, header: bool
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """A plain delimited file read at Arrow's speed: what :func:`frame_of` gives for
    it (the records as text indexed by editor line, and the records of another width
    as rejects); ``None`` when the file needs the careful reader (:func:`split_records`).

    Plain means: UTF-8, no quotes, no blank (or only blank-space) line, no lone
    carriage return, and the first record as wide as most. Then every line is one
    record and its number is the editor's.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "e.csv"
    >>> _ = path.write_text("from;to\\n07; 8\\n1;2;3\\n9;10\\n")
    >>> frame, malformed = plain_csv_frame(path, ";", header=True)
    >>> frame.to_dict("index"), malformed[["line", "reason"]].values.tolist()
    ({2: {'from': '07', 'to': '8'}, 4: {'from': '9', 'to': '10'}}, [[3, '3 fields, expected 2']])
    >>> _ = path.write_text('from;to\\n"a;b";8\\n')
    >>> plain_csv_frame(path, ";", header=True) is None
    True
    """
    try:
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return None  # the careful reader says what is wrong with the file
    if not data or b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    try:
        lines = data.decode("utf-8").replace("\r\n", "\n").removesuffix("\n").split("\n")
    except UnicodeDecodeError:
        return None
    if any(not line.strip() for line in lines):
        return None
    widths = np.array([line.count(delimiter) + 1 for line in lines])
    # a record of empty fields is no record (not a reject), as for the careful reader
    empty = np.array([not line.replace(delimiter, "").strip() for line in lines])
    if empty[0]:
        return None
    width = int(widths[0]) if header else int(np.bincount(widths[~empty]).argmax())
    if widths[0] != width:
        return None
    names = lines[0].split(delimiter) if header else [f"f{i}" for i in range(width)]
    if len(set(names)) != len(names):
        return None
    table = _text_table(data, names, delimiter, header)
    if table is None:
        return None
    numbers = np.arange(1, len(lines) + 1)[int(header) :]
    widths, empty = widths[int(header) :], empty[int(header) :]
    good = widths == width
    if len(table) != int(good.sum()):
        return None
    bad = ~good & ~empty
    frame = table.to_pandas().apply(lambda column: column.str.strip())
    frame.columns = [name.strip() for name in names] if header else list(range(width))
    frame.index = pd.Index(numbers[good], name="line", dtype="int64")
    malformed = reject_frame(
        path.name,
        numbers[bad].tolist(),
        [f"{plural(int(n), 'field')}, expected {width}" for n in widths[bad]],
    )
    frame = frame.loc[(frame != "").any(axis=1)].astype("str")  # as careful: no empty records
    return (frame, malformed) if len(frame) else None  # nothing to read: careful says so


def usual_width(records: list[Record]) -> int:
    """The most common number of fields (the first record's on a tie)."""
    return Counter(len(fields) for _, fields in records).most_common(1)[0][0]


@dataclass(frozen=True)
class Table:
    """A table as text: the well-formed records, the header rows, the malformed records,
    and the file when it was read as Windows-1252 (:func:`read_text`)."""

    frame: pd.DataFrame
    headers: list[list[str]]
    malformed: pd.DataFrame
    windows_1252: tuple[str, ...] = ()


def frame_of(
    path: Path, records: list[Record], columns: list, expected: str = ""
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Records as a text frame indexed by line, and as rejects the records of another
    width or with a byte that is not UTF-8."""
    width = len(columns)
    wrong = f", expected {width}{expected}"
    reasons = [
        NOT_UTF8_REASON
        if has_bad_byte(fields)
        else ("" if len(fields) == width else plural(len(fields), "field") + wrong)
        for _, fields in records
    ]
    good = [record for record, reason in zip(records, reasons, strict=True) if not reason]
    frame = pd.DataFrame([fields for _, fields in good], columns=columns, dtype="str")
    frame.index = pd.Index([line for line, _ in good], name="line", dtype="int64")
    bad = {line: reason for (line, _), reason in zip(records, reasons, strict=True) if reason}
    return frame, reject_frame(path.name, bad, bad.values())


def read_table(path: Path, sheet: str | int | None = None, header_rows: int = 1) -> Table:
    """Every cell as text ("" when empty); the index is the line (CSV) or row (Excel) number.

    CSV (:func:`read_text`): the delimiter (comma, semicolon, tab) is sniffed. Excel:
    ``.xlsx`` via openpyxl. The first ``header_rows`` records are headers (Qualtrics
    writes three); the first of them names the columns.
    """
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_excel(path, sheet, header_rows)
    with windows_1252_read() as legacy:
        text = read_text(path)
    try:
        delimiter = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        records = split_records(text, delimiter)
    except csv.Error as error:
        raise DatasetError(path, f"cannot be read as CSV: {error}") from None
    if len(records) < header_rows:
        raise DatasetError(path, "the file is empty" if not records else "the header is cut short")
    check_utf8(path, records[:header_rows])
    headers = [fields for _, fields in records[:header_rows]]
    frame, malformed = frame_of(path, records[header_rows:], headers[0])
    return Table(frame, headers, malformed, tuple(legacy))


def _read_excel(path: Path, sheet: str | int | None, header_rows: int) -> Table:
    try:
        raw = pd.read_excel(
            path, sheet_name=sheet if sheet is not None else 0, dtype=str, header=None
        ).fillna("")
    except (OSError, ValueError, KeyError) as error:
        raise DatasetError(path, f"cannot be read: {error}") from None
    raw = raw.apply(lambda column: column.astype("str").str.strip())
    raw.index = pd.RangeIndex(1, len(raw) + 1, name="row")  # as the sheet numbers its rows
    raw = raw.loc[(raw != "").any(axis=1)]
    if len(raw) < header_rows:
        raise DatasetError(path, "the sheet is empty")
    headers = [list(raw.iloc[k]) for k in range(header_rows)]
    frame = raw.iloc[header_rows:].copy()
    frame.columns = headers[0]
    return Table(frame, headers, reject_frame(path.name, [], []))


def column(frame: pd.DataFrame, name: str, path: Path, what: str) -> pd.Series:
    """A column by name (case and spaces ignored), or a DatasetError naming file and column."""
    wanted = name.strip().lower()
    for candidate in frame.columns:
        if str(candidate).strip().lower() == wanted:
            return frame[candidate]
    raise missing_column(path, what, name, frame)


def missing_column(path: Path, what: str, name: object, frame: pd.DataFrame) -> DatasetError:
    """The error for a column ``frame`` lacks, naming the columns it has."""
    return DatasetError(
        path,
        f"{what}: column {name!r} is missing; the file has "
        + ", ".join(repr(str(col)) for col in frame.columns),
    )
