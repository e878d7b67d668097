"""Loading a dataset folder: every kind of bad input is named, kept and counted."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ACTIVITY, DEPARTMENTS, EMPLOYEES, event, write_csv
from orgsocial.errors import DatasetError, StrictModeError
from orgsocial.io import contract as c
from orgsocial.io.dataset import load_dataset, locate_files


def messages(dataset, name):
    return list(dataset.validation.files[name].messages)


def test_clean_dataset_loads_typed(dataset_folder):
    dataset = load_dataset(dataset_folder())
    assert dataset.validation.rows_rejected == 0
    assert dataset.departments["customer_facing"].tolist() == [False, True, False, False]
    assert str(dataset.activity["timestamp"].dt.tz) == "UTC"
    # +02:00 is normalised to UTC
    assert dataset.activity["timestamp"].iloc[0] == pd.Timestamp("2026-07-01 07:00", tz="UTC")
    assert dataset.activity["actor_id"].isna().sum() == 2
    assert dataset.survey.empty and "policy" in dataset.survey.columns


def test_missing_required_file_is_named(dataset_folder):
    with pytest.raises(DatasetError, match=r"required file employees\.csv .* is missing"):
        load_dataset(dataset_folder(employees=None))


def test_missing_folder(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        locate_files(tmp_path / "nope")


def test_csv_and_parquet_of_the_same_file_is_ambiguous(dataset_folder):
    folder = dataset_folder()
    pd.DataFrame(EMPLOYEES).to_parquet(folder / "employees.parquet")
    with pytest.raises(DatasetError, match=r"both employees\.csv and employees\.parquet"):
        load_dataset(folder)


def test_missing_column_names_file_and_column(dataset_folder):
    rows = [{k: v for k, v in row.items() if k != "function"} for row in DEPARTMENTS]
    with pytest.raises(DatasetError, match="missing required column 'function'") as raised:
        load_dataset(dataset_folder(departments=rows))
    assert raised.value.path.name == "departments.csv"


def test_header_only_required_file_cannot_be_analysed(dataset_folder):
    with pytest.raises(DatasetError, match="header but no rows"):
        load_dataset(dataset_folder(activity=[]))


def test_columns_match_case_insensitively_and_extra_columns_are_kept(dataset_folder):
    rows = [
        {"Employee_ID": r["employee_id"], " Department": r["department"], "note": "x"}
        for r in EMPLOYEES
    ]
    dataset = load_dataset(dataset_folder(employees=rows))
    assert {"employee_id", "department", "note"} <= set(dataset.employees.columns)


def test_duplicate_id_rejects_the_later_line_and_names_both(dataset_folder):
    activity = [*ACTIVITY, event("e2", "m1")]
    dataset = load_dataset(dataset_folder(activity=activity))
    report = dataset.validation.files[c.ACTIVITY]
    assert report.rows_rejected == 1
    # header = line 1, e2 is on line 3, the duplicate on line 14
    assert report.messages == (
        "activity.csv: line 14: column 'event_id': duplicate event_id, first on line 3 "
        "(value 'e2')",
    )
    assert report.rejects["line"].tolist() == [14]
    assert len(dataset.activity) == len(ACTIVITY)


def test_a_repeated_employee_or_department_rejects_the_later_lines_and_an_empty_id_is_empty(
    dataset_folder,
):
    first = EMPLOYEES[0]
    employees = [
        *EMPLOYEES,
        dict(first),
        {**first, "employee_id": ""},
        {**first, "employee_id": ""},
    ]
    departments = [*DEPARTMENTS, dict(DEPARTMENTS[1])]
    dataset = load_dataset(dataset_folder(employees=employees, departments=departments))
    people = dataset.validation.files[c.EMPLOYEES]
    n = len(EMPLOYEES)
    assert people.messages == (
        f"employees.csv: line {n + 2}: column 'employee_id': duplicate employee_id, "
        f"first on line 2 (value {first['employee_id']!r})",
        f"employees.csv: line {n + 3}: column 'employee_id': is empty (value '')",
        f"employees.csv: line {n + 4}: column 'employee_id': is empty (value '')",
    )
    units = dataset.validation.files[c.DEPARTMENTS]
    assert units.messages == (
        f"departments.csv: line {len(DEPARTMENTS) + 2}: column 'department': duplicate "
        f"department, first on line 3 (value {DEPARTMENTS[1]['department']!r})",
    )
    assert len(dataset.employees) == n and len(dataset.departments) == len(DEPARTMENTS)


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (event("x1", "m1", timestamp="01/07/2026"), "timestamp", "is not an ISO-8601"),
        (event("x1", "nobody"), "actor_id", "is not in employees"),
        (event("x1", "m1", action="like"), "action", "must be one of"),
        (event("x1", "m1", audience="public"), "audience", "must be internal or external"),
        (event("x1", "m1", channel=""), "channel", "is empty"),
        (event("x1", "m1", action="inquiry"), "actor_id", "inquiry comes from outside"),
        (event("x1", "", action="post"), "business_unit", "must name its business_unit"),
        (
            event("x1", "", action="inquiry", business_unit="West"),
            "business_unit",
            "is not a business_unit",
        ),
        (event("", "m1"), "event_id", "is empty"),
    ],
)
def test_each_invalid_activity_row_is_rejected_with_file_line_and_column(
    dataset_folder, row, column, reason
):
    dataset = load_dataset(dataset_folder(activity=[*ACTIVITY, row]))
    report = dataset.validation.files[c.ACTIVITY]
    assert report.rows_read == len(ACTIVITY) + 1
    assert report.rows_kept == len(ACTIVITY)
    (message,) = report.messages
    assert message.startswith(f"activity.csv: line {len(ACTIVITY) + 2}: column '{column}'")
    assert reason in message
    # the rejected row is kept with its reason and original values
    assert report.rejects.iloc[0]["event_id"] == row["event_id"]
    assert reason in report.rejects.iloc[0]["reason"]


def test_enumerations_and_booleans_accept_common_spellings(dataset_folder):
    departments = [dict(row) for row in DEPARTMENTS]
    departments[1]["function"] = "Customer Service"
    departments[1]["customer_facing"] = "Yes"
    departments[0]["customer_facing"] = "0"
    activity = [*ACTIVITY, event("x1", "m1", action=" Post ", audience="INTERNAL", channel="Teams")]
    dataset = load_dataset(dataset_folder(departments=departments, activity=activity))
    assert dataset.validation.rows_rejected == 0
    assert dataset.departments["function"].iloc[1] == "customer_service"
    assert dataset.departments["customer_facing"].tolist()[:2] == [False, True]


def test_bad_boolean_and_function_are_rejected(dataset_folder):
    departments = [
        *DEPARTMENTS,
        {
            "department": "X",
            "business_unit": "North",
            "function": "magic",
            "customer_facing": "maybe",
        },
    ]
    dataset = load_dataset(dataset_folder(departments=departments))
    (message,) = messages(dataset, c.DEPARTMENTS)
    assert "column 'function': must be one of" in message
    assert "column 'customer_facing': must be true or false" in message


def test_rejected_department_cascades_with_a_reason(dataset_folder):
    departments = [dict(row) for row in DEPARTMENTS]
    departments[3]["function"] = "unknown"  # Ops is rejected
    dataset = load_dataset(dataset_folder(departments=departments))
    employee_messages = messages(dataset, c.EMPLOYEES)
    assert len(employee_messages) == 6
    assert "refers to a row of departments that was rejected (value 'Ops')" in employee_messages[0]
    activity_messages = messages(dataset, c.ACTIVITY)
    assert len(activity_messages) == 1  # o1's event
    assert (
        "column 'actor_id': refers to a row of employees that was rejected" in activity_messages[0]
    )


def test_unknown_department_of_employee(dataset_folder):
    employees = [*EMPLOYEES, {"employee_id": "z1", "department": "Nowhere"}]
    dataset = load_dataset(dataset_folder(employees=employees))
    (message,) = messages(dataset, c.EMPLOYEES)
    assert message == (
        f"employees.csv: line {len(employees) + 1}: column 'department': "
        "is not in departments (value 'Nowhere')"
    )


def test_dangling_target_and_reply_are_kept_with_a_warning(dataset_folder):
    activity = [
        *ACTIVITY,
        event("x1", "m1", action="message", target_id="ghost"),
        event("x2", "m1", action="reply", in_reply_to="missing"),
    ]
    dataset = load_dataset(dataset_folder(activity=activity))
    report = dataset.validation.files[c.ACTIVITY]
    assert report.rows_rejected == 0
    assert any("target_id is not a known employee" in w for w in report.warnings)
    assert any("in_reply_to is not a known event_id" in w for w in report.warnings)


def test_survey_items_in_range_departments_known_and_one_response_per_wave(dataset_folder):
    survey = [
        {
            "respondent_id": "m1",
            "department": "Marketing",
            "wave": "W1",
            "policy": "4",
            "ownership": "2",
        },
        {
            "respondent_id": "",
            "department": "Service",
            "wave": "W1",
            "policy": "",
            "ownership": "4",
        },
        {
            "respondent_id": "m2",
            "department": "Marketing",
            "wave": "W1",
            "policy": "6",
            "ownership": "1",
        },
        {
            "respondent_id": "m3",
            "department": "Marketing",
            "wave": "W1",
            "policy": "3",
            "ownership": "5",
        },
        {
            "respondent_id": "m1",
            "department": "Marketing",
            "wave": "W1",
            "policy": "3",
            "ownership": "1",
        },
        {
            "respondent_id": "m4",
            "department": "Nowhere",
            "wave": "W1",
            "policy": "2.5",
            "ownership": "1",
        },
        {
            "respondent_id": "m5",
            "department": "Marketing",
            "wave": "W1",
            "policy": "5.0",
            "ownership": "3",
        },
    ]
    dataset = load_dataset(dataset_folder(survey=survey))
    report = dataset.validation.files[c.SURVEY]
    assert report.rejects["line"].tolist() == [4, 5, 6, 7]
    text = "\n".join(report.messages)
    assert "line 4: column 'policy': must be a whole number from 1 to 5" in text
    assert "line 5: column 'ownership': must be a whole number from 1 to 4" in text
    assert "line 6: column 'respondent_id': a second response" in text
    assert "line 7: column 'department': is not in departments" in text
    assert "must be a whole number from 1 to 5, or empty (value '2.5')" in text
    assert dataset.survey["policy"].iloc[0] == 4
    assert pd.isna(dataset.survey["policy"].iloc[1])
    assert dataset.survey["policy"].iloc[2] == 5  # "5.0" is accepted as 5
    assert any("not asked" in w for w in report.warnings)


def test_strict_raises_after_reporting(dataset_folder):
    dataset = load_dataset(dataset_folder(activity=[*ACTIVITY, event("e1", "m1")]))
    with pytest.raises(StrictModeError, match="1 invalid row"):
        dataset.validation.require_clean()


def test_all_rows_rejected_cannot_be_analysed(dataset_folder):
    rows = [event("x1", "nobody"), event("x2", "nobody")]
    with pytest.raises(DatasetError, match="all 2 row"):
        load_dataset(dataset_folder(activity=rows))


def test_parquet_files_load_like_csv(dataset_folder, tmp_path):
    folder = dataset_folder()
    csv_dataset = load_dataset(folder)
    parquet = tmp_path / "pq"
    parquet.mkdir()
    for name in (c.DEPARTMENTS, c.EMPLOYEES, c.ACTIVITY):
        pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False).to_parquet(
            parquet / f"{name}.parquet"
        )
    parquet_dataset = load_dataset(parquet)
    pd.testing.assert_frame_equal(
        csv_dataset.activity.reset_index(drop=True), parquet_dataset.activity.reset_index(drop=True)
    )


def test_field_count_problems_are_rejected_not_fatal(dataset_folder):
    folder = dataset_folder()
    path = folder / "activity.csv"
    path.write_text(path.read_text() + "x1,2026-07-01T00:00:00Z,m1\n")
    dataset = load_dataset(folder)
    report = dataset.validation.files[c.ACTIVITY]
    assert report.messages == (
        f"activity.csv: line {len(ACTIVITY) + 2}: has 3 fields where the header has 9",
    )


def test_write_csv_helper_roundtrip(tmp_path):
    path = write_csv(tmp_path / "x.csv", [{"a": 1}])
    assert path.read_text().splitlines() == ["a", "1"]


def test_the_refusal_of_a_file_without_kept_rows_carries_the_validation_report(dataset_folder):
    rows = [event("x1", "nobody"), event("x2", "nobody")]
    survey = [{"respondent_id": "m1", "department": "Marketing", "wave": "W1", "policy": "3"}]
    with pytest.raises(DatasetError, match="all 2 row") as refused:
        load_dataset(dataset_folder(activity=rows, survey=survey))
    files = refused.value.validation.files
    assert list(files) == [c.DEPARTMENTS, c.EMPLOYEES, c.ACTIVITY, c.SURVEY]
    assert files[c.ACTIVITY].rejects["line"].tolist() == [2, 3]


def test_a_validation_report_shows_its_counts_not_every_rejected_row(dataset_folder):
    rows = [event(f"x{n}", "nobody") for n in range(200)]
    with pytest.raises(DatasetError) as refused:
        load_dataset(dataset_folder(activity=rows))
    report = refused.value.validation
    assert report.files[c.ACTIVITY].rows_rejected == 200
    shown = repr(report)
    assert "rows_read=200" in shown and "x150" not in shown and len(shown) < 2000


def test_two_columns_that_mean_the_same_are_refused(dataset_folder):
    rows = [{**row, "Employee ID": row["employee_id"]} for row in EMPLOYEES]
    with pytest.raises(DatasetError, match="'employee_id' and 'Employee ID' both mean"):
        load_dataset(dataset_folder(employees=rows))


def test_a_department_without_employees_is_a_warning(dataset_folder):
    rows = [row for row in EMPLOYEES if row["department"] != "Tiny"]
    warnings = load_dataset(dataset_folder(employees=rows)).validation.files[c.DEPARTMENTS].warnings
    assert warnings == ("1 department(s) have no employees: Tiny",)


def test_a_survey_with_a_header_only_is_a_warning(dataset_folder):
    folder = dataset_folder()
    (folder / "survey.csv").write_text(",".join(c.SURVEY_ID_COLUMNS) + "\n")
    dataset = load_dataset(folder)
    assert dataset.survey.empty
    assert "the survey file has a header but no responses" in (
        dataset.validation.files[c.SURVEY].warnings
    )
