"""The results of an analysis: every frame that may leave the package, and the run's facts.

Kept apart from the steps that make them (:mod:`orgsocial.analysis.pipeline`), so that
reading results (the notebooks, ``orgsocial.load`` of a results folder, the report
pages) does not import the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

import pandas as pd


@dataclass(frozen=True)
class AnalysisResults:
    """The outputs of ``orgsocial analyse``, all free of personal data.

    One frame per file it writes, named as the file (``units`` is ``units.csv``,
    ``privacy`` is ``privacy.csv``); ``meta`` is ``meta.json``: version, settings,
    period and counts of the run. docs/outputs.md describes every row and column.
    """

    units: pd.DataFrame
    departments: pd.DataFrame
    department_edges: pd.DataFrame
    department_edges_directed: pd.DataFrame
    business_unit_edges: pd.DataFrame
    org: pd.DataFrame
    evidence: pd.DataFrame
    responses: pd.DataFrame
    response_channels: pd.DataFrame
    survey_waves: pd.DataFrame
    survey_departments: pd.DataFrame
    coparticipation_edges: pd.DataFrame
    trend: pd.DataFrame
    validation: pd.DataFrame
    privacy: pd.DataFrame
    imports: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    #: The frames, in order: every field but ``meta``.
    FRAMES: ClassVar[tuple[str, ...]]


AnalysisResults.FRAMES = tuple(f.name for f in fields(AnalysisResults) if f.name != "meta")
