"""Partitions of a large activity log: which rows of which Parquet file, and reading them.

A partition is a run of whole row groups of one Parquet file, so that it can be
read on its own with only the columns needed. See :mod:`orgsocial.scale.partitioned`
for what is done with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from orgsocial.errors import DatasetError
from orgsocial.io import contract as c
from orgsocial.io.reading import LINE, RawTable, canonical_column_name, parquet_as_raw
from orgsocial.scale import PARTITION_ROWS
from orgsocial.scale.fastops import is_text_type

#: The column of a cached CSV copy that holds each row's line in the CSV.
LINE_COLUMN = "__line__"
#: Activity columns with few distinct values (employees, units, enumerations): read
#: as Parquet dictionaries and kept as pandas categoricals, so that each distinct
#: value is trimmed, checked and looked up once, not once per row.
DICTIONARY_COLUMNS = ("actor_id", "target_id", "channel", "audience", "action", "business_unit")


@dataclass(frozen=True)
class Part:
    """One partition: some row groups of the Parquet file ``path``."""

    path: Path
    row_groups: tuple[int, ...]
    first_row: int  # 1-based, in ``path``
    shown_as: Path  # the file named in messages (the original CSV for a cached copy)
    blank_rows: int = 0  # blank lines of the CSV piece (a cached copy keeps no blank rows)
    #: the CSV piece's rows that could not be split into fields (a Parquet file beside
    #: the cached copy), if any
    structural: Path | None = None
    #: from the Parquet metadata: the larger partitions are handed out first, so that no
    #: worker is left with a large one at the end
    rows: int = 0
    #: the file's path in the activity folder, when it is in one (files in different
    #: subfolders may share a name: ``month=2026-05/part-0.parquet``)
    label: str = ""

    @property
    def shown_name(self) -> str:
        """The file as messages and the rejects name it: its path in the activity
        folder, else the name of ``shown_as``."""
        return self.label or self.shown_as.name

    @property
    def has_lines(self) -> bool:
        """Rows carry the line of the CSV they came from."""
        return self.shown_as.suffix.lower() == ".csv"


def parquet_parts(path: Path, rows: int = PARTITION_ROWS) -> list[Part]:
    """Split a Parquet file into partitions of whole row groups, about ``rows`` each.

    Raises
    ------
    DatasetError
        When the file cannot be read as Parquet.
    """
    metadata = _metadata(path)
    parts: list[Part] = []
    group: list[int] = []
    first, size = 1, 0
    for index in range(metadata.num_row_groups):
        group_rows = metadata.row_group(index).num_rows
        if group and size + group_rows > rows:
            parts.append(Part(path, tuple(group), first, path, rows=size))
            group, first, size = [], first + size, 0
        group.append(index)
        size += group_rows
    if group or not parts:
        parts.append(Part(path, tuple(group), first, path, rows=size))
    return parts


def _metadata(path: Path) -> pq.FileMetaData:
    try:
        return pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException) as error:
        raise DatasetError(path, f"cannot be read as Parquet: {error}") from None


def folder_parts(folder: Path, rows: int = PARTITION_ROWS) -> list[Part]:
    """The partitions of an ``activity/`` folder: every ``*.parquet`` under it, in name order.

    Raises
    ------
    DatasetError
        When the folder holds no Parquet file.
    """
    files = sorted(p for p in folder.rglob("*.parquet") if p.is_file())
    if not files:
        raise DatasetError(folder, "the activity folder holds no .parquet files")
    return [
        replace(part, label=path.relative_to(folder).as_posix())
        for path in files
        for part in parquet_parts(path, rows)
    ]


def _columns_to_read(schema: pa.Schema, wanted: Iterable[str] | None) -> dict[str, str]:
    """File column -> the contract name it stands for, for the columns to read."""
    known = c.REQUIRED_COLUMNS[c.ACTIVITY] + c.OPTIONAL_COLUMNS[c.ACTIVITY]
    chosen = set(known if wanted is None else wanted) | {LINE_COLUMN}
    names = {name: canonical_column_name(name, known) for name in schema.names}
    names[LINE_COLUMN] = LINE_COLUMN
    return {name: canonical for name, canonical in names.items() if canonical in chosen}


def read_columns(
    part: Part, columns: Iterable[str] | None = None, dictionary: Iterable[str] = ()
) -> pa.Table:
    """A partition's columns as an Arrow table with the contract's column names.

    Parameters
    ----------
    columns
        Contract column names to read (default: all the contract's activity
        columns); file columns spelled differently (``Event ID``) are found and
        renamed. Other columns and hive partition folders are not read. The
        cached CSV parts' line column is read too.
    dictionary
        Contract column names to read as Arrow dictionaries where the file
        holds them as text.
    """
    try:
        handle = pq.ParquetFile(part.path)
        chosen = _columns_to_read(handle.schema_arrow, columns)
        wanted = set(dictionary)
        as_dictionary = [
            name
            for name, canonical in chosen.items()
            if canonical in wanted
            and name in handle.schema_arrow.names
            and is_text_type(handle.schema_arrow.field(name).type)
        ]
        if as_dictionary:
            handle = pq.ParquetFile(part.path, read_dictionary=as_dictionary)
        table = handle.read_row_groups(list(part.row_groups), columns=list(chosen))
    except (OSError, pa.ArrowException) as error:
        raise DatasetError(part.path, f"cannot be read as Parquet: {error}") from None
    if columns is not None:
        table = table.rename_columns([chosen[name] for name in table.column_names])
    return table


def row_positions(part: Part, locations: np.ndarray) -> np.ndarray:
    """0-based positions in ``part`` of the rows at ``locations`` (rows of the
    file, or lines of the CSV a cached copy was made from).

    Raises
    ------
    DatasetError
        When a location is not in the partition (its file changed since it was read).
    """
    locations = np.asarray(locations, dtype="int64")
    if part.has_lines:
        lines = read_columns(part, ())[LINE_COLUMN].to_numpy()
        positions = pd.Index(lines).get_indexer(locations)
    else:
        positions = locations - part.first_row
    if len(positions) and (positions.min() < 0 or positions.max() >= part.rows):
        raise DatasetError(part.shown_as, "changed while it was being read; run again")
    return positions


def read_rows(
    part: Part, positions: np.ndarray, columns: Iterable[str], dictionary: Iterable[str] = ()
) -> pa.Table:
    """The rows of ``part`` at ``positions`` (0-based, see :func:`row_positions`),
    in that order: only the row groups holding them are read.

    Parameters are as for :func:`read_columns`.
    """
    metadata = _metadata(part.path)
    sizes = np.array([metadata.row_group(g).num_rows for g in part.row_groups], dtype="int64")
    starts = np.concatenate([[0], np.cumsum(sizes)])
    group = np.searchsorted(starts, positions, side="right") - 1  # of each row, in the part
    needed = np.unique(group)
    table = read_columns(
        replace(part, row_groups=tuple(part.row_groups[g] for g in needed)), columns, dictionary
    )
    read_starts = np.concatenate([[0], np.cumsum(sizes[needed])])  # of each group, in the table
    return table.take(read_starts[np.searchsorted(needed, group)] + positions - starts[group])


def read_part(part: Part, columns: Iterable[str] | None = None) -> RawTable:
    """Read a partition's columns (see :func:`read_columns`) as a
    :class:`~orgsocial.io.reading.RawTable` of text; :data:`DICTIONARY_COLUMNS`
    stored as text become categoricals."""
    raw = parquet_as_raw(
        part.shown_as,
        read_columns(part, columns, dictionary=DICTIONARY_COLUMNS),
        first_row=part.first_row,
        line_column=LINE_COLUMN if part.has_lines else None,
        keep_dictionary=True,
    )
    structural = raw.structural_rejects
    if part.structural is not None:
        structural = pd.read_parquet(part.structural).set_index(LINE)
    return replace(
        raw,
        label=part.label,
        structural_rejects=structural,
        blank_rows=raw.blank_rows + part.blank_rows,
    )


__all__ = [
    "DICTIONARY_COLUMNS",
    "LINE_COLUMN",
    "PARTITION_ROWS",
    "Part",
    "folder_parts",
    "parquet_parts",
    "read_columns",
    "read_part",
    "read_rows",
    "row_positions",
]
