"""Writing files so that each appears whole or not at all (write, then rename), and
output folders that refuse clearly: one that cannot be created or written, or one that
holds files orgsocial did not write.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from orgsocial.errors import OrgsocialError

if TYPE_CHECKING:
    import pandas as pd


class OutputError(OrgsocialError):
    """An output folder or file cannot be created or written (the CLI exits with code 2)."""


class ForeignFolderError(OrgsocialError):
    """An output folder holds files that the command did not write (and ``--force`` was not
    given); writing there could replace someone's files."""


#: Errors while writing a file's content that are about the place, not the content.
_PLACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})
#: How many of the unknown names a refusal shows.
SHOWN_NAMES = 3


def cannot_write(path: Path, error: OSError) -> OutputError:
    """The error for a place that cannot be written, with the system's reason.

    Examples
    --------
    >>> str(cannot_write(Path("/proc/x"), FileNotFoundError(2, "No such file or directory")))
    'cannot write to /proc/x: No such file or directory'
    """
    return OutputError(f"cannot write to {path}: {error.strerror or error}")


def _nearest_existing(folder: Path) -> Path:
    """``folder`` itself when it exists, else the nearest of its parents that does; an
    :class:`OutputError` when that is a file."""
    place = folder.absolute()
    while not place.exists() and place != place.parent:
        place = place.parent
    if not place.is_dir():
        what = "it is" if place == folder.absolute() else f"{place} is"
        raise OutputError(f"cannot write to {folder}: {what} a file, not a folder")
    return place


def make_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) unless it exists; an :class:`OutputError` when
    it cannot be created, or a file stands in its place or in a parent's."""
    if folder.is_dir():
        return folder
    _nearest_existing(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(folder, error) from None
    return folder


def writable_folder(folder: Path) -> Path:
    """Check, before a command does any work, that files can be written in ``folder``
    (or the nearest parent that exists: nothing is created or left behind); an
    :class:`OutputError` when they cannot."""
    place = _nearest_existing(folder)
    try:
        handle, name = tempfile.mkstemp(prefix=".orgsocial-probe.", suffix=".tmp", dir=place)
    except OSError as error:
        raise cannot_write(folder, error) from None
    os.close(handle)
    Path(name).unlink(missing_ok=True)
    return folder


def folder_entries(folder: Path) -> list[str]:
    """The names in ``folder`` (sorted), none when it does not exist; an
    :class:`OutputError` when a file stands in its place or it cannot be listed."""
    if not folder.exists():
        return []
    _nearest_existing(folder)  # a file in its place
    try:
        return sorted(entry.name for entry in folder.iterdir())
    except OSError as error:
        raise cannot_write(folder, error) from None


def refuse_foreign(folder: Path, foreign: Iterable[str], command: str) -> None:
    """Refuse to write into ``folder`` when it holds entries ``command`` did not write: a
    :class:`ForeignFolderError` naming the folder, a few of the entries and the way out.

    Examples
    --------
    >>> refuse_foreign(Path("out"), [], "orgsocial report")
    >>> try:
    ...     refuse_foreign(Path("out"), ["a", "b", "c", "d"], "orgsocial report")
    ... except ForeignFolderError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    out holds files that orgsocial report did not write (a, b, c and 1 more): use an empty
    folder for --out, or --force to write there anyway
    """
    names = sorted(foreign)
    if not names:
        return
    shown = ", ".join(names[:SHOWN_NAMES]) + (
        f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else ""
    )
    raise ForeignFolderError(
        f"{folder} holds files that {command} did not write ({shown}): use an empty folder "
        "for --out, or --force to write there anyway"
    )


_UMASK = os.umask(0)  # the umask is read by setting it: set it back
os.umask(_UMASK)
#: Mode of a newly created file under the process umask (mkstemp would give 0600).
FILE_MODE = 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    On an exception the temporary file is removed and ``target`` is untouched. A place
    that cannot be written (no such folder, read-only, full disk) raises
    :class:`OutputError` naming it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("whole")
    >>> (folder / "a.txt").read_text()
    'whole'
    """
    make_folder(target.parent)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise cannot_write(target.parent, error) from None
    os.close(handle)
    temporary = Path(name)
    try:
        try:
            yield temporary
        except OSError as error:
            if error.errno in _PLACE_ERRNOS:
                raise cannot_write(target, error) from error
            raise
        try:
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, target)
        except OSError as error:
            raise cannot_write(target, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 text to ``target`` atomically."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


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
    if not path.is_dir():
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    hasher = hashlib.sha256()
    for member in sorted(p for p in path.rglob("*") if p.is_file()):
        hasher.update(f"{member.relative_to(path).as_posix()}\0{file_digest(member)}\n".encode())
    return hasher.hexdigest()
