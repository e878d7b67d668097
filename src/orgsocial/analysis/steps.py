"""The intermediate results of one period that every output table reads
(:func:`period_steps`), cut out of what every period reads (:func:`shared_inputs`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from orgsocial.analysis import interactions as inter
from orgsocial.analysis import network, participation, people, survey
from orgsocial.analysis.period import Period, select_period, wave_for_period
from orgsocial.config import Settings
from orgsocial.io import contract as c
from orgsocial.io.dataset import Dataset
from orgsocial.scale import events


@dataclass(frozen=True)
class Steps:
    """Intermediate results of one period shared by the output tables (not returned)."""

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
    observes_people: bool  # the log holds any activity of individual people at all


def survey_tables(dataset: Dataset, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Survey scores of every wave, per business unit and per department (period-free)."""
    headcount = dataset.employees.groupby("department").size()
    unit_headcount = headcount.groupby(
        headcount.index.map(dataset.departments.set_index("department")["business_unit"])
    ).sum()
    minimum, scales = settings.min_group_size, settings.scales
    units = survey.survey_scores(
        dataset.survey, dataset.departments, unit_headcount, survey.BUSINESS_UNIT, minimum, scales
    )
    departments = survey.survey_scores(
        dataset.survey, dataset.departments, headcount, survey.DEPARTMENT, minimum, scales
    )
    return units, departments


@dataclass(frozen=True)
class Shared:
    """What every period's analysis reads: the event sums, every inquiry and its first
    answer, the survey scores of every wave."""

    summary: events.EventSummary
    responses: pd.DataFrame
    surveys: tuple[pd.DataFrame, pd.DataFrame]
    observes_external: bool
    observes_people: bool


def shared_inputs(dataset: Dataset, settings: Settings, summary: events.EventSummary) -> Shared:
    # the survey tables beside the responses (Arrow joins, which release the lock)
    with ThreadPoolExecutor(max_workers=1) as beside:
        surveys = beside.submit(survey_tables, dataset, settings)
        responses = events.responses(summary, dataset.employees)
        return Shared(
            summary=summary,
            responses=responses,
            surveys=surveys.result(),
            observes_external=events.observed_external(summary),
            observes_people=bool(summary.month_events["events"].sum()),
        )


def period_steps(
    dataset: Dataset,
    settings: Settings,
    period: Period | None,
    shared: Shared,
    by_months: bool = False,
    with_people: bool = True,
) -> Steps:
    """The shared intermediate results of one period.

    ``by_months`` reads the period from the month sums (a trend or headline
    quarter) rather than from the analysis period's own bucket; ``with_people=False``
    skips the person pairs (not needed to classify a trend period).
    """
    window = events.window_of(shared.summary, period, by_months)
    people_activity = participation.employee_activity_from_counts(
        events.person_counts(shared.summary, window), dataset.employees, settings.active_min_events
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
    edges, graph = _department_network(dataset, period, directed)
    wave = wave_for_period(list(dataset.survey["wave"].dropna().unique()), period)
    waves, department_waves = shared.surveys
    event_total, employee_events = events.event_counts(shared.summary, window)
    return Steps(
        events=event_total,
        employee_events=employee_events,
        department_stats=department_stats,
        interactions=interactions,
        directed=directed,
        edges=edges,
        graph=graph,
        pairs=None if interactions is None else people.person_pairs(interactions),
        responses=select_period(shared.responses, period, "inquiry_time"),
        survey_waves=waves.loc[waves["wave"] == wave],
        department_survey=department_waves.loc[department_waves["wave"] == wave],
        unit_of=dataset.departments.set_index("department")["business_unit"],
        department_events=events.department_event_counts(shared.summary, window),
        observes_external=shared.observes_external,
        observes_people=shared.observes_people,
    )


def _department_network(
    dataset: Dataset, period: Period | None, directed: pd.DataFrame
) -> tuple[pd.DataFrame, nx.Graph]:
    """The period's department edges, with the group-level ties where no person-level data
    exist, and the department graph."""
    ties = dataset.department_ties
    if not ties.empty and period is not None:  # ties without a date count in every period
        ties = ties.loc[ties["timestamp"].isna() | period.contains(ties["timestamp"])]
    if not ties.empty:  # group-level ties only where no person-level data exists
        measured = set(directed["actor_department"]) | set(directed["counterpart_department"])
        ties = ties.loc[~ties["source"].isin(measured) & ~ties["target"].isin(measured)]
    edges = inter.with_ties(inter.department_edges(directed), ties)
    # sorted, so that results never depend on the order of rows in the input files
    nodes = dataset.departments[list(c.DEPARTMENT_COLUMNS)].sort_values("department")
    within = inter.within_department_ties(directed)
    nodes = nodes.assign(within_ties=nodes["department"].map(within).fillna(0).astype("int64"))
    return edges, network.department_graph(nodes, edges)
