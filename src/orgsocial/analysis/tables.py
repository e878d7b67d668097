"""The analysis tables of one period, before privacy: units, departments, the organisation."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from orgsocial.analysis import network, org_model, participation, people, response, survey, voice
from orgsocial.analysis.communities import normalized_mutual_information
from orgsocial.analysis.steps import Steps
from orgsocial.config import Settings
from orgsocial.scale.fastops import lookup

#: Figures counted from people's own activity: unknown, not 0, where the data hold no
#: activity of individual people (a group-to-group export).
UNIT_PEOPLE_FIGURES = (
    "active_employees",
    "active_share",
    "internal_active_share",
    "external_active_share",
    "departments_taking_part",
    "departments_active_share",
    "customer_facing_active_share",
    "marcom_active_share",
    "top_department_active_share",
)
DEPARTMENT_PEOPLE_FIGURES = (
    "active_employees",
    "active_share",
    "takes_part",
    "connectors",
    "connector_share",
)


def unit_indicators(steps: Steps, settings: Settings, detail: bool = True) -> pd.DataFrame:
    """All indicators per business unit, before classification and suppression.

    ``detail=False`` leaves out what the classification does not use (structure
    counts, person-network measures with Louvain, organisational models), for
    the per-period trend.
    """
    units = participation.unit_participation(
        steps.department_stats, settings.min_group_size, settings.team_min_active
    )
    # each unit's departments, grouped once for its network measures, structure and model
    departments = dict(list(steps.department_stats.groupby("business_unit")))
    with_unit = steps.directed.assign(  # departments' sums: the same as the pairs'
        business_unit=lookup(steps.directed["actor_department"], steps.unit_of)
    )
    found = [network.unit_network_measures(steps.graph, departments, with_unit)]
    if detail:
        structure = [
            {
                "business_unit": unit,
                **network.structure_counts(steps.graph.subgraph(rows["department"])),
            }
            for unit, rows in departments.items()
        ]
        found.append(pd.DataFrame(structure))
        found.append(people.unit_people_measures(steps.pairs, steps.unit_of, settings.louvain_seed))
    for frame in [*found, response.response_summary(steps.responses, "business_unit")]:
        units = units.merge(frame, on="business_unit", how="left")
    units["inquiries"] = units["inquiries"].fillna(0).astype("int64")
    facing = response.customer_facing_reply_share(steps.responses, steps.department_stats)
    units["customer_facing_reply_share"] = units["business_unit"].map(facing)
    for frame in (
        voice.unit_control(steps.department_stats, steps.responses),
        voice.unit_voice(steps.department_events, steps.department_stats, settings.social_channels),
    ):
        units = units.merge(frame, on="business_unit", how="left")
    units["observes_external"] = steps.observes_external
    if not steps.observes_external:  # the source cannot see outside: unknown, not 0
        for column in ("external_active_share", "external_interaction_share"):
            units[column] = float("nan")
    if not steps.observes_people:
        units[list(UNIT_PEOPLE_FIGURES)] = float("nan")
    latest = survey.latest_wave(steps.survey_waves).rename(columns={"wave": "survey_wave"})
    units = units.merge(latest, on="business_unit", how="left")
    units["respondents"] = units["respondents"].fillna(0).astype("int64")
    units["survey_suppressed"] = units["survey_suppressed"].astype("boolean").fillna(False)
    units["survey_suppressed"] = units["survey_suppressed"].astype(bool)
    if not detail:
        return units
    models = org_model.unit_models(steps.graph, departments, units, steps.responses, settings.model)
    return units.merge(models, on="business_unit", how="left")


def department_table(steps: Steps, settings: Settings) -> pd.DataFrame:
    """Per department: participation, ties, broker measures, connectors, customer answers."""
    stats = steps.department_stats
    strength = network.strength(steps.graph)
    within = nx.get_node_attributes(steps.graph, "within_ties")  # the graph's nodes hold them
    brokers = network.broker_measures(steps.graph)
    connectors = people.department_connectors(
        people.person_measures(steps.pairs), settings.connector_min_departments
    )
    answers = response.responder_summary(steps.responses).set_index("department")
    out = stats.drop(columns=["internal_active", "external_active"]).copy()
    name = out["department"]
    out["strength"] = name.map(strength).fillna(0.0)
    out["cross_department_interactions"] = out["strength"].astype("int64")
    out["within_ties"] = name.map(within).astype("int64")
    external, internal = out["cross_department_interactions"], out["within_ties"]
    total = external + internal
    out["cross_department_share"] = participation.share(external, total)
    out["ei_index"] = participation.share(external - internal, total)  # Krackhardt's E-I
    for column in ("betweenness", "constraint", "effective_size"):
        out[column] = name.map(brokers[column])
    out["connectors"] = name.map(connectors["connectors"]).fillna(0).astype("int64")
    out["connector_share"] = participation.share(out["connectors"], out["headcount"])
    out["partners_median"] = name.map(connectors["partners_median"])
    out["answers_given"] = name.map(answers["answers_given"]).fillna(0).astype("int64")
    for column in ("answer_minutes_median", "answer_minutes_p90", "answers_within_1h_share"):
        out[column] = name.map(answers[column])
    out["answers_customers"] = out["answers_given"] > 0
    if not steps.observes_people:
        out[list(DEPARTMENT_PEOPLE_FIGURES)] = float("nan")
    return out


def org_table(
    steps: Steps, units: pd.DataFrame, settings: Settings, left_out: set[str] | None = None
) -> pd.DataFrame:
    """One row: the organisation seen at business-unit level, without the ``left_out``
    units (:func:`~orgsocial.analysis.privacy.left_out_units`: their people, counted here,
    would be the organisation's figures less the units shown)."""
    left_out = left_out or set()
    unit_of = steps.unit_of.loc[~steps.unit_of.isin(left_out)]
    unit_graph = network.business_unit_graph(steps.edges, unit_of)
    pairs = steps.pairs
    unit_a = lookup(pairs["department_a"], steps.unit_of)  # Arrow: Series.map is slow here
    unit_b = lookup(pairs["department_b"], steps.unit_of)
    cross_unit = unit_a != unit_b
    graph = steps.graph.subgraph([d for d in steps.graph.nodes if d in unit_of.index])
    communities = network.louvain_groups(graph, settings.louvain_seed)
    departments = list(graph.nodes)
    asked = steps.responses.loc[~steps.responses["business_unit"].isin(left_out)]
    summary = response.response_summary(asked.assign(all="all"), "all")
    stats = steps.department_stats.loc[~steps.department_stats["business_unit"].isin(left_out)]
    row = {
        "business_units": unit_graph.number_of_nodes(),
        "departments": len(stats),
        "headcount": int(stats["headcount"].sum()),
        "active_share": float(stats["active_employees"].sum() / max(stats["headcount"].sum(), 1))
        if steps.observes_people
        else float("nan"),
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
            [unit_of[d] for d in departments], [communities[d] for d in departments]
        ),
        "phases_classified": int(units["phase"].notna().sum()),
    }
    if len(summary):
        row.update(summary.drop(columns=["all"]).iloc[0].to_dict())
    return pd.DataFrame([row])
