"""Whatever bytes a file holds, loading ends in a dataset or a DatasetError, never a crash."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACTIVITY, DEPARTMENTS, EMPLOYEES, write_csv
from orgsocial import contract as c
from orgsocial.dataset import load_dataset
from orgsocial.errors import DatasetError

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
