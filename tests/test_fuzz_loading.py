"""Whatever bytes a file holds, loading ends in a dataset or a DatasetError, never a crash."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACTIVITY, DEPARTMENTS, EMPLOYEES, write_csv
from orgsocial.errors import DatasetError
from orgsocial.io import contract as c
from orgsocial.io.dataset import load_dataset
from orgsocial.scale.partitioned import load_for_analysis

HEADER = ",".join(c.ACTIVITY_COLUMNS).encode()
FIELD = st.sampled_from(
    [
        "",
        "e1",
        "m1",
        "s2",
        "nobody",
        "post",
        "inquiry",
        "internal",
        "external",
        "North",
        "2026-07-01T09:00:00+02:00",
        "2026-13-45",
        '"quoted, comma"',
        '"multi\nline"',
        "\ufeff",
        "=cmd()",
        "x" * 300,
    ]
)
ROW = st.lists(FIELD, min_size=0, max_size=11).map(lambda fields: ",".join(fields).encode())


def base_folder() -> Path:
    folder = Path(tempfile.mkdtemp())
    write_csv(folder / "departments.csv", DEPARTMENTS)
    write_csv(folder / "employees.csv", EMPLOYEES)
    return folder


def load_or_refuse(folder: Path) -> None:
    try:
        dataset = load_dataset(folder)
    except DatasetError:
        return
    report = dataset.validation.files[c.ACTIVITY]
    # nothing is lost silently: every data row is kept or rejected
    assert report.rows_kept + report.rows_rejected == report.rows_read
    assert len(dataset.activity) == report.rows_kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data):
    folder = base_folder()
    try:
        (folder / "activity.csv").write_bytes(data)
        load_or_refuse(folder)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, max_size=12), st.sampled_from([b"\n", b"\r\n"]))
def test_rows_of_plausible_fields_are_kept_or_rejected_never_lost(rows, newline):
    folder = base_folder()
    try:
        (folder / "activity.csv").write_bytes(newline.join([HEADER, *rows]) + newline)
        load_or_refuse(folder)
    finally:
        shutil.rmtree(folder)


def test_truncated_file_is_kept_or_rejected(dataset_folder):
    folder = dataset_folder(activity=ACTIVITY)
    path = folder / "activity.csv"
    data = path.read_bytes()
    for cut in range(len(HEADER) + 1, len(data), 37):
        path.write_bytes(data[:cut])
        load_or_refuse(folder)


def test_odd_encodings_are_refused_naming_the_line(dataset_folder):
    folder = dataset_folder()
    text = ",".join(c.ACTIVITY_COLUMNS) + "\ne1,2026-07-01T09:00:00Z,m1,teams,internal,post,,,\n"
    for encoding, expected in (("utf-16", "line 1"), ("latin-1", "line 3")):
        body = text + "e2,2026-07-01T09:00:00Z,m1,café,internal,post,,,\n"
        (folder / "activity.csv").write_bytes(body.encode(encoding))
        try:
            load_dataset(folder)
        except DatasetError as error:
            assert "not UTF-8" in str(error) and expected in str(error), (encoding, str(error))
        else:
            raise AssertionError(f"{encoding} was read as UTF-8")


def test_a_huge_field_is_kept_or_rejected_not_a_crash(dataset_folder):
    folder = dataset_folder()
    huge = "x" * 5_000_000
    lines = [
        ",".join(c.ACTIVITY_COLUMNS),
        f"{huge},2026-07-01T09:00:00Z,m1,teams,internal,post,,,",
        f"e2,2026-07-01T09:00:00Z,m1,teams,internal,message,{huge},,",
        f"e3,2026-07-01T09:00:00Z,m1,{huge},internal,post,,,",
        f"e4,{huge},m1,teams,internal,post,,,",
    ]
    (folder / "activity.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dataset = load_dataset(folder)
    report = dataset.validation.files[c.ACTIVITY]
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (4, 3, 1)
    assert "column 'timestamp'" in report.messages[0] and "line 5" in report.messages[0]


def _parquet_activity(folder: Path, table: pa.Table, partitioned: bool) -> None:
    if partitioned:
        (folder / "activity").mkdir()
        pq.write_table(table, folder / "activity" / "part-0.parquet", row_group_size=2)
    else:
        pq.write_table(table, folder / "activity.parquet")


VALUES = {
    "text": st.sampled_from(["e1", "m1", "", "post", "internal", "2026-07-01T09:00:00Z", "x" * 50]),
    "int": st.integers(-(2**40), 2**40),
    "float": st.floats(allow_nan=True, allow_infinity=True),
    "bool": st.booleans(),
}
TYPES = {"text": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


@st.composite
def odd_tables(draw) -> pa.Table:
    rows = draw(st.integers(1, 6))
    columns = {}
    for name in c.ACTIVITY_COLUMNS:
        kind = draw(st.sampled_from(sorted(VALUES)))
        values = draw(st.lists(st.one_of(st.none(), VALUES[kind]), min_size=rows, max_size=rows))
        columns[name] = pa.array(values, type=TYPES[kind])
    if draw(st.booleans()):
        columns["timestamp"] = pa.array(
            [pd.Timestamp("2026-07-01T09:00:00Z")] * rows, type=pa.timestamp("us", tz="UTC")
        )
    return pa.table(columns)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=odd_tables(), partitioned=st.booleans())
def test_parquet_of_any_column_types_is_kept_or_rejected_never_lost(table, partitioned):
    folder = base_folder()
    try:
        _parquet_activity(folder, table, partitioned)
        try:
            dataset, _ = load_for_analysis(folder, partition_rows=1000)
        except DatasetError:
            return
        report = dataset.validation.files[c.ACTIVITY]
        assert report.rows_kept + report.rows_rejected == report.rows_read == table.num_rows
    finally:
        shutil.rmtree(folder)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_a_partition_of_random_bytes_is_refused_naming_it(data):
    folder = base_folder()
    try:
        (folder / "activity").mkdir()
        (folder / "activity" / "broken.parquet").write_bytes(data)
        try:
            load_for_analysis(folder)
        except DatasetError as error:
            assert "broken.parquet" in str(error)
        else:
            raise AssertionError("random bytes were read as Parquet")
    finally:
        shutil.rmtree(folder)
