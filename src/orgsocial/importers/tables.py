"""Reading the tables people export (CSV in any common dialect, or an Excel sheet) as text."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from orgsocial.errors import DatasetError


def read_any_table(
    path: Path, sheet: str | int | None = None, header_rows: int = 1
) -> pd.DataFrame:
    """Every cell as text ("" when empty); the index is the line (CSV) or row (Excel) number.

    CSV: UTF-8 (with or without BOM) or, failing that, Windows-1252; the
    delimiter (comma, semicolon, tab) is sniffed. Excel: ``.xlsx`` via openpyxl.
    With ``header_rows`` > 1 the rows after the first header row are skipped
    (Qualtrics writes three).
    """
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(
                path, sheet_name=sheet if sheet is not None else 0, dtype=str, header=0
            ).fillna("")
            frame = frame.iloc[header_rows - 1 :]
            frame.index = pd.RangeIndex(1 + header_rows, 1 + header_rows + len(frame), name="row")
        else:
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
            sample = text[:20_000]
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
                delimiter = dialect.delimiter
            except csv.Error:
                delimiter = ","
            rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
            if not rows:
                raise DatasetError(path, "the file is empty")
            header, body = rows[0], rows[header_rows:]
            width = len(header)
            body = [
                row + [""] * (width - len(row)) if len(row) < width else row[:width]
                for row in body
                if any(cell.strip() for cell in row)
            ]
            frame = pd.DataFrame(body, columns=[h.strip() for h in header], dtype="str")
            frame.index = pd.RangeIndex(1 + header_rows, 1 + header_rows + len(frame), name="line")
    except DatasetError:
        raise
    except (OSError, ValueError, KeyError) as error:
        raise DatasetError(path, f"cannot be read: {error}") from None
    return frame.apply(lambda column: column.astype("str").str.strip())


def column(frame: pd.DataFrame, name: str, path: Path, what: str) -> pd.Series:
    """A column by name (case and spaces ignored), or a DatasetError naming file and column."""
    wanted = name.strip().lower()
    for candidate in frame.columns:
        if str(candidate).strip().lower() == wanted:
            return frame[candidate]
    raise DatasetError(
        path,
        f"{what}: column {name!r} is missing; the file has "
        + ", ".join(repr(str(c)) for c in frame.columns),
    )
