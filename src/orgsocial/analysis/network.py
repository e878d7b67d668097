"""The department interaction graph (networkx) and its measures per department and unit.

One function per measure, each documented with the graph shapes whose answer
is known: a star, a ring, a complete graph.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd


def department_graph(departments: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Undirected weighted graph: one node per department, one edge per interacting pair.

    Parameters
    ----------
    departments
        At least ``department``; other columns (``business_unit``,
        ``function``, ``within_ties``, ...) become node attributes.
    edges
        ``source``, ``target``, ``weight`` (see
        :func:`orgsocial.analysis.interactions.department_edges`).

    Returns
    -------
    networkx.Graph
        Every department is a node, also one without interactions.
    """
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

    ``sum(max_degree - degree_i) / ((n - 1) * (n - 2))``: 1 for a star (one
    hub linked to everyone, nobody else linked), 0 when every node has the same
    degree (a ring, a complete graph, no edges). Undefined (NaN) below 3 nodes.

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


def unit_network_measures(graph: nx.Graph, interactions: pd.DataFrame) -> pd.DataFrame:
    """Per business unit: density and degree centralisation of its department subgraph,
    and the share of its employees' interactions that cross departments.

    Parameters
    ----------
    graph
        :func:`department_graph` with a ``business_unit`` node attribute.
    interactions
        :func:`~orgsocial.analysis.interactions.employee_interactions` plus a
        ``business_unit`` column (the actor's unit).

    Returns
    -------
    pandas.DataFrame
        ``business_unit``, ``department_density``, ``degree_centralisation``,
        ``interactions``, ``cross_department_share``.
    """
    units: dict[str, list[str]] = {}
    for node, unit in graph.nodes(data="business_unit"):
        units.setdefault(unit, []).append(node)
    cross = interactions["actor_department"] != interactions["counterpart_department"]
    by_unit = (
        interactions.assign(cross=cross).groupby("business_unit")["cross"].agg(["size", "sum"])
    )
    rows = []
    for unit, members in sorted(units.items()):
        subgraph = graph.subgraph(members)
        total = int(by_unit["size"].get(unit, 0))
        rows.append(
            {
                "business_unit": unit,
                "department_density": density(subgraph),
                "degree_centralisation": degree_centralisation(subgraph),
                "interactions": total,
                "cross_department_share": (
                    float(by_unit["sum"].get(unit, 0)) / total if total else float("nan")
                ),
            }
        )
    return pd.DataFrame(rows)
