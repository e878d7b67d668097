"""One report run per output folder at a time.

The lock is an ``flock`` on ``DIR/.orgsocial-report.lock``: the operating system
releases it when the process ends in any way (even ``kill -9``), so a crashed
run never leaves a stale lock behind. The file says who holds it.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from pathlib import Path

from orgsocial.errors import OrgsocialError

LOCK_FILE = ".orgsocial-report.lock"


class FolderBusyError(OrgsocialError):
    """Another run holds the output folder."""


class FolderLock:
    """Exclusive lock on an output folder for the duration of a ``with`` block."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._handle: int | None = None

    def __enter__(self) -> FolderLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 512, 0).decode("utf-8", "replace").strip() or "unknown"
            os.close(handle)
            raise FolderBusyError(
                f"{self.path.parent}: another orgsocial report is writing here ({holder}); "
                "wait for it to finish or use another --out folder"
            ) from None
        os.ftruncate(handle, 0)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        os.pwrite(handle, f"pid {os.getpid()} on {socket.gethostname()} since {stamp}".encode(), 0)
        self._handle = handle
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            os.ftruncate(self._handle, 0)
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = None
