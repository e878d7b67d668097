"""From a validated dataset to the results every output is drawn from.

:func:`analyse` chains the pure steps: period selection, interactions,
participation, networks, customer response, survey, organisational model,
classification, and finally privacy. The frames it returns are what may leave
the package: small groups are already suppressed or merged.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, ClassVar

import networkx as nx
import pandas as pd

from orgsocial import contract as c
from orgsocial.analysis import (
    advice,
    events,
    network,
    org_model,
    participation,
    people,
    phases,
    privacy,
    response,
    survey,
)
from orgsocial.analysis import interactions as inter
from orgsocial.analysis.partitions import normalized_mutual_information
from orgsocial.analysis.period import (
    Period,
    periods_from_month_counts,
    select_period,
    wave_for_period,
)
from orgsocial.config import Settings
from orgsocial.dataset import Dataset
from orgsocial.errors import ParameterError
from orgsocial.fastops import lookup


@dataclass(frozen=True)
class AnalysisResults:
    """The outputs of ``orgsocial analyse``, all free of personal data.

    Attributes
    ----------
    units
        One row per business unit: phase, confidence, scores, indicators,
        network measures, organisational model.
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
        Every classification criterion for every unit (value, threshold, weight).
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
    meta: dict[str, Any] = field(default_factory=dict)

    FRAMES: ClassVar[tuple[str, ...]] = (
        c.UNITS_OUTPUT,
        c.DEPARTMENTS_OUTPUT,
        c.EDGES_OUTPUT,
        "department_edges_directed",
        "business_unit_edges",
        "org",
        "evidence",
        "responses",
        "response_channels",
        "survey_waves",
        "survey_departments",
        "coparticipation_edges",
        "trend",
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
    "cross_department_share",
    "ei_index",
    "betweenness",
    "constraint",
    "effective_size",
    "connectors",
    "connector_share",
    "partners_median",
    "answers_given",
    "answer_minutes_median",
    "answer_minutes_p90",
    "answers_within_1h_share",
]


@dataclass(frozen=True)
class _Steps:
    """Intermediate results shared by the output tables (not returned)."""

    events: int
    employee_events: int
    department_stats: pd.DataFrame
    interactions: pd.DataFrame | None  # person pairs; not computed for a trend period
    directed: pd.DataFrame
    edges: pd.DataFrame
    graph: nx.Graph
    pairs: pd.DataFrame | None  # person pairs; not computed for a trend period
    responses: pd.DataFrame
    survey_waves: pd.DataFrame
    department_survey: pd.DataFrame
    unit_of: pd.Series


def survey_tables(dataset: Dataset, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Survey scores of every wave, per business unit and per department (period-free)."""
    headcount = dataset.employees.groupby("department").size()
    unit_headcount = headcount.groupby(
        headcount.index.map(dataset.departments.set_index("department")["business_unit"])
    ).sum()
    units = survey.unit_survey_by_wave(
        dataset.survey,
        dataset.departments,
        settings.min_group_size,
        unit_headcount,
        settings.scales,
    )
    departments = survey.survey_scores(
        dataset.survey,
        dataset.departments,
        headcount,
        survey.DEPARTMENT,
        settings.min_group_size,
        settings.scales,
    )
    return units, departments


@dataclass(frozen=True)
class _Shared:
    """What every period's analysis reads: the event sums, all responses, the survey."""

    summary: events.EventSummary
    responses: pd.DataFrame
    surveys: tuple[pd.DataFrame, pd.DataFrame]


def _shared(dataset: Dataset, settings: Settings, summary: events.EventSummary) -> _Shared:
    # the survey tables beside the responses (Arrow joins, which release the lock)
    with ThreadPoolExecutor(max_workers=1) as beside:
        surveys = beside.submit(survey_tables, dataset, settings)
        responses = events.responses(summary, dataset.employees)
        return _Shared(summary=summary, responses=responses, surveys=surveys.result())


def _steps(
    dataset: Dataset,
    settings: Settings,
    period: Period | None,
    shared: _Shared,
    trend: bool = False,
) -> _Steps:
    window = events.window_of(shared.summary, period, trend)
    people_activity = participation.employee_activity_from_counts(
        events.person_counts(shared.summary, window),
        dataset.employees,
        settings.active_min_events,
    )
    department_stats = participation.department_participation(
        dataset.departments, people_activity, settings.department_active_min_share
    )
    # person pairs only where persons are measured (not for a trend period); department
    # sums from the directed department table (thousands of rows), summed from the
    # employees' codes, not from the person pairs (hundreds of thousands): the same sums
    interactions = None if trend else events.pair_counts(shared.summary, window, dataset.employees)
    directed = events.department_pair_counts(shared.summary, window, dataset.employees)
    ties = dataset.department_ties
    if not ties.empty and period is not None:  # ties without a date count in every period
        ties = ties.loc[ties["timestamp"].isna() | period.contains(ties["timestamp"])]
    if not ties.empty:  # group-level ties only where no person-level data exists
        measured = set(directed["actor_department"]) | set(directed["counterpart_department"])
        ties = ties.loc[~ties["source"].isin(measured) & ~ties["target"].isin(measured)]
    edges = inter.with_ties(inter.department_edges(directed), ties)
    # sorted, so that results never depend on the order of rows in the input files
    nodes = dataset.departments[
        ["department", "business_unit", "function", "customer_facing"]
    ].sort_values("department")
    within = inter.within_department_ties(directed)
    nodes = nodes.assign(within_ties=nodes["department"].map(within).fillna(0).astype("int64"))
    graph = network.department_graph(nodes, edges)
    responses = select_period(shared.responses, period, "inquiry_time")
    wave = wave_for_period(list(dataset.survey["wave"].dropna().unique()), period)
    waves, department_waves = shared.surveys
    waves = waves.loc[waves["wave"] == wave]
    department_waves = department_waves.loc[department_waves["wave"] == wave]
    event_total, employee_events = events.event_counts(shared.summary, window)
    return _Steps(
        events=event_total,
        employee_events=employee_events,
        department_stats=department_stats,
        interactions=interactions,
        directed=directed,
        edges=edges,
        graph=graph,
        pairs=None if interactions is None else people.person_pairs(interactions),
        responses=responses,
        survey_waves=waves,
        department_survey=department_waves,
        unit_of=dataset.departments.set_index("department")["business_unit"],
    )


def unit_indicators(steps: _Steps, settings: Settings, detail: bool = True) -> pd.DataFrame:
    """All indicators per business unit, before classification and suppression.

    ``detail=False`` leaves out what the classification does not use (structure
    counts, person-network measures with Louvain, organisational models), for
    the per-period trend.
    """
    units = participation.unit_participation(
        steps.department_stats, settings.min_group_size, settings.team_min_active
    )
    with_unit = steps.directed.assign(  # departments' sums: the same as the pairs'
        business_unit=lookup(steps.directed["actor_department"], steps.unit_of)
    )
    units = units.merge(
        network.unit_network_measures(steps.graph, with_unit), on="business_unit", how="left"
    )
    if detail:
        structure = pd.DataFrame(
            [
                {
                    "business_unit": unit,
                    **network.structure_counts(network.unit_subgraph(steps.graph, unit)),
                }
                for unit in sorted(steps.unit_of.unique())
            ]
        )
        units = units.merge(structure, on="business_unit", how="left")
        units = units.merge(
            people.unit_people_measures(steps.pairs, steps.unit_of, settings.louvain_seed),
            on="business_unit",
            how="left",
        )
    units = units.merge(
        response.response_summary(steps.responses, "business_unit"), on="business_unit", how="left"
    )
    units["inquiries"] = units["inquiries"].fillna(0).astype("int64")
    facing = response.customer_facing_reply_share(steps.responses, steps.department_stats)
    units["customer_facing_reply_share"] = units["business_unit"].map(facing)
    latest = survey.latest_wave(steps.survey_waves).rename(columns={"wave": "survey_wave"})
    units = units.merge(latest, on="business_unit", how="left")
    units["respondents"] = units["respondents"].fillna(0).astype("int64")
    units["survey_suppressed"] = units["survey_suppressed"].astype("boolean").fillna(False)
    units["survey_suppressed"] = units["survey_suppressed"].astype(bool)
    if not detail:
        return units
    models = org_model.unit_models(
        steps.graph, steps.department_stats, units, steps.responses, settings.model
    )
    return units.merge(models, on="business_unit", how="left")


def department_table(steps: _Steps, settings: Settings) -> pd.DataFrame:
    """Per department: participation, ties, broker measures, connectors, customer answers."""
    stats = steps.department_stats
    strength = network.strength(steps.graph)
    within = inter.within_department_ties(steps.directed)
    brokers = network.broker_measures(steps.graph)
    connectors = people.department_connectors(
        people.person_measures(steps.pairs), settings.connector_min_departments
    )
    answers = response.responder_summary(steps.responses).set_index("department")
    out = stats.drop(columns=["internal_active", "external_active"]).copy()
    name = out["department"]
    out["strength"] = name.map(strength).fillna(0.0)
    out["cross_department_interactions"] = out["strength"].astype("int64")
    out["within_ties"] = name.map(within).fillna(0).astype("int64")
    total = out["cross_department_interactions"] + out["within_ties"]
    out["cross_department_share"] = out["cross_department_interactions"] / total.where(total > 0)
    out["ei_index"] = [
        network.ei_index(e, i)
        for e, i in zip(out["cross_department_interactions"], out["within_ties"], strict=True)
    ]
    for column in ("betweenness", "constraint", "effective_size"):
        out[column] = name.map(brokers[column])
    out["connectors"] = name.map(connectors["connectors"]).fillna(0).astype("int64")
    out["connector_share"] = out["connectors"] / out["headcount"].where(out["headcount"] > 0)
    out["partners_median"] = name.map(connectors["partners_median"])
    out["answers_given"] = name.map(answers["answers_given"]).fillna(0).astype("int64")
    for column in ("answer_minutes_median", "answer_minutes_p90", "answers_within_1h_share"):
        out[column] = name.map(answers[column])
    out["answers_customers"] = out["answers_given"] > 0
    return out


def org_table(steps: _Steps, units: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One row: the organisation seen at business-unit level."""
    unit_graph = network.business_unit_graph(steps.edges, steps.unit_of)
    pairs = steps.pairs
    unit_a = lookup(pairs["department_a"], steps.unit_of)  # Series.map took 0.15 s each
    unit_b = lookup(pairs["department_b"], steps.unit_of)
    cross_unit = unit_a != unit_b
    communities = network.louvain_groups(steps.graph, settings.louvain_seed)
    departments = list(steps.graph.nodes)
    summary = response.response_summary(steps.responses.assign(all="all"), "all")
    stats = steps.department_stats
    row = {
        "business_units": unit_graph.number_of_nodes(),
        "departments": len(stats),
        "headcount": int(stats["headcount"].sum()),
        "active_share": float(stats["active_employees"].sum() / max(stats["headcount"].sum(), 1)),
        "unit_density": network.density(unit_graph),
        "unit_degree_centralisation": network.degree_centralisation(unit_graph),
        **{f"unit_{k}": v for k, v in network.structure_counts(unit_graph).items()},
        "ei_index_units": network.ei_index(
            float(pairs.loc[cross_unit, "weight"].sum()),
            float(pairs.loc[~cross_unit, "weight"].sum()),
        ),
        "cross_unit_tie_share": float(cross_unit.mean()) if len(pairs) else float("nan"),
        "modularity_units": network.partition_modularity(pairs, (unit_a, unit_b)),
        "louvain_department_communities": len(set(communities.values())),
        "louvain_unit_nmi": normalized_mutual_information(
            [steps.unit_of[d] for d in departments], [communities[d] for d in departments]
        ),
        "phases_classified": int(units["phase"].notna().sum()),
    }
    if len(summary):
        row.update(summary.drop(columns=["all"]).iloc[0].to_dict())
    return pd.DataFrame([row])


def _suppress_units(units: pd.DataFrame, min_group_size: int) -> pd.DataFrame:
    text = {"business_unit", "suppressed", "reason", "survey_wave", "phase_name", "between"}
    text |= {"risk", "say_do", "next_steps", "data_notes", "trend", "moved_back"}
    text |= {"hub_department", "hub_function", "survey_suppressed", "org_model"}
    text |= {"org_model_evidence"}
    out = units.copy()
    small = out["headcount"].fillna(0) < min_group_size
    for column in out.columns:
        if column in text:
            continue
        if pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].mask(small)
    for column in ("hub_department", "hub_function", "org_model", "org_model_evidence"):
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


def classify(
    steps: _Steps, settings: Settings, lang: str = "en", detail: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Indicators, evidence and classified units (with advice) from the shared steps."""
    indicators = unit_indicators(steps, settings, detail)
    indicators["suppressed"] = indicators["headcount"] < settings.min_group_size
    evidence = phases.phase_evidence(indicators, settings)
    classified = phases.classify_units(indicators, settings, evidence, lang)
    words = advice.unit_advice(classified, evidence, indicators, settings, lang)
    return indicators, evidence, classified.merge(words, on="business_unit", how="left")


def trend_table(
    dataset: Dataset,
    settings: Settings,
    shared: _Shared,
    by: str = "quarter",
    lang: str = "en",
) -> pd.DataFrame:
    """Each unit's phase per period (quarter or month) and how it changed.

    Every period is analysed on its own (its events, its inquiries, its survey
    wave: see :func:`~orgsocial.analysis.period.wave_for_period`). Periods with
    fewer than ``trend_min_period_share`` of the busiest period's events are
    left out (a tail of late replies is not a period).

    Returns
    -------
    pandas.DataFrame
        ``business_unit``, ``period``, ``phase``, ``phase_name``,
        ``confidence``, ``between``, ``phase_survey``, ``phase_behaviour``,
        ``survey_wave``, ``change`` (phase minus the previous period's; missing
        when either has no phase) and ``moved_back`` (change below 0).
    """
    columns = list(TREND_COLUMNS[:-2])
    frames = []
    periods = periods_from_month_counts(
        events.month_totals(shared.summary), by, settings.trend_min_period_share
    )
    for period in periods:
        steps = _steps(dataset, settings, period, shared, trend=True)
        indicators, _, classified = classify(steps, settings, lang, detail=False)
        classified = classified.merge(
            indicators[["business_unit", "survey_wave"]], on="business_unit", how="left"
        )
        frames.append(classified.assign(period=period.label)[columns])
    if not frames:
        return _empty_trend()
    out = pd.concat(frames, ignore_index=True).sort_values(["business_unit", "period"])
    out["change"] = out.groupby("business_unit")["phase"].diff().astype("Int64")
    out["moved_back"] = (out["change"] < 0).fillna(False).astype(bool)
    return out.reset_index(drop=True)


TREND_COLUMNS = (
    "business_unit",
    "period",
    "phase",
    "phase_name",
    "confidence",
    "between",
    "phase_survey",
    "phase_behaviour",
    "survey_wave",
    "change",
    "moved_back",
)


def _empty_trend() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series([], dtype="str") for column in TREND_COLUMNS})
    for column in ("phase", "phase_survey", "phase_behaviour", "change"):
        frame[column] = frame[column].astype("Int64")
    frame["confidence"] = frame["confidence"].astype("float64")
    frame["moved_back"] = frame["moved_back"].astype(bool)
    return frame


def _trend_summary(trend: pd.DataFrame) -> pd.DataFrame:
    """Per unit: the phases over the periods as text and whether it ever moved back."""
    if trend.empty:
        return pd.DataFrame(columns=["business_unit", "trend", "moved_back"])
    text = trend.assign(step=trend["period"] + ": " + trend["phase"].astype("string").fillna("-"))
    return (
        text.groupby("business_unit")
        .agg(trend=("step", " | ".join), moved_back=("moved_back", "any"))
        .reset_index()
    )


def analyse(
    dataset: Dataset,
    settings: Settings,
    period: Period | None = None,
    generated_at: pd.Timestamp | None = None,
    coparticipation: bool = False,
    lang: str = "en",
    trend_by: str | None = "quarter",
    summary: events.EventSummary | None = None,
) -> AnalysisResults:
    """Analyse a validated dataset.

    Parameters
    ----------
    dataset
        From :func:`orgsocial.dataset.load_dataset`.
    settings
        From :func:`orgsocial.config.load_settings`.
    period
        Only events in this period (and inquiries asked in it) count; the survey
        wave of the same name is used when there is one, else the latest.
    generated_at
        Time stamp recorded in ``meta`` (default: now, UTC).
    coparticipation
        Also count department pairs whose people share a thread (separate output).
    lang
        Language of phase names, risks, next steps and say-do findings (en, nl).
    trend_by
        ``quarter`` or ``month`` for the trend table; ``None`` skips it.
    summary
        The activity already reduced (:mod:`orgsocial.partitioned` does this for
        a folder of partitions); by default it is computed from ``dataset.activity``.

    Returns
    -------
    AnalysisResults
        Privacy-safe frames; see the class for what each holds.
    """
    minimum = settings.min_group_size
    if summary is None:
        if dataset.activity_parts:
            raise ParameterError(
                "the activity is partitioned: summarise it first "
                "(orgsocial.partitioned.summarise_parts)"
            )
        summary = events.summarise_events(dataset.activity, dataset.employees, period)
    if coparticipation and dataset.activity_parts:
        raise ParameterError(
            "--coparticipation needs the activity as one file; "
            "it is not available for a folder of partitions"
        )
    shared = _shared(dataset, settings, summary)
    # The trend and the department table read the shared steps and not each other's
    # results: they run in threads beside the classification (numpy, Arrow and pandas
    # release the interpreter's lock on large arrays; at 20M events the analysis took
    # about 2 s less). Each is a pure function of its inputs, so the results do not
    # depend on the timing.
    with ThreadPoolExecutor(max_workers=2) as beside:
        trend_job = (
            beside.submit(trend_table, dataset, settings, shared, trend_by, lang)
            if trend_by
            else None
        )
        steps = _steps(dataset, settings, period, shared)
        department_job = beside.submit(department_table, steps, settings)
        indicators, evidence, classified = classify(steps, settings, lang)
        trend = trend_job.result() if trend_job else _empty_trend()
        department_figures = department_job.result()
    classified = classified.merge(_trend_summary(trend), on="business_unit", how="left")
    units = _suppress_units(classified.merge(indicators, on="business_unit", how="left"), minimum)
    suppressed_units = frozenset(units.loc[units["suppressed"], "business_unit"])

    departments = privacy.suppress_rows(
        department_figures,
        steps.department_stats["headcount"],
        minimum,
        DEPARTMENT_FIGURES,
    )
    departments["answers_customers"] = departments["answers_customers"].mask(
        departments["suppressed"]
    )
    small = frozenset(
        steps.department_stats.loc[steps.department_stats["headcount"] < minimum, "department"]
    )
    safe_edges, hidden_weight = privacy.merge_small_in_edges(steps.edges, small)
    directed = steps.directed.rename(
        columns={
            "actor_department": "source",
            "counterpart_department": "target",
            "interactions": "weight",
        }
    )
    directed = privacy.merge_small_in_directed(
        directed.loc[directed["source"] != directed["target"]], small
    )
    small_units = frozenset(
        steps.department_stats.groupby("business_unit")["headcount"]
        .sum()
        .loc[lambda s: s < minimum]
        .index
    )
    unit_edges, _ = privacy.merge_small_in_edges(
        network.business_unit_edges(steps.edges, steps.unit_of), small_units
    )
    responses = steps.responses.loc[~steps.responses["business_unit"].isin(suppressed_units)]
    responses = responses.assign(
        responder_department=privacy.merge_small_departments(
            responses["responder_department"], small
        )
    )
    channels = pd.concat(
        [
            response.response_summary(
                responses.assign(business_unit="(all)"), ["business_unit", "channel"]
            ),
            response.response_summary(responses, ["business_unit", "channel"]),
        ],
        ignore_index=True,
    )
    shared_threads = (
        inter.coparticipation_edges(
            select_period(dataset.activity, period, "timestamp"), dataset.employees
        )
        if coparticipation
        else steps.edges.iloc[0:0]
    )
    coparticipation_edges = privacy.merge_small_in_edges(shared_threads, small)[0]
    evidence = _suppress_evidence(evidence, units, suppressed_units)
    meta = {
        "generated_at": (generated_at or pd.Timestamp.now(tz="UTC")).isoformat(),
        "contract_version": c.CONTRACT_VERSION,
        "period": period.label if period else "",
        "period_start": period.start.isoformat() if period else "",
        "period_end_exclusive": period.end.isoformat() if period else "",
        "min_group_size": minimum,
        "events": steps.events,
        "employee_events": steps.employee_events,
        "interactions": int(steps.interactions["interactions"].sum()),
        "cross_department_interactions": int(steps.edges["weight"].sum()),
        "department_pairs": len(steps.edges),
        "inquiries": len(steps.responses),
        "survey_responses": len(dataset.survey),
        "small_departments_merged": len(small),
        "small_business_units_merged": len(small_units),
        "interactions_between_small_departments_hidden": hidden_weight,
        "coparticipation": coparticipation,
        "rows_rejected": dataset.validation.rows_rejected,
    }
    return AnalysisResults(
        units=units,
        departments=departments,
        department_edges=safe_edges,
        department_edges_directed=directed,
        business_unit_edges=unit_edges,
        org=org_table(steps, units, settings),
        evidence=evidence,
        responses=responses,
        response_channels=channels,
        survey_waves=steps.survey_waves,
        survey_departments=steps.department_survey,
        coparticipation_edges=coparticipation_edges,
        trend=trend.loc[~trend["business_unit"].isin(suppressed_units)].reset_index(drop=True),
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
