"""Frames written as CSV exactly as ``DataFrame.to_csv(index=False)`` writes them on
Python 3.13, faster, on every Python.

Python 3.13's ``csv`` module (which pandas uses) quotes a bare carriage return;
3.11 and 3.12 leave it bare, so any reader takes it for the end of the line and
the value is lost: frames pandas must write go through :func:`pandas_csv`.

Text, number and time stamp columns are each turned into text in one step in Arrow
(floats as Python's ``repr`` spells them, which is what pandas writes) and joined
in Arrow. Columns of any other kind (categoricals, nullable integers, mixed objects, time
stamps with fractions of a second) make the whole frame go through pandas, so the
text is always the same (tested with hypothesis).

Example
-------
>>> import pandas as pd
>>> csv_bytes(pd.DataFrame({"a": ["x", "y,z"], "b": [1.5, float("nan")]}))
b'a,b\\nx,1.5\\n"y,z",\\n'
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from orgsocial.scale.fastops import is_arrow_text, string_buffers

#: A cell holding one of these is quoted (as Python 3.13's csv quotes with "\n" line ends).
_QUOTE_CHARACTERS = '",\n\r'
_NEEDS_QUOTES = "[" + _QUOTE_CHARACTERS + "]"  # none of them is special in a class
#: Their bytes: a column holding none of them needs no quoting (no regex per cell).
_QUOTE_BYTES = np.frombuffer(_QUOTE_CHARACTERS.encode(), dtype=np.uint8)


def _quoted(text: pa.Array) -> pa.Array:
    offsets, data = string_buffers(text)
    if not np.isin(data[offsets[0] : offsets[-1]], _QUOTE_BYTES).any():
        return text  # else some cell holds one of them: it needs quoting
    needs = pc.fill_null(pc.match_substring_regex(text, _NEEDS_QUOTES), False)
    escaped = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
    return pc.if_else(needs, escaped, text)


def _column_text(values: pd.Series) -> pa.Array | None:
    """The column's cells as text, or None when pandas must write it."""
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype) and dtype == np.dtype(bool):
        return pc.if_else(pa.array(values.to_numpy()), "True", "False")
    if dtype == np.dtype("int64") or dtype == np.dtype("int32"):
        return pc.cast(pa.array(values.to_numpy()), pa.string())
    if dtype == np.dtype("float64"):
        return _float_text(values.to_numpy())
    if isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == "UTC":
        stamps = values.to_numpy(dtype="datetime64[us]")
        present = ~np.isnat(stamps)
        if (stamps[present].astype("int64") % 1_000_000).any():
            return None  # pandas writes fractions of a second; leave it to pandas
        text = pc.cast(pa.array(stamps).cast(pa.timestamp("s")), pa.string())  # 2026-07-01 09:30:00
        return pc.fill_null(pc.binary_join_element_wise(text, "+00:00", ""), "")
    if is_arrow_text(dtype):
        return _quoted(pc.fill_null(pa.array(values, pa.string(), from_pandas=True), ""))
    return None


def _float_text(numbers: np.ndarray) -> pa.Array:
    """Each float as Python's ``repr`` writes it (what pandas writes); NaN as empty.

    Arrow's cast gives the same shortest digits but spells some numbers its own
    way (``100`` for ``100.0``, ``0.00001`` for ``1e-05``, exponents from
    ``1e+15``): ``.0`` is added where a number has no point, and numbers that
    Python writes with an exponent (below 1e-4 or from 1e16) or that Arrow
    wrote with one are spelled by ``repr`` one by one -- usually none.
    """
    text = pc.cast(pa.array(numbers), pa.string())
    magnitude = np.abs(numbers)
    with np.errstate(invalid="ignore"):
        by_repr = ((magnitude < 1e-4) & (magnitude > 0)) | (magnitude >= 1e16)
    by_repr |= pc.match_substring(text, "e").to_numpy(zero_copy_only=False)
    no_point = ~pc.match_substring(text, ".").to_numpy(zero_copy_only=False)
    text = pc.if_else(
        pa.array(no_point & ~by_repr), pc.binary_join_element_wise(text, ".0", ""), text
    )
    missing = np.isnan(numbers)
    if by_repr.any():
        chosen = by_repr & ~missing
        text = pc.replace_with_mask(
            text,
            pa.array(chosen),
            pa.array([repr(x) for x in numbers[chosen].tolist()], pa.string()),
        )
    return pc.if_else(pa.array(missing), "", text)


#: Frames with more rows are formatted in blocks of this many rows, two at a time
#: (Arrow releases the interpreter's lock).
BLOCK_ROWS = 250_000


#: Outside a quoted field, a line end; a quoted field is kept whole.
_ROW_END = re.compile(r'("(?:[^"]|"")*")|\r\n')


def pandas_csv(frame: pd.DataFrame) -> str:
    r"""``frame.to_csv(index=False)`` as Python 3.13 writes it, on any version.

    Asked for ``\r\n`` line ends, the ``csv`` module quotes every cell holding a
    ``\r`` or a ``\n``; each line end outside a quoted cell then becomes ``\n``.

    Examples
    --------
    >>> pandas_csv(pd.DataFrame({"a": ["x\ry", "z"]}))
    'a\n"x\ry"\nz\n'
    """
    text = frame.to_csv(index=False, lineterminator="\r\n")
    return _ROW_END.sub(lambda found: found.group(1) or "\n", text)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame.to_csv(index=False)`` (as Python 3.13 writes it) encoded as UTF-8."""
    named = frame.columns.map(lambda name: isinstance(name, str)).all()
    if frame.empty or len(frame.columns) < 2 or not named:  # one column: "" rows are quoted
        return pandas_csv(frame).encode("utf-8")
    blocks = [frame.iloc[start : start + BLOCK_ROWS] for start in range(0, len(frame), BLOCK_ROWS)]
    if len(blocks) == 1:
        bodies = [_body(frame)]
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:
            bodies = list(pool.map(_body, blocks))
    if any(body is None for body in bodies):
        return pandas_csv(frame).encode("utf-8")
    header = ",".join(_quoted(pa.array([str(name) for name in frame.columns])).to_pylist())
    return b"".join([(header + "\n").encode("utf-8"), *bodies])


def _body(frame: pd.DataFrame) -> bytes | None:
    """The rows of ``frame`` as CSV, or None when pandas must write them."""
    columns = []
    for name in frame.columns:
        text = _column_text(frame[name])
        if text is None:
            return None
        columns.append(text)
    # each row and its line end (added to the last cell: a shorter copy than of
    # whole rows), in one contiguous buffer
    columns[-1] = pc.binary_join_element_wise(columns[-1], "\n", "")
    offsets, data = string_buffers(pc.binary_join_element_wise(*columns, ","))
    return data[offsets[0] : offsets[-1]].tobytes()


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write :func:`csv_bytes` of ``frame`` to ``path``."""
    path.write_bytes(csv_bytes(frame))


__all__ = ["csv_bytes", "pandas_csv", "write_csv"]
