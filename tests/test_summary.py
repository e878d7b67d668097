"""The executive summary on hand-made units, checked by hand: which change counts, how sure
in words, the people behind a verdict, the attention order and the top actions."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.reporting.summary import (
    FIRM_CONFIDENCE,
    WORDS,
    basis_text,
    confidence_text,
    executive_summary,
    top_actions,
    unit_changes,
)


def unit(name: str, phase: float | None, **values) -> dict:
    record = {
        "business_unit": name,
        "phase": phase,
        "confidence": 0.8,
        "at_least": False,
        "provisional": False,
        "basis": "behaviour",
        "between": "",
        "runner_up": pd.NA,
        "say_do_gap": 0,
        "phase_survey": phase,
        "suppressed": False,
        "previous_period": "2026-Q2",
        "active_employees": 40,
        "employee_events": 1200,
        "respondents": 30,
        "risk": f"risk of {name}",
        "next_steps": f"step of {name} (now 1%, threshold 50%)",
        "verdict": "",
    }
    record.update(values)
    return record


def trend_row(name: str, phase: int, confidence: float = 0.8, **values) -> dict:
    return {
        "business_unit": name,
        "period": "2026-Q2",
        "phase": phase,
        "confidence": confidence,
        "at_least": False,
        "provisional": False,
        "basis": "behaviour",
        **values,
    }


def test_a_change_counts_only_between_firm_verdicts():
    units = pd.DataFrame(
        [
            unit("Up", 3),
            unit("Down", 1),
            unit("Same", 2),
            unit("Unsure now", 3, confidence=FIRM_CONFIDENCE - 0.01),
            unit("Unsure before", 3),
            unit("Open", 3, at_least=True),
            unit("New", 2, previous_period=None),
            unit("Same, unsure", 2, provisional=True),
        ]
    )
    trend = pd.DataFrame(
        [
            trend_row("Up", 2),
            trend_row("Down", 2),
            trend_row("Same", 2),
            trend_row("Unsure now", 2),
            trend_row("Unsure before", 2, provisional=True),
            trend_row("Open", 2),
            trend_row("Same, unsure", 2, at_least=True),
        ]
    )
    changes = unit_changes(units, trend).set_index("business_unit")["change"]
    assert changes["Up"] == 1 and changes["Down"] == -1 and changes["Same"] == 0
    assert changes["Same, unsure"] == 0  # the same phase twice is no move, firm or not
    for unclear in ("Unsure now", "Unsure before", "Open", "New"):
        assert pd.isna(changes[unclear]), unclear
    shown = executive_summary(units, trend).units.set_index("business_unit")["change_text"]
    assert shown["Up"] == "up from Centralisation"
    assert shown["Down"] == "down from Centralisation"
    assert shown["Unsure now"] == "not clear (was Centralisation)"
    assert shown["New"] == "–"


def test_how_sure_in_words_and_the_people_behind_it():
    assert confidence_text({"phase": 2, "confidence": 0.75}) == "high"
    assert confidence_text({"phase": 2, "confidence": 0.74}, "nl") == "redelijk"
    assert confidence_text({"phase": 2, "confidence": 0.2, "provisional": True}) == (
        "low, provisional"
    )
    assert confidence_text({"phase": None, "confidence": 0.9}) == "–"
    few = {"active_employees": 4, "employee_events": 12000, "respondents": 4}
    # the events of fewer people than the minimum are a figure about them: not shown
    assert basis_text(few, 5) == "fewer than 5 people active, no survey of 5 or more"
    assert basis_text(few, 3, "nl") == (
        "4 personen actief, 12.000 gebeurtenissen, 4 respondenten van de enquête"
    )


def test_attention_order_slipped_then_lowest_phase_then_say_do_then_least_sure():
    units = pd.DataFrame(
        [
            unit("Integrated", 4),
            unit("Pilot sure", 1, confidence=0.9),
            unit("Pilot unsure", 1, confidence=0.6),
            unit("Central agrees", 2, confidence=0.55),
            unit("Central says more", 2, confidence=0.95, say_do_gap=1),
            unit("Slipped", 3),
            unit("No verdict", None, confidence=float("nan")),
            unit("Small", None, suppressed=True),
        ]
    )
    trend = pd.DataFrame([trend_row("Slipped", 4)])
    order = executive_summary(units, trend).units["business_unit"].tolist()
    assert order == [
        "Slipped",
        "Pilot unsure",
        "Pilot sure",
        "Central says more",
        "Central agrees",
        "Integrated",
        "No verdict",
        "Small",
    ]
    assert "1 is too small to report" in executive_summary(units, trend).headline[0]
    small = executive_summary(units, trend, 5).units.set_index("business_unit").loc["Small"]
    assert small["phase_text"] == "not reported: fewer than 5 people"
    assert small["risk"] == "" and small["next_step"] == "" and small["basis_text"] == ""


def test_top_actions_weigh_steps_by_their_order_and_count_units_sharing_them():
    ranked = pd.DataFrame(
        [
            {"business_unit": "A", "next_steps": "Train (now 1%) | Survey | Connect (now 2%)"},
            {"business_unit": "B", "next_steps": "Connect (now 5%) | Train (now 9%)"},
            {"business_unit": "C", "next_steps": "Survey"},
            {"business_unit": "D", "next_steps": "Hidden", "suppressed": True},
        ]
    )
    # Train 1 + 1/2, Connect 1/3 + 1, Survey 1/2 + 1: the detail does not split a step
    assert top_actions(ranked) == [
        ("Train", ["A", "B"]),
        ("Survey", ["A", "C"]),
        ("Connect", ["A", "B"]),
    ]


def test_a_unit_meeting_every_criterion_gives_the_organisation_no_action():
    # sixth trial: "Every criterion of full integration is met: keep it up" was one of the
    # organisation's first actions on the demo's index
    from orgsocial.analysis.advice import WORDS

    for lang in ("en", "nl"):
        ranked = pd.DataFrame(
            [
                {"business_unit": "A", "next_steps": WORDS[lang]["all_met"]},
                {"business_unit": "B", "next_steps": "Survey"},
            ]
        )
        assert top_actions(ranked) == [("Survey", ["B"])]


def test_headline_says_where_units_are_what_moved_and_say_against_do():
    units = pd.DataFrame(
        [
            unit("North", 1),
            unit("South", 3, say_do_gap=1),
            unit("East", 2, at_least=True, phase_max=4),
        ]
    )
    trend = pd.DataFrame([trend_row("North", 2), trend_row("South", 2)])
    lines = executive_summary(units, trend).headline
    assert lines[0] == (
        "Of 3 business units, 1 is in pilot, 1 is at least in centralisation and 1 is in "
        "coordination. Still in pilot: North."
    )
    assert lines[1] == (
        "Since 2026-Q2: North slipped back to pilot; South moved up to coordination."
    )
    assert lines[2] == (
        "In South, people say more than they do: the survey is ahead of behaviour. For East, "
        "the data show only the lowest phase reached: how much further it has come cannot be "
        "told yet."
    )
    dutch = executive_summary(units, trend, lang="nl").headline
    assert dutch[1] == (
        "Sinds 2026-Q2: North zakte terug naar de pilotfase; South ging omhoog naar de "
        "coördinatiefase."
    )


def test_one_unit_is_named_and_an_open_verdict_says_at_least():
    units = pd.DataFrame([unit("Firm", 2, at_least=True, phase_max=4)])
    lines = executive_summary(units, pd.DataFrame(), lang="nl").headline
    assert lines[0] == "Het enige bedrijfsonderdeel, Firm, zit minstens in de centralisatiefase."
    assert executive_summary(units, pd.DataFrame()).headline[0] == (
        "The one business unit, Firm, is at least in centralisation."
    )


def test_one_period_and_no_moves_are_said_plainly():
    units = pd.DataFrame([unit("Only", 2, previous_period=None)])
    assert executive_summary(units, pd.DataFrame()).headline[1] == WORDS["en"]["line_one_period"]
    units = pd.DataFrame([unit("Still", 2)])
    trend = pd.DataFrame([trend_row("Still", 2)])
    assert executive_summary(units, trend).headline[1] == (
        "No unit changed phase beyond noise since 2026-Q2."
    )


def test_page_one_says_where_the_data_are_not_social_media():
    units = pd.DataFrame(
        [
            unit("Mail", 2, notes="undecided;not_social", other_channels="email"),
            unit("Social", 3, notes="", other_channels=""),
        ]
    )
    line = executive_summary(units, pd.DataFrame()).headline[2]
    assert line.endswith(
        "In Mail, most activity is email, not social media: its phase reads how people work "
        "together."
    )
    assert "Social" not in line


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_both_languages_have_every_word(lang):
    assert set(WORDS[lang]) == set(WORDS["en"])


phases = st.sampled_from([1, 2, 3, 4, None])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(phases, phases, st.floats(0, 1), st.booleans(), st.integers(-2, 2)),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["en", "nl"]),
)
def test_every_unit_gets_one_row_and_a_rank(plan, lang):
    units = pd.DataFrame(
        [
            unit(f"U{i}", now, confidence=sure, provisional=unsure, say_do_gap=gap)
            for i, (now, _, sure, unsure, gap) in enumerate(plan)
        ]
    )
    trend = pd.DataFrame(
        [trend_row(f"U{i}", before) for i, (_, before, *_) in enumerate(plan) if before]
    )
    summary = executive_summary(units, trend, lang=lang)
    assert sorted(summary.units["business_unit"]) == sorted(units["business_unit"])
    assert summary.units["rank"].tolist() == list(range(1, len(plan) + 1))
    assert len(summary.headline) == 3 and all(summary.headline)
    assert not any("nan" in line or "<NA>" in line for line in summary.headline)
    assert len(summary.actions) <= 3
