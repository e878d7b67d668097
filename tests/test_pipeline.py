"""`analyse` end to end on the hand-built dataset: contract outputs and privacy."""

from __future__ import annotations

import pandas as pd
import pytest

from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.io import contract as c
from orgsocial.io.dataset import load_dataset
from orgsocial.io.outputs import read_results, write_results


@pytest.fixture
def results(dataset_folder):
    return analyse(load_dataset(dataset_folder()), load_settings())


def test_units_have_the_contract_columns_first(results):
    assert tuple(results.units.columns[:4]) == c.UNIT_LEADING_COLUMNS
    assert sorted(results.units["business_unit"]) == ["North", "South"]
    north = results.units.set_index("business_unit").loc["North"]
    assert north["headcount"] == 12
    assert north["active_employees"] == 5  # m1, m2, s1, s2, t1
    assert north["inquiries"] == 2
    assert north["response_minutes_median"] == 30.0


def test_a_small_department_is_withheld_with_its_complement(results):
    departments = results.departments.set_index("department")
    assert departments.loc["Tiny", "suppressed"]
    assert pd.isna(departments.loc["Tiny", "headcount"])
    # Tiny's 2 people are the unit's only small group: beside North's own figures,
    # Marketing's (5, the smaller of the other two, by name on a tie) would give Tiny's
    # back, so Marketing is withheld too and the two merge into North's own node (7)
    assert departments.loc["Marketing", "suppressed"]
    assert pd.isna(departments.loc["Marketing", "strength"])
    assert departments.loc["Service", "headcount"] == 5
    assert departments.loc["Service", "strength"] == 4  # 3 with Marketing, 1 with Tiny
    assert results.department_edges.to_dict("records") == [
        {"source": "Ops", "target": "other in North (small groups)", "weight": 1},
        {"source": "Service", "target": "other in North (small groups)", "weight": 4},
    ]
    # inside North's merged node: Tiny's ties with Marketing (none here), which a count
    # would give: withheld, for the organisation too
    assert results.meta["interactions_between_small_departments_hidden"] is None
    assert pd.isna(results.privacy.set_index("business_unit").loc["North", "interactions_hidden"])
    assert results.meta["interactions_merged"] == 5
    north = results.privacy.set_index("business_unit").loc["North"]
    assert (north["departments"], north["departments_merged"]) == (3, 2)
    assert north["merged_into"] == "other in North (small groups)"
    assert not north["links_with_hidden_groups"]
    assert north["interactions"] == 5  # Marketing-Service 3, Marketing-Ops 1, Tiny-Service 1


def test_small_departments_of_a_unit_merge_into_its_own_node(dataset_folder):
    from conftest import ACTIVITY, DEPARTMENTS, EMPLOYEES, event

    mini = {**DEPARTMENTS[2], "department": "Mini"}
    people = [{"employee_id": f"n{i}", "department": "Mini"} for i in range(1, 4)]
    talk = event("e99", "n1", action="message", target_id="s3")
    folder = dataset_folder([*DEPARTMENTS, mini], [*EMPLOYEES, *people], [*ACTIVITY, talk])
    results = analyse(load_dataset(folder), load_settings())
    north = "other in North (small groups)"
    assert results.department_edges.to_dict("records") == [
        {"source": "Marketing", "target": "Ops", "weight": 1},
        {"source": "Marketing", "target": "Service", "weight": 3},
        {"source": "Service", "target": north, "weight": 2},  # Tiny -> s2, Mini -> s3
    ]
    costs = results.privacy.set_index("business_unit")
    assert costs.loc["North", "merged_into"] == north
    assert (costs.loc["North", "pairs_merged"], costs.loc["North", "interactions_merged"]) == (2, 2)
    assert not costs.loc["North", "most_departments_merged"]  # 2 of 4 is not most
    assert not costs.loc["South", "most_departments_merged"]
    assert results.meta["interactions_merged"] == 2


def test_without_suppression_edges_are_exact(dataset_folder):
    settings = load_settings().with_min_group_size(1)
    edges = analyse(load_dataset(dataset_folder()), settings).department_edges
    assert edges["target"].tolist() == ["Ops", "Service", "Tiny"]


def test_a_unit_below_the_minimum_is_suppressed_with_its_reason(dataset_folder):
    settings = load_settings().with_min_group_size(7)
    units = analyse(load_dataset(dataset_folder()), settings).units.set_index("business_unit")
    assert units.loc["South", "suppressed"]
    assert pd.isna(units.loc["South", "phase"])
    assert pd.isna(units.loc["South", "active_share"])
    assert units.loc["South", "reason"] == "fewer than 7 people: figures suppressed"


def test_results_roundtrip_through_files(results, tmp_path):
    write_results(results, tmp_path)
    again = read_results(tmp_path)
    pd.testing.assert_frame_equal(again.units, results.units, check_dtype=False)
    assert again.meta["interactions"] == 6
    edges_csv = pd.read_csv(tmp_path / "department_edges.csv")
    assert list(edges_csv.columns) == list(c.EDGE_COLUMNS)


def test_no_employee_id_in_any_result(results):
    ids = {f"{p}{i}" for p in "msto" for i in range(1, 7)}
    for name in results.FRAMES:
        text = getattr(results, name).to_csv(index=False)
        cells = {cell for line in text.splitlines() for cell in line.split(",")}
        assert not ids & cells, name


def test_network_outputs_are_present_and_consistent(results, dataset_folder):
    # Marketing is shown merged with Tiny (its complement, see above): e2 and e12 from
    # Marketing and e7 from Tiny to Service; e3 from Service; e6 from Ops
    merged = "other in North (small groups)"
    assert results.department_edges_directed.to_dict("records") == [
        {"source": "Ops", "target": merged, "weight": 1},
        {"source": "Service", "target": merged, "weight": 1},
        {"source": merged, "target": "Service", "weight": 3},
    ]
    # North-South: o1 (Ops) -> m3 (Marketing)
    assert results.business_unit_edges.to_dict("records") == [
        {"source": "North", "target": "South", "weight": 1}
    ]
    org = results.org.iloc[0]
    assert org["business_units"] == 2
    assert org["cross_unit_tie_share"] == pytest.approx(1 / 6)
    departments = results.departments.set_index("department")
    # Service: 4 cross-department interactions (3 with Marketing, 1 with Tiny), none inside
    assert departments.loc["Service", "ei_index"] == pytest.approx((4 - 0) / 4)
    assert pd.isna(departments.loc["Marketing", "ei_index"])  # withheld with Tiny
    assert departments.loc["Service", "answers_given"] == 1
    assert pd.isna(departments.loc["Tiny", "betweenness"])  # suppressed
    units = results.units.set_index("business_unit")
    # North's departments include Tiny (2 people, alone): its model is read from figures
    # that count departments one by one, which would give Tiny's links back; with a
    # minimum of 2 it is shown
    assert pd.isna(units.loc["North", "org_model"])
    shown = analyse(load_dataset(dataset_folder()), load_settings().with_min_group_size(2))
    assert shown.units.set_index("business_unit").loc["North", "org_model"] in {
        "organic",
        "centralised",
        "hub-and-spoke",
        "multiple hub-and-spoke",
        "holistic",
    }
    assert units.loc["North", "customer_facing_reply_share"] == 1.0
    assert results.coparticipation_edges.empty


def test_a_small_unit_alone_is_not_shown_in_business_unit_edges(dataset_folder):
    settings = load_settings().with_min_group_size(7)  # South has 6 people, alone under 7
    results = analyse(load_dataset(dataset_folder()), settings)
    assert results.business_unit_edges.empty
    assert results.meta["small_business_units_merged"] == 1
    settings = load_settings().with_min_group_size(6)  # South has 6: shown
    results = analyse(load_dataset(dataset_folder()), settings)
    assert results.business_unit_edges.to_dict("records") == [
        {"source": "North", "target": "South", "weight": 1}
    ]


def test_coparticipation_is_separate_and_optional(dataset_folder):
    results = analyse(load_dataset(dataset_folder()), load_settings(), coparticipation=True)
    # thread e1 <- e3 <- e12: m1, m2 (Marketing) and s1 (Service): 2 cross pairs;
    # thread e8 (a customer's inquiry) <- e9, e10: s2 (Service) and m1 (Marketing): 1 pair
    # (Marketing is shown merged with Tiny, its complement)
    assert results.coparticipation_edges.to_dict("records") == [
        {"source": "Service", "target": "other in North (small groups)", "weight": 3}
    ]
    assert results.meta["coparticipation"] is True


def test_csv_outputs_neutralise_spreadsheet_formulas(dataset_folder, tmp_path):
    from conftest import DEPARTMENTS, EMPLOYEES
    from orgsocial.io.outputs import write_results

    departments = [dict(row) for row in DEPARTMENTS]
    departments[3]["department"] = '=HYPERLINK("http://evil","x")'
    employees = [
        {**row, "department": departments[3]["department"]} if row["department"] == "Ops" else row
        for row in EMPLOYEES
    ]
    results = analyse(
        load_dataset(dataset_folder(departments=departments, employees=employees)),
        load_settings(),
    )
    write_results(results, tmp_path)
    text = (tmp_path / "departments.csv").read_text()
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    # the Parquet copy, for programs, keeps the name as it is
    parquet = pd.read_parquet(tmp_path / "departments.parquet")
    assert departments[3]["department"] in set(parquet["department"])


def test_no_share_or_sentence_about_a_hub_or_marcom_group_under_the_minimum(dataset_folder):
    settings = load_settings().with_min_group_size(6)  # North has 12; each department 5 or 2
    units = analyse(load_dataset(dataset_folder()), settings).units.set_index("business_unit")
    north = units.loc["North"]
    assert not north["suppressed"]
    for column in ("hub_share", "central_team_share", "hub_active_share", "marcom_share"):
        assert pd.isna(north[column]), column
    assert pd.isna(north["org_model_evidence"])  # it quoted the busiest department's share
    exact = analyse(load_dataset(dataset_folder()), load_settings().with_min_group_size(1))
    assert exact.units.set_index("business_unit").loc["North", "hub_share"] > 0
