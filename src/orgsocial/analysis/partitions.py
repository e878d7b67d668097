"""Comparing two partitions of the same items (e.g. Louvain communities vs departments)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd


def normalized_mutual_information(first: Sequence, second: Sequence) -> float:
    """NMI with the arithmetic-mean normalisation: 1 for identical partitions, 0 for independent.

    Two partitions that each put everything in one group are identical (1.0).

    Examples
    --------
    >>> normalized_mutual_information(["a", "a", "b", "b"], [1, 1, 2, 2])
    1.0
    >>> normalized_mutual_information(["a", "a", "b", "b"], [1, 2, 1, 2])
    0.0
    """
    if len(first) != len(second):
        raise ValueError("partitions of different lengths")
    n = len(first)
    if n == 0:
        return float("nan")
    table = _contingency(first, second) / n
    p_first = table.sum(axis=1)
    p_second = table.sum(axis=0)
    mutual = sum(
        table[i, j] * math.log(table[i, j] / (p_first[i] * p_second[j]))
        for i in range(table.shape[0])
        for j in range(table.shape[1])
        if table[i, j] > 0
    )
    entropy_first = -sum(p * math.log(p) for p in p_first if p > 0)
    entropy_second = -sum(p * math.log(p) for p in p_second if p > 0)
    if entropy_first == 0 and entropy_second == 0:
        return 1.0
    return round(float(2 * mutual / (entropy_first + entropy_second)), 12)


def _contingency(first: Sequence, second: Sequence) -> np.ndarray:
    """``pd.crosstab(first, second)`` as counts: labels sorted, pairs with a missing
    label left out (a count per pair of codes, not a pandas pivot)."""
    first_codes = pd.factorize(pd.Series(list(first)), sort=True)[0]
    second_codes = pd.factorize(pd.Series(list(second)), sort=True)[0]
    both = (first_codes >= 0) & (second_codes >= 0)
    # only labels seen beside a label of the other partition make a row or column
    rows, first_codes = np.unique(first_codes[both], return_inverse=True)
    columns, second_codes = np.unique(second_codes[both], return_inverse=True)
    counts = np.bincount(
        first_codes * len(columns) + second_codes, minlength=len(rows) * len(columns)
    )
    return counts.reshape(len(rows), len(columns)).astype("float64")
