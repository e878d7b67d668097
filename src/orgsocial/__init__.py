"""orgsocial: how far each business unit has come in adopting social media.

From Python, :func:`load` gives a dataset's results as DataFrames, the same as
``orgsocial analyse`` writes::

    import orgsocial
    results = orgsocial.load("data/demo", period="2026-Q2", lang="nl")
    results.units          # one row per business unit: phase, verdict, evidence in words
    results.evidence       # unit x criterion: value, threshold, how far met
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

try:
    __version__ = version("orgsocial")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from orgsocial.app import load


def __getattr__(name: str) -> object:
    """``orgsocial.load`` is :func:`orgsocial.app.load`, imported when first asked for: the
    command line stays quick to start because nothing heavy is imported until called."""
    if name == "load":
        from orgsocial.app import load

        return load
    raise AttributeError(f"module 'orgsocial' has no attribute {name!r}")


__all__ = ["__version__", "load"]
