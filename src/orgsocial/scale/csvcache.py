"""A large activity CSV converted once to Parquet partitions, cached by its content.

The CSV is cut into pieces at record boundaries (a line break outside quotes:
an even number of ``"`` before it), each piece read with the same reader as a
whole file, and written as a Parquet part holding the text values and the line
each row has in the CSV, so that messages still name the CSV's lines. Rows that
could not be split into fields are kept beside each part. The cache folder is
named after the SHA-256 of the file's bytes: an edited file is converted
again, an unchanged one never. A conversion is written to a temporary folder
and renamed when complete, so an interrupted one leaves nothing half-made.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from orgsocial.errors import DatasetError
from orgsocial.io.fileio import file_digest
from orgsocial.io.reading import LINE, CsvRecords, read_csv_records
from orgsocial.scale.parts import LINE_COLUMN, Part

#: Version of the cached layout (part of the folder name).
LAYOUT = "v1"


def default_cache_dir() -> Path:
    """``$ORGSOCIAL_CACHE``, else ``$XDG_CACHE_HOME/orgsocial``, else ``~/.cache/orgsocial``."""
    if os.environ.get("ORGSOCIAL_CACHE"):
        return Path(os.environ["ORGSOCIAL_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orgsocial"


def worth_caching(path: Path, partition_rows: int) -> bool:
    """True when the CSV probably holds more than one partition of rows."""
    return path.stat().st_size > partition_rows * _bytes_per_row(path)


def record_pieces(path: Path, piece_bytes: int) -> Iterator[tuple[bytes, bytes, int]]:
    """Cut a CSV into pieces of whole records: yields the header bytes, a piece's bytes
    and the line (1-based, as an editor counts) on which the piece starts."""
    with path.open("rb") as handle:
        header = _header_bytes(handle)
        line = header.count(b"\n") + 1
        carry = b""
        while True:
            block = handle.read(piece_bytes)
            data = carry + block
            if not block:
                if data.strip():
                    yield header, data, line
                return
            cut = _last_record_end(data)
            if cut < 0:  # no record ends in this block: read on
                carry = data
                continue
            yield header, data[: cut + 1], line
            line += data.count(b"\n", 0, cut + 1)
            carry = data[cut + 1 :]


def _header_bytes(handle) -> bytes:
    header = handle.readline()
    while header.count(b'"') % 2:  # a quoted header field spanning lines
        more = handle.readline()
        if not more:
            break
        header += more
    return header


def _last_record_end(data: bytes, tries: int = 1000) -> int:
    """Position of the last line break outside quotes, or -1."""
    position = data.rfind(b"\n")
    if data.find(b'"') < 0:  # no quotes at all: every line break ends a record
        return position
    while position >= 0 and tries:
        if data.count(b'"', 0, position) % 2 == 0:
            return position
        position = data.rfind(b"\n", 0, position)
        tries -= 1
    return -1


def _read_piece(source: Path, header: bytes, piece: bytes, line: int) -> CsvRecords:
    """A piece's records, their lines counted in the whole file."""
    shift = line - (header.count(b"\n") + 1)
    try:
        records = read_csv_records(source, header + piece)
    except DatasetError as error:
        text = re.sub(
            r"line (\d+)", lambda m: f"line {int(m[1]) + shift}", str(error).split(": ", 1)[-1]
        )
        raise DatasetError(source, text) from None
    structural = records.structural_rejects
    structural.index = pd.Index(structural.index + shift, name=LINE)
    return replace(records, lines=records.lines + shift)


def _convert_piece(source: Path, folder: Path, number: int, piece: tuple[bytes, bytes, int]):
    """Write one piece's rows (with their lines) and its structural rejects."""
    header, data, line = piece
    records = _read_piece(source, header, data, line)
    name = f"part-{number:05d}.parquet"
    table = records.table.add_column(0, LINE_COLUMN, pa.array(records.lines, pa.int64()))
    pq.write_table(table, folder / name)
    structural = ""
    if len(records.structural_rejects):
        structural = f"part-{number:05d}.structural.parquet"
        records.structural_rejects.reset_index().to_parquet(folder / structural, index=False)
    return {
        "file": name,
        "rows": table.num_rows,
        "first_line": line,
        "blank_rows": records.blank_rows,
        "structural": structural,
    }


def convert(path: Path, target: Path, partition_rows: int) -> None:
    """Convert the CSV at ``path`` into Parquet parts in the new folder ``target``, listed
    in its ``parts.json`` (per part: ``file``, ``rows``, ``first_line``, ``blank_rows``,
    ``structural``).

    Pieces are read and written by a few threads at once (Arrow's reader and
    writer release the GIL); at most two pieces per thread are held in memory.
    """
    piece_bytes = max(4096, partition_rows * _bytes_per_row(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    threads = max(1, min(4, os.cpu_count() or 1))
    try:
        entries = []
        with ThreadPoolExecutor(threads) as pool:
            pending: deque[Future] = deque()
            for number, piece in enumerate(record_pieces(path, piece_bytes)):
                pending.append(pool.submit(_convert_piece, path, work, number, piece))
                if len(pending) >= 2 * threads:
                    entries.append(pending.popleft().result())
            entries.extend(future.result() for future in pending)
        (work / "parts.json").write_text(
            json.dumps({"source": path.name, "layout": LAYOUT, "parts": entries}, indent=1)
        )
        try:
            work.rename(target)
        except OSError:  # another run finished the same conversion first
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _bytes_per_row(path: Path) -> int:
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    lines = max(sample.count(b"\n"), 1)
    return max(1, len(sample) // lines)


def cached_parts(path: Path, partition_rows: int, cache_dir: Path | None = None) -> list[Part]:
    """The Parquet parts of a CSV, converting it first when it is not cached yet."""
    folder = (cache_dir or default_cache_dir()) / f"activity-{LAYOUT}-{file_digest(path)[:32]}"
    manifest = folder / "parts.json"
    if not manifest.is_file():
        convert(path, folder, partition_rows)
    entries = json.loads(manifest.read_text())["parts"]
    parts = []
    for entry in entries:
        metadata = pq.ParquetFile(folder / entry["file"]).metadata
        parts.append(
            Part(
                path=folder / entry["file"],
                row_groups=tuple(range(metadata.num_row_groups)),
                first_row=1,
                shown_as=path,
                blank_rows=entry["blank_rows"],
                structural=folder / entry["structural"] if entry["structural"] else None,
                rows=metadata.num_rows,
            )
        )
    return parts


__all__ = ["cached_parts", "convert", "default_cache_dir", "record_pieces"]
