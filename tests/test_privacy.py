"""Small-group suppression."""

from __future__ import annotations

import pandas as pd
import pytest

from orgsocial.analysis.privacy import (
    HIDDEN,
    SMALL_GROUPS,
    merge_costs,
    merge_small_in_edges,
    small_department_groups,
    small_unit_groups,
    suppress_rows,
    unit_group,
)


def test_suppress_rows_marks_and_blanks():
    frame = pd.DataFrame({"department": ["a", "b"], "headcount": [4, 5], "events": [9, 9]})
    out = suppress_rows(frame, frame["headcount"], 5, ["headcount", "events"])
    assert out["suppressed"].tolist() == [True, False]
    assert out["department"].tolist() == ["a", "b"]
    assert out["events"].isna().tolist() == [True, False]


DEPARTMENTS = pd.DataFrame(
    {
        "department": ["a", "b", "s1", "s2", "t1", "u1", "v1"],
        "business_unit": ["U", "U", "U", "U", "T", "V", "V"],
        "headcount": [9, 7, 3, 4, 2, 2, 12],
    }
)


def test_small_departments_merge_into_their_own_unit_and_leftovers_into_one_node():
    groups = small_department_groups(DEPARTMENTS, 5)
    # s1 + s2 (7 people) keep U's structure; t1 (2) and u1 (2) alone are too few in
    # their units and together (4) too few to be shown at all
    assert groups.to_dict() == {
        "s1": "other in U (small groups)",
        "s2": "other in U (small groups)",
        "t1": HIDDEN,
        "u1": HIDDEN,
    }
    wider = DEPARTMENTS.assign(headcount=[9, 7, 3, 4, 2, 3, 12])  # t1 + u1 = 5
    assert small_department_groups(wider, 5).to_dict()["t1"] == SMALL_GROUPS
    assert small_department_groups(DEPARTMENTS, 1).empty


EDGES = pd.DataFrame(
    {
        "source": ["a", "a", "b", "s1", "a", "t1", "v1"],
        "target": ["s1", "s2", "s2", "s2", "b", "v1", "u1"],
        "weight": [1, 2, 4, 8, 16, 32, 64],
    }
)


def test_merged_edges_and_what_they_no_longer_show():
    groups = small_department_groups(DEPARTMENTS, 5)
    merged, hidden = merge_small_in_edges(EDGES, groups)
    assert merged.to_dict("records") == [
        {"source": "a", "target": "b", "weight": 16},
        {"source": "a", "target": "other in U (small groups)", "weight": 3},
        {"source": "b", "target": "other in U (small groups)", "weight": 4},
    ]
    assert hidden == 8 + 32 + 64  # inside U's merged node; with the hidden node
    assert merged["weight"].sum() + hidden == EDGES["weight"].sum()


def test_merge_costs_by_hand():
    groups = small_department_groups(DEPARTMENTS, 5)
    costs = merge_costs(DEPARTMENTS, EDGES, groups, 5).set_index("business_unit")
    everyone = costs.loc["(all)"]
    assert (everyone["departments"], everyone["departments_merged"]) == (7, 4)
    # the links with t1 and u1 (4 people, too few to show even merged) are in no figure
    assert (everyone["department_pairs"], everyone["pairs_merged"]) == (5, 4)
    assert everyone["interactions"] == 31 and everyone["interactions_merged"] == 15
    assert everyone["interactions_hidden"] == 8  # s1 - s2, inside U's merged node
    assert everyone["links_with_hidden_groups"]
    assert everyone["merged_into"] == "other in U (small groups)"
    u = costs.loc["U"]
    assert (u["departments"], u["departments_merged"], u["department_pairs"]) == (4, 2, 5)
    assert (u["pairs_merged"], u["interactions_merged"], u["interactions_hidden"]) == (4, 15, 8)
    assert not u["most_departments_merged"] and not u["suppressed"]
    assert not u["links_with_hidden_groups"]
    # T is one person-pair short of the minimum: everything about it is withheld
    t = costs.loc["T"]
    assert t["suppressed"] and pd.isna(t["interactions"]) and pd.isna(t["pairs_merged"])
    assert t["most_departments_merged"]
    # V is big enough, but its only links are with groups too small to show: no count of them
    v = costs.loc["V"]
    assert v["interactions"] == 0 and v["department_pairs"] == 0
    assert v["links_with_hidden_groups"] and v["merged_into"] == ""


def test_small_units_merge_or_hide():
    assert small_unit_groups(pd.Series({"A": 40, "B": 3, "C": 2}), 5).tolist() == [
        SMALL_GROUPS,
        SMALL_GROUPS,
    ]
    assert small_unit_groups(pd.Series({"A": 40, "B": 3}), 5).tolist() == [HIDDEN]


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


def test_the_network_pages_say_what_merging_hid_and_warn_where_it_hid_most():
    from orgsocial.reporting.readings import merge_reading, merge_warning

    costs = merge_costs(DEPARTMENTS, EDGES, small_department_groups(DEPARTMENTS, 5), 5)
    everyone = merge_reading(costs.iloc[:1], 5)
    assert "4 of 7 departments have fewer than 5 people" in everyone
    assert "‘other in U (small groups)’" in everyone
    assert (
        "4 of the 5 pairs of departments with contact, counted before merging (15 of 31 "
        in everyone
    )
    assert "that involve this unit" not in everyone  # the organisation's row
    assert "8 interactions inside a merged group" in everyone
    # nothing inside a merged group: no sentence saying "0 ... are not drawn"
    nothing = merge_reading(costs.iloc[:1].assign(interactions_hidden=0), 5)
    assert "inside a merged group" not in nothing and "4 of the 5 pairs" in nothing
    assert everyone.endswith("are neither drawn nor counted.")
    u = merge_reading(costs.loc[costs["business_unit"] == "U"], 5, "nl")
    assert "2 van de 4 afdelingen" in u and "(15 van de 31 interacties)" in u
    assert "waarbij dit onderdeel betrokken is" in u  # a unit's pairs include other units
    v = merge_reading(costs.loc[costs["business_unit"] == "V"], 5)
    assert "too few to show" in v and "64" not in v  # u1's own links are not given
    # a unit with nothing merged, but links with a group too small to show, says so
    alone = costs.loc[costs["business_unit"] == "V"].assign(departments_merged=0)
    assert merge_reading(alone, 5).startswith("Links with groups of fewer than 5 people")
    # T is suppressed whole (its only department merged): no warning about its structure
    assert merge_warning(costs, 5) == ""
    bigger = costs.assign(suppressed=False)
    assert merge_warning(bigger, 5).startswith("Most departments of T are merged for privacy")
    # the README's rule: lowering the minimum is for an analyst's own counts, never a report
    assert "--min-group-size" not in merge_warning(bigger, 5, "nl")
    assert "importmapping" in merge_warning(bigger, 5, "nl")
    assert (
        merge_reading(
            merge_costs(DEPARTMENTS, EDGES, small_department_groups(DEPARTMENTS, 1), 1), 1
        )
        == ""
    )


def test_a_units_small_departments_shown_only_in_the_organisation_network_are_said_so():
    from orgsocial.reporting.readings import merge_reading

    wider = DEPARTMENTS.assign(headcount=[9, 7, 3, 4, 2, 3, 12])  # t1 + u1 = 5: shown org-wide
    costs = merge_costs(wider, EDGES, small_department_groups(wider, 5), 5)
    v = merge_reading(costs.loc[costs["business_unit"] == "V"], 5)
    assert "shown only in the organisation's network" in v and "‘other (small groups)’" in v


def test_an_empty_network_says_whether_privacy_hid_it():
    from orgsocial.reporting.readings import network_reading

    costs = merge_costs(DEPARTMENTS, EDGES, small_department_groups(DEPARTMENTS, 5), 5)
    none = EDGES.iloc[0:0]
    assert network_reading(none, "en", costs.loc[costs["business_unit"] == "T"]).startswith(
        "No link between departments can be shown: privacy hides them"
    )
    assert network_reading(none, "en", None).startswith("No interactions between different")
    exact = merge_costs(DEPARTMENTS, EDGES, small_department_groups(DEPARTMENTS, 1), 1)
    assert network_reading(none, "nl", exact).startswith("Er zijn geen interacties")


def test_the_connections_reading_says_whether_privacy_hid_every_link():
    # the Slack sample at the default minimum: "no interactions between departments were
    # found" above "privacy: 4 of 4 departments ... their links are not drawn"
    from orgsocial.reporting.readings import connections_reading

    costs = merge_costs(DEPARTMENTS, EDGES, small_department_groups(DEPARTMENTS, 5), 5)
    nothing = pd.DataFrame(columns=["business_unit", "customer_service", "within", "between"])
    assert connections_reading(nothing, "en", costs).startswith(
        "No link between departments can be shown: privacy hides them"
    )
    assert connections_reading(nothing, "en").startswith("No interactions between different")


def _kind(dtype) -> str:
    if pd.api.types.is_bool_dtype(dtype):
        return "yes/no"
    if pd.api.types.is_numeric_dtype(dtype):
        return "number"  # a count is a float where it can be withheld (docs/outputs.md)
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "time"
    return str(dtype)


def test_a_column_keeps_its_type_when_every_value_is_withheld(tmp_path):
    # the Viva group-to-group sample: every unit withheld, and units.parquet had columns of
    # type null (moved_back, trend, ...), departments.parquet answers_customers likewise
    from conftest import small_demo
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset
    from orgsocial.io.outputs import read_results, write_results

    dataset = load_dataset(small_demo(tmp_path / "org", 7, (("Retail", 4), ("East", 1))))
    shown = analyse(dataset, load_settings().with_min_group_size(1))
    withheld = analyse(dataset, load_settings().with_min_group_size(100_000))
    assert withheld.units["suppressed"].all() and withheld.departments["suppressed"].all()
    write_results(withheld, tmp_path / "out")
    read = read_results(tmp_path / "out")
    # in memory too: the same dtype whether or not a department is withheld
    assert shown.departments["answers_customers"].dtype == "boolean"
    assert withheld.departments["answers_customers"].dtype == "boolean"
    for name in shown.FRAMES:
        expected = getattr(shown, name).dtypes.map(_kind)
        for frame in (getattr(withheld, name), getattr(read, name)):
            kinds = frame.dtypes.map(_kind)
            common = expected.index.intersection(kinds.index)
            assert kinds[common].to_dict() == expected[common].to_dict(), name
            assert "object" not in set(kinds) - set(expected), name


def test_figures_counting_departments_are_withheld_where_they_would_give_a_small_one_back(
    dataset_folder, tmp_path
):
    # the manufacturing e-mail's unit 104: two departments, one of 2 people; its density of
    # 1 said that those two talk to the other department, which no network figure shows
    from typer.testing import CliRunner

    from orgsocial.analysis.release import PER_DEPARTMENT_FIGURES
    from orgsocial.cli import app

    out = tmp_path / "o"
    result = CliRunner().invoke(app, ["analyse", str(dataset_folder()), "--out", str(out)])
    assert result.exit_code == 0, result.output
    units = pd.read_csv(out / "units.csv").set_index("business_unit")
    departments = pd.read_csv(out / "departments.csv")
    small = departments.loc[departments["suppressed"], "business_unit"].unique().tolist()
    assert small == ["North"]  # Tiny, 2 people
    assert units.loc["North", list(PER_DEPARTMENT_FIGURES)].isna().all()
    shown = units.drop(index="North")
    assert shown["departments_active_share"].notna().all()
    evidence = pd.read_csv(out / "evidence.csv")
    north = evidence.loc[
        (evidence["business_unit"] == "North") & evidence["indicator"].isin(PER_DEPARTMENT_FIGURES)
    ]
    assert len(north) and north["value"].isna().all() and north["fulfilment"].isna().all()
    assert north["value_suppressed"].all()


def test_small_departments_that_are_enough_people_together_keep_their_unit_s_figures():
    from orgsocial.analysis.privacy import units_with_small_departments

    stats = pd.DataFrame(
        {
            "business_unit": ["A", "A", "A", "B", "B", "B", "C"],
            "headcount": [40, 2, 1, 40, 3, 3, 0],
        }
    )
    # A: 3 people in small departments (fewer than 5 together); B: 6; C: no one
    assert units_with_small_departments(stats, 5) == frozenset({"A"})
    assert units_with_small_departments(stats, 7) == frozenset({"A", "B"})


def test_a_part_s_figures_are_withheld_where_the_rest_of_its_unit_is_a_small_group(
    dataset_folder,
):
    # manufacturing unit 104: hub of 14 in a unit of 16; the unit's active people less the
    # hub's gave the other team's 2 (both active), its events less the hub's theirs
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.analysis.release import suppress_units
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset

    units = analyse(load_dataset(dataset_folder()), load_settings().with_min_group_size(1)).units
    row = units.index[units["hub_headcount"].fillna(0) >= 5][0]
    close = units.copy()
    close.loc[row, "headcount"] = close.loc[row, "hub_headcount"] + 2  # the rest: 2 people
    far = units.copy()
    far.loc[row, "headcount"] = far.loc[row, "hub_headcount"] + 9  # the rest: 9 people
    withheld, shown = suppress_units(close, 5).loc[row], suppress_units(far, 5).loc[row]
    for column in ("hub_share", "hub_active_share", "hub_headcount"):
        assert pd.isna(withheld[column]), column
        assert pd.notna(shown[column]) or pd.isna(units.loc[row, column]), column
    assert withheld["hub_department"] == units.loc[row, "hub_department"]  # 5+ people: named


@pytest.mark.parametrize("minimum", [3, 5, 8, 12])
def test_what_a_unit_withholds_of_its_departments_is_never_a_small_group(tmp_path, minimum):
    # the third trial subtracted a unit's shown departments from the unit (units.csv less
    # departments.csv, business_unit_edges less department_edges, privacy.csv less a
    # department's strength) and got a 2-person team's figures: what a unit withholds of
    # its departments must be nobody or a group of at least the minimum
    from conftest import small_demo
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset

    dataset = load_dataset(small_demo(tmp_path / "org", 11, (("Retail", 4), ("East", 2))))
    people = dataset.employees["department"].value_counts()
    results = analyse(dataset, load_settings().with_min_group_size(minimum))
    departments = results.departments.assign(people=lambda d: d["department"].map(people))
    shown_units = set(results.units.loc[~results.units["suppressed"], "business_unit"])
    withheld = departments.loc[
        departments["suppressed"] & departments["business_unit"].isin(shown_units)
    ]
    together = withheld.groupby("business_unit")["people"].sum()
    assert ((together == 0) | (together >= minimum)).all(), together
    edges = results.department_edges
    names = set(edges["source"]) | set(edges["target"])
    assert not names & set(withheld["department"])  # merged, never a node of their own
    # privacy.csv less the edges shown gives no more than it says it hides (the fifth
    # trial: a complemented unit's interactions less its edges were the small team's ties)
    shown = departments.loc[~departments["suppressed"]]
    for row in results.privacy.iloc[1:].to_dict("records"):
        if pd.isna(row["interactions"]):
            continue
        unit = row["business_unit"]
        nodes = {*shown.loc[shown["business_unit"] == unit, "department"], unit_group(unit)}
        touching = edges.loc[edges["source"].isin(nodes) | edges["target"].isin(nodes), "weight"]
        hidden = 0 if pd.isna(row["interactions_hidden"]) else row["interactions_hidden"]
        assert row["interactions"] - hidden == touching.sum(), row


def test_no_figure_or_sentence_gives_a_withheld_department_s_share_back(dataset_folder):
    # the fourth trial: "53% of the unit's activity runs through team 104" (a department
    # withheld as the complement of a 2-person team) with the unit's events gave the small
    # team's; and ei_index_people gave the two teams' ties
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset

    results = analyse(load_dataset(dataset_folder()), load_settings())
    withheld = set(results.departments.loc[results.departments["suppressed"], "department"])
    assert withheld == {"Tiny", "Marketing"}
    north = results.units.set_index("business_unit").loc["North"]
    assert north["hub_department"] == "Marketing"  # 5 people: named, its figures not
    assert pd.isna(north["hub_share"]) and pd.isna(north["hub_headcount"])
    assert pd.isna(north["ei_index_people"]) and pd.isna(north["cross_department_share"])
    words = " ".join(str(north[c]) for c in ("verdict", "risk", "next_steps", "say_do"))
    assert "runs through" not in words and "of the same department" not in words


@pytest.mark.parametrize("minimum", [5, 8])
def test_no_score_is_shown_that_a_withheld_evidence_value_entered(tmp_path, minimum):
    # the fourth trial solved reach_phase_2 for a withheld criterion value, with the
    # thresholds, softness and weights that evidence.csv shows; the phase stays
    from conftest import small_demo
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.analysis.release import SCORE_FIGURES
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset

    dataset = load_dataset(small_demo(tmp_path / "org", 11, (("Retail", 4), ("East", 2))))
    results = analyse(dataset, load_settings().with_min_group_size(minimum))
    evidence = results.evidence
    entered = evidence.loc[evidence["value_suppressed"] & (evidence["used_for"] == "verdict")]
    assert len(entered)  # one of the two units at each minimum
    units = results.units.set_index("business_unit")
    for unit, rows in entered.groupby("business_unit"):
        assert units.loc[unit, list(SCORE_FIGURES)].isna().all(), unit
        for level in rows["phase"].unique():
            assert pd.isna(units.loc[unit, f"reach_phase_{level}"]), (unit, level)
        assert pd.notna(units.loc[unit, "phase"])
        assert units.loc[unit, "confidence_band"] in ("high", "moderate", "low")
        # every period: the fifth trial solved an earlier quarter's for a team's events
        periods = results.trend.loc[results.trend["business_unit"] == unit]
        assert len(periods) and periods["confidence"].isna().all()
        assert periods["confidence_band"].isin(["high", "moderate", "low", ""]).all()
    clean = units.drop(index=entered["business_unit"].unique())
    assert len(clean) and clean[list(SCORE_FIGURES)].notna().all().all()


@pytest.mark.parametrize("minimum", [3, 5, 8])
def test_what_a_unit_withholds_of_its_departments_survey_is_never_a_small_group(tmp_path, minimum):
    # the fourth trial: the unit's survey means less those of its shown departments came
    # within 0.1-0.4 of a withheld 4-respondent team's
    from conftest import small_demo
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.io.dataset import load_dataset

    dataset = load_dataset(small_demo(tmp_path / "org", 11, (("Retail", 4), ("East", 2))))
    results = analyse(dataset, load_settings().with_min_group_size(minimum))
    unit_of = dataset.departments.set_index("department")["business_unit"]
    survey = results.survey_departments.assign(business_unit=lambda s: s["department"].map(unit_of))
    assert (survey["respondents"] < minimum).any()  # something to withhold
    shown_units = results.survey_waves.loc[~results.survey_waves["survey_suppressed"]]
    withheld = survey.loc[survey["survey_suppressed"]]
    together = withheld.groupby(["business_unit", "wave"])["respondents"].sum()
    together = together.loc[
        together.index.isin(
            list(zip(shown_units["business_unit"], shown_units["wave"], strict=True))
        )
    ]
    assert ((together == 0) | (together >= minimum)).all(), together
    assert withheld["use_internal_mean"].isna().all()


def test_a_department_merged_beside_a_small_one_is_not_called_small():
    # manufacturing unit 104 (teams of 2 and 14): its page said "2 of 2 departments have
    # fewer than 5 people", and the terminal 25 of 35 where 23 are
    from orgsocial.reporting.readings import merge_reading

    row = {
        "business_unit": "U",
        "departments": 2,
        "departments_merged": 2,
        "departments_small": 1,
        "merged_into": "other in U (small groups)",
        "department_pairs": 1,
        "pairs_merged": 1,
        "interactions": 7,
        "interactions_merged": 7,
        "interactions_hidden": pd.NA,
        "links_with_hidden_groups": False,
    }
    said = merge_reading(pd.DataFrame([row]), 5)
    assert said.startswith("Privacy: 1 of 2 departments has fewer than 5 people, and 1 department")
    assert "beside it is withheld too, as its figures would reveal the small one's;" in said
    assert "they are shown merged as" in said  # not "has ... and are"
    dutch = merge_reading(pd.DataFrame([row]), 5, "nl")
    assert "1 van de 2 afdelingen heeft minder dan 5 mensen, en 1 afdeling ernaast" in dutch
    alone = merge_reading(pd.DataFrame([{**row, "departments_small": 2}]), 5)
    assert "2 of 2 departments have fewer than 5 people; they are shown merged" in alone


def test_the_terminal_gives_a_withheld_confidence_as_its_band(tmp_path):
    from typer.testing import CliRunner

    from conftest import small_demo
    from orgsocial.cli import app

    dataset = small_demo(tmp_path / "org", 11, (("Retail", 4), ("East", 2)))
    result = CliRunner().invoke(
        app, ["analyse", str(dataset), "--out", str(tmp_path / "o"), "--min-group-size", "8"]
    )
    assert result.exit_code == 0, result.output
    east = next(line for line in result.output.splitlines() if line.strip().startswith("East"))
    assert "confidence moderate (withheld)" in east, east


def test_a_step_does_not_count_fewer_active_people_than_the_minimum():
    # trial: "now 2 people active in CB Communications; rule: at least 3" on the board's index
    from orgsocial.analysis.advice import next_steps
    from orgsocial.config import load_settings

    def evidence(value: float) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "phase": [2],
                "indicator": ["lead_department_active_employees"],
                "role": ["decisive"],
                "value": [value],
                "threshold": [2.5],
                "softness": [0.5],
                "weight": [2.0],
                "fulfilment": [0.1],
            }
        )

    settings = load_settings()
    few = next_steps(evidence(2.0), 1, settings, "en", lead="CB Communications")[0]
    assert "now 2" not in few and "2 people" not in few and "CB Communications" not in few
    # a second trial: the step had lost its "now": "(...: rule: at least 3)". It says what
    # the unmet rule tells anyway, fewer than 3 (or than the minimum, if that is lower)
    assert few.endswith(
        "(people active in the leading department: now fewer than 3 people active; "
        "rule: at least 3)"
    ), few
    dutch = next_steps(evidence(2.0), 1, settings, "nl", lead="CB Communications")[0]
    assert "nu 2" not in dutch and dutch.endswith(
        ": nu minder dan 3 mensen actief; regel: minstens 3)"
    ), dutch
    strict = next_steps(evidence(2.0).assign(threshold=6.5), 1, settings, "en")[0]
    assert "now fewer than 5 people active; rule: at least 7" in strict
    exact = next_steps(evidence(2.0), 1, settings.with_min_group_size(1), "en")[0]
    assert "now 2 people active; rule: at least 3" in exact  # an analyst's own counts
