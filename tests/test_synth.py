"""The demo organisation: deterministic, in the contract, every phase planted."""

from __future__ import annotations

import pytest

from orgsocial.demo import MIN_EMPLOYEES
from orgsocial.demo.synth import behaviour_for, generate_demo, write_demo
from orgsocial.errors import ParameterError
from orgsocial.io import contract as c
from orgsocial.io.dataset import load_dataset


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    organisation = generate_demo(seed=3, employees=1200, events=20_000)
    write_demo(organisation, folder)
    return organisation, folder


def test_demo_is_valid_and_complete(demo):
    organisation, folder = demo
    dataset = load_dataset(folder)
    assert dataset.validation.rows_rejected == 0
    assert len(dataset.activity) == 20_000
    assert dataset.departments["business_unit"].nunique() >= 8
    assert set(organisation.planted["planted_phase"]) == {1, 2, 3, 4}
    assert set(dataset.departments["function"]) >= {"marketing", "customer_service"}
    assert dataset.departments["customer_facing"].any()
    inquiries = dataset.activity["action"] == c.INQUIRY
    assert inquiries.sum() > 0
    assert dataset.activity["in_reply_to"].isin(dataset.activity.loc[inquiries, "event_id"]).any()
    assert sorted(dataset.survey["wave"].unique()) == ["2026-Q2", "2026-Q3"]
    assert dataset.survey["respondent_id"].isna().any()  # some anonymous responses


def test_same_seed_same_files_other_seed_other_files(demo, tmp_path):
    _, folder = demo
    write_demo(generate_demo(seed=3, employees=1200, events=20_000), tmp_path / "again")
    for name in ("departments", "employees", "activity", "survey"):
        assert (folder / f"{name}.csv").read_bytes() == (
            tmp_path / "again" / f"{name}.csv"
        ).read_bytes()
    other = generate_demo(seed=4, employees=1200, events=20_000)
    assert not other.activity.equals(demo[0].activity)


def test_parquet_output_loads_the_same(demo, tmp_path):
    organisation, folder = demo
    write_demo(organisation, tmp_path, "parquet")
    assert len(load_dataset(tmp_path).activity) == len(load_dataset(folder).activity)


def test_too_small_a_demo_is_refused():
    with pytest.raises(ParameterError, match=f"--employees must be at least {MIN_EMPLOYEES} "):
        generate_demo(employees=MIN_EMPLOYEES - 1)  # the minimum demo-data --help shows
    with pytest.raises(ParameterError, match="--events must be at least 1000"):
        generate_demo(events=999)
    with pytest.raises(ParameterError, match="a planted phase must be between 1 and 4, not 5"):
        behaviour_for(5)


def test_a_demo_in_another_format_replaces_the_activity(demo, tmp_path):
    organisation, _ = demo
    write_demo(organisation, tmp_path, "partitioned")
    assert (tmp_path / "activity").is_dir()
    write_demo(organisation, tmp_path, "csv")
    assert not (tmp_path / "activity").exists() and (tmp_path / "activity.csv").is_file()
    assert not (tmp_path / "departments.parquet").exists()
    with pytest.raises(ParameterError, match="--format must be csv, parquet or partitioned"):
        write_demo(organisation, tmp_path, "xlsx")


def test_units_with_the_same_initials_get_distinct_departments():
    plan = (("Unit 01", 1), ("Unit 03", 2), ("Unit 30", 3))
    organisation = generate_demo(seed=1, employees=900, events=3000, plan=plan)
    departments = organisation.departments
    assert departments["department"].is_unique
    assert departments.groupby("business_unit").size().min() >= 4


def test_jitter_changes_units_but_not_the_textbook_demo(tmp_path):
    textbook = generate_demo(seed=2, employees=800, events=4000)
    assert generate_demo(seed=2, employees=800, events=4000, jitter=0.0).activity.equals(
        textbook.activity
    )
    assert not generate_demo(seed=2, employees=800, events=4000, jitter=0.3).activity.equals(
        textbook.activity
    )
