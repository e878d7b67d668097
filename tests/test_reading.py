"""Reading CSV and Parquet as text with editor line numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.errors import DatasetError
from orgsocial.io.reading import canonical_column_name, read_table
from orgsocial.io.schemas import parse_timestamps


def write_bytes(tmp_path: Path, data: bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bom_crlf_and_quoted_fields_are_read(tmp_path):
    data = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n2,3\r\n'.encode()
    table = read_table(write_bytes(tmp_path, data))
    assert list(table.frame.columns) == ["a", "b"]
    assert table.frame.loc[2].tolist() == ["x, y", 'say "hi"']
    assert table.frame.index.tolist() == [2, 3]


def test_line_numbers_count_lines_inside_quoted_values(tmp_path):
    data = b'a,b\n1,"two\nlines"\n3,4\n\n5,6\n'
    table = read_table(write_bytes(tmp_path, data))
    # header line 1; record over lines 2-3; line 4; blank line 5; line 6
    assert table.frame.index.tolist() == [2, 4, 6]
    assert table.blank_rows == 1


def test_rows_with_wrong_field_count_are_structural_rejects_with_their_line(tmp_path):
    data = b'a,b,c\n1,"x\ny",3\n4,5\n6,7,8,9\n10,11,12\n13\n'
    table = read_table(write_bytes(tmp_path, data))
    assert table.frame.index.tolist() == [2, 6]
    rejects = table.structural_rejects
    assert rejects.index.tolist() == [4, 5, 7]
    assert rejects["reason"].tolist() == [
        "has 2 fields where the header has 3",
        "has 4 fields where the header has 3",
        "has 1 field where the header has 3",  # was "has 1 fields"
    ]
    assert rejects["raw_text"].tolist() == ["4,5", "6,7,8,9", "13"]


def test_values_stay_text_and_empty_stays_empty(tmp_path):
    table = read_table(write_bytes(tmp_path, b"id,n\n007,\n"))
    assert table.frame.loc[2].tolist() == ["007", ""]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"a,a\n1,2\n", "appears more than once"),
        (b"a,,c\n1,2,3\n", "has no column name"),
        (b"a,b\n1,\xe9t\xe9\n", "line 2: the file is not UTF-8"),
        # a row that cannot be split into fields, in bytes that are not UTF-8 either
        (b"a,b\n1,2\n\xff\xfe bad bytes\n3,4\n", "line 3: the file is not UTF-8"),
    ],
)
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # no traceback
def test_unusable_csv_raises_dataset_error_naming_the_problem(tmp_path, data, message):
    with pytest.raises(DatasetError, match=message) as raised:
        read_table(write_bytes(tmp_path, data))
    assert raised.value.path.name == "t.csv"


def test_parquet_values_become_text_with_row_numbers(tmp_path):
    frame = pd.DataFrame(
        {
            "when": pd.to_datetime(["2026-07-01 10:00", None]),
            "flag": [True, False],
            "score": [3.0, None],
            "name": ["x", None],
        }
    )
    path = tmp_path / "t.parquet"
    frame.to_parquet(path)
    table = read_table(path)
    assert table.location == "row"
    assert table.frame.index.tolist() == [1, 2]
    assert table.frame.loc[1].tolist()[1:] == ["true", "3", "x"]
    assert table.frame.loc[2].tolist() == ["", "false", "", ""]
    # a naive Parquet timestamp is UTC by the contract and reads back as the same instant
    when = parse_timestamps(table.frame["when"])
    assert when.iloc[0] == pd.Timestamp("2026-07-01 10:00", tz="UTC")


def test_parquet_rows_with_no_value_are_counted_and_dropped(tmp_path):
    path = tmp_path / "t.parquet"
    frame = pd.DataFrame({"a": ["x", "", None, "", "y"], "b": ["1", "", None, "2", ""]})
    frame.to_parquet(path, index=False)
    table = read_table(path)
    assert table.blank_rows == 2  # rows 2 (empty) and 3 (missing); row 4 has a value
    assert table.frame.index.tolist() == [1, 4, 5]
    assert table.frame["b"].tolist() == ["1", "2", ""]


def test_corrupt_parquet_is_a_dataset_error(tmp_path):
    path = write_bytes(tmp_path, b"PAR1 not really parquet", "t.parquet")
    with pytest.raises(DatasetError, match="cannot be read as Parquet"):
        read_table(path)


def test_canonical_column_name_ignores_case_and_spaces():
    assert canonical_column_name(" Business Unit ", ("business_unit",)) == "business_unit"
    assert canonical_column_name("Extra", ("business_unit",)) == "Extra"


def test_dictionary_text_kept_as_categoricals_reads_the_same_values_as_text():
    import pyarrow as pa

    from orgsocial.io.reading import parquet_as_raw

    values = pa.array([" m1", None, "m2", " m1", ""]).dictionary_encode()
    table = pa.table({"actor_id": pa.chunked_array([values, values.slice(0, 2)])})
    kept = parquet_as_raw(Path("p.parquet"), table, keep_dictionary=True)
    plain = parquet_as_raw(Path("p.parquet"), table)
    assert isinstance(kept.frame["actor_id"].dtype, pd.CategoricalDtype)
    assert kept.frame["actor_id"].astype("str").tolist() == plain.frame["actor_id"].tolist()
    assert kept.frame["actor_id"].tolist() == [" m1", "", "m2", " m1", "", " m1", ""]
    # a dictionary that repeats a value cannot be a categorical: it is read as text
    repeats = pa.DictionaryArray.from_arrays(pa.array([0, 1, 1], pa.int32()), ["a", "a"])
    raw = parquet_as_raw(Path("p.parquet"), pa.table({"x": repeats}), keep_dictionary=True)
    assert raw.frame["x"].tolist() == ["a", "a", "a"]


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.sampled_from(["", None, "x", " "]), min_size=3, max_size=3), max_size=25
    ),
    dictionary=st.lists(st.booleans(), min_size=3, max_size=3),
    cut=st.integers(0, 25),
)
def test_parquet_rows_are_blank_when_every_value_is_empty_or_missing(rows, dictionary, cut):
    import pyarrow as pa

    from orgsocial.io.reading import parquet_as_raw

    columns = {}
    for number, encoded in enumerate(dictionary):
        values = pa.array([row[number] for row in rows], pa.string())
        values = values.dictionary_encode() if encoded else values
        columns[f"c{number}"] = pa.chunked_array(  # in two chunks, as row groups are read
            [values.slice(0, cut), values.slice(cut)], values.type
        )
    raw = parquet_as_raw(Path("p.parquet"), pa.table(columns), keep_dictionary=True)
    blank = [all(value in ("", None) for value in row) for row in rows]
    assert raw.blank_rows == sum(blank)
    assert raw.frame.index.tolist() == [n + 1 for n, empty in enumerate(blank) if not empty]
