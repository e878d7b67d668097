"""The run's log beside its reports (``DIR/report.log``): every run appends to it, the
quick "up to date" path included, so a scheduler's monitor sees each run."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from orgsocial.errors import OrgsocialError

LOG_FILE = "report.log"
log = logging.getLogger("orgsocial.reporting.runner")


@contextmanager
def run_log(out: Path) -> Iterator[None]:
    """Append what the ``orgsocial`` loggers say at INFO and above to ``out/report.log``
    while the block runs, and why it stopped when it stops on an error."""
    handler = logging.FileHandler(out / LOG_FILE, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("orgsocial")
    root.addHandler(handler)
    level = root.level
    root.setLevel(min(level or logging.INFO, logging.INFO))
    try:
        yield
    except OrgsocialError as error:
        # the log says why the run stopped (INFO: the terminal says it once, as an error)
        log.info("stopped: %s", error)
        raise
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


def log_up_to_date(out: Path, kept: int) -> str:
    """Say in ``out/report.log`` that a run changed nothing; the sentence, for the terminal."""
    said = (
        f"up to date: inputs, parameters, notebooks and code unchanged; {kept} page(s) kept, "
        f"open {out / 'index.html'}"
    )
    with run_log(out):
        log.info(said)
    return said
