"""The contract's interaction rule on a hand-built dataset (counted in conftest.py)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.analysis.interactions import (
    department_edges,
    employee_interactions,
    interaction_weights,
    within_department_ties,
)
from orgsocial.analysis.people import person_pairs
from orgsocial.io.dataset import load_dataset
from orgsocial.scale import events


def department_interactions(interactions: pd.DataFrame) -> pd.DataFrame:
    """Directed interaction counts between departments (within-department ties included),
    summed from person pairs: the reference the pipeline's sums are checked against."""
    return (
        interactions.assign(interactions=interaction_weights(interactions))
        .groupby(["actor_department", "counterpart_department"], observed=True)["interactions"]
        .sum()
        .reset_index()
    )


def test_interactions_follow_the_contract(dataset_folder):
    dataset = load_dataset(dataset_folder())
    interactions = employee_interactions(dataset.activity, dataset.employees)
    pairs = sorted(zip(interactions["actor_id"], interactions["counterpart_id"], strict=True))
    # e2 m2->s1, e3 s1->m1 (reply to e1), e4 m1->m2, e6 o1->m3, e7 t1->s2, e12 m2->s3 (target
    # wins over in_reply_to); e5 is to self, e9/e10 answer an outside inquiry: no interaction
    assert pairs == [
        ("m1", "m2"),
        ("m2", "s1"),
        ("m2", "s3"),
        ("o1", "m3"),
        ("s1", "m1"),
        ("t1", "s2"),
    ]


def test_department_edges_are_undirected_sorted_and_cross_only(dataset_folder):
    dataset = load_dataset(dataset_folder())
    edges = department_edges(employee_interactions(dataset.activity, dataset.employees))
    assert edges.to_dict("records") == [
        {"source": "Marketing", "target": "Ops", "weight": 1},
        {"source": "Marketing", "target": "Service", "weight": 3},
        {"source": "Service", "target": "Tiny", "weight": 1},
    ]


def test_directed_counts_and_within_ties(dataset_folder):
    dataset = load_dataset(dataset_folder())
    interactions = employee_interactions(dataset.activity, dataset.employees)
    directed = department_interactions(interactions)
    lookup = directed.set_index(["actor_department", "counterpart_department"])["interactions"]
    assert lookup[("Marketing", "Service")] == 2
    assert lookup[("Service", "Marketing")] == 1
    assert within_department_ties(interactions).to_dict() == {"Marketing": 1}


def test_department_names_sort_as_strings():
    interactions = pd.DataFrame({"actor_department": ["9"], "counterpart_department": ["10"]})
    assert department_edges(interactions).to_dict("records") == [
        {"source": "10", "target": "9", "weight": 1}
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("ABCD"), st.sampled_from("ABCD")), min_size=0, max_size=60),
    st.randoms(use_true_random=False),
)
def test_edges_total_equals_cross_interactions_whatever_the_order(pairs, rnd):
    frame = pd.DataFrame(pairs, columns=["actor_department", "counterpart_department"])
    shuffled = frame.sample(frac=1.0, random_state=rnd.randint(0, 10**6))
    edges = department_edges(frame)
    assert edges.equals(department_edges(shuffled))
    assert int(edges["weight"].sum()) == sum(a != b for a, b in pairs)
    assert (edges["source"] < edges["target"]).all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ABCD"), st.sampled_from("ABCD"), st.integers(1, 5)),
        max_size=40,
    )
)
def test_department_sums_from_the_directed_table_equal_those_from_person_pairs(rows):
    # the pipeline sums departments from department_interactions, not from the pairs
    pairs = pd.DataFrame(
        rows, columns=["actor_department", "counterpart_department", "interactions"]
    ).astype({"actor_department": "str", "counterpart_department": "str"})
    directed = department_interactions(pairs)
    pd.testing.assert_frame_equal(department_edges(directed), department_edges(pairs))
    pd.testing.assert_series_equal(within_department_ties(directed), within_department_ties(pairs))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["9", "10", "Zoë", "Ärzte", "Sales", None]), min_size=1, max_size=8),
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 7), st.integers(0, 7), st.integers(1, 9)),
        max_size=40,
    ),
    st.sets(st.integers(-1, 3)),
)
def test_department_pair_counts_are_the_department_interactions_of_the_person_pairs(
    departments, rows, window
):
    employees = pd.DataFrame(
        {
            "employee_id": [f"p{9 - n}" if n % 2 else f"p{n}é" for n in range(len(departments))],
            "department": pd.Series(departments, dtype="str"),
        }
    )
    people = events.people_dtype(employees)
    rows = [(b, a % len(departments), c % len(departments), n) for b, a, c, n in rows]
    columns = [[row[n] for row in rows] for n in range(4)]
    bucket, actor, counterpart, count = columns
    pairs = pd.DataFrame(
        {
            "bucket": pd.Series(bucket, dtype="int64"),
            "actor_id": pd.Categorical.from_codes(actor, dtype=people),
            "counterpart_id": pd.Categorical.from_codes(counterpart, dtype=people),
            "interactions": pd.Series(count, dtype="int64"),
        }
    )
    empty = pd.DataFrame()
    summary = events.EventSummary(empty, empty, pairs, empty, empty, empty, empty, empty)
    chosen = sorted(window)
    counted = events.pair_counts(summary, chosen, employees)
    expected = department_interactions(counted)
    # pair_counts gives departments as categoricals (sorted), which the group-by keeps
    expected = expected.astype({"actor_department": "str", "counterpart_department": "str"})
    got = events.department_pair_counts(summary, chosen, employees)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    # its categoricals (categories sorted) give the person pairs of its text
    as_text = counted.astype({column: "str" for column in counted.columns[:4]})
    as_text = as_text.mask(counted.isna())
    pd.testing.assert_frame_equal(
        person_pairs(counted).astype({"department_a": "str", "department_b": "str"}),
        person_pairs(as_text),
    )
