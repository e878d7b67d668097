"""Exceptions that carry a message meant for the person running orgsocial: the CLI prints
it without a traceback and exits with code 2. Any other exception is a bug."""

from __future__ import annotations

from pathlib import Path


class OrgsocialError(Exception):
    """Base class of errors whose message is shown to the user as is."""


class DatasetError(OrgsocialError):
    """The dataset cannot be read or analysed as given (a missing file or column, an
    unreadable file); the message names the file."""

    def __init__(self, path: Path | str | None, message: str) -> None:
        self.path = Path(path) if path is not None else None
        prefix = f"{self.path}: " if self.path is not None else ""
        super().__init__(prefix + message)


class RejectedRowsError(DatasetError):
    """Rejected rows stop the analysis (a file kept none, or ``--strict``); ``validation``
    is the dataset's validation report so far (counts and rejects), ``None`` for an import."""

    def __init__(self, path: Path | str | None, message: str, validation: object = None) -> None:
        super().__init__(path, message)
        self.validation = validation


class StrictModeError(RejectedRowsError):
    """``--strict`` was given and at least one row is invalid."""


class ParameterError(OrgsocialError):
    """A command-line or notebook parameter is invalid (unknown unit, bad value)."""
