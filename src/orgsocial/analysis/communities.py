"""Comparing two partitions of the same items (e.g. Louvain communities vs departments)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def normalized_mutual_information(first: Sequence, second: Sequence) -> float:
    """NMI with the arithmetic-mean normalisation (Danon et al.: 2 I / (H1 + H2)): 1 for
    identical partitions, 0 for independent; igraph's ``compare_communities``.

    Items with a missing label in either partition are left out; two partitions that
    each put everything in one group are identical (1.0); no items: NaN.

    Examples
    --------
    >>> normalized_mutual_information(["a", "a", "b", "b"], [1, 1, 2, 2])
    1.0
    >>> normalized_mutual_information(["a", "a", "b", "b"], [1, 2, 1, 2])
    0.0
    """
    import igraph  # here: importing it costs about 0.45 s (it loads matplotlib)

    if len(first) != len(second):
        raise ValueError("partitions of different lengths")
    first_codes = pd.factorize(_values(first))[0]
    second_codes = pd.factorize(_values(second))[0]
    both = (first_codes >= 0) & (second_codes >= 0)
    if not both.any():
        return float("nan")
    # igraph wants memberships numbered 0..k-1 without gaps
    first_members = pd.factorize(first_codes[both])[0].tolist()
    second_members = pd.factorize(second_codes[both])[0].tolist()
    value = igraph.compare_communities(first_members, second_members, method="nmi")
    return round(float(value), 12)


def _values(labels: Sequence) -> np.ndarray | pd.Series:
    """Labels as pandas can number them: an array as it is (fast), anything else as a
    series of objects (a string is a sequence of one-letter labels)."""
    return labels if isinstance(labels, np.ndarray) else pd.Series(list(labels), dtype=object)
