"""The person network summarised per department and unit."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.analysis.communities import normalized_mutual_information
from orgsocial.analysis.network import ei_index, louvain_membership, partition_modularity
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


def louvain_of_pairs(
    first: pd.Series, second: pd.Series, weights: pd.Series, seed: int = 1
) -> dict:
    """Louvain communities of the graph whose edges are the rows, as node -> community
    number (nodes in order of first appearance), for the measures on names below.

    Two triangles joined by one edge:

    >>> a = pd.Series([0, 1, 0, 3, 4, 3, 2])
    >>> b = pd.Series([1, 2, 2, 4, 5, 5, 3])
    >>> groups = louvain_of_pairs(a, b, pd.Series([1.0] * 7))
    >>> groups[0] == groups[1] == groups[2] != groups[3] == groups[4] == groups[5]
    True
    """
    codes, nodes = pd.factorize(pd.concat([first, second], ignore_index=True))
    first_codes, second_codes = codes.reshape(2, -1)
    membership = louvain_membership(
        first_codes, second_codes, weights.to_numpy("float64"), len(nodes), seed
    )
    return dict(zip(nodes.tolist(), membership.tolist(), strict=True))


def _unit_people_measures_on_names(pairs: pd.DataFrame, unit_of: pd.Series) -> pd.DataFrame:
    """The measures computed unit by unit on the names (the code before integer codes)."""
    frame = pairs.assign(
        unit_a=pairs["department_a"].map(unit_of), unit_b=pairs["department_b"].map(unit_of)
    )
    rows = []
    for unit, ties in frame.loc[frame["unit_a"] == frame["unit_b"]].groupby("unit_a"):
        cross = ties["department_a"] != ties["department_b"]
        department_of = dict(zip(ties["person_a"], ties["department_a"], strict=True))
        department_of.update(zip(ties["person_b"], ties["department_b"], strict=True))
        communities = louvain_of_pairs(ties["person_a"], ties["person_b"], ties["weight"], 1)
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
    return pd.DataFrame(rows, columns=list(unit_people_measures(pairs.iloc[0:0], unit_of).columns))


people_strategy = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 11), st.integers(1, 4)), max_size=40
)


@settings(max_examples=100, deadline=None)
@given(people_strategy)
def test_unit_measures_on_codes_equal_the_measures_on_names(edges):
    # person p works in department p % 4; departments D0, D1 in unit U, D2 in V, D3 in none
    rows = [(f"p{min(a, b)}", f"p{max(a, b)}", weight) for a, b, weight in edges if a != b]
    frame = pd.DataFrame(rows, columns=["person_a", "person_b", "weight"])
    frame = frame.groupby(["person_a", "person_b"], as_index=False)["weight"].sum()
    for end in ("a", "b"):
        frame[f"department_{end}"] = "D" + (frame[f"person_{end}"].str[1:].astype(int) % 4).astype(
            str
        )
    unit_of = pd.Series({"D0": "U", "D1": "U", "D2": "V"})
    expected = _unit_people_measures_on_names(frame, unit_of)
    got = unit_people_measures(frame, unit_of, 1)
    pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=False)


def _interactions_of(rows: list[tuple]) -> pd.DataFrame:
    """(actor, counterpart, count) rows; a person's department is the first letter of
    their id, upper-cased (missing for a missing person)."""
    frame = pd.DataFrame(rows, columns=["actor_id", "counterpart_id", "interactions"])
    frame = frame.astype({"actor_id": "str", "counterpart_id": "str"})
    frame["actor_department"] = frame["actor_id"].str[:1].str.upper()
    frame["counterpart_department"] = frame["counterpart_id"].str[:1].str.upper()
    return frame


def _person_pairs_by_group_by(interactions: pd.DataFrame) -> pd.DataFrame:
    """person_pairs as a pandas group-by on the names (the code before integer codes)."""
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
            "weight": interactions["interactions"].astype("int64"),
        }
    )
    return (
        frame.groupby(["person_a", "person_b", "department_a", "department_b"], sort=True)["weight"]
        .sum()
        .reset_index()
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "B", "é", "a10", "a9", None]),
            st.sampled_from(["a", "b", "c", "a9", None]),
            st.integers(1, 5),
        ),
        max_size=40,
    )
)
def test_person_pairs_on_codes_equal_the_group_by_on_names(rows):
    from orgsocial.analysis import people

    frame = _interactions_of(rows)
    expected = _person_pairs_by_group_by(frame)
    pd.testing.assert_frame_equal(person_pairs(frame), expected, check_exact=True)
    packed_limit = people._PACKED_LIMIT
    try:  # the other way: too many key combinations to pack
        people._PACKED_LIMIT = 1
        pd.testing.assert_frame_equal(person_pairs(frame), expected, check_exact=True)
    finally:
        people._PACKED_LIMIT = packed_limit


def _person_measures_by_group_by(pairs: pd.DataFrame) -> pd.DataFrame:
    """person_measures as a pandas group-by on the names (the code before integer codes)."""
    ends = {"a": ("a", "b"), "b": ("b", "a")}
    both = pd.concat(
        [
            pairs.rename(
                columns={
                    f"person_{me}": "employee_id",
                    f"department_{me}": "department",
                    f"person_{other}": "partner",
                    f"department_{other}": "partner_department",
                }
            )
            for me, other in ends.values()
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


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "B", "é", "a10", "a9"]),
            st.sampled_from(["a", "b", "c", "a9", "d"]),
            st.integers(1, 5),
        ),
        max_size=40,
    )
)
def test_person_measures_on_codes_equal_the_group_by_on_names(rows):
    pairs = person_pairs(_interactions_of(rows))
    pd.testing.assert_frame_equal(
        person_measures(pairs), _person_measures_by_group_by(pairs), check_exact=True
    )
