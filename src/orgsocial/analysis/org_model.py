"""How each business unit organises for social media, after Owyang's five models.

* **organic** (decentralised): no department leads; scattered enthusiasts (even the
  busiest department has few of its people active);
* **centralised**: one central team does it all; the others neither act nor answer customers;
* **hub-and-spoke**: a central hub coordinates and the spokes act and answer customers;
* **multiple hub-and-spoke** (dandelion): several hubs, each with its own spokes;
* **holistic** (honeycomb): everyone takes part; a dense mesh without a centre.

The *central team* is the unit's busiest department together with its
marketing and communications departments (the founding model's usual owners);
the *spokes* are all other departments. Centralised and hub-and-spoke have the
same star shape between departments; they are told apart by whether the spokes
act and answer customers themselves.

Shapes are read from the unit's *backbone*: department links carrying at least
``backbone_fraction`` of the unit's mean link weight, so that a few stray
messages do not turn a star into a mesh. A *star hub* is a department linked
to at least ``star_min_degree`` departments that are mostly not linked to each
other; star hubs sharing most of their neighbours are one hub group (marketing
and communications running the same spokes are one hub, not a dandelion).
Thresholds live in the settings (``organisational_model``).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from orgsocial.analysis.network import degree_centralisation, density
from orgsocial.config import ModelThresholds
from orgsocial.io import contract as c

ORGANIC = "organic"
CENTRALISED = "centralised"
HUB_AND_SPOKE = "hub-and-spoke"
DANDELION = "multiple hub-and-spoke"
HOLISTIC = "holistic"
#: Star hubs whose neighbourhoods overlap at least this much (Jaccard) are one hub group.
SAME_HUB_OVERLAP = 0.5


def backbone(graph: nx.Graph, fraction: float) -> nx.Graph:
    """Only the links of at least ``fraction`` x the mean link weight (all nodes kept)."""
    out = nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    edges = list(graph.edges(data="weight", default=1))
    if not edges:
        return out
    cut = fraction * sum(w for *_, w in edges) / len(edges)
    out.add_weighted_edges_from((u, v, w) for u, v, w in edges if w >= cut)
    return out


def star_hubs(graph: nx.Graph, min_degree: int, max_clustering: float) -> list[str]:
    """Nodes at the centre of a star: linked to at least ``min_degree`` others that are
    mostly not linked to each other (local clustering at most ``max_clustering``).

    Examples
    --------
    >>> star_hubs(nx.star_graph(4), 3, 0.34)
    [0]
    >>> star_hubs(nx.complete_graph(5), 3, 0.34)
    []
    """
    clustering = nx.clustering(graph)
    return sorted(
        node
        for node in graph
        if graph.degree(node) >= min_degree and clustering[node] <= max_clustering
    )


def hub_groups(graph: nx.Graph, hubs: list[str]) -> int:
    """How many distinct hub groups: hubs sharing most neighbours count as one.

    Examples
    --------
    >>> two_stars = nx.Graph([("h1", s) for s in "abc"] + [("h2", s) for s in "def"])
    >>> hub_groups(two_stars, ["h1", "h2"])
    2
    >>> shared = nx.Graph([(h, s) for h in ("h1", "h2") for s in "abc"])
    >>> hub_groups(shared, ["h1", "h2"])
    1
    """
    joined = nx.Graph()
    joined.add_nodes_from(hubs)
    for i, first in enumerate(hubs):
        for second in hubs[i + 1 :]:
            a = set(graph[first]) - {second}
            b = set(graph[second]) - {first}
            if a and b and len(a & b) / len(a | b) >= SAME_HUB_OVERLAP:
                joined.add_edge(first, second)
    return nx.number_connected_components(joined) if hubs else 0


def _two(value: float) -> str:
    """A figure with two decimals; "n/a" where it is not measured (one department has no
    centralisation)."""
    return "n/a" if pd.isna(value) else f"{value:.2f}"


def classify_model(
    shape: nx.Graph,
    centre_share: float,
    spokes_active_share: float,
    spokes_answer_share: float,
    departments_active_share: float,
    thresholds: ModelThresholds,
    hub_active_share: float,
) -> tuple[str, str, int]:
    """The model, the sentence of measures that decided it and the number of hub groups.

    ``shape`` is the unit's backbone; ``centre_share`` the central team's share of the
    unit's activity; ``spokes_active_share`` the active share of the people outside it and
    ``spokes_answer_share`` the share of first customer answers given outside it (NaN
    without answered inquiries); ``hub_active_share`` the active share of the busiest
    department: below ``organic_max_hub_active_share`` nobody really runs it.
    """
    t = thresholds
    links_density = density(shape)
    centralisation = degree_centralisation(shape)
    groups = hub_groups(shape, star_hubs(shape, t.star_min_degree, t.star_max_clustering))
    answers = 0.0 if pd.isna(spokes_answer_share) else float(spokes_answer_share)
    spokes_act = (spokes_active_share >= t.spokes_min_active_share) or (
        answers >= t.spokes_min_answer_share
    )
    facts = (
        f"backbone density {_two(links_density)}, degree centralisation {_two(centralisation)}, "
        f"{groups} hub group(s), central team's share of activity {_two(centre_share)}, "
        f"active share outside it {_two(spokes_active_share)}, customer answers given outside "
        f"it {_two(answers)}, departments taking part {_two(departments_active_share)}, "
        f"active share of the busiest department {_two(hub_active_share)}"
    )
    if (
        links_density >= t.holistic_min_density
        and not centralisation > t.holistic_max_centralisation
        and departments_active_share >= t.holistic_min_departments_active
    ):
        return HOLISTIC, facts, groups
    if hub_active_share < t.organic_max_hub_active_share:
        return ORGANIC, facts, groups
    if centre_share >= t.centralised_min_hub_share and not spokes_act:
        return CENTRALISED, facts, groups
    if groups >= 2:
        return DANDELION, facts, groups
    if groups == 1:
        return (HUB_AND_SPOKE if spokes_act else CENTRALISED), facts, groups
    return ORGANIC, facts, groups


def unit_models(
    graph: nx.Graph,
    departments: dict[str, pd.DataFrame],
    units: pd.DataFrame,
    responses: pd.DataFrame,
    thresholds: ModelThresholds,
) -> pd.DataFrame:
    """The organisational model of every business unit (``org_model``, with
    ``org_model_evidence``, ``hub_groups`` and ``central_team_share``), from the unit's
    ``hub_department``, ``hub_active_share`` and ``departments_active_share``, and its rows
    of :func:`~orgsocial.analysis.participation.department_participation` (``departments``)."""
    answered = responses.loc[
        responses["answered"].astype(bool), ["business_unit", "responder_department"]
    ]
    # each unit's answers by position: one pass over the answers, not one per unit
    answers_of = answered.groupby("business_unit", sort=False).indices
    no_answers = np.zeros(0, dtype="int64")
    rows = []
    for unit in units.to_dict("records"):
        name = unit["business_unit"]
        if pd.isna(unit["hub_department"]):
            rows.append((name, "", "no employee activity", 0, float("nan")))
            continue
        members = departments[name]
        central = (members["department"] == unit["hub_department"]) | members["function"].isin(
            c.HUB_FUNCTIONS
        )
        spokes = members.loc[~central]
        events = float(members["events"].sum())
        centre_share = float(members.loc[central, "events"].sum()) / events if events else 0.0
        people = float(spokes["headcount"].sum())
        spokes_active = float(spokes["active_employees"].sum()) / people if people else 0.0
        mine = answered.iloc[answers_of.get(name, no_answers)]
        spokes_answer = (
            float(mine["responder_department"].isin(spokes["department"]).mean())
            if len(mine)
            else float("nan")
        )
        shape = backbone(graph.subgraph(members["department"]), thresholds.backbone_fraction)
        model, evidence, groups = classify_model(
            shape,
            centre_share,
            spokes_active,
            spokes_answer,
            float(unit["departments_active_share"]),
            thresholds,
            float(unit["hub_active_share"]),
        )
        rows.append((name, model, evidence, groups, centre_share))
    columns = [
        "business_unit",
        "org_model",
        "org_model_evidence",
        "hub_groups",
        "central_team_share",
    ]
    return pd.DataFrame(rows, columns=columns)
