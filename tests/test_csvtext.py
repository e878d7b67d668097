"""Our CSV writer gives byte for byte what ``DataFrame.to_csv(index=False)`` gives on
Python 3.13, on every Python: a cell with a bare carriage return is quoted (3.11 and
3.12 leave it bare, and a reader loses the value)."""

from __future__ import annotations

import io
import sys
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.io import csvtext
from orgsocial.io.csvtext import csv_bytes, pandas_csv

#: Python 3.13's csv quotes a bare "\r" (the text our writer gives on every version).
QUOTES_CR = sys.version_info >= (3, 13)


def expected(frame: pd.DataFrame) -> bytes:
    """What pandas writes, as Python 3.13 writes it."""
    text = frame.to_csv(index=False) if QUOTES_CR else pandas_csv(frame)
    return text.encode("utf-8")


texts = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["a,b", 'say "hi"', "x\ny", "=1+1", "", "a\rb", "x\r\ny", "\r"]),
)
floats = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.1, 1e-05, 2.0, -0.0, 1e16, 1234567890123456.7, 1e-7]),
)
seconds = st.integers(-(10**9), 4 * 10**9)


@st.composite
def frames(draw):
    rows = draw(st.integers(1, 25))
    columns = {}
    kind_names = ["text", "float", "int", "bool", "time", "micro"]
    kinds = draw(st.lists(st.sampled_from(kind_names), min_size=1, max_size=6))
    listed = {"min_size": rows, "max_size": rows}
    for number, kind in enumerate(kinds):
        name = draw(st.sampled_from([f"c{number}", f"c,{number}", f'c"{number}']))
        if kind == "text":
            columns[name] = pd.Series(draw(st.lists(texts, **listed)), dtype="str")
        elif kind == "float":
            columns[name] = pd.Series(draw(st.lists(floats, **listed)))
        elif kind == "int":
            values = draw(st.lists(st.integers(-(2**62), 2**62), **listed))
            columns[name] = pd.Series(values, dtype="int64")
        elif kind == "bool":
            columns[name] = pd.Series(draw(st.lists(st.booleans(), **listed)))
        else:
            stamps = pd.to_datetime(draw(st.lists(seconds, **listed)), unit="s", utc=True).astype(
                "datetime64[us, UTC]"
            )
            if kind == "micro":
                stamps = stamps + pd.to_timedelta(np.arange(rows) % 2, unit="us")
            stamps = stamps.where(np.array(draw(st.lists(st.booleans(), **listed))))
            columns[name] = pd.Series(stamps)
    return pd.DataFrame(columns)


@settings(max_examples=300, deadline=None)
@given(frames())
def test_csv_bytes_equal_pandas(frame):
    assert csv_bytes(frame) == expected(frame)


@settings(max_examples=150, deadline=None)
@given(frames(), st.integers(1, 8))
def test_csv_bytes_of_a_frame_formatted_in_blocks_equal_pandas(frame, block_rows):
    with mock.patch.object(csvtext, "BLOCK_ROWS", block_rows):
        assert csv_bytes(frame) == expected(frame)


def test_a_block_that_pandas_must_write_sends_the_whole_frame_to_pandas():
    # a fraction of a second in the last block only: pandas then writes every time
    # stamp of the column with its fraction, so no block may be written on its own
    stamps = pd.to_datetime([0, 1, 2, 3], unit="s", utc=True).astype("datetime64[us, UTC]")
    stamps = stamps + pd.to_timedelta([0, 0, 0, 5], unit="us")
    frame = pd.DataFrame({"when": stamps, "n": [1, 2, 3, 4]})
    with mock.patch.object(csvtext, "BLOCK_ROWS", 2):
        assert csv_bytes(frame) == expected(frame)


def test_other_kinds_go_through_pandas():
    frame = pd.DataFrame({"n": pd.array([1, None], dtype="Int64"), "c": pd.Categorical(["a", "b"])})
    assert csv_bytes(frame) == expected(frame)


@settings(max_examples=200, deadline=None)
@given(frames())
def test_without_a_carriage_return_the_text_is_pandas_own_on_any_python(frame):
    if frame.map(lambda cell: isinstance(cell, str) and "\r" in cell).any().any():
        return
    assert pandas_csv(frame) == frame.to_csv(index=False)


@pytest.mark.parametrize("cell", ["a\rb", "\r", "x\r\ny", "end\r"])
def test_a_carriage_return_survives_the_round_trip(cell):
    frame = pd.DataFrame({"name": [cell, "plain"], "n": [1, 2]})
    for text in (csv_bytes(frame).decode(), pandas_csv(frame[["name"]])):
        back = pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)
        assert back["name"].tolist() == [cell, "plain"], repr(text)


@pytest.mark.skipif(not QUOTES_CR, reason="pandas quotes a bare \\r itself from Python 3.13")
@settings(max_examples=100, deadline=None)
@given(frames())
def test_on_python_3_13_the_quoting_is_pandas_own(frame):
    assert pandas_csv(frame) == frame.to_csv(index=False)
