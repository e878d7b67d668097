"""From a validated dataset to the results every output is drawn from.

:func:`analyse` chains the steps, each in its own module: the period's
intermediate results (:mod:`~orgsocial.analysis.steps`), the tables
(:mod:`~orgsocial.analysis.tables`), the verdicts and the trend
(:mod:`~orgsocial.analysis.verdicts`), the words (:mod:`~orgsocial.analysis.advice`),
and finally privacy (:mod:`~orgsocial.analysis.release`). The frames it returns
are what may leave the package: small groups are already suppressed or merged.
"""

from __future__ import annotations

import pandas as pd

from orgsocial.analysis import advice, privacy, release
from orgsocial.analysis import interactions as inter
from orgsocial.analysis.period import Period, parse_period, select_period, span_label
from orgsocial.analysis.results import AnalysisResults
from orgsocial.analysis.steps import shared_inputs
from orgsocial.analysis.tables import org_table
from orgsocial.analysis.verdicts import Verdicts, find_verdicts
from orgsocial.config import Settings
from orgsocial.errors import ParameterError
from orgsocial.importers.provenance import measure_total
from orgsocial.io import contract as c
from orgsocial.io.dataset import Dataset
from orgsocial.scale import events
from orgsocial.scale.fastops import lookup


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
    """Analyse a validated dataset: the privacy-safe frames of :class:`AnalysisResults`.

    Kept whole: a linear wiring of the steps in the order they run, each in its module.

    Parameters
    ----------
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
        The activity already reduced (:mod:`orgsocial.scale.partitioned` does this for
        a folder of partitions); by default it is computed from ``dataset.activity``.

    Raises
    ------
    ParameterError
        For a ``period`` that holds no events, or a ``summary`` made for another
        period (its sums would not hold this period's events).
    """
    if lang not in c.LANGUAGES:
        raise ParameterError(f"lang must be one of {', '.join(c.LANGUAGES)}, not {lang!r}")
    if isinstance(period, str | int):  # "2026-Q3" as on the command line, or a year
        period = parse_period(period) if period else None
    summary = _checked_summary(dataset, period, summary, coparticipation)
    minimum = settings.min_group_size
    summary, left_out, linked = _leave_out_small_units(dataset, summary, minimum)
    found = find_verdicts(
        dataset, settings, shared_inputs(dataset, settings, summary), period, lang, trend_by
    )
    plan = release.merge_plan(found.steps, minimum, linked)
    units, evidence, suppressed_units = _released_units(found, plan, settings, lang)
    shared_threads = (
        inter.coparticipation_edges(
            select_period(dataset.activity, period, "timestamp"), dataset.employees
        )
        if coparticipation
        else found.steps.edges.iloc[0:0]
    )
    safe = release.safe_tables(
        found.steps, found.department_figures, suppressed_units, minimum, shared_threads, plan
    )
    # the scores a withheld value entered would give it back
    units, trend = release.withhold_scores(units, evidence, found.trend)
    frames = dict(
        units=units,
        departments=safe.departments,
        department_edges=safe.department_edges,
        department_edges_directed=safe.department_edges_directed,
        business_unit_edges=safe.business_unit_edges,
        org=org_table(found.steps, units, settings, left_out),
        evidence=evidence,
        responses=safe.responses,
        response_channels=safe.response_channels,
        survey_waves=found.steps.survey_waves,
        survey_departments=release.suppress_survey_departments(
            found.steps.department_survey, plan.withheld_names, found.steps.unit_of, minimum
        ),
        coparticipation_edges=safe.coparticipation_edges,
        trend=trend.loc[~trend["business_unit"].isin(suppressed_units)].reset_index(drop=True),
        validation=dataset.validation.summary(),
        privacy=safe.merge_costs,
        imports=dataset.imports,
    )
    return AnalysisResults(
        **{name: release.stable_types(frame) for name, frame in frames.items()},
        meta=run_meta(
            dataset,
            found,
            safe,
            period,
            settings,
            generated_at,
            lang,
            trend_by,
            coparticipation,
            left_out,
        ),
    )


def _released_units(
    found: Verdicts, plan: release.MergePlan, settings: Settings, lang: str
) -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str]]:
    """units.csv and evidence.csv with privacy applied, the words written from them, and
    the units suppressed."""
    unreleased = found.classified.merge(
        found.chosen.indicators.drop(columns=["observes_external"]), on="business_unit", how="left"
    )
    minimum = settings.min_group_size
    units = release.suppress_units(unreleased, minimum, plan.with_small, plan.withheld_names)
    suppressed_units = frozenset(units.loc[units["suppressed"], "business_unit"])
    # the words read the evidence as it leaves the package: no figure of a small group
    evidence = release.suppress_evidence(found.chosen.evidence, units)
    # the words read the released figures: a sentence never quotes what units.csv withholds
    words = advice.unit_advice(found.classified, evidence, units, settings, lang, unreleased)
    order = [*found.classified.columns, *words.columns[1:]]
    units = units.merge(words, on="business_unit", how="left")
    return units[order + [c for c in units.columns if c not in order]], evidence, suppressed_units


def _leave_out_small_units(
    dataset: Dataset, summary: events.EventSummary, minimum: int
) -> tuple[events.EventSummary, set[str], frozenset[str]]:
    """The sums without the events and interactions of the people of the units too small
    to show even merged (:func:`~orgsocial.analysis.privacy.left_out_units`: counted in no
    figure but their own withheld row), those units, and the units whose people
    interacted with theirs (theirs included)."""
    left_out = privacy.left_out_units(dataset.departments, dataset.employees, minimum)
    if not left_out:
        return summary, left_out, frozenset()
    unit_of = dataset.departments.set_index("department")["business_unit"]
    unit_of_person = dataset.employees.set_index("employee_id")["department"].map(unit_of)
    sides = [
        lookup(summary.pairs[column], unit_of_person) for column in ("actor_id", "counterpart_id")
    ]
    with_them = sides[0].isin(left_out) | sides[1].isin(left_out)
    touched = set(sides[0].loc[with_them]) | set(sides[1].loc[with_them])
    linked = frozenset(u for u in touched if isinstance(u, str))
    names = dataset.departments.loc[
        dataset.departments["business_unit"].isin(left_out), "department"
    ]
    people = dataset.employees.loc[dataset.employees["department"].isin(names), "employee_id"]
    summary = events.without_people(summary, people.astype(str), names.astype(str))
    return summary, left_out, linked


def _checked_summary(
    dataset: Dataset,
    period: Period | None,
    summary: events.EventSummary | None,
    coparticipation: bool,
) -> events.EventSummary:
    """The activity's sums for ``period``, computed here for a single activity file."""
    if summary is None:
        if dataset.activity_parts:
            raise ParameterError(
                "the activity is partitioned: summarise it first "
                "(orgsocial.scale.partitioned.summarise_parts)"
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
    return summary


def _period_name(period: Period | None) -> str:
    return period.label if period is not None else "the whole window"


def run_meta(
    dataset: Dataset,
    found: Verdicts,
    safe: release.SafeTables,
    period: Period | None,
    settings: Settings,
    generated_at: pd.Timestamp | None,
    lang: str,
    trend_by: str | None,
    coparticipation: bool,
    left_out: set[str],
) -> dict:
    """``meta.json``: what was analysed, with which settings, and the run's counts (the
    ``left_out`` units' inquiries and survey responses not among them)."""
    steps, span = found.steps, found.span
    unit_of = steps.unit_of
    return {
        "generated_at": (generated_at or pd.Timestamp.now(tz="UTC")).isoformat(),
        "contract_version": c.CONTRACT_VERSION,
        "lang": lang,
        "period": period.label if period else "",
        "period_start": period.start.isoformat() if period else "",
        "period_end_exclusive": period.end.isoformat() if period else "",
        "window": found.window_label,
        "data_first_event": span[0].isoformat() if span else "",
        "data_last_event": span[1].isoformat() if span else "",
        "data_span": span_label(*span) if span else "",
        "headline_period": found.chosen.label,
        "headline_note": found.chosen.note,
        "trend_by": trend_by or "",
        "min_group_size": settings.min_group_size,
        "events": steps.events,
        "employee_events": steps.employee_events,
        "interactions": int(steps.interactions["interactions"].sum()),
        # as privacy.csv counts them: no pair a privacy rule leaves out of every count
        "cross_department_interactions": int(safe.merge_costs.iloc[0]["interactions"]),
        "department_pairs": int(safe.merge_costs.iloc[0]["department_pairs"]),
        "inquiries": int((~steps.responses["business_unit"].isin(left_out)).sum()),
        "survey_responses": int((~dataset.survey["department"].map(unit_of).isin(left_out)).sum()),
        "small_departments_merged": safe.small_departments,
        "small_business_units_merged": safe.small_units,
        **release.merge_meta(safe.merge_costs.iloc[0]),
        "coparticipation": coparticipation,
        "rows_rejected": dataset.validation.rows_rejected,
        "imports_with_different_secrets": list(dataset.mixed_secrets),
        "import_records_set_aside": measure_total(dataset.imports, "records_set_aside"),
    }


__all__ = ["AnalysisResults", "analyse", "run_meta"]
