"""Network measures on graphs whose answers are known by hand."""

from __future__ import annotations

import math
from fractions import Fraction

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.analysis.network import (
    betweenness,
    broker_measures,
    business_unit_edges,
    business_unit_graph,
    degree_centralisation,
    density,
    department_graph,
    ei_index,
    louvain_groups,
    partition_modularity,
    strength,
    structural_holes,
    structure_counts,
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
    # the link to solo leaves the unit: in neither unit's department network
    edges = pd.DataFrame({"source": ["hub"] * 4, "target": ["x", "y", "z", "solo"], "weight": 1})
    interactions = pd.DataFrame(
        {
            "actor_department": ["hub", "hub", "x", "solo"],
            "counterpart_department": ["x", "hub", "hub", "solo"],
            "business_unit": ["S", "S", "S", "One"],
        }
    )
    by_unit = dict(list(departments.groupby("business_unit")))
    measures = unit_network_measures(department_graph(departments, edges), by_unit, interactions)
    star = measures.set_index("business_unit").loc["S"]
    assert star["degree_centralisation"] == pytest.approx(1.0)
    assert star["department_density"] == pytest.approx(0.5)
    assert star["cross_department_share"] == pytest.approx(2 / 3)
    one = measures.set_index("business_unit").loc["One"]
    assert math.isnan(one["department_density"])
    assert one["cross_department_share"] == 0.0


def weighted(graph: nx.Graph, weight: float = 1.0) -> nx.Graph:
    nx.set_edge_attributes(graph, weight, "weight")
    return graph


@pytest.mark.parametrize(
    ("graph", "node", "constraint", "effective_size"),
    [
        # star centre: three unconnected contacts, p = 1/3 each -> 3 * (1/3)^2
        (nx.star_graph(3), 0, 1 / 3, 3.0),
        # a leaf depends on one contact only
        (nx.star_graph(3), 1, 1.0, 1.0),
        # K4: (1/3 + 2 * 1/9)^2 * 3 = 75/81; effective size n - 2t/n = 3 - 2 = 1
        (nx.complete_graph(4), 0, 75 / 81, 1.0),
        # ring: two unconnected contacts
        (nx.cycle_graph(5), 0, 0.5, 2.0),
    ],
)
def test_structural_holes_by_hand(graph, node, constraint, effective_size):
    holes = structural_holes(weighted(graph, 2.0))  # equal weights do not change either
    assert holes.loc[node, "constraint"] == pytest.approx(constraint)
    assert holes.loc[node, "effective_size"] == pytest.approx(effective_size)


def test_structural_holes_match_networkx_on_weighted_graphs():
    for seed in range(4):
        graph = nx.gnp_random_graph(10, 0.45, seed=seed)
        for i, (u, v) in enumerate(graph.edges):
            graph[u][v]["weight"] = 1 + (i * 7 + seed) % 5
        ours = structural_holes(graph)
        expected_c = nx.constraint(graph, weight="weight")
        expected_e = nx.effective_size(graph, weight="weight")
        for node in graph:
            if graph.degree(node):
                assert ours.loc[node, "constraint"] == pytest.approx(expected_c[node])
                assert ours.loc[node, "effective_size"] == pytest.approx(expected_e[node])
            else:
                assert math.isnan(ours.loc[node, "constraint"])


def _exact_betweenness(graph: nx.Graph) -> dict:
    """networkx's betweenness on exact rational distances 1 / weight (no rounding)."""
    distance = nx.Graph()
    distance.add_nodes_from(graph)
    distance.add_weighted_edges_from(
        (u, v, Fraction(1, w)) for u, v, w in graph.edges(data="weight", default=1)
    )
    return nx.betweenness_centrality(distance, weight="weight", normalized=True)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 14),
    st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13), st.integers(1, 6)), max_size=40),
)
def test_betweenness_is_that_of_exact_distances(nodes, links):
    # integer weights make equally short paths whose float lengths may differ by rounding
    # (1/2 + 1/6 and 1/3 + 1/3): both must count
    graph = nx.Graph()
    graph.add_nodes_from(range(nodes))
    graph.add_weighted_edges_from(
        (u % nodes, v % nodes, w) for u, v, w in links if u % nodes != v % nodes
    )
    expected = _exact_betweenness(graph)
    got = betweenness(graph)
    assert got.index.tolist() == list(graph.nodes)
    for node in graph:
        assert got[node] == pytest.approx(float(expected[node]), abs=1e-12)


def test_betweenness_counts_paths_equal_but_for_rounding():
    # 0-1 directly has length 1; 0-2-3-1 has 1/2 + 1/3 + 1/6 = 1 too, but 0.9999999999999999
    # in floats: the two are equally short, so 2 and 3 lie on half of the 0-1 paths
    graph = nx.Graph()
    graph.add_weighted_edges_from([(0, 1, 1), (0, 2, 2), (2, 3, 3), (3, 1, 6)])
    assert 1 / 2 + 1 / 3 + 1 / 6 < 1
    exact = _exact_betweenness(graph)
    got = betweenness(graph)
    for node in graph:
        assert got[node] == pytest.approx(float(exact[node]), abs=1e-12)
    rounded = nx.Graph()
    rounded.add_weighted_edges_from((u, v, 1 / w) for u, v, w in graph.edges(data="weight"))
    assert nx.betweenness_centrality(rounded, weight="weight")[2] != pytest.approx(got[2])


def test_two_cliques_joined_by_a_bridge():
    graph = weighted(nx.barbell_graph(3, 0))  # 0-1-2 and 3-4-5, bridge 2-3
    assert structure_counts(graph) == {"components": 1, "bridges": 1, "local_bridges": 1}
    brokers = broker_measures(graph)
    # node 2 lies on the shortest paths between {0, 1} and {3, 4, 5}: 6 of 10 pairs
    assert brokers.loc[2, "betweenness"] == pytest.approx(0.6)
    assert brokers.loc[0, "betweenness"] == 0.0
    edges = nx.to_pandas_edgelist(graph, source="a", target="b")
    halves = [edges[end].map(lambda n: "left" if n < 3 else "right") for end in ("a", "b")]
    # m = 7, each side 3 internal edges and degree sum 7: 2 * (3/7 - (7/14)^2)
    assert partition_modularity(edges, tuple(halves)) == pytest.approx(2 * (3 / 7 - 0.25))
    communities = louvain_groups(graph, seed=1)
    assert communities[0] == communities[1] == communities[2] != communities[3]


def test_empty_and_single_department_units():
    empty = nx.empty_graph(4)
    assert structure_counts(empty) == {"components": 4, "bridges": 0, "local_bridges": 0}
    assert density(empty) == 0.0
    no_edges = nx.to_pandas_edgelist(empty, source="a", target="b").assign(weight=[])
    assert math.isnan(partition_modularity(no_edges, (no_edges["a"], no_edges["b"])))
    single = nx.empty_graph(1)
    assert math.isnan(density(single)) and math.isnan(degree_centralisation(single))
    assert structure_counts(single)["components"] == 1
    assert broker_measures(nx.Graph()).empty


def test_ei_index():
    assert ei_index(3, 1) == 0.5
    assert ei_index(0, 5) == -1.0
    assert math.isnan(ei_index(0, 0))


def test_business_unit_edges_sum_cross_unit_department_links():
    edges = pd.DataFrame(
        {"source": ["a", "a", "b", "c"], "target": ["b", "c", "d", "d"], "weight": [1, 2, 4, 8]}
    )
    unit_of = pd.Series({"a": "U", "b": "U", "c": "V", "d": "W"})
    assert business_unit_edges(edges, unit_of).to_dict("records") == [
        {"source": "U", "target": "V", "weight": 2},
        {"source": "U", "target": "W", "weight": 4},
        {"source": "V", "target": "W", "weight": 8},
    ]


def test_business_unit_graph():
    departments = pd.DataFrame(
        {"department": ["a", "b", "c", "d"], "business_unit": ["U", "U", "V", "W"]}
    )
    edges = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "weight": [5, 2]})
    units = business_unit_graph(edges, departments.set_index("department")["business_unit"])
    assert sorted(units.nodes) == ["U", "V", "W"]
    assert units["U"]["V"]["weight"] == 2 and units.degree("W") == 0


@settings(max_examples=60, deadline=None)
@given(
    edges=st.dictionaries(
        st.tuples(st.integers(0, 12), st.integers(0, 12)).filter(lambda pair: pair[0] < pair[1]),
        st.integers(1, 9),
        min_size=1,
        max_size=40,
    ),
    groups=st.lists(st.sampled_from("xyz"), min_size=13, max_size=13),
)
def test_partition_modularity_equals_networkx(edges, groups):
    table = pd.DataFrame([(a, b, w) for (a, b), w in edges.items()], columns=["a", "b", "weight"])
    graph = nx.Graph()
    graph.add_weighted_edges_from(table.itertuples(index=False, name=None))
    members: dict[str, set] = {}
    for node in graph:
        members.setdefault(groups[node], set()).add(node)
    expected = nx.community.modularity(graph, list(members.values()), weight="weight")
    group_of = dict(enumerate(groups))
    ours = partition_modularity(table, (table["a"].map(group_of), table["b"].map(group_of)))
    assert ours == pytest.approx(expected, abs=1e-12)
