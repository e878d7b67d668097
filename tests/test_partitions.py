"""Normalised mutual information between partitions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
