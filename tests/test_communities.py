"""Normalised mutual information between partitions."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.analysis.communities import normalized_mutual_information as nmi


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


def reference_nmi(first, second) -> float:
    """The formula by hand (the package asks igraph): 2 I / (H1 + H2) over the crosstab of
    the items labelled in both partitions; both in one group: 1."""
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    if not pairs:
        return float("nan")
    table = pd.crosstab(pd.Series([a for a, _ in pairs]), pd.Series([b for _, b in pairs]))
    p = table.to_numpy(dtype=float) / len(pairs)
    rows, columns = p.sum(axis=1), p.sum(axis=0)
    mutual = sum(
        p[i, j] * math.log(p[i, j] / (rows[i] * columns[j]))
        for i in range(p.shape[0])
        for j in range(p.shape[1])
        if p[i, j] > 0
    )
    entropies = -sum(x * math.log(x) for x in rows) - sum(x * math.log(x) for x in columns)
    return 1.0 if entropies == 0 else 2 * mutual / entropies


labels = st.one_of(st.none(), st.sampled_from(["b", "a", "10", "9", "Zoë"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(labels, st.one_of(st.none(), st.integers(0, 4))), max_size=40))
def test_igraph_gives_the_formula_by_hand_missing_labels_left_out(pairs):
    first, second = (list(side) for side in zip(*pairs, strict=True)) if pairs else ([], [])
    expected = reference_nmi(first, second)
    found = nmi(first, second)
    if math.isnan(expected):
        assert math.isnan(found)
    else:
        assert found == pytest.approx(expected, abs=1e-9)


def test_numpy_labels_give_the_same_as_lists():
    first = np.array([3, 3, 1, 1, 2, 2, 2])
    second = np.array([0, 0, 0, 1, 1, 1, 1])
    assert nmi(first, second) == nmi(first.tolist(), second.tolist())


def _in_fresh_interpreter(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_analysis_imports_igraph_without_matplotlib():
    """igraph imports matplotlib.pyplot for its plotting (0.3-0.45 s of every analysis);
    the analysis hides it, and a later plain import of matplotlib is the real one."""
    said = _in_fresh_interpreter(
        "import sys\n"
        "from orgsocial.analysis.communities import load_igraph, normalized_mutual_information\n"
        "print(normalized_mutual_information('aabb', 'xxyy'), 'matplotlib' in sys.modules)\n"
        "import matplotlib.pyplot\n"
        "print(matplotlib.pyplot.figure is not None)\n"
    )
    assert said.split() == ["1.0", "False", "True"]


def test_igraph_is_imported_plainly_where_matplotlib_is_loaded():
    said = _in_fresh_interpreter(
        "import matplotlib\n"
        "from orgsocial.analysis.communities import load_igraph\n"
        "import igraph.drawing.shapes as shapes\n"
        "print(load_igraph().__name__, shapes.mpl is matplotlib)\n"
    )
    assert said.split() == ["igraph", "True"]
