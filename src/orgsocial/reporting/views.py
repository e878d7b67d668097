"""What each report reads, and a fingerprint of it for incremental runs: a unit report reads
only :func:`unit_view` of the results and the runner hashes that same view, so a unit's
report is redone exactly when what it shows could have changed."""

from __future__ import annotations

import hashlib

import pandas as pd

from orgsocial.analysis.period import parse_period
from orgsocial.analysis.privacy import unit_group
from orgsocial.analysis.results import AnalysisResults
from orgsocial.errors import ParameterError

#: Department columns a unit report shows (not org-wide measures such as betweenness,
#: which change when another unit changes).
UNIT_DEPARTMENT_COLUMNS = (
    "department",
    "business_unit",
    "function",
    "customer_facing",
    "headcount",
    "active_employees",
    "active_share",
    "events",
    "events_internal",
    "events_external",
    "within_ties",
    "answers_given",
    "answer_minutes_median",
    "suppressed",
)


def unit_view(results: AnalysisResults, business_unit: str) -> dict[str, pd.DataFrame]:
    """The slices of ``results`` a unit report shows.

    Keys: ``unit`` (its row of units.csv), ``evidence``, ``departments``, ``edges``
    (department edges inside the unit, its merged small departments included, over the
    whole window), ``responses`` (the unit's inquiries asked in its verdict's period),
    ``trend``, ``survey``, ``privacy`` (what merging its small departments hides).
    """
    departments = results.departments.loc[results.departments["business_unit"] == business_unit]
    names = {*departments["department"], unit_group(business_unit)}
    edges = results.department_edges
    mine = edges["source"].isin(names) & edges["target"].isin(names)
    columns = [c for c in UNIT_DEPARTMENT_COLUMNS if c in departments.columns]

    def of_unit(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty or "business_unit" not in frame.columns:
            return frame.iloc[0:0]
        return frame.loc[frame["business_unit"] == business_unit]

    unit = of_unit(results.units)
    return {
        "unit": unit,
        "evidence": of_unit(results.evidence),
        "departments": departments[columns],
        "edges": edges.loc[mine],
        "responses": _in_verdict_period(of_unit(results.responses), unit),
        "trend": of_unit(results.trend),
        "survey": of_unit(results.survey_waves),
        "privacy": of_unit(results.privacy),
    }


def _in_verdict_period(responses: pd.DataFrame, unit: pd.DataFrame) -> pd.DataFrame:
    """The inquiries asked in the period the unit's verdict is read from (all of them when
    that period cannot be read), so that a unit page's customer figures are its verdict's."""
    label = unit["period"].iloc[0] if len(unit) and "period" in unit.columns else ""
    if not isinstance(label, str) or not label or responses.empty:
        return responses
    try:
        period = parse_period(label)
    except ParameterError:
        return responses
    return responses.loc[period.contains(responses["inquiry_time"])]


def organisation_view(results: AnalysisResults) -> dict[str, pd.DataFrame]:
    """Everything the organisation-level reports may show."""
    return {name: getattr(results, name) for name in results.FRAMES}


def digest(frames: dict[str, pd.DataFrame]) -> str:
    """A SHA-256 fingerprint of frames (their CSV text, in key order)."""
    hasher = hashlib.sha256()
    for name in sorted(frames):
        frame = frames[name].reset_index(drop=True)
        hasher.update(name.encode())
        hasher.update(frame.to_csv(index=False, float_format="%.10g").encode("utf-8"))
    return hasher.hexdigest()
