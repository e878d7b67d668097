"""Privacy applied to the tables that leave the package.

A unit under the minimum group size keeps only its words (:data:`UNIT_TEXT`);
parts of a unit under the minimum (its hub, its lead department, its
customer-facing or marketing people) have their figures withheld; evidence
follows the units table; small departments are withheld in the department
table and merged into one group in every edge table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from orgsocial.analysis import network, phases, privacy, response
from orgsocial.analysis.steps import Steps
from orgsocial.io import contract as c

#: Text (and flag) columns of units.csv that small units keep: they say nothing about people.
UNIT_TEXT = frozenset(
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
        "previous_period",
        "at_least_window",
    }
)


#: Yes/no columns of the outputs: read as yes/no even when every value is withheld.
YES_NO_COLUMNS = frozenset(
    {
        "answered",
        "answers_customers",
        "at_least",
        "at_least_window",
        "customer_facing",
        "links_with_hidden_groups",
        "met",
        "most_departments_merged",
        "moved_back",
        "provisional",
        "suppressed",
        "survey_suppressed",
        "value_suppressed",
    }
)


def stable_types(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with one type per column whatever a run withholds, so that a program
    reading the Parquet files of two runs finds the same schema: a column of Python
    objects (values mixed with withheld ones) is typed by its values, or with every value
    withheld by its name (:data:`YES_NO_COLUMNS`, :data:`UNIT_TEXT`, else a number).

    Examples
    --------
    >>> withheld = pd.DataFrame({"moved_back": [None, None], "trend": [None, None],
    ...                          "modularity_departments": [None, None]}, dtype=object)
    >>> stable_types(withheld).dtypes.astype(str).tolist()
    ['boolean', 'str', 'float64']
    """
    objects = [column for column in frame.columns if frame[column].dtype == object]
    if not objects:
        return frame
    out = frame.copy()
    for column in objects:
        kinds = {type(value) for value in frame[column].dropna()}
        if column in YES_NO_COLUMNS or (kinds and kinds <= {bool, np.bool_}):
            out[column] = frame[column].astype("boolean")
        elif kinds <= {str} and (kinds or column in UNIT_TEXT):
            out[column] = frame[column].astype("str")
        elif not kinds or all(issubclass(kind, int | float | np.number) for kind in kinds):
            out[column] = frame[column].astype("float64")
    return out


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


#: Figures that count a unit's departments one by one, withheld where its small departments
#: are fewer people than the minimum together (why: docs/outputs.md, "Empty cells"; two
#: departments, one of 2 people: a density of 1 says that those two talk to the other).
PER_DEPARTMENT_FIGURES = (
    "department_density",
    "degree_centralisation",
    "departments_connected_share",
    "components",
    "bridges",
    "local_bridges",
    "departments_active_share",
    "departments_taking_part",
    "top_department_active_share",
    # the department partition of its people's interactions (two departments: their ties)
    "cross_department_share",
    "ei_index_people",
    "cross_department_tie_share",
    "modularity_departments",
    "louvain_department_nmi",
)


def suppress_units(
    units: pd.DataFrame,
    min_group_size: int,
    with_small: frozenset[str] = frozenset(),
    withheld: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Withhold what units.csv may not show: every figure of a unit ``suppressed`` (under
    the minimum: :func:`~orgsocial.analysis.verdicts.classify` decides it), the figures of
    a part under the minimum (:data:`_SUBGROUPS`), and the figures counting
    departments (:data:`PER_DEPARTMENT_FIGURES`) of a unit in ``with_small``
    (:func:`~orgsocial.analysis.privacy.units_with_small_departments`). A named part
    (busiest or leading department) that is one of the ``withheld`` departments has its
    figures withheld as well: they are that department's, which departments.csv withholds."""
    out = units.copy()
    hidden = out["business_unit"].isin(with_small)
    # the organisational model is read from those figures, and its evidence quotes them
    for column in (*PER_DEPARTMENT_FIGURES, "org_model", "org_model_evidence"):
        if column in out.columns:
            out[column] = out[column].mask(hidden)
    small = out["suppressed"]
    for column in out.columns.difference(UNIT_TEXT, sort=False):
        if pd.api.types.is_numeric_dtype(out[column]):  # yes/no columns too
            out[column] = out[column].mask(small)
    hidden = ("hub_department", "hub_function", "org_model", "org_model_evidence")
    for column in (*hidden, "lead_department", "lead_department_function", "other_channels"):
        out[column] = out[column].mask(small)
    headcount = out["headcount"].astype("float64")
    for group in _SUBGROUPS:
        people = out[group.size].astype("float64")
        under = people < min_group_size
        # the rest of the unit, when it is fewer people: the unit's figures less the part's
        # would give the rest's back (a hub of 14 in a unit of 16: its events and active
        # people leave those of the other 2)
        rest = headcount - people
        rest_small = (rest > 0) & (rest < min_group_size)
        if group.name:
            rest_small |= out[group.name].isin(withheld)
        for column in group.figures:
            out[column] = out[column].astype("float64").mask(under | rest_small)
        if group.name:
            out[group.name] = out[group.name].mask(under, privacy.SMALL_GROUPS)
            out[group.function] = out[group.function].mask(under)
        for column in group.texts:
            out[column] = out[column].mask(under | rest_small)
        # the size of a group under the minimum is itself a figure about it, and about the
        # rest where that is under it
        out[group.size] = people.mask((people > 0) & (under | rest_small))
    return out


def suppress_evidence(evidence: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Evidence values follow the units table: a value withheld there is withheld here, and
    a unit suppressed there has no evidence."""
    if evidence.empty:
        return evidence
    suppressed = units.loc[units["suppressed"], "business_unit"]
    out = evidence.loc[~evidence["business_unit"].isin(suppressed)].copy()
    shown = units.set_index("business_unit")
    for indicator in out["indicator"].unique():
        if indicator in shown.columns:
            withheld_there = out["business_unit"].map(shown[indicator]).isna()
            out.loc[withheld_there & (out["indicator"] == indicator), "value"] = float("nan")
    withheld = out["value"].isna() & out["fulfilment"].notna()
    # how far a withheld value meets its threshold would give the value back
    out.loc[withheld, "fulfilment"] = float("nan")
    out.loc[withheld, "met"] = pd.NA
    out["value_suppressed"] = withheld
    return out.reset_index(drop=True)


#: The figures read from all of a unit's criteria at once: one withheld value could be
#: solved for from any of them (docs/outputs.md, "Empty cells").
SCORE_FIGURES = (
    "confidence",
    "confidence_window",
    *(f"score_phase_{phase}" for phase in (1, 2, 3, 4)),
    *(f"at_least_phase_{level}" for level in (2, 3, 4)),
)


def withhold_scores(
    units: pd.DataFrame, evidence: pd.DataFrame, trend: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Withhold the scores that a withheld evidence value entered (:data:`SCORE_FIGURES`,
    and ``reach_phase_k`` where the value is one of phase k's criteria), in units.csv and
    the unit's confidence in every period of the trend (the same departments are withheld
    in each); add ``confidence_band`` to both tables."""
    out, trend = (
        frame.assign(
            confidence_band=frame["confidence"].astype(float).map(c.confidence_band_of).astype(str)
        )
        for frame in (units, trend)
    )
    if evidence.empty:
        return out, trend
    used = evidence.loc[
        evidence["value_suppressed"] & (evidence["used_for"] == phases.USED_VERDICT),
        ["business_unit", "phase"],
    ]
    affected = out["business_unit"].isin(used["business_unit"])
    for column in SCORE_FIGURES:
        out[column] = out[column].mask(affected)
    for level in phases.LEVELS:
        tested = used.loc[used["phase"] == level, "business_unit"]
        column = f"reach_phase_{level}"
        out[column] = out[column].mask(out["business_unit"].isin(tested))
    same = trend["business_unit"].isin(out.loc[affected, "business_unit"])
    return out, trend.assign(confidence=trend["confidence"].mask(same))


@dataclass(frozen=True)
class SafeTables:
    """The department-level outputs with privacy applied, and what merging cost."""

    departments: pd.DataFrame
    department_edges: pd.DataFrame
    department_edges_directed: pd.DataFrame
    business_unit_edges: pd.DataFrame
    responses: pd.DataFrame
    response_channels: pd.DataFrame
    coparticipation_edges: pd.DataFrame
    merge_costs: pd.DataFrame  # privacy.csv
    small_departments: int  # departments merged into one group
    small_units: int  # business units merged into one group


@dataclass(frozen=True)
class MergePlan:
    """Which departments no table shows on their own (by row of the department stats, and
    by name), the units whose small departments are too few together, the node each
    withheld department is shown as, and what merging them costs the network."""

    withheld: pd.Series
    withheld_names: frozenset[str]
    with_small: frozenset[str]
    groups: pd.Series
    costs: pd.DataFrame


def merge_plan(steps: Steps, minimum: int, linked_to_left_out: frozenset[str]) -> MergePlan:
    """:func:`~orgsocial.analysis.privacy.withheld_departments` (those under the minimum
    and their complement), their groups and the merge costs (``linked_to_left_out``: see
    :func:`~orgsocial.analysis.privacy.merge_costs`)."""
    stats = steps.department_stats
    withheld = privacy.withheld_departments(stats, minimum)
    with_small = privacy.units_with_small_departments(stats, minimum)
    groups = privacy.small_department_groups(stats, minimum, withheld)
    return MergePlan(
        withheld,
        frozenset(stats.loc[withheld.to_numpy(dtype=bool), "department"]),
        with_small,
        groups,
        privacy.merge_costs(stats, steps.edges, groups, minimum, with_small, linked_to_left_out),
    )


def suppress_survey_departments(
    survey: pd.DataFrame, withheld: frozenset[str], unit_of: pd.Series, minimum: int
) -> pd.DataFrame:
    """The survey per department with the figures of ``withheld`` departments withheld, as
    for fewer respondents than the minimum (their respondents are counted, as there), and,
    in a unit and wave whose withheld departments are fewer respondents than the minimum
    together, those of its shown department with the fewest (the unit's survey less the
    shown departments' would give theirs back)."""
    out = survey.copy()
    hidden = out["survey_suppressed"].astype(bool) | out["department"].isin(withheld)
    rows = privacy.with_complement(
        out.assign(business_unit=out["department"].map(unit_of)),
        "respondents",
        ["business_unit", "wave"],
        hidden,
        minimum,
    )
    for column in out.columns:
        if column != "respondents" and pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].mask(rows)
    out["survey_suppressed"] = rows
    return out


def safe_tables(
    steps: Steps,
    department_figures: pd.DataFrame,
    suppressed_units: frozenset[str],
    minimum: int,
    shared_threads: pd.DataFrame,
    plan: MergePlan,
) -> SafeTables:
    """Departments under ``minimum`` (and their complement) withheld, merged in every edge
    table (``plan``: :func:`merge_plan`), the inquiries of suppressed units left out."""
    stats = steps.department_stats
    groups = plan.groups
    # every column but the contract's own is a figure about the department's people
    # (takes_part says that at least two of them are active)
    not_figures = [*c.DEPARTMENT_COLUMNS, "answers_customers"]
    figures = list(department_figures.columns.difference(not_figures, sort=False))
    departments = privacy.suppress_rows(
        department_figures, stats["headcount"], minimum, figures, plan.withheld
    )
    # a nullable yes/no in every run, whether or not a department is withheld
    departments["answers_customers"] = (
        departments["answers_customers"].astype("boolean").mask(departments["suppressed"])
    )
    directed = steps.directed.rename(
        columns={
            "actor_department": "source",
            "counterpart_department": "target",
            "interactions": "weight",
        }
    )
    unit_groups = privacy.small_unit_groups(
        stats.groupby("business_unit")["headcount"].sum(), minimum
    )
    kept = steps.responses.loc[~steps.responses["business_unit"].isin(suppressed_units)]
    responses = kept.assign(
        responder_department=privacy.shown_as(
            kept["responder_department"], groups.replace(privacy.HIDDEN, privacy.SMALL_GROUPS)
        )
    )
    by_channel = ["business_unit", "channel"]  # response times for the organisation, per unit
    return SafeTables(
        departments=departments,
        department_edges=privacy.merge_small_in_edges(steps.edges, groups)[0],
        department_edges_directed=privacy.merge_small_in_directed(
            directed.loc[directed["source"] != directed["target"]], groups
        ),
        business_unit_edges=privacy.merge_small_in_edges(
            network.business_unit_edges(steps.edges, steps.unit_of), unit_groups
        )[0],
        responses=responses,
        response_channels=pd.concat(
            [
                response.response_summary(responses.assign(business_unit="(all)"), by_channel),
                response.response_summary(responses, by_channel),
            ],
            ignore_index=True,
        ),
        coparticipation_edges=privacy.merge_small_in_edges(shared_threads, groups)[0],
        merge_costs=plan.costs,
        small_departments=len(groups),
        small_units=len(unit_groups),
    )


def merge_meta(everyone: pd.Series) -> dict[str, int | None]:
    """The organisation's merge costs for meta.json (``None`` where withheld)."""
    figures = {
        "department_pairs_merged": "pairs_merged",
        "interactions_merged": "interactions_merged",
        "interactions_between_small_departments_hidden": "interactions_hidden",
    }
    return {key: None if pd.isna(everyone[c]) else int(everyone[c]) for key, c in figures.items()}
