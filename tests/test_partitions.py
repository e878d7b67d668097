"""Normalised mutual information between partitions."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.analysis.partitions import _contingency
from orgsocial.analysis.partitions import normalized_mutual_information as nmi


def test_identical_independent_and_refined_partitions():
    assert nmi("aabb", "xxyy") == 1.0
    assert nmi("aabb", "xyxy") == 0.0
    # splitting one group in two: I = H(first) = ln 2, H(second) = 1.5 ln 2 -> 2/2.5
    assert nmi("aabb", "xxyz") == pytest.approx(0.8)
    assert math.isnan(nmi([], []))


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=40))
def test_nmi_is_symmetric_and_between_0_and_1(pairs):
    first, second = zip(*pairs, strict=True)
    value = nmi(first, second)
    assert 0.0 <= value <= 1.0 + 1e-9
    assert value == pytest.approx(nmi(second, first))


labels = st.one_of(st.none(), st.sampled_from(["b", "a", "10", "9", "Zoë"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(labels, st.one_of(st.none(), st.integers(0, 4))), max_size=40))
def test_the_contingency_table_is_the_crosstab(pairs):
    first, second = (list(side) for side in zip(*pairs, strict=True)) if pairs else ([], [])
    expected = pd.crosstab(pd.Series(first, dtype=object), pd.Series(second, dtype=object))
    assert _contingency(first, second).tolist() == expected.to_numpy().astype(float).tolist()
