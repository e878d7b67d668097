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

    Attributes
    ----------
    units
        One row per business unit: its verdict now (:mod:`~orgsocial.analysis.headline`)
        in numbers and words, the whole window's verdict beside it, and the indicators
        of the verdict's period.
    departments
        One row per department with its indicators and broker measures.
    department_edges
        The contract's undirected cross-department interaction counts.
    department_edges_directed
        ``source`` -> ``target``: interactions by source's people addressed to target's.
    business_unit_edges
        Undirected cross-unit interaction counts.
    org
        One row: the organisation-wide measures at business-unit level.
    evidence
        Every classification criterion for every unit in its verdict's period
        (source, role, value, threshold, weight, how far met).
    responses
        One row per customer inquiry with its first response time.
    response_channels
        Response measures per channel and per unit and channel.
    survey_waves
        Survey indicators per unit and wave (with response rates and scale alphas).
    survey_departments
        The same per department and wave.
    coparticipation_edges
        Department pairs whose people share threads (empty unless asked for).
    trend
        Phase per unit and period (quarter or month), with the change since the
        period before and whether the unit moved back.
    validation
        Rows read, kept and rejected per input file.
    privacy
        What merging small departments cost the network, per unit and for the
        organisation (:func:`~orgsocial.analysis.privacy.merge_costs`).
    imports
        What each import that made the dataset counted and set aside (``import``,
        ``measure``, ``count``; empty for a dataset no importer made).
    meta
        Version, settings, period and counts of the run.
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
