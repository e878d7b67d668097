"""The person-to-person network, summarised per department and unit (no person leaves here).

Person-level numbers (partners, departments reached) are computed to describe
groups: how many connectors a department has, whether the communities people
form follow department lines. Only group figures are returned.
"""

from __future__ import annotations

import pandas as pd

from orgsocial.analysis.interactions import interaction_weights
from orgsocial.analysis.network import (
    ei_index,
    group_lookup,
    louvain_of_pairs,
    partition_modularity,
)
from orgsocial.analysis.partitions import normalized_mutual_information


def person_pairs(interactions: pd.DataFrame) -> pd.DataFrame:
    """Undirected person pairs with their interaction count (``person_a < person_b``).

    Returns
    -------
    pandas.DataFrame
        ``person_a``, ``person_b``, ``weight``, ``department_a``, ``department_b``.
    """
    actor = interactions["actor_id"].astype("str")
    other = interactions["counterpart_id"].astype("str")
    first = actor < other
    frame = pd.DataFrame(
        {
            "person_a": actor.where(first, other),
            "person_b": other.where(first, actor),
            "department_a": interactions["actor_department"].where(
                first, interactions["counterpart_department"]
            ),
            "department_b": interactions["counterpart_department"].where(
                first, interactions["actor_department"]
            ),
            "weight": interaction_weights(interactions),
        }
    )
    return (
        frame.groupby(["person_a", "person_b", "department_a", "department_b"], sort=True)["weight"]
        .sum()
        .reset_index()
    )


def person_measures(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per person with at least one tie: partners, interactions, other departments reached.

    Returns
    -------
    pandas.DataFrame
        ``employee_id``, ``department``, ``partners``, ``strength``,
        ``departments_reached`` (departments other than their own among partners).
    """
    both = pd.concat(
        [
            pairs.rename(
                columns={
                    "person_a": "employee_id",
                    "department_a": "department",
                    "person_b": "partner",
                    "department_b": "partner_department",
                }
            ),
            pairs.rename(
                columns={
                    "person_b": "employee_id",
                    "department_b": "department",
                    "person_a": "partner",
                    "department_a": "partner_department",
                }
            ),
        ],
        ignore_index=True,
    )
    other_department = both["partner_department"].where(
        both["partner_department"] != both["department"]
    )
    grouped = both.assign(other_department=other_department).groupby(
        ["employee_id", "department"], sort=True
    )
    return grouped.agg(
        partners=("partner", "nunique"),
        strength=("weight", "sum"),
        departments_reached=("other_department", "nunique"),
    ).reset_index()


def department_connectors(people: pd.DataFrame, min_departments: int) -> pd.DataFrame:
    """Per department: ``connectors`` (people with ties into at least ``min_departments``
    other departments) and ``partners_median`` (median partners of its tied people)."""
    connector = people["departments_reached"] >= min_departments
    return (
        people.assign(connector=connector)
        .groupby("department")
        .agg(connectors=("connector", "sum"), partners_median=("partners", "median"))
    )


def unit_people_measures(pairs: pd.DataFrame, unit_of: pd.Series, seed: int = 1) -> pd.DataFrame:
    """Per business unit, on the ties between its own people.

    ``ei_index_people``: E-I index on interactions (cross-department vs
    within-department); ``cross_department_tie_share``: share of distinct person
    pairs that cross departments; ``modularity_departments``: modularity of the
    department partition (high = silos); ``louvain_communities`` and
    ``louvain_department_nmi``: how far the communities people actually form
    match department lines (1 = exactly the departments).

    Parameters
    ----------
    pairs
        :func:`person_pairs`.
    unit_of
        Department -> business unit.
    seed
        Louvain's random seed (fixed so results repeat).
    """
    frame = pairs.assign(
        unit_a=pairs["department_a"].map(unit_of), unit_b=pairs["department_b"].map(unit_of)
    )
    inside = frame.loc[frame["unit_a"] == frame["unit_b"]]
    rows = []
    for unit, ties in inside.groupby("unit_a", sort=True):
        cross = ties["department_a"] != ties["department_b"]
        department_of = group_lookup(ties, (ties["department_a"], ties["department_b"]))
        communities = louvain_of_pairs(ties["person_a"], ties["person_b"], ties["weight"], seed)
        people = list(department_of)
        rows.append(
            {
                "business_unit": unit,
                "ei_index_people": ei_index(
                    float(ties.loc[cross, "weight"].sum()), float(ties.loc[~cross, "weight"].sum())
                ),
                "cross_department_tie_share": float(cross.mean()),
                "modularity_departments": partition_modularity(
                    ties, (ties["department_a"], ties["department_b"])
                ),
                "louvain_communities": len(set(communities.values())),
                "louvain_department_nmi": normalized_mutual_information(
                    [department_of[p] for p in people], [communities[p] for p in people]
                ),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "business_unit",
            "ei_index_people",
            "cross_department_tie_share",
            "modularity_departments",
            "louvain_communities",
            "louvain_department_nmi",
        ],
    )
