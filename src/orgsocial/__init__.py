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
    from pathlib import Path

    from orgsocial.analysis.results import AnalysisResults


def load(
    dataset: Path | str,
    *,
    period: str | None = None,
    lang: str = "en",
    config: Path | str | None = None,
    min_group_size: int | None = None,
    coparticipation: bool = False,
    trend_by: str = "quarter",
) -> AnalysisResults:
    """The results of a dataset as DataFrames, number for number what ``orgsocial analyse``
    writes with the same options (see :func:`orgsocial.app.load`, where this lives: the
    command line stays quick to start because nothing heavy is imported until called)."""
    from orgsocial.app import load as load_results

    return load_results(
        dataset,
        period=period,
        lang=lang,
        config=config,
        min_group_size=min_group_size,
        coparticipation=coparticipation,
        trend_by=trend_by,
    )


__all__ = ["__version__", "load"]
