"""Network measures on graphs whose answers are known by hand."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from orgsocial.analysis.network import (
    degree_centralisation,
    density,
    department_graph,
    strength,
    unit_network_measures,
)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        (nx.star_graph(5), 1.0),
        (nx.cycle_graph(6), 0.0),
        (nx.complete_graph(5), 0.0),
        (nx.empty_graph(4), 0.0),
        # path a-b-c-d: degrees 1,2,2,1 -> (1+0+0+1)/((3)(2)) = 1/3
        (nx.path_graph(4), 1 / 3),
    ],
)
def test_degree_centralisation(graph, expected):
    assert degree_centralisation(graph) == pytest.approx(expected)


def test_degree_centralisation_undefined_below_three_nodes():
    assert math.isnan(degree_centralisation(nx.path_graph(2)))


def test_density_and_strength():
    departments = pd.DataFrame({"department": ["a", "b", "c", "d"], "business_unit": "U"})
    edges = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "weight": [3, 2]})
    graph = department_graph(departments, edges)
    assert density(graph) == pytest.approx(2 / 6)
    assert strength(graph).to_dict() == {"a": 5.0, "b": 3.0, "c": 2.0, "d": 0.0}
    assert graph.nodes["d"]["business_unit"] == "U"


def test_unit_measures_for_a_star_unit_and_a_one_department_unit():
    departments = pd.DataFrame(
        {"department": ["hub", "x", "y", "z", "solo"], "business_unit": ["S"] * 4 + ["One"]}
    )
    edges = pd.DataFrame({"source": ["hub"] * 3, "target": ["x", "y", "z"], "weight": 1})
    interactions = pd.DataFrame(
        {
            "actor_department": ["hub", "hub", "x", "solo"],
            "counterpart_department": ["x", "hub", "hub", "solo"],
            "business_unit": ["S", "S", "S", "One"],
        }
    )
    measures = unit_network_measures(department_graph(departments, edges), interactions)
    star = measures.set_index("business_unit").loc["S"]
    assert star["degree_centralisation"] == pytest.approx(1.0)
    assert star["department_density"] == pytest.approx(0.5)
    assert star["cross_department_share"] == pytest.approx(2 / 3)
    one = measures.set_index("business_unit").loc["One"]
    assert math.isnan(one["department_density"])
    assert one["cross_department_share"] == 0.0
