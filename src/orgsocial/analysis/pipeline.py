"""From a validated dataset to the results every output is drawn from.

:func:`analyse` chains the pure steps: interactions, participation, network,
customer response, survey, classification, and finally privacy. The frames it
returns are what may leave the package: small groups are already suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from orgsocial import contract as c
from orgsocial.analysis import interactions as inter
from orgsocial.analysis import network, participation, phases, privacy, response, survey
from orgsocial.config import Settings
from orgsocial.dataset import Dataset


@dataclass(frozen=True)
class AnalysisResults:
    """The outputs of ``orgsocial analyse``, all free of personal data.

    Attributes
    ----------
    units
        One row per business unit: phase, confidence, scores, indicators.
    departments
        One row per department with its indicators.
    department_edges
        The contract's undirected cross-department interaction counts.
    evidence
        Every classification criterion for every unit (value, threshold, weight).
    responses
        One row per customer inquiry with its first response time.
    survey_waves
        Survey indicators per unit and wave.
    validation
        Rows read, kept and rejected per input file.
    meta
        Version, settings and counts of the run.
    """

    units: pd.DataFrame
    departments: pd.DataFrame
    department_edges: pd.DataFrame
    evidence: pd.DataFrame
    responses: pd.DataFrame
    survey_waves: pd.DataFrame
    validation: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    FRAMES = (
        c.UNITS_OUTPUT,
        c.DEPARTMENTS_OUTPUT,
        c.EDGES_OUTPUT,
        "evidence",
        "responses",
        "survey_waves",
        "validation",
    )


DEPARTMENT_FIGURES = [
    "headcount",
    "active_employees",
    "active_share",
    "events",
    "events_internal",
    "events_external",
    "strength",
    "cross_department_interactions",
    "within_ties",
    "inquiries_answered_first",
]


def _department_table(
    department_stats: pd.DataFrame,
    interactions: pd.DataFrame,
    edges: pd.DataFrame,
    responses: pd.DataFrame,
) -> pd.DataFrame:
    graph = network.department_graph(department_stats[["department"]], edges)
    strength = network.strength(graph)
    within = inter.within_department_ties(interactions)
    answered = responses.loc[responses["answered"]].groupby("responder_department").size()
    out = department_stats.drop(columns=["internal_active", "external_active"]).copy()
    out["strength"] = out["department"].map(strength).fillna(0.0)
    out["cross_department_interactions"] = out["strength"].astype("int64")
    out["within_ties"] = out["department"].map(within).fillna(0).astype("int64")
    out["inquiries_answered_first"] = out["department"].map(answered).fillna(0).astype("int64")
    out["answers_customers"] = out["inquiries_answered_first"] > 0
    return out


def unit_indicators(
    department_stats: pd.DataFrame,
    interactions: pd.DataFrame,
    edges: pd.DataFrame,
    responses: pd.DataFrame,
    survey_waves: pd.DataFrame,
    departments: pd.DataFrame,
) -> pd.DataFrame:
    """All indicators per business unit, before classification and suppression."""
    units = participation.unit_participation(department_stats)
    unit_of = departments.set_index("department")["business_unit"]
    graph = network.department_graph(departments[["department", "business_unit"]], edges)
    measures = network.unit_network_measures(
        graph, interactions.assign(business_unit=interactions["actor_department"].map(unit_of))
    )
    units = units.merge(measures, on="business_unit", how="left")
    summary = response.response_summary(responses, "business_unit")
    units = units.merge(summary, on="business_unit", how="left")
    units["inquiries"] = units["inquiries"].fillna(0).astype("int64")
    latest = survey.latest_wave(survey_waves).rename(columns={"wave": "survey_wave"})
    units = units.merge(latest, on="business_unit", how="left")
    units["respondents"] = units["respondents"].fillna(0).astype("int64")
    units["survey_suppressed"] = units["survey_suppressed"].astype("boolean").fillna(False)
    units["survey_suppressed"] = units["survey_suppressed"].astype(bool)
    units["survey_response_rate"] = units["respondents"] / units["headcount"].where(
        units["headcount"] > 0
    )
    return units


def _suppress_units(units: pd.DataFrame, min_group_size: int) -> pd.DataFrame:
    identity = {"business_unit", "suppressed", "reason", "survey_wave", "phase_name", "between"}
    identity |= {"hub_department", "hub_function", "survey_suppressed"}
    figures = [col for col in units.columns if col not in identity]
    out = units.copy()
    small = out["headcount"].fillna(0) < min_group_size
    for column in figures:
        if pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].mask(small)
    for column in ("hub_department", "hub_function"):
        out[column] = out[column].mask(small)
    out["suppressed"] = small
    out["hub_active_share"] = privacy.suppress_where(
        out["hub_active_share"], out["hub_headcount"].astype("float64"), min_group_size
    )
    out["customer_facing_active_share"] = privacy.suppress_where(
        out["customer_facing_active_share"], out["customer_facing_headcount"], min_group_size
    )
    out["marcom_active_share"] = privacy.suppress_where(
        out["marcom_active_share"], out["marcom_headcount"], min_group_size
    )
    small_hub = out["hub_headcount"].astype("float64") < min_group_size
    out["hub_department"] = out["hub_department"].mask(small_hub, privacy.SMALL_GROUPS)
    return out


def analyse(
    dataset: Dataset, settings: Settings, generated_at: pd.Timestamp | None = None
) -> AnalysisResults:
    """Analyse a validated dataset.

    Parameters
    ----------
    dataset
        From :func:`orgsocial.dataset.load_dataset`.
    settings
        From :func:`orgsocial.config.load_settings`.
    generated_at
        Time stamp recorded in ``meta`` (default: now, UTC).

    Returns
    -------
    AnalysisResults
        Privacy-safe frames; see the class for what each holds.
    """
    minimum = settings.min_group_size
    people = participation.employee_activity(
        dataset.activity, dataset.employees, settings.active_min_events
    )
    department_stats = participation.department_participation(
        dataset.departments, people, settings.department_active_min_share
    )
    interactions = inter.employee_interactions(dataset.activity, dataset.employees)
    edges = inter.department_edges(interactions)
    responses = response.first_responses(dataset.activity, dataset.employees)
    survey_waves = survey.unit_survey_by_wave(dataset.survey, dataset.departments, minimum)

    indicators = unit_indicators(
        department_stats, interactions, edges, responses, survey_waves, dataset.departments
    )
    indicators["suppressed"] = indicators["headcount"] < minimum
    evidence = phases.phase_evidence(indicators, settings)
    classified = phases.classify_units(indicators, settings, evidence)
    units = classified.merge(indicators, on="business_unit", how="left")
    units = _suppress_units(units, minimum)

    departments_table = _department_table(department_stats, interactions, edges, responses)
    departments_table = privacy.suppress_rows(
        departments_table, departments_table["headcount"], minimum, DEPARTMENT_FIGURES
    )
    departments_table["answers_customers"] = departments_table["answers_customers"].mask(
        departments_table["suppressed"]
    )
    small = frozenset(department_stats.loc[department_stats["headcount"] < minimum, "department"])
    safe_edges, hidden_weight = privacy.merge_small_in_edges(edges, small)
    suppressed_units = frozenset(units.loc[units["suppressed"], "business_unit"])
    safe_responses = responses.loc[~responses["business_unit"].isin(suppressed_units)].assign(
        responder_department=lambda r: privacy.merge_small_departments(
            r["responder_department"], small
        )
    )
    evidence = _suppress_evidence(evidence, units, suppressed_units)

    meta = {
        "generated_at": (generated_at or pd.Timestamp.now(tz="UTC")).isoformat(),
        "contract_version": c.CONTRACT_VERSION,
        "min_group_size": minimum,
        "events": len(dataset.activity),
        "employee_events": int(dataset.activity["actor_id"].notna().sum()),
        "interactions": len(interactions),
        "cross_department_interactions": int(edges["weight"].sum()),
        "department_pairs": len(edges),
        "inquiries": len(responses),
        "survey_responses": len(dataset.survey),
        "small_departments_merged": len(small),
        "interactions_between_small_departments_hidden": hidden_weight,
        "rows_rejected": dataset.validation.rows_rejected,
    }
    return AnalysisResults(
        units=units,
        departments=departments_table,
        department_edges=safe_edges,
        evidence=evidence,
        responses=safe_responses,
        survey_waves=survey_waves,
        validation=dataset.validation.summary(),
        meta=meta,
    )


def _suppress_evidence(
    evidence: pd.DataFrame, units: pd.DataFrame, suppressed_units: frozenset[str]
) -> pd.DataFrame:
    """Evidence values follow the units table: a value withheld there is withheld here."""
    if evidence.empty:
        return evidence
    out = evidence.loc[~evidence["business_unit"].isin(suppressed_units)].copy()
    shown = units.set_index("business_unit")
    for indicator in out["indicator"].unique():
        mask = out["indicator"] == indicator
        if indicator in shown.columns:
            visible = out.loc[mask, "business_unit"].map(shown[indicator])
            withheld = visible.isna() & out.loc[mask, "value"].notna()
            out.loc[mask & withheld.reindex(out.index, fill_value=False), "value"] = float("nan")
    out["value_suppressed"] = out["value"].isna() & out["fulfilment"].notna()
    return out.reset_index(drop=True)


__all__ = ["AnalysisResults", "analyse", "unit_indicators"]
