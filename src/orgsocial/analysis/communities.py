"""Comparing two partitions of the same items (e.g. Louvain communities vs departments)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from types import ModuleType

import numpy as np
import pandas as pd

_IMPORTING = threading.Lock()


def load_igraph() -> ModuleType:
    """igraph, without the matplotlib it imports for its plotting, which orgsocial never uses.

    Where matplotlib is not loaded yet, igraph is imported with it hidden and falls back
    on its own placeholder: igraph's plotting then fails in this interpreter, nothing
    else does. Where it is loaded (a report kernel), a plain import.
    """
    with _IMPORTING:
        if "igraph" not in sys.modules and "matplotlib" not in sys.modules:
            sys.modules["matplotlib"] = None  # type: ignore[assignment]  # ImportError
            try:
                import igraph
            finally:
                del sys.modules["matplotlib"]
    import igraph

    return igraph


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
    igraph = load_igraph()

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
