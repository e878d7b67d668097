"""Small-group suppression."""

from __future__ import annotations

import pandas as pd

from orgsocial.analysis.privacy import SMALL_GROUPS, merge_small_in_edges, suppress_rows


def test_suppress_rows_marks_and_blanks():
    frame = pd.DataFrame({"department": ["a", "b"], "headcount": [4, 5], "events": [9, 9]})
    out = suppress_rows(frame, frame["headcount"], 5, ["headcount", "events"])
    assert out["suppressed"].tolist() == [True, False]
    assert out["department"].tolist() == ["a", "b"]
    assert out["events"].isna().tolist() == [True, False]


def test_small_departments_merge_into_one_node_and_inside_weight_is_reported():
    edges = pd.DataFrame(
        {
            "source": ["a", "a", "b", "s1"],
            "target": ["s1", "s2", "s2", "s2"],
            "weight": [1, 2, 4, 8],
        }
    )
    merged, hidden = merge_small_in_edges(edges, frozenset({"s1", "s2"}))
    assert merged.to_dict("records") == [
        {"source": "a", "target": SMALL_GROUPS, "weight": 3},
        {"source": "b", "target": SMALL_GROUPS, "weight": 4},
    ]
    assert hidden == 8
    assert merged["weight"].sum() + hidden == edges["weight"].sum()


def test_the_words_never_give_a_figure_about_a_small_lead_department(dataset_folder, tmp_path):
    """Tiny (2 people) leads North: the verdict's words state the team rule, not its count."""
    from typer.testing import CliRunner

    from conftest import event
    from orgsocial.cli import app

    busy = [event(f"t{i}", "t1", audience="external", channel="x") for i in range(30)]
    others = [event("m", "m1"), *(event(f"o{i}", f"o{1 + i % 6}") for i in range(12))]
    folder = dataset_folder(activity=[*busy, *others])
    result = CliRunner().invoke(app, ["analyse", str(folder), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    units = pd.read_csv(tmp_path / "o" / "units.csv").set_index("business_unit")
    north = units.loc["North"]
    assert north["lead_department"] == "other (small groups)"
    assert pd.isna(north["lead_department_active_employees"])
    assert pd.isna(north["control_share"])
    words = " ".join(str(north[c]) for c in ("verdict", "provisional_reasons", "next_steps"))
    assert "person active" not in words and "people active" not in words
    assert "rule: at least" not in words  # a step from it would say its count is under 3
    evidence = pd.read_csv(tmp_path / "o" / "evidence.csv")
    lead = evidence.loc[
        (evidence["business_unit"] == "North")
        & evidence["indicator"].str.startswith(("lead_department", "control"))
    ]
    assert lead["value"].isna().all() and lead["fulfilment"].isna().all()  # nor how far met
    assert pd.isna(north["lead_department_headcount"]) and pd.isna(north["hub_headcount"])
    assert pd.isna(north["lead_department_function"]) and pd.isna(north["hub_function"])
    departments = pd.read_csv(tmp_path / "o" / "departments.csv").set_index("department")
    assert pd.isna(departments.loc["Tiny", "takes_part"])
