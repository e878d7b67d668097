"""Small-group suppression."""

from __future__ import annotations

import pandas as pd

from orgsocial.analysis.privacy import SMALL_GROUPS, merge_small_in_edges, suppress_rows


def test_suppress_rows_marks_and_blanks():
    frame = pd.DataFrame({"department": ["a", "b"], "headcount": [4, 5], "events": [9, 9]})
    out = suppress_rows(frame, frame["headcount"], 5, ["headcount", "events"])
    assert out["suppressed"].tolist() == [True, False]
    assert out["department"].tolist() == ["a", "b"]
    assert out["events"].isna().tolist() == [True, False]


def test_small_departments_merge_into_one_node_and_inside_weight_is_reported():
    edges = pd.DataFrame(
        {
            "source": ["a", "a", "b", "s1"],
            "target": ["s1", "s2", "s2", "s2"],
            "weight": [1, 2, 4, 8],
        }
    )
    merged, hidden = merge_small_in_edges(edges, frozenset({"s1", "s2"}))
    assert merged.to_dict("records") == [
        {"source": "a", "target": SMALL_GROUPS, "weight": 3},
        {"source": "b", "target": SMALL_GROUPS, "weight": 4},
    ]
    assert hidden == 8
    assert merged["weight"].sum() + hidden == edges["weight"].sum()
