"""Owyang's five organisational models on shapes whose answer is known."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from orgsocial.analysis.org_model import (
    CENTRALISED,
    DANDELION,
    HOLISTIC,
    HUB_AND_SPOKE,
    ORGANIC,
    backbone,
    classify_model,
    hub_groups,
    star_hubs,
    unit_models,
)
from orgsocial.config import ModelThresholds

T = ModelThresholds()


def star(centre: str, spokes: str) -> list[tuple[str, str]]:
    return [(centre, spoke) for spoke in spokes]


@pytest.mark.parametrize(
    ("edges", "centre_share", "spokes_active", "spokes_answer", "departments_active", "model"),
    [
        # one hub, spokes post and answer customers themselves
        (star("hub", "abcd"), 0.4, 0.30, 0.70, 0.8, HUB_AND_SPOKE),
        # the same star, but the spokes neither act nor answer: centralised
        (star("hub", "abcd"), 0.9, 0.01, 0.00, 0.2, CENTRALISED),
        # the central team does everything and barely talks to anyone
        ([("hub", "a")], 0.95, 0.0, float("nan"), 0.2, CENTRALISED),
        # two hubs, each with its own spokes, linked to each other: a dandelion
        (star("h1", "abc") + star("h2", "def") + [("h1", "h2")], 0.3, 0.3, 0.6, 0.9, DANDELION),
        # a dense mesh without a centre, everyone taking part
        (list(nx.complete_graph("abcdef").edges), 0.2, 0.7, 0.8, 1.0, HOLISTIC),
        # a few scattered links, nobody in charge
        ([("a", "b"), ("c", "d")], 0.3, 0.03, 0.5, 0.3, ORGANIC),
    ],
)
def test_models(edges, centre_share, spokes_active, spokes_answer, departments_active, model):
    shape = nx.Graph(edges)
    found, evidence, _ = classify_model(
        shape, centre_share, spokes_active, spokes_answer, departments_active, T, 0.6
    )
    assert found == model
    assert "backbone density" in evidence


def test_a_star_of_scattered_enthusiasts_is_organic():
    # the shape is a star, but only 1 in 10 people of the busiest department is active
    found, *_ = classify_model(nx.Graph(star("x", "abcd")), 0.4, 0.05, 0.8, 0.5, T, 0.1)
    assert found == ORGANIC


def test_star_hubs_and_hub_groups():
    assert star_hubs(nx.star_graph(4), 3, 0.34) == [0]
    assert star_hubs(nx.complete_graph(5), 3, 0.34) == []
    shared = nx.Graph([(h, s) for h in ("m", "k") for s in "abc"])
    assert hub_groups(shared, star_hubs(shared, 3, 0.34)) == 1


def test_backbone_drops_stray_links_relative_to_the_mean():
    graph = nx.Graph()
    graph.add_weighted_edges_from([("h", "a", 10), ("h", "b", 10), ("a", "b", 1)])
    kept = backbone(graph, 0.5)  # mean 7, cut 3.5
    assert sorted(kept.edges) == [("h", "a"), ("h", "b")]
    assert set(kept.nodes) == {"h", "a", "b"}


def test_unit_models_use_the_central_team_and_customer_answers():
    departments = pd.DataFrame(
        {
            "department": ["mkt", "com", "cs", "ops", "it"],
            "business_unit": "U",
            "function": ["marketing", "communications", "customer_service", "operations", "it"],
            "headcount": [10, 10, 20, 20, 10],
            "active_employees": [8, 6, 0, 0, 0],
            "events": [500, 300, 0, 0, 0],
        }
    )
    graph = nx.Graph()
    graph.add_nodes_from(departments["department"])
    graph.add_weighted_edges_from([("mkt", "com", 40), ("mkt", "cs", 2)])
    units = pd.DataFrame(
        {
            "business_unit": ["U"],
            "hub_department": ["mkt"],
            "hub_active_share": [0.8],
            "departments_active_share": [0.4],
        }
    )
    responses = pd.DataFrame(
        {
            "business_unit": ["U"] * 3,
            "answered": [True, True, False],
            "responder_department": ["com", "mkt", None],
        }
    )
    models = unit_models(graph, {"U": departments}, units, responses, T).iloc[0]
    assert models["org_model"] == CENTRALISED
    assert models["central_team_share"] == 1.0
