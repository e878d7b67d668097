"""Writing files so that each appears whole or not at all (write, then rename)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def _default_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: Mode of a newly created file under the process umask (mkstemp would give 0600).
FILE_MODE = _default_file_mode()


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    On an exception the temporary file is removed and ``target`` is untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("whole")
    >>> (folder / "a.txt").read_text()
    'whole'
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 text to ``target`` atomically."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write bytes to ``target`` atomically."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


#: A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe.

    Only text columns change (numbers, including negative ones, stay numbers).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"a": ["=1+1", "ok", "-x"], "n": [-1, 2, 3]})
    >>> safe_for_spreadsheets(frame).to_dict("list")
    {'a': ["'=1+1", 'ok', "'-x"], 'n': [-1, 2, 3]}
    """
    import pandas as pd  # here, so that the quick paths importing this module stay light

    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_string_dtype(values) or values.dtype == object:
            text = values.astype("str")
            risky = values.notna() & text.str.startswith(FORMULA_STARTS)
            if risky.any():
                out[column] = values.where(~risky, "'" + text)
    return out


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (hex); for a folder, of every file in it with its name."""
    hasher = hashlib.sha256()
    if path.is_dir():
        for member in sorted(p for p in path.rglob("*") if p.is_file()):
            hasher.update(
                f"{member.relative_to(path).as_posix()}\0{file_digest(member)}\n".encode()
            )
        return hasher.hexdigest()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()
