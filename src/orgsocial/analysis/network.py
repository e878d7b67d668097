"""The department interaction graph (networkx) and its measures per department and unit.

One function per measure, each documented with the graph shapes whose answer
is known: a star, a ring, a complete graph.
"""

from __future__ import annotations

import random
import threading

import networkx as nx
import numpy as np
import pandas as pd

from orgsocial.analysis.communities import load_igraph
from orgsocial.analysis.interactions import interaction_weights, pair_sums
from orgsocial.scale.fastops import distinct


def department_graph(departments: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Undirected weighted graph: one node per department (also one without interactions),
    one edge per interacting pair (``edges``: ``source``, ``target``, ``weight``). The
    columns of ``departments`` besides ``department`` become node attributes."""
    graph = nx.Graph()
    for record in departments.to_dict("records"):
        name = record.pop("department")
        graph.add_node(name, **record)
    graph.add_weighted_edges_from(
        edges[["source", "target", "weight"]].itertuples(index=False, name=None)
    )
    return graph


def strength(graph: nx.Graph) -> pd.Series:
    """Weighted degree of each node (sum of its edge weights), as a Series by node."""
    return pd.Series(dict(graph.degree(weight="weight")), dtype="float64", name="strength")


def degree_centralisation(graph: nx.Graph) -> float:
    """Freeman's degree centralisation of an unweighted graph, from 0 to 1.

    1 for a star (one hub linked to everyone, nobody else linked), 0 when every node
    has the same degree (a ring, a complete graph, no edges); NaN below 3 nodes.

    Examples
    --------
    >>> round(degree_centralisation(nx.star_graph(4)), 3)
    1.0
    >>> degree_centralisation(nx.cycle_graph(5))
    0.0
    """
    n = graph.number_of_nodes()
    if n < 3:
        return float("nan")
    degrees = [degree for _, degree in graph.degree()]
    top = max(degrees)
    return sum(top - degree for degree in degrees) / ((n - 1) * (n - 2))


def density(graph: nx.Graph) -> float:
    """Share of possible department pairs that interact (NaN below 2 nodes)."""
    if graph.number_of_nodes() < 2:
        return float("nan")
    return float(nx.density(graph))


def unit_network_measures(
    graph: nx.Graph, departments: dict[str, pd.DataFrame], interactions: pd.DataFrame
) -> pd.DataFrame:
    """Per business unit: density, degree centralisation and connected share of its
    department subgraph, and the share of its employees' interactions that cross
    departments (units.csv's columns, see docs/outputs.md).

    ``departments``: each unit's departments, as rows with a ``department`` column.
    ``interactions``: :func:`~orgsocial.analysis.interactions.employee_interactions` (or
    counts of them) with the actor's ``business_unit``.
    """
    weights = interaction_weights(interactions)
    cross = weights.where(
        interactions["actor_department"] != interactions["counterpart_department"], 0
    )
    by_unit = (
        pd.DataFrame({"size": weights, "sum": cross}).groupby(interactions["business_unit"]).sum()
    )
    rows = []
    for unit in sorted(departments):
        members = departments[unit]["department"]
        subgraph = graph.subgraph(members)
        total = int(by_unit["size"].get(unit, 0))
        rows.append(
            {
                "business_unit": unit,
                "department_density": density(subgraph),
                "degree_centralisation": degree_centralisation(subgraph),
                "departments_connected_share": (
                    sum(1 for node in members if subgraph.degree(node) > 0) / len(members)
                    if len(members) > 1
                    else float("nan")
                ),
                "interactions": total,
                "cross_department_share": (
                    float(by_unit["sum"].get(unit, 0)) / total if total else float("nan")
                ),
            }
        )
    return pd.DataFrame(rows)


def business_unit_edges(edges: pd.DataFrame, unit_of: pd.Series) -> pd.DataFrame:
    """Department edges summed to business units: cross-unit pairs only, ``source < target``.

    Examples
    --------
    >>> edges = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"],
    ...                       "weight": [1, 2, 4]})
    >>> unit_of = pd.Series({"a": "U", "b": "U", "c": "V"})
    >>> business_unit_edges(edges, unit_of).to_dict("records")
    [{'source': 'U', 'target': 'V', 'weight': 6}]
    """
    source = edges["source"].map(unit_of).astype("str")
    target = edges["target"].map(unit_of).astype("str")
    out = pair_sums(source, target, edges["weight"], source != target)
    out["weight"] = out["weight"].astype("int64")
    return out


def business_unit_graph(edges: pd.DataFrame, unit_of: pd.Series) -> nx.Graph:
    """Undirected weighted graph of business units (every unit a node, also unlinked ones)."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(unit_of.unique()))
    graph.add_weighted_edges_from(
        business_unit_edges(edges, unit_of).itertuples(index=False, name=None)
    )
    return graph


def ei_index(external: float, internal: float) -> float:
    """Krackhardt and Stern's E-I index: (E - I) / (E + I), from -1 (all inside) to 1.

    Examples
    --------
    >>> ei_index(3, 1)
    0.5
    >>> ei_index(0, 0)
    nan
    """
    total = external + internal
    return (external - internal) / total if total else float("nan")


def structural_holes(graph: nx.Graph) -> pd.DataFrame:
    """Burt's constraint and effective size for every node of an undirected weighted graph.

    The same definitions as networkx (``nx.constraint``, ``nx.effective_size``)
    in matrix form: with ``p_ij = w_ij / sum_k w_ik`` and ``m_jq = w_jq / max_k w_jk``,
    constraint ``C_i = sum_{j in N(i)} (p_ij + sum_q p_iq p_qj)^2`` and effective
    size ``E_i = sum_{j in N(i)} (1 - sum_q p_iq m_jq)``.
    Both are missing for a node without ties.

    Examples
    --------
    >>> holes = structural_holes(nx.star_graph(3))
    >>> holes.loc[0].round(3).tolist(), holes.loc[1].round(3).tolist()
    ([0.333, 3.0], [1.0, 1.0])
    """
    nodes = list(graph.nodes)
    if not nodes:
        return pd.DataFrame(columns=["constraint", "effective_size"], dtype="float64")
    weights = nx.to_numpy_array(graph, nodelist=nodes, weight="weight", nonedge=0.0)
    np.fill_diagonal(weights, 0.0)
    totals = weights.sum(axis=1, keepdims=True)
    peaks = weights.max(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(totals > 0, weights / totals, 0.0)
        relative = np.where(peaks > 0, weights / peaks, 0.0)
    neighbour = weights > 0
    constraint = np.where(neighbour, (share + share @ share) ** 2, 0.0).sum(axis=1)
    effective = np.where(neighbour, 1.0 - share @ relative.T, 0.0).sum(axis=1)
    isolated = ~neighbour.any(axis=1)
    return pd.DataFrame(
        {
            "constraint": np.where(isolated, np.nan, constraint),
            "effective_size": np.where(isolated, np.nan, effective),
        },
        index=nodes,
    )


def broker_measures(graph: nx.Graph) -> pd.DataFrame:
    """Per node: :func:`betweenness` (a path over busy links is short) and Burt's constraint
    and effective size (:func:`structural_holes`)."""
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=["betweenness", "constraint", "effective_size"])
    out = structural_holes(graph)
    out.insert(0, "betweenness", betweenness(graph))
    return out


def betweenness(graph: nx.Graph) -> pd.Series:
    """Normalised betweenness of each node, with distance = 1 / ``weight`` (default 1).

    The value of ``networkx.betweenness_centrality(normalized=True)`` on those
    distances, computed by igraph in C; paths whose lengths differ only by float rounding
    (1/2 + 1/6 and 1/3 + 1/3) count as equally short, as they are (docs/performance.md).

    Examples
    --------
    >>> betweenness(nx.path_graph(3)).tolist()
    [0.0, 1.0, 0.0]
    """
    igraph = load_igraph()
    nodes = list(graph.nodes)
    position = {node: number for number, node in enumerate(nodes)}
    edges, distances = [], []
    for u, v, weight in graph.edges(data="weight", default=1):
        edges.append((position[u], position[v]))
        distances.append(1.0 / weight)
    raw = igraph.Graph(n=len(nodes), edges=edges).betweenness(weights=distances, directed=False)
    count = len(nodes)
    # networkx's normalisation for an undirected graph: pairs of the other nodes
    scale = 2.0 / ((count - 1) * (count - 2)) if count > 2 else 1.0
    return pd.Series(np.asarray(raw, dtype="float64") * scale, index=nodes, dtype="float64")


def structure_counts(graph: nx.Graph) -> dict[str, int]:
    """Connected components (isolated nodes count), bridges and local bridges.

    A bridge is an edge whose removal disconnects its ends; a local bridge is an
    edge whose ends have no neighbour in common (every bridge is one too).

    Examples
    --------
    >>> two_triangles = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> structure_counts(two_triangles)
    {'components': 1, 'bridges': 1, 'local_bridges': 1}
    """
    simple = nx.Graph(graph)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    return {
        "components": nx.number_connected_components(simple) if len(simple) else 0,
        "bridges": sum(1 for _ in nx.bridges(simple)),
        "local_bridges": sum(1 for _ in nx.local_bridges(simple, with_span=False)),
    }


def partition_modularity(pairs: pd.DataFrame, groups: tuple[pd.Series, pd.Series]) -> float:
    """Weighted modularity of a partition of an undirected graph given as an edge table;
    NaN without edges.

    High values mean interaction stays inside the groups (silos); near 0 means
    the groups are no more inward-looking than chance. Computed from the table,
    without building a graph: ``Q = sum over groups of L_g / m - (D_g / 2m)^2``
    with ``m`` the total weight, ``L_g`` the weight inside group ``g`` and
    ``D_g`` the weighted degree of its members -- the value of
    ``networkx.community.modularity`` on the same graph (tested).

    ``pairs`` holds each unordered pair once with its ``weight`` (as from
    :func:`orgsocial.analysis.people.person_pairs`); ``groups`` the group of each row's
    first and second end.

    Examples
    --------
    Two triangles joined by one edge, each triangle a group (m = 7):

    >>> edges = pd.DataFrame({"a": [0, 1, 0, 3, 4, 3, 2], "b": [1, 2, 2, 4, 5, 5, 3],
    ...                       "weight": [1] * 7})
    >>> side = lambda node: node.map(lambda n: "left" if n < 3 else "right")
    >>> round(partition_modularity(edges, (side(edges["a"]), side(edges["b"]))), 6)
    0.357143
    """
    weights = pairs["weight"].to_numpy(dtype="float64")
    total = float(weights.sum())
    if total == 0:  # also without pairs
        return float("nan")
    # groups numbered in sorted order, so the sums run as a sorted group-by's would
    codes, labels = pd.factorize(
        pd.concat([pd.Series(groups[0]), pd.Series(groups[1])], ignore_index=True), sort=True
    )
    first, second = codes[: len(pairs)], codes[len(pairs) :]
    inside = (first == second) & (first >= 0)  # a missing group is no group
    within = np.bincount(first[inside], weights[inside], minlength=len(labels))
    within = within[distinct(first[inside])]  # only groups with an inside edge, as a group-by
    present = codes >= 0
    degree = np.bincount(
        codes[present], np.concatenate([weights, weights])[present], minlength=len(labels)
    )
    return float(within.sum() / total - ((degree / (2 * total)) ** 2).sum())


def louvain_groups(graph: nx.Graph, seed: int) -> dict:
    """Louvain communities (weighted, fixed seed) of a networkx graph as node -> community
    number; see :func:`louvain_membership`."""
    nodes = list(graph)
    edges = pd.DataFrame(list(graph.edges(data="weight", default=1)), columns=["a", "b", "weight"])
    ends = pd.Index(nodes).get_indexer(pd.concat([edges["a"], edges["b"]], ignore_index=True))
    membership = louvain_membership(
        *ends.reshape(2, -1), edges["weight"].to_numpy("float64"), len(nodes), seed
    )
    return dict(zip(nodes, membership.tolist(), strict=True))


_IGRAPH_RANDOM = threading.Lock()


def louvain_membership(
    first: np.ndarray, second: np.ndarray, weights: np.ndarray, nodes: int, seed: int = 1
) -> np.ndarray:
    """Louvain communities of the undirected weighted graph on nodes ``0 .. nodes - 1``
    whose edges are ``first[i]``--``second[i]`` with ``weights[i]``: each node's community
    number.

    The multilevel algorithm of Blondel et al. in igraph's C implementation. The random
    generator is seeded, so the same edges give the same communities. Without edges every
    node is its own community.

    Examples
    --------
    >>> louvain_membership(np.array([0, 2]), np.array([1, 3]), np.ones(2), 5).tolist()
    [0, 0, 1, 1, 2]
    """
    igraph = load_igraph()
    if len(first) == 0:
        return np.arange(nodes)
    # a list of tuples from two flat lists: faster than ndarray.tolist() of pairs
    edges = list(zip(np.asarray(first).tolist(), np.asarray(second).tolist(), strict=True))
    graph = igraph.Graph(n=nodes, edges=edges, directed=False)
    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = graph.community_multilevel(weights=np.asarray(weights, "float64").tolist())
        finally:
            igraph.set_random_number_generator(random)
    return np.asarray(found.membership, dtype="int64")
