"""The person-to-person network, summarised per department and unit (no person leaves here).

Person-level numbers (partners, departments reached) are computed to describe
groups: how many connectors a department has, whether the communities people
form follow department lines. Only group figures are returned.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from orgsocial.analysis.communities import normalized_mutual_information
from orgsocial.analysis.interactions import interaction_weights
from orgsocial.analysis.network import ei_index, louvain_membership, partition_modularity
from orgsocial.scale.fastops import distinct, distinct_and_inverse, group_codes, group_sums

#: Keys whose combinations number fewer than this are packed into one int64 and
#: grouped with one sort; more (a very large organisation) are sorted column by column.
_PACKED_LIMIT = 2**62


def _both_ends(
    first: pd.Series, second: pd.Series, sort: bool = True
) -> tuple[np.ndarray, pd.Index]:
    """Codes of ``first`` then ``second`` stacked (missing: -1) and the labels they number;
    with ``sort`` the codes follow the labels' sorted order, else their first appearance."""
    return pd.factorize(pd.concat([first, second], ignore_index=True), sort=sort)


def person_pairs(interactions: pd.DataFrame) -> pd.DataFrame:
    """Undirected person pairs with their interaction count: ``person_a < person_b``,
    ``department_a``, ``department_b``, ``weight``."""
    n = len(interactions)
    # ids and departments numbered in sorted order: comparing and sorting the numbers
    # is comparing and sorting the names
    person, people = _both_ends(interactions["actor_id"], interactions["counterpart_id"])
    department, departments = _both_ends(
        interactions["actor_department"], interactions["counterpart_department"]
    )
    actor, other = person[:n], person[n:]
    known = (person[:n] >= 0) & (person[n:] >= 0) & (department[:n] >= 0) & (department[n:] >= 0)
    first = actor < other
    ends = [
        np.where(first, actor, other),
        np.where(first, other, actor),
        np.where(first, department[:n], department[n:]),
        np.where(first, department[n:], department[:n]),
    ]
    ends = [end[known] for end in ends]
    weights = interaction_weights(interactions).to_numpy()[known]
    # one sortable number per row, unless four keys do not fit into 62 bits
    sizes = [max(len(people), 1)] * 2 + [max(len(departments), 1)] * 2
    if math.prod(sizes) < _PACKED_LIMIT:
        keys, inverse = group_codes(ends, sizes)
        summed = group_sums(inverse, weights, len(keys[0]))
    else:
        order = np.lexsort(ends[::-1])  # by person_a, person_b, department_a, department_b
        ordered = [end[order] for end in ends]
        starts = (
            np.flatnonzero(
                np.concatenate([[True], np.any([e[1:] != e[:-1] for e in ordered], axis=0)])
            )
            if len(order)
            else np.array([], dtype="int64")
        )
        keys = [end[starts] for end in ordered]
        summed = np.add.reduceat(weights[order], starts) if len(starts) else weights[:0]
    return pd.DataFrame(
        {
            "person_a": _names(people, keys[0], "str"),
            "person_b": _names(people, keys[1], "str"),
            "department_a": _names(departments, keys[2], interactions["actor_department"].dtype),
            "department_b": _names(departments, keys[3], interactions["actor_department"].dtype),
            "weight": summed.astype("int64"),
        }
    )


def _names(labels: pd.Index, codes: np.ndarray, dtype) -> pd.Series:
    return pd.Series(labels.take(codes), dtype=dtype)


def person_measures(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per person with at least one tie: ``partners``, ``strength`` (interactions) and
    ``departments_reached`` (departments other than their own among partners)."""
    n = len(pairs)
    # both ends of every pair, on codes numbered in sorted order (the order of the output)
    person, people = _both_ends(pairs["person_a"], pairs["person_b"])
    department, departments = _both_ends(pairs["department_a"], pairs["department_b"])
    partner = np.concatenate([person[n:], person[:n]])
    partner_department = np.concatenate([department[n:], department[:n]])
    weights = np.concatenate([pairs["weight"].to_numpy()] * 2)
    keyed = (person >= 0) & (department >= 0)  # a group-by leaves out missing keys
    sizes = max(len(people), 1), max(len(departments), 1)
    groups, inverse = distinct_and_inverse(
        person[keyed] * sizes[1] + department[keyed], sizes[0] * sizes[1]
    )

    def distinct_per_group(values: np.ndarray, size: int) -> np.ndarray:
        present = values >= 0
        pairs_seen = distinct(inverse[present] * size + values[present])
        return np.bincount(pairs_seen // size, minlength=len(groups)).astype("int64")

    partner, partner_department = partner[keyed], partner_department[keyed]
    other = np.where(partner_department != department[keyed], partner_department, -1)
    return pd.DataFrame(
        {
            "employee_id": pd.Series(
                people.take(groups // sizes[1]), dtype=pairs["person_a"].dtype
            ),
            "department": pd.Series(
                departments.take(groups % sizes[1]), dtype=pairs["department_a"].dtype
            ),
            "partners": distinct_per_group(partner, sizes[0]),
            "strength": group_sums(inverse, weights[keyed], len(groups)),
            "departments_reached": distinct_per_group(other, sizes[1]),
        }
    )


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
    """Per business unit, on the ties between its own people: the E-I index, the share of
    ties across departments, the modularity of the departments and the Louvain communities
    with their match to the departments (units.csv's columns, see docs/outputs.md).
    """
    # everything on integer codes: people by first appearance (the Louvain node order),
    # departments and units in sorted order (the order a sorted group-by sums in)
    person, _ = _both_ends(pairs["person_a"], pairs["person_b"], sort=False)
    department, department_names = _both_ends(pairs["department_a"], pairs["department_b"])
    unit_names = np.array(sorted(unit_of.dropna().unique()), dtype=object)
    unit_of_department = pd.Index(unit_names).get_indexer(
        pd.Series(department_names, dtype=object).map(unit_of)
    )
    n = len(pairs)
    unit = np.where(department >= 0, unit_of_department[np.maximum(department, 0)], -1)
    inside = (unit[:n] == unit[n:]) & (unit[:n] >= 0)
    weights = pairs["weight"].to_numpy("float64")
    department_of_person = np.full(int(person.max(initial=-1)) + 1, -1, dtype="int64")
    department_of_person[person] = department  # a person's department, from either end
    rows = []
    for code in distinct(unit[:n][inside]):
        mine = np.flatnonzero(inside & (unit[:n] == code))
        cross = department[mine] != department[n + mine]
        local, members = pd.factorize(np.concatenate([person[mine], person[n + mine]]))
        communities = louvain_membership(
            local[: len(mine)], local[len(mine) :], weights[mine], len(members), seed
        )
        ties = pd.DataFrame({"weight": weights[mine]})
        rows.append(
            {
                "business_unit": unit_names[code],
                "ei_index_people": ei_index(
                    float(ties.loc[cross, "weight"].sum()), float(ties.loc[~cross, "weight"].sum())
                ),
                "cross_department_tie_share": float(cross.mean()),
                "modularity_departments": partition_modularity(
                    ties, (department[mine], department[n + mine])
                ),
                "louvain_communities": len(set(communities.tolist())),
                "louvain_department_nmi": normalized_mutual_information(
                    department_of_person[members], communities
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
