"""From a validated dataset to the results every output is drawn from.

:func:`analyse` chains the pure steps: period selection, interactions,
participation, networks, customer response, survey, organisational model,
classification, and finally privacy. The frames it returns are what may leave
the package: small groups are already suppressed or merged.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from orgsocial import contract as c
from orgsocial.analysis import (
    advice,
    events,
    headline,
    network,
    org_model,
    participation,
    people,
    phases,
    privacy,
    response,
    survey,
    voice,
)
from orgsocial.analysis import interactions as inter
from orgsocial.analysis.partitions import normalized_mutual_information
from orgsocial.analysis.period import (
    Period,
    is_complete,
    latest_complete,
    parse_period,
    periods_from_month_counts,
    select_period,
    span_label,
    wave_for_period,
)
from orgsocial.analysis.results import AnalysisResults
from orgsocial.config import Settings
from orgsocial.dataset import Dataset
from orgsocial.errors import ParameterError
from orgsocial.fastops import lookup

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
    "takes_part",  # says that at least two of its people are active
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
    department_events: pd.DataFrame  # per department, channel, audience and action
    observes_external: bool  # the log holds any external activity at all


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
    observes_external: bool


def _shared(dataset: Dataset, settings: Settings, summary: events.EventSummary) -> _Shared:
    # the survey tables beside the responses (Arrow joins, which release the lock)
    with ThreadPoolExecutor(max_workers=1) as beside:
        surveys = beside.submit(survey_tables, dataset, settings)
        responses = events.responses(summary, dataset.employees)
        return _Shared(
            summary=summary,
            responses=responses,
            surveys=surveys.result(),
            observes_external=events.observed_external(summary),
        )


def _steps(
    dataset: Dataset,
    settings: Settings,
    period: Period | None,
    shared: _Shared,
    by_months: bool = False,
    with_people: bool = True,
) -> _Steps:
    """The shared intermediate results of one period.

    ``by_months`` reads the period from the month sums (a trend or headline
    quarter) rather than from the analysis period's own bucket; ``with_people=False``
    skips the person pairs (not needed to classify a trend period).
    """
    window = events.window_of(shared.summary, period, by_months)
    people_activity = participation.employee_activity_from_counts(
        events.person_counts(shared.summary, window),
        dataset.employees,
        settings.active_min_events,
    )
    department_stats = participation.department_participation(
        dataset.departments,
        people_activity,
        settings.department_active_min_share,
        settings.department_active_min_people,
    )
    # person pairs only where persons are measured (not for a trend period); department
    # sums from the directed department table (thousands of rows), summed from the
    # employees' codes, not from the person pairs (hundreds of thousands): the same sums
    interactions = (
        events.pair_counts(shared.summary, window, dataset.employees) if with_people else None
    )
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
        department_events=events.department_event_counts(shared.summary, window),
        observes_external=shared.observes_external,
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
    units = units.merge(
        voice.unit_control(steps.department_stats, steps.responses), on="business_unit", how="left"
    )
    units = units.merge(
        voice.unit_voice(steps.department_events, steps.department_stats, settings.social_channels),
        on="business_unit",
        how="left",
    )
    units["observes_external"] = steps.observes_external
    if not steps.observes_external:  # the source cannot see outside: unknown, not 0
        for column in ("external_active_share", "external_interaction_share"):
            units[column] = float("nan")
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


#: Text (and flag) columns of units.csv that small units keep: they say nothing about people.
_UNIT_TEXT = frozenset(
    {
        "business_unit",
        "suppressed",
        "reason",
        "survey_wave",
        "phase_name",
        "between",
        "risk",
        "say_do",
        "next_steps",
        "trend",
        "moved_back",
        "hub_department",
        "hub_function",
        "survey_suppressed",
        "org_model",
        "org_model_evidence",
        "basis",
        "at_least",
        "provisional",
        "provisional_reasons",
        "notes",
        "undecided",
        "verdict",
        "period",
        "period_note",
        "window",
        "phase_window_name",
        "lead_department",
        "lead_department_function",
        "other_channels",
        "observes_external",
        "previous_period",
        "at_least_window",
    }
)


@dataclass(frozen=True)
class _Subgroup:
    """Part of a unit whose figures units.csv shows: withheld, with its size, when the part
    is under the privacy minimum; a named part is then shown as :data:`SMALL_GROUPS`."""

    size: str
    figures: tuple[str, ...]
    name: str = ""
    function: str = ""
    texts: tuple[str, ...] = ()  # sentences that quote the part's figures


_SUBGROUPS = (
    _Subgroup(
        "hub_headcount",
        ("hub_active_share", "hub_share", "central_team_share"),
        "hub_department",
        "hub_function",
        ("org_model_evidence",),
    ),
    _Subgroup(
        "lead_department_headcount",
        (
            "control_share",
            "lead_department_active_employees",
            "lead_department_active_share",
            "lead_department_is_marcom",
        ),
        "lead_department",
        "lead_department_function",
    ),
    _Subgroup("customer_facing_headcount", ("customer_facing_active_share",)),
    _Subgroup("marcom_headcount", ("marcom_active_share", "marcom_share")),
)


def _suppress_units(units: pd.DataFrame, min_group_size: int) -> pd.DataFrame:
    out = units.copy()
    small = out["headcount"].fillna(0) < min_group_size
    for column in out.columns:
        if column in _UNIT_TEXT:
            continue
        if pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].mask(small)
    hidden = ("hub_department", "hub_function", "org_model", "org_model_evidence")
    for column in (*hidden, "lead_department", "lead_department_function", "other_channels"):
        out[column] = out[column].mask(small)
    out["suppressed"] = small
    for group in _SUBGROUPS:
        people = out[group.size].astype("float64")
        for column in group.figures:
            out[column] = privacy.suppress_where(
                out[column].astype("float64"), people, min_group_size
            )
        under = people < min_group_size
        if group.name:
            out[group.name] = out[group.name].mask(under, privacy.SMALL_GROUPS)
            out[group.function] = out[group.function].mask(under)
        for column in group.texts:
            if column in out.columns:
                out[column] = out[column].mask(under)
        # the size of a group under the minimum is itself a figure about it
        out[group.size] = people.mask((people > 0) & under)
    return out


def classify(
    steps: _Steps, settings: Settings, lang: str = "en", detail: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Indicators, evidence and classified units (without the words) from the shared steps."""
    indicators = unit_indicators(steps, settings, detail)
    indicators["suppressed"] = indicators["headcount"] < settings.min_group_size
    evidence = phases.phase_evidence(indicators, settings)
    classified = phases.classify_units(indicators, settings, evidence, lang)
    return indicators, phases.mark_use(evidence, classified), classified


def period_verdicts(
    dataset: Dataset,
    settings: Settings,
    shared: _Shared,
    periods: list[Period],
    lang: str = "en",
    detailed: Period | None = None,
) -> list[headline.PeriodVerdict]:
    """Every period classified on its own (its events, its inquiries, its survey wave:
    see :func:`~orgsocial.analysis.period.wave_for_period`); the ``detailed`` one (the
    headline period) with its people and every indicator, kept for the units table."""
    verdicts = []
    for period in periods:
        full = period == detailed
        steps = _steps(dataset, settings, period, shared, by_months=True, with_people=full)
        indicators, evidence, classified = classify(steps, settings, lang, detail=full)
        facts = indicators[["business_unit", "survey_wave", "employee_events", "suppressed"]]
        verdicts.append(
            headline.PeriodVerdict(
                period,
                classified.merge(facts, on="business_unit"),
                (indicators, evidence, classified) if full else None,
            )
        )
    return verdicts


def trend_periods(
    shared: _Shared, settings: Settings, by: str | None, until: Period | None
) -> list[Period]:
    """The quarters (or months) to classify: those holding at least
    ``trend_min_period_share`` of the busiest one's events, up to the end of ``until``."""
    if not by:
        return []
    found = periods_from_month_counts(
        events.month_totals(shared.summary), by, settings.trend_min_period_share
    )
    return [p for p in found if until is None or p.start < until.end]


@dataclass(frozen=True)
class _Headline:
    """Each unit's verdict in its headline period, with its indicators and evidence."""

    indicators: pd.DataFrame
    evidence: pd.DataFrame
    classified: pd.DataFrame  # with period, period_note (codes), headline facts
    label: str  # the organisation's headline period (or the window)
    note: str  # why not the latest period, or that it is partial ("" when neither)


def _period_note(
    period: Period, span: tuple[pd.Timestamp, pd.Timestamp] | None, tolerance: float
) -> str:
    """The ``period_note`` of a period the data cover only in part ("" when they cover it)."""
    if span is None or is_complete(period, *span, tolerance):
        return ""
    first, last = span
    covered = span_label(max(first, period.start), min(last, period.end - pd.Timedelta(1)))
    return f"{headline.NOTE_PARTIAL}:{period.label}:{covered}"


def _window_headline(
    steps: _Steps, settings: Settings, lang: str, label: str, note: str
) -> _Headline:
    """The window itself as the headline (an explicit period, or no trend)."""
    indicators, evidence, classified = classify(steps, settings, lang, detail=True)
    classified = classified.assign(period=label, period_note=note)
    return _Headline(indicators, evidence.assign(period=label), classified, label, note)


def _latest_headline(
    dataset: Dataset,
    settings: Settings,
    shared: _Shared,
    verdicts: list[headline.PeriodVerdict],
    chosen_period: Period,
    note: str,
    lang: str,
) -> _Headline:
    """Each unit in ``chosen_period`` (the latest complete period), or its fallback, with
    the detailed classification :func:`period_verdicts` kept for it."""
    choice = headline.choose_periods(verdicts, chosen_period, settings.min_events)
    by_label = {v.period.label: v for v in verdicts}
    parts = []
    for label, units in choice.groupby("period", sort=True):
        verdict = by_label[label]
        if verdict.detail is None:  # a fallback period: classified in detail now
            steps = _steps(dataset, settings, verdict.period, shared, by_months=True)
            detail = classify(steps, settings, lang, detail=True)
        else:
            detail = verdict.detail
        mine = set(units["business_unit"])
        indicators, evidence, classified = (
            frame.loc[frame["business_unit"].isin(mine)] for frame in detail
        )
        parts.append((indicators, evidence.assign(period=label), classified.assign(period=label)))
    indicators, evidence, classified = (
        pd.concat([part[i] for part in parts], ignore_index=True) for i in range(3)
    )
    facts = choice.set_index("business_unit")
    unit = classified["business_unit"]
    fell_back = unit.map(facts["fell_back"]).astype(bool)
    fallback = (
        headline.NOTE_FALLBACK
        + f":{chosen_period.label}:"
        + unit.map(facts["headline_events"]).astype("str")
    )
    classified["period_note"] = fallback.where(fell_back, note)
    order = lambda frame: frame.sort_values("business_unit", kind="stable")  # noqa: E731
    return _Headline(
        order(indicators).reset_index(drop=True),
        evidence.sort_values(["business_unit", "phase"], kind="stable").reset_index(drop=True),
        order(classified).reset_index(drop=True),
        chosen_period.label,
        note,
    )


def _with_window(classified: pd.DataFrame, window: pd.DataFrame | None, label: str) -> pd.DataFrame:
    """The headline verdicts with the whole window's verdict beside them (context; empty
    when there is none: the verdicts are the window's own)."""
    if window is None:
        window = classified[["business_unit"]].assign(
            phase=pd.Series(pd.NA, index=classified.index, dtype="Int64"),
            phase_name="",
            confidence=float("nan"),
            at_least=pd.NA,
        )
    context = window[["business_unit", "phase", "phase_name", "confidence", "at_least"]].rename(
        columns={
            "phase": "phase_window",
            "phase_name": "phase_window_name",
            "confidence": "confidence_window",
            "at_least": "at_least_window",
        }
    )
    return classified.merge(context.assign(window=label), on="business_unit", how="left")


def _no_events_in(period: Period, span: tuple[pd.Timestamp, pd.Timestamp] | None) -> ParameterError:
    where = f"the data run from {span_label(*span)}" if span else "the data hold no events"
    return ParameterError(f"--period {period.label}: no events in this period; {where}")


def analyse(
    dataset: Dataset,
    settings: Settings,
    period: Period | str | None = None,
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
        A :class:`~orgsocial.analysis.period.Period`, or its text (``"2026-Q3"``).
        Only events in this period (and inquiries asked in it) count; the survey
        wave of the same name is used when there is one, else the latest. The
        verdicts are this period's; the trend runs up to its end. Without a
        period, every table covers the whole window, and each unit's verdict is
        its verdict in the latest complete quarter (or month: ``trend_by``).
    generated_at
        Time stamp recorded in ``meta`` (default: now, UTC).
    coparticipation
        Also count department pairs whose people share a thread (separate output).
    lang
        Language of phase names, verdicts, risks, next steps and findings (en, nl).
    trend_by
        ``quarter`` or ``month`` for the trend table and the headline period;
        ``None`` skips the trend (the verdicts are then the whole window's).
    summary
        The activity already reduced (:mod:`orgsocial.partitioned` does this for
        a folder of partitions); by default it is computed from ``dataset.activity``.

    Returns
    -------
    AnalysisResults
        Privacy-safe frames; see the class for what each holds.

    Raises
    ------
    ParameterError
        For a ``period`` that holds no events, or a ``summary`` made for another
        period (its sums would not hold this period's events).
    """
    if lang not in c.LANGUAGES:
        raise ParameterError(f"lang must be one of {', '.join(c.LANGUAGES)}, not {lang!r}")
    if isinstance(period, str):  # "2026-Q3", as on the command line
        period = parse_period(period) if period else None
    minimum = settings.min_group_size
    if summary is None:
        if dataset.activity_parts:
            raise ParameterError(
                "the activity is partitioned: summarise it first "
                "(orgsocial.partitioned.summarise_parts)"
            )
        summary = events.summarise_events(dataset.activity, dataset.employees, period)
    if summary.period != period:
        raise ParameterError(
            f"the activity was summed for {_period_name(summary.period)}, not for "
            f"{_period_name(period)}: load it for this period "
            "(orgsocial.load(dataset, period=...) does both)"
        )
    if coparticipation and dataset.activity_parts:
        raise ParameterError(
            "--coparticipation needs the activity as one file; "
            "it is not available for a folder of partitions"
        )
    shared = _shared(dataset, settings, summary)
    periods = trend_periods(shared, settings, trend_by, period)
    span = events.time_span(shared.summary)
    window_label = period.label if period else (span_label(*span) if span else "")
    tolerance = settings.period_complete_tolerance
    # without --period the verdicts are each unit's in the latest complete period
    latest, skipped = (
        latest_complete(periods, *span, tolerance) if period is None and span else (None, None)
    )
    # The trend and the department table read the shared steps and not each other's
    # results: they run in threads beside the classification (numpy, Arrow and pandas
    # release the interpreter's lock on large arrays). Each is a pure function of its
    # inputs, so the results do not depend on the timing.
    with ThreadPoolExecutor(max_workers=2) as beside:
        trend_job = (
            beside.submit(period_verdicts, dataset, settings, shared, periods, lang, latest)
            if periods
            else None
        )
        steps = _steps(dataset, settings, period, shared)
        if period is not None and steps.events == 0:
            raise _no_events_in(period, span)
        department_job = beside.submit(department_table, steps, settings)
        if latest is None:  # the verdicts are the window's own (--period, or no trend)
            note = _period_note(period, span, tolerance) if period else ""
            chosen = _window_headline(steps, settings, lang, window_label, note)
            context = None
        else:
            _, _, context = classify(steps, settings, lang, detail=False)
        verdicts = trend_job.result() if trend_job else []
        department_figures = department_job.result()
    if latest is not None:
        note = _period_note(latest, span, tolerance) or (
            f"{headline.NOTE_INCOMPLETE}:{skipped.label}:{span[1].date()}" if skipped else ""
        )
        chosen = _latest_headline(dataset, settings, shared, verdicts, latest, note, lang)
    trend = headline.trend_table(verdicts)
    classified = _with_window(chosen.classified, context, window_label)
    classified = classified.merge(headline.trend_summary(trend), on="business_unit", how="left")
    classified = classified.merge(
        headline.previous_phases(trend, classified[["business_unit", "period"]]),
        on="business_unit",
        how="left",
    )
    indicators = chosen.indicators.drop(columns=["observes_external"])
    units = _suppress_units(classified.merge(indicators, on="business_unit", how="left"), minimum)
    suppressed_units = frozenset(units.loc[units["suppressed"], "business_unit"])
    # the words read the evidence as it leaves the package: no figure of a small group
    evidence = _suppress_evidence(chosen.evidence, units, suppressed_units)
    words = advice.unit_advice(classified, evidence, chosen.indicators, settings, lang)
    order = [*classified.columns, *words.columns[1:]]
    units = units.merge(words, on="business_unit", how="left")
    units = units[order + [c for c in units.columns if c not in order]]

    departments = privacy.suppress_rows(
        department_figures,
        steps.department_stats["headcount"],
        minimum,
        DEPARTMENT_FIGURES,
    )
    departments["answers_customers"] = departments["answers_customers"].mask(
        departments["suppressed"]
    )
    groups = privacy.small_department_groups(steps.department_stats, minimum)
    costs = privacy.merge_costs(steps.department_stats, steps.edges, groups, minimum)
    safe_edges, _ = privacy.merge_small_in_edges(steps.edges, groups)
    directed = steps.directed.rename(
        columns={
            "actor_department": "source",
            "counterpart_department": "target",
            "interactions": "weight",
        }
    )
    directed = privacy.merge_small_in_directed(
        directed.loc[directed["source"] != directed["target"]], groups
    )
    unit_groups = privacy.small_unit_groups(
        steps.department_stats.groupby("business_unit")["headcount"].sum(), minimum
    )
    unit_edges, _ = privacy.merge_small_in_edges(
        network.business_unit_edges(steps.edges, steps.unit_of), unit_groups
    )
    responses = steps.responses.loc[~steps.responses["business_unit"].isin(suppressed_units)]
    responses = responses.assign(
        responder_department=privacy.shown_as(
            responses["responder_department"], groups.replace(privacy.HIDDEN, privacy.SMALL_GROUPS)
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
    coparticipation_edges = privacy.merge_small_in_edges(shared_threads, groups)[0]
    meta = {
        "generated_at": (generated_at or pd.Timestamp.now(tz="UTC")).isoformat(),
        "contract_version": c.CONTRACT_VERSION,
        "lang": lang,
        "period": period.label if period else "",
        "period_start": period.start.isoformat() if period else "",
        "period_end_exclusive": period.end.isoformat() if period else "",
        "window": window_label,
        "data_first_event": span[0].isoformat() if span else "",
        "data_last_event": span[1].isoformat() if span else "",
        "data_span": span_label(*span) if span else "",
        "headline_period": chosen.label,
        "headline_note": chosen.note,
        "trend_by": trend_by or "",
        "min_group_size": minimum,
        "events": steps.events,
        "employee_events": steps.employee_events,
        "interactions": int(steps.interactions["interactions"].sum()),
        "cross_department_interactions": int(steps.edges["weight"].sum()),
        "department_pairs": len(steps.edges),
        "inquiries": len(steps.responses),
        "survey_responses": len(dataset.survey),
        "small_departments_merged": len(groups),
        "small_business_units_merged": len(unit_groups),
        **_merge_meta(costs.iloc[0]),
        "coparticipation": coparticipation,
        "rows_rejected": dataset.validation.rows_rejected,
        "imports_with_different_secrets": list(dataset.mixed_secrets),
        "import_records_set_aside": int(
            dataset.imports.loc[dataset.imports["measure"] == "records_set_aside", "count"].sum()
        ),
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
        privacy=costs,
        imports=dataset.imports,
        meta=meta,
    )


def _period_name(period: Period | None) -> str:
    return period.label if period is not None else "the whole window"


def _merge_meta(everyone: pd.Series) -> dict[str, int | None]:
    """The organisation's merge costs for meta.json (``None`` where withheld)."""
    figures = {
        "department_pairs_merged": "pairs_merged",
        "interactions_merged": "interactions_merged",
        "interactions_between_small_departments_hidden": "interactions_hidden",
    }
    return {key: None if pd.isna(everyone[c]) else int(everyone[c]) for key, c in figures.items()}


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
    withheld = out["value"].isna() & out["fulfilment"].notna()
    # how far a withheld value meets its threshold would give the value back
    out.loc[withheld, "fulfilment"] = float("nan")
    out.loc[withheld, "met"] = pd.NA
    out["value_suppressed"] = withheld
    return out.reset_index(drop=True)


__all__ = ["AnalysisResults", "analyse", "unit_indicators"]
