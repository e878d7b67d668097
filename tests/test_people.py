"""The person network summarised per department and unit."""

from __future__ import annotations

import pandas as pd
import pytest

from orgsocial.analysis.people import (
    department_connectors,
    person_measures,
    person_pairs,
    unit_people_measures,
)


def interactions(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["actor_id", "counterpart_id", "actor_department", "counterpart_department"]
    )


def test_pairs_are_undirected_and_counted():
    pairs = person_pairs(
        interactions([("b", "a", "Y", "X"), ("a", "b", "X", "Y"), ("a", "c", "X", "X")])
    )
    assert pairs.to_dict("records") == [
        {"person_a": "a", "person_b": "b", "department_a": "X", "department_b": "Y", "weight": 2},
        {"person_a": "a", "person_b": "c", "department_a": "X", "department_b": "X", "weight": 1},
    ]


def test_connectors_reach_other_departments():
    pairs = person_pairs(
        interactions(
            [("a", "b", "X", "Y"), ("a", "c", "X", "Z"), ("a", "d", "X", "X"), ("b", "c", "Y", "Z")]
        )
    )
    people = person_measures(pairs).set_index("employee_id")
    assert people.loc["a", "partners"] == 3
    assert people.loc["a", "departments_reached"] == 2
    assert people.loc["d", "departments_reached"] == 0
    connectors = department_connectors(people.reset_index(), min_departments=2)
    assert connectors.loc["X", "connectors"] == 1  # a
    assert connectors.loc["Y", "connectors"] == 1  # b reaches X and Z


def test_two_departments_that_keep_to_themselves_are_silos():
    # people 1-3 in X all talk to each other, 4-6 in Y too, one tie across
    rows = [(f"p{i}", f"p{j}", "X", "X") for i, j in [(1, 2), (1, 3), (2, 3)]]
    rows += [(f"p{i}", f"p{j}", "Y", "Y") for i, j in [(4, 5), (4, 6), (5, 6)]]
    rows += [("p3", "p4", "X", "Y")]
    measures = unit_people_measures(
        person_pairs(interactions(rows)), pd.Series({"X": "U", "Y": "U"})
    ).iloc[0]
    assert measures["cross_department_tie_share"] == pytest.approx(1 / 7)
    assert measures["ei_index_people"] == pytest.approx((1 - 6) / 7)
    assert measures["modularity_departments"] == pytest.approx(2 * (3 / 7 - 0.25))
    assert measures["louvain_communities"] == 2
    assert measures["louvain_department_nmi"] == pytest.approx(1.0)
