"""Each unit's risk comes from its own measures (hand-made units, checked by hand)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from orgsocial.analysis.risks import WORDS, unit_risk

FALLBACK = {p: {"en": f"phase {p} drawback", "nl": f"nadeel fase {p}"} for p in range(1, 5)}


def test_the_worst_measured_risk_of_the_phase_is_chosen_with_its_numbers():
    pilot = {"active_share": 0.04, "headcount": 1200, "hub_share": 0.6, "departments": 8}
    assert unit_risk(pilot, 1, 5, "en", FALLBACK).startswith(
        "Only 4% of the unit's 1,200 people take part"
    )
    assert "1.200 mensen" in unit_risk(pilot, 1, 5, "nl", FALLBACK)
    # the same unit with most people taking part: the busiest department is the risk now
    spread = {**pilot, "active_share": 0.7, "hub_department": "Marketing", "hub_headcount": 12}
    assert unit_risk(spread, 1, 5) == fill_words("one_department", "60%", "Marketing")


def fill_words(key: str, share: str, department: str) -> str:
    return WORDS["en"][key].format(share=share, department=department)


def test_a_small_department_is_neither_named_nor_its_share_quoted():
    # units.csv withholds the share of a department under the minimum: so do the words
    facts = {"active_share": 0.9, "headcount": 100, "hub_share": 0.8, "departments": 3}
    shown = unit_risk({**facts, "hub_department": "Legal", "hub_headcount": 4}, 1, 5)
    assert "Legal" not in shown and "80%" not in shown
    assert "through one department" not in shown
    unknown = unit_risk({**facts, "hub_department": "Legal"}, 1, 5)  # size not known
    assert "80%" not in unknown


def test_customers_waiting_wins_when_worst_and_customer_facing_risk_says_how_long():
    waiting = {
        "inquiries": 200,
        "answered_within_24h_share": 0.1,
        "answered_within_1h_share": 0.02,
        "customer_facing_active_share": 0.5,
        "customer_facing_headcount": 40,
    }
    assert unit_risk(waiting, 2, 5).startswith("90% of customer questions had no answer")
    apart = {**waiting, "answered_within_24h_share": 0.7, "customer_facing_active_share": 0.0}
    shown = unit_risk(apart, 2, 5)
    assert shown.startswith("Nobody in the customer-facing departments takes part")
    assert shown.endswith("30% of customer questions waited longer than a day.")


def test_risks_belong_to_the_phase():
    facts = {"active_share": 0.01, "headcount": 50, "cross_department_share": 0.3}
    facts["departments"] = 4
    # few enthusiasts is a pilot's risk, not coordination's: silos are measured instead
    # "inside one department" was ambiguous for a unit of two departments (a trial)
    assert unit_risk(facts, 3, 5).startswith(
        "70% of interactions are between people of the same department: what one department"
    )
    assert unit_risk(facts, 3, 5, "nl").startswith(
        "70% van de interacties vindt plaats tussen mensen van dezelfde afdeling: wat de ene"
    )


def test_without_any_measure_the_phase_drawback_or_unknown_is_said():
    assert unit_risk({}, 2, 5, "nl", FALLBACK) == "nadeel fase 2"
    assert unit_risk({"active_share": float("nan")}, 3, 5, "en", FALLBACK) == "phase 3 drawback"
    assert unit_risk({}, 2, 5, "en", FALLBACK, top=4) == WORDS["en"]["unknown"]


def test_an_open_verdict_weighs_the_risks_of_every_phase_it_leaves_open():
    facts = {"cross_department_share": 0.1, "departments": 5, "active_share": 0.6}
    facts["headcount"] = 80
    assert unit_risk(facts, 1, 5).startswith("Only 60%")  # a firm pilot: silos not a candidate
    assert unit_risk(facts, 1, 5, top=3).startswith("90% of interactions are between people")


shares = st.floats(0, 1) | st.just(math.nan)


@given(
    active=shares,
    hub=shares,
    facing=shares,
    day=shares,
    crossing=shares,
    phase=st.integers(1, 4),
    lang=st.sampled_from(["en", "nl"]),
)
def test_a_risk_is_always_a_sentence_and_never_empty(
    active, hub, facing, day, crossing, phase, lang
):
    facts = {
        "active_share": active,
        "headcount": 30,
        "hub_share": hub,
        "hub_department": "Sales",
        "hub_headcount": 9,
        "departments": 3,
        "customer_facing_active_share": facing,
        "customer_facing_headcount": 10,
        "inquiries": 12,
        "answered_within_24h_share": day,
        "answered_within_1h_share": 0.0 if not math.isnan(day) else day,
        "cross_department_share": crossing,
    }
    text = unit_risk(facts, phase, 5, lang, FALLBACK)
    assert (text and text.endswith(".")) or text == FALLBACK[phase][lang]
    assert "nan" not in text and "{" not in text


def test_a_risk_that_privacy_withholds_says_so_not_that_the_data_show_too_little():
    # manufacturing units 104 and 27: the busiest department's share, withheld beside a
    # 2-person team, was the only measured risk; the sentence blamed thin data
    unreleased = {"hub_share": 0.53, "hub_headcount": 14, "departments": 2}
    released = {"hub_share": float("nan"), "hub_headcount": float("nan"), "departments": 2}
    for top in (4, None):
        said = unit_risk(released, 2, 5, "en", FALLBACK, top=top, unreleased=unreleased)
        assert said.startswith("Not shown") and "fewer than 5 people" in said, said
        assert "53%" not in said
        dutch = unit_risk(released, 2, 5, "nl", FALLBACK, top=top, unreleased=unreleased)
        assert dutch.startswith("Niet getoond") and "minder dan 5 mensen" in dutch
    # nothing measured before privacy either: thin data, as before
    assert unit_risk({}, 2, 5, "en", FALLBACK, top=4, unreleased={}) == WORDS["en"]["unknown"]


def test_a_quarter_through_the_busiest_of_many_departments_is_not_a_dependence_on_one():
    # manufacturing unit 69: "26% of the unit's activity runs through team 69: when its few
    # active people stop, so does the unit's social media" (all 9 active; e-mail)
    facts = {"hub_share": 0.26, "hub_headcount": 9, "hub_department": "team 69", "departments": 5}
    assert "runs through" not in unit_risk(facts, 1, 5, "en", FALLBACK)
    most = unit_risk({**facts, "hub_share": 0.68}, 1, 5)
    assert most.startswith("68% of the unit's activity runs through team 69")
    assert "few active people" not in most and "social media" not in most


def test_measures_that_show_no_main_risk_say_so():
    # unit 69 then read "16% of interactions stay inside one department: what one department
    # learns does not reach the others", with 84% crossing departments (words since changed)
    facts = {
        "hub_share": 0.26,
        "hub_headcount": 9,
        "departments": 5,
        "cross_department_share": 0.84,
    }
    for top in (4, None):
        said = unit_risk(facts, 2, 5, "en", FALLBACK, top=top)
        assert said.startswith("No main risk shows in this unit's figures"), said
        # it read "... are measured and none of them holds most of its activity" (a trial)
        assert said.endswith("were measured, and none of them applies."), said
    assert unit_risk(facts, 2, 5, "nl", FALLBACK, top=4).startswith("Geen groot risico")
    siloed = unit_risk({**facts, "cross_department_share": 0.3}, 3, 5, "en", FALLBACK)
    assert siloed.startswith("70% of interactions are between people of the same department")
    assert siloed.endswith("does not reach the others.")
    # two departments: "the other" (a trial: Lazega's Boston read "the others")
    two = {**facts, "cross_department_share": 0.3, "departments": 2}
    assert unit_risk(two, 3, 5, "en", FALLBACK).endswith("does not reach the other.")
    assert unit_risk(two, 3, 5, "nl", FALLBACK).endswith("bereikt de andere niet.")
