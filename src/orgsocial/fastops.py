"""Vectorised helpers where pandas is slow on Arrow-backed strings.

``Series.isin`` against a large set of strings goes through Python objects
(about 12 s for 1M ids against 1M ids); ``pyarrow.compute.is_in`` takes about
0.5 s. Measured in benchmarks/bench_analyse.py's inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def _as_arrow(values: pd.Series | pd.Index | Iterable[str]) -> pa.Array:
    if isinstance(values, pd.Series | pd.Index):
        return pa.array(values, from_pandas=True)
    return pa.array(list(values), from_pandas=True)


def is_in(values: pd.Series, known: pd.Series | pd.Index | Iterable[str]) -> pd.Series:
    """Like ``values.isin(known)``, fast for strings; missing values are never "in".

    Examples
    --------
    >>> is_in(pd.Series(["a", None, "c"]), {"a", "b"}).tolist()
    [True, False, False]
    """
    try:
        found = pc.is_in(_as_arrow(values), value_set=_as_arrow(known), skip_nulls=True)
        mask = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        known_list = known if isinstance(known, pd.Series | pd.Index) else list(known)
        return values.isin(known_list) & values.notna()
    return pd.Series(mask, index=values.index, dtype=bool)


def map_unique(values: pd.Series, function: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a string ``function`` to the distinct values only (fast for enumerations).

    Examples
    --------
    >>> map_unique(pd.Series(["A", "B", "A"]), lambda s: s.str.lower()).tolist()
    ['a', 'b', 'a']
    """
    distinct = pd.Series(values.unique())
    mapping = pd.Series(function(distinct).to_numpy(), index=distinct.to_numpy())
    return values.map(mapping).astype(values.dtype)
