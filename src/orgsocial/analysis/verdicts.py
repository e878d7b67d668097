"""Each business unit's verdict: per trend period, and in its headline period
(:mod:`orgsocial.analysis.headline`); with ``--period``, or without a trend, the verdict
is the window's own.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd

from orgsocial.analysis import headline, phases
from orgsocial.analysis.period import (
    Period,
    is_complete,
    latest_complete,
    periods_from_month_counts,
    span_label,
)
from orgsocial.analysis.steps import Shared, Steps, period_steps
from orgsocial.analysis.tables import department_table, unit_indicators
from orgsocial.config import Settings
from orgsocial.errors import ParameterError
from orgsocial.importers.provenance import measure_total
from orgsocial.io.dataset import Dataset
from orgsocial.scale import events


def classify(
    steps: Steps, settings: Settings, lang: str, detail: bool
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
    shared: Shared,
    periods: list[Period],
    lang: str,
    detailed: Period | None,
) -> list[headline.PeriodVerdict]:
    """Every period classified on its own (its events, its inquiries, its survey wave:
    see :func:`~orgsocial.analysis.period.wave_for_period`); the ``detailed`` one (the
    headline period) with its people and every indicator, kept for the units table."""
    verdicts = []
    for period in periods:
        full = period == detailed
        steps = period_steps(dataset, settings, period, shared, by_months=True, with_people=full)
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
    shared: Shared, settings: Settings, by: str | None, until: Period | None
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
class Headline:
    """Each unit's verdict in its headline period, with its indicators and evidence."""

    indicators: pd.DataFrame
    evidence: pd.DataFrame
    classified: pd.DataFrame  # with period, period_note (codes), headline facts
    label: str  # the organisation's headline period (or the window)
    note: str  # why not the latest period, or that it is partial ("" when neither)


def period_note(
    period: Period | None,
    span: tuple[pd.Timestamp, pd.Timestamp] | None,
    tolerance: float,
    undated: bool,
) -> str:
    """The ``period_note`` of a period the data cover only in part ("" when they cover it,
    or without a period); ``undated:<time>`` when every event has the one time an import
    gave it (``undated``: the data carry no dates, as :func:`find_verdicts` decides)."""
    if span is None:
        return ""
    first, last = span
    if undated:
        return f"{headline.NOTE_UNDATED}:{first.date()}"
    if period is None or is_complete(period, *span, tolerance):
        return ""
    covered = span_label(max(first, period.start), min(last, period.end - pd.Timedelta(1)))
    return f"{headline.NOTE_PARTIAL}:{period.label}:{covered}"


def latest_headline(
    dataset: Dataset,
    settings: Settings,
    shared: Shared,
    verdicts: list[headline.PeriodVerdict],
    chosen_period: Period,
    note: str,
    lang: str,
) -> Headline:
    """Each unit in ``chosen_period`` (the latest complete period), or its fallback, with
    the detailed classification :func:`period_verdicts` kept for it."""
    choice = headline.choose_periods(verdicts, chosen_period, settings.min_events)
    by_label = {v.period.label: v for v in verdicts}
    parts = []
    for label, units in choice.groupby("period", sort=True):
        detail = by_label[label].detail
        if detail is None:  # a fallback period: classified in detail now
            steps = period_steps(dataset, settings, by_label[label].period, shared, by_months=True)
            detail = classify(steps, settings, lang, detail=True)
        indicators, evidence, classified = (
            frame.loc[frame["business_unit"].isin(units["business_unit"])] for frame in detail
        )
        parts.append((indicators, evidence.assign(period=label), classified.assign(period=label)))
    indicators, evidence, classified = (
        pd.concat([part[i] for part in parts], ignore_index=True) for i in range(3)
    )
    facts = choice.set_index("business_unit")
    unit = classified["business_unit"]
    fell_back = unit.map(facts["fell_back"]).astype(bool)
    events_then = unit.map(facts["headline_events"]).astype("str")
    fallback = f"{headline.NOTE_FALLBACK}:{chosen_period.label}:" + events_then
    classified["period_note"] = fallback.where(fell_back, note)
    order = lambda frame: frame.sort_values("business_unit", kind="stable")  # noqa: E731
    return Headline(
        order(indicators).reset_index(drop=True),
        evidence.sort_values(["business_unit", "phase"], kind="stable").reset_index(drop=True),
        order(classified).reset_index(drop=True),
        chosen_period.label,
        note,
    )


def with_window(classified: pd.DataFrame, window: pd.DataFrame | None, label: str) -> pd.DataFrame:
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


@dataclass(frozen=True)
class Verdicts:
    """What :func:`find_verdicts` found: the headline and the trend, with the steps of
    the analysis period (or whole window) and its department table."""

    chosen: Headline
    classified: pd.DataFrame  # the headline verdicts with the window, trend and previous phase
    trend: pd.DataFrame
    steps: Steps
    department_figures: pd.DataFrame
    span: tuple[pd.Timestamp, pd.Timestamp] | None  # of the events and the department ties
    window_label: str


def find_verdicts(
    dataset: Dataset,
    settings: Settings,
    shared: Shared,
    period: Period | None,
    lang: str,
    trend_by: str | None,
) -> Verdicts:
    """Classify every trend period and choose each unit's headline verdict.

    The trend and the department table run in threads beside the classification
    (docs/performance.md); each is a pure function of the shared steps, so the results
    do not depend on the timing.

    Raises
    ------
    ParameterError
        When ``period`` holds no events, or the data carry no dates.
    """
    periods = trend_periods(shared, settings, trend_by, period)
    span = events.time_span(shared.summary)
    data_span = _with_ties(span, dataset.department_ties)  # what the tables cover
    window_label = period.label if period else (span_label(*data_span) if data_span else "")
    tolerance = settings.period_complete_tolerance
    at_default_time = measure_total(dataset.imports, "events_at_default_time")
    undated = bool(at_default_time and span and span[0] == span[1])
    if period is not None and undated:
        raise ParameterError(
            f"--period {period.label}: the data carry no dates (every event has the one time "
            "the import gave it), so no period can be chosen; leave --period out"
        )
    # without --period the verdicts are each unit's in the latest complete period
    latest, skipped = (
        latest_complete(periods, *span, tolerance) if period is None and span else (None, None)
    )
    with ThreadPoolExecutor(max_workers=2) as beside:
        trend_job = beside.submit(period_verdicts, dataset, settings, shared, periods, lang, latest)
        steps = period_steps(dataset, settings, period, shared)
        if period is not None and steps.events == 0:
            where = f"the data run from {span_label(*span)}" if span else "the data hold no events"
            raise ParameterError(f"--period {period.label}: no events in this period; {where}")
        department_job = beside.submit(department_table, steps, settings)
        context = None
        if latest is None:  # the verdicts are the window's own (--period, or no trend)
            note = period_note(period, span, tolerance, undated)
            # without activity no verdict has a period, though the tables have the ties'
            label = window_label if span else ""
            indicators, evidence, classified = classify(steps, settings, lang, detail=True)
            classified = classified.assign(period=label, period_note=note)
            chosen = Headline(indicators, evidence.assign(period=label), classified, label, note)
        else:
            _, _, context = classify(steps, settings, lang, detail=False)
        found = trend_job.result()
        department_figures = department_job.result()
    if latest is not None:
        note = period_note(latest, span, tolerance, undated) or (
            f"{headline.NOTE_INCOMPLETE}:{skipped.label}:{span[1].date()}" if skipped else ""
        )
        chosen = latest_headline(dataset, settings, shared, found, latest, note, lang)
    trend = headline.trend_table(found)
    classified = with_window(chosen.classified, context, window_label)
    summary = headline.trend_summary(trend)
    if undated:  # one undated "period": no change to show
        summary["trend"] = summary["trend"].mask(summary["trend"].notna())
    classified = classified.merge(summary, on="business_unit", how="left")
    previous = headline.previous_phases(trend, classified[["business_unit", "period"]])
    classified = classified.merge(previous, on="business_unit", how="left")
    return Verdicts(chosen, classified, trend, steps, department_figures, data_span, window_label)


def _with_ties(
    span: tuple[pd.Timestamp, pd.Timestamp] | None, ties: pd.DataFrame
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days the events and the dated department ties run over (a Viva group query has
    ties and no events)."""
    times = ties["timestamp"].dropna()
    if times.empty:
        return span
    first, last = times.min(), times.max()
    return (min(span[0], first), max(span[1], last)) if span else (first, last)
