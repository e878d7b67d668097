"""The executive summary: where each unit is now, whether it moved, how sure we are, what
to do first, ranked by what needs attention, with a three-line headline and the
organisation's top three actions. Pure functions of the analysis results; their rules
(when a change counts, how sure, the attention order, the top actions) are in
``docs/outputs.md``, "The executive summary's rules".

Examples
--------
>>> import orgsocial
>>> from orgsocial.reporting.summary import executive_summary
>>> results = orgsocial.load("data/demo")  # doctest: +SKIP
>>> summary = executive_summary(results.units, results.trend, lang="nl")  # doctest: +SKIP
>>> summary.headline[0]  # doctest: +SKIP
'Van de 9 onderdelen ...'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from orgsocial.analysis.advice import WORDS as advice_words
from orgsocial.analysis.advice import channel_words
from orgsocial.analysis.phases import NOTE_NOT_SOCIAL, NOTE_SEPARATOR
from orgsocial.io import contract as c
from orgsocial.reporting.readings import confidence_value, flag, known
from orgsocial.reporting.tables import count_text
from orgsocial.reporting.text import (
    any_undated,
    check_language,
    fill,
    label,
    phase_in_sentence,
    phase_name,
)

#: A verdict this sure (and not provisional, "at least" or survey-only) is firm: a
#: moderate confidence or more.
FIRM_CONFIDENCE = c.CONFIDENCE_BANDS["moderate"]
#: Lower bounds of "high" and "moderate" confidence.
CONFIDENCE_WORDS = (c.CONFIDENCE_BANDS["high"], c.CONFIDENCE_BANDS["moderate"])
#: How many actions the summary names for the organisation.
TOP_ACTIONS = 3

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "provisional": "provisional",
        "people": "{count} {count|person|people} active",
        "few_people": "fewer than {minimum} people active",
        "no_people": "no activity of individual people",
        "events": "{count} {count|event|events}",
        "respondents": "{count} survey {count|respondent|respondents}",
        "few_respondents": "no survey of {minimum} or more",
        "up": "up from {phase}",
        "down": "down from {phase}",
        "same": "no change",
        "unclear": "not clear (was {phase})",
        "no_previous": "–",
        "close_to": "{phase}, close to {other}",
        "not_reported": "not reported: fewer than {minimum} people",
        "line_now": "Of {total} business {total|unit|units}, {parts}.",
        "line_now_one": "The one business unit, {unit}, is {where}.",
        "line_now_part": "{count} {count|is|are} {where}",
        "in_phase": "in {phase}",
        "at_least_in": "at least in {phase}",
        "line_pilot": " Still in pilot: {units}.",
        "line_unknown": "{count} cannot be placed yet ({units})",
        "line_small": "{count} {count|is|are} too small to report",
        "line_moves": "Since {period}: {moves}.",
        "line_up": "{unit} moved up to {phase}",
        "line_down": "{unit} slipped back to {phase}",
        "line_no_moves": "No unit changed phase beyond noise since {period}.",
        "line_one_period": "Only one period so far: changes show from the next one.",
        "line_no_period": "The data hold no activity of individual people, so there is no "
        "period to read and no change to show.",
        "line_undated": "The data carry no dates: they show where each unit stands, not how it "
        "changed.",
        "line_says_more": "In {units}, people say more than they do: the survey is ahead of "
        "behaviour.",
        "line_does_more": "In {units}, people do more than they say: make the practice official.",
        "line_agree": "Where both are measured, what people say matches what they do.",
        "line_no_survey": "No usable survey: what people say is not known.",
        "line_open": " For {units}, the data show only the lowest phase reached: how much "
        "further {count|it has|they have} come cannot be told yet.",
        "line_not_social": " In {units}, most activity is {channels}, not social media: "
        "{count|its phase reads|their phases read} how people work together.",
        "and": " and ",
        "units_more": "{units} and {count} more",
    },
    "nl": {
        "provisional": "voorlopig",
        "people": "{count} {count|persoon|personen} actief",
        "few_people": "minder dan {minimum} personen actief",
        "no_people": "geen activiteit van afzonderlijke mensen",
        "events": "{count} {count|gebeurtenis|gebeurtenissen}",
        "respondents": "{count} {count|respondent|respondenten} van de enquête",
        "few_respondents": "geen enquête met {minimum} of meer",
        "up": "omhoog van {phase}",
        "down": "omlaag van {phase}",
        "same": "geen verandering",
        "unclear": "niet duidelijk (was {phase})",
        "no_previous": "–",
        "close_to": "{phase}, dicht bij {other}",
        "not_reported": "niet gerapporteerd: minder dan {minimum} personen",
        "line_now": "Van de {total} {total|bedrijfsonderdeel|bedrijfsonderdelen}: {parts}.",
        "line_now_one": "Het enige bedrijfsonderdeel, {unit}, zit {where}.",
        "line_now_part": "{count} {where}",
        "in_phase": "in {phase}",
        "at_least_in": "minstens in {phase}",
        "line_pilot": " Nog in de pilotfase: {units}.",
        "line_unknown": "{count} nog niet in te delen ({units})",
        "line_small": "{count} te klein om te rapporteren",
        "line_moves": "Sinds {period}: {moves}.",
        "line_up": "{unit} ging omhoog naar {phase}",
        "line_down": "{unit} zakte terug naar {phase}",
        "line_no_moves": "Geen onderdeel veranderde sinds {period} meer dan ruis van fase.",
        "line_one_period": "Nog maar één periode: veranderingen zijn vanaf de volgende te zien.",
        "line_no_period": "De gegevens bevatten geen activiteit van afzonderlijke mensen, dus "
        "er is geen periode te lezen en geen verandering te tonen.",
        "line_undated": "De gegevens hebben geen datums: ze tonen waar elk onderdeel staat, niet "
        "hoe het veranderde.",
        "line_says_more": "In {units} zeggen mensen meer dan ze doen: de enquête loopt voor op "
        "het gedrag.",
        "line_does_more": "In {units} doen mensen meer dan ze zeggen: maak de praktijk officieel.",
        "line_agree": "Waar beide gemeten zijn, klopt wat mensen zeggen met wat ze doen.",
        "line_no_survey": "Geen bruikbare enquête: wat mensen zeggen is niet bekend.",
        "line_open": " Voor {units} tonen de gegevens alleen de laagste fase: hoe ver "
        "{count|het|ze} daarboven {count|zit|zitten}, is nog niet te zeggen.",
        "line_not_social": " In {units} loopt de meeste activiteit via {channels}, niet via "
        "sociale media: {count|de fase laat|de fasen laten} zien hoe mensen samenwerken.",
        "and": " en ",
        "units_more": "{units} en {count} meer",
    },
}

#: Columns of :attr:`ExecutiveSummary.units`.
SUMMARY_COLUMNS = (
    "business_unit",
    "rank",
    "phase",
    "phase_text",
    "change",
    "change_text",
    "confidence",
    "confidence_text",
    "basis_text",
    "risk",
    "say_do",
    "next_step",
)


@dataclass(frozen=True)
class ExecutiveSummary:
    """What a leader reads first."""

    headline: list[str]
    units: pd.DataFrame
    actions: list[tuple[str, list[str]]] = field(default_factory=list)
    previous_period: str = ""


def _firm(record: dict) -> bool:
    return (
        known(record.get("phase"))
        and not flag(record.get("at_least"))
        and not flag(record.get("provisional"))
        and record.get("basis") != "survey"
        and band(record) in ("high", "moderate")
    )


def band(record: dict) -> str:
    """How sure a verdict is: ``high``, ``moderate``, ``low`` (:data:`CONFIDENCE_WORDS`),
    from its confidence or, where privacy withholds that, its ``confidence_band``; empty
    without either.

    Examples
    --------
    >>> band({"confidence": 0.6}), band({"confidence": float("nan"), "confidence_band": "high"})
    ('moderate', 'high')
    """
    value = record.get("confidence")
    if not known(value):
        given = record.get("confidence_band")
        return given if isinstance(given, str) else ""
    return c.confidence_band_of(float(value))


def unit_changes(units: pd.DataFrame, trend: pd.DataFrame) -> pd.DataFrame:
    """Per unit the phase of the previous period and the change that counts.

    Returns ``business_unit``, ``previous_phase`` and ``change``: +1 (or more) up, a
    negative number down, 0 the same phase, missing where there is no previous period or
    the phases differ and one of the two verdicts is not firm.
    """
    rows = []
    by_key = {(r["business_unit"], str(r["period"])): r for r in trend.to_dict("records")}
    for record in units.to_dict("records"):
        previous = by_key.get((record["business_unit"], str(record.get("previous_period"))))
        before = previous.get("phase") if previous else pd.NA
        now = record.get("phase")
        same = known(now) and known(before) and int(now) == int(before)
        counts = same or (previous is not None and _firm(record) and _firm(previous))
        change = int(record["phase"]) - int(previous["phase"]) if counts else pd.NA
        rows.append((record["business_unit"], before, change))
    return pd.DataFrame(rows, columns=["business_unit", "previous_phase", "change"]).astype(
        {"change": "Int64", "previous_phase": "Int64"}
    )


def confidence_text(record: dict, lang: str = "en") -> str:
    """How sure the verdict is, in a word ("high", "moderate", "low"), "provisional" added.

    Examples
    --------
    >>> confidence_text({"confidence": 0.8, "phase": 2}), confidence_text(
    ...     {"confidence": 0.4, "phase": 2, "provisional": True}, "nl")
    ('high', 'laag, voorlopig')
    """
    sure = band(record)
    if not sure or not known(record.get("phase")):
        return "–"
    word = label(f"band_{sure}", lang)
    return f"{word}, {WORDS[lang]['provisional']}" if flag(record.get("provisional")) else word


def basis_text(record: dict, minimum: int, lang: str = "en") -> str:
    """The people, events and respondents behind a verdict; nothing is counted of a group
    smaller than the privacy minimum (not even its events).

    Examples
    --------
    >>> basis_text({"active_employees": 152, "employee_events": 7383, "respondents": 3}, 5)
    '152 people active, 7,383 events, no survey of 5 or more'
    >>> basis_text({"active_employees": None, "employee_events": 0, "respondents": 0}, 5)
    'no activity of individual people, no survey of 5 or more'
    """
    words = WORDS[lang]
    active, events = record.get("active_employees"), record.get("employee_events")
    respondents = record.get("respondents")
    if not known(active):  # the data hold no one's own activity: nothing counted of people
        parts = [words["no_people"]]
    elif active < minimum:  # not even their events: the events of a few people are about them
        parts = [fill(words["few_people"], minimum=minimum)]
    else:
        parts = [fill(words["people"], count=count_text(active, lang))]
        if known(events):
            parts.append(fill(words["events"], count=count_text(events, lang)))
    if not known(respondents) or respondents < minimum:
        parts.append(fill(words["few_respondents"], minimum=minimum))
    else:
        parts.append(fill(words["respondents"], count=count_text(respondents, lang)))
    return ", ".join(parts)


def phase_text(record: dict, lang: str = "en") -> str:
    """The phase now in words: "at least Centralisation", "Coordination, close to Full
    integration", or the verdict's own words where there is no phase."""
    words = WORDS[lang]
    phase = record.get("phase")
    if not known(phase):
        return str(record.get("verdict") or phase_name(None, lang))
    shown = phase_name(int(phase), lang)
    if flag(record.get("at_least")):
        return label("at_least_phase", lang, phase=shown)
    other = record.get("runner_up")
    if isinstance(record.get("between"), str) and record["between"] and known(other):
        return fill(words["close_to"], phase=shown, other=phase_name(int(other), lang))
    return shown


def change_text(change: object, previous: object, lang: str = "en") -> str:
    """The change since the previous period in words."""
    words = WORDS[lang]
    if not known(previous):
        return words["no_previous"]
    before = phase_name(int(previous), lang)
    if not known(change):
        return fill(words["unclear"], phase=before)
    if change == 0:
        return words["same"]
    return fill(words["up" if change > 0 else "down"], phase=before)


def _attention_key(record: dict) -> tuple:
    """The sort key of the attention order."""
    if flag(record.get("suppressed")):
        return (3, 0, 0, 0.0)
    if not known(record.get("phase")):
        return (2, 0, 0, 0.0)
    slipped = known(record.get("change")) and record["change"] < 0
    gap = record.get("say_do_gap")
    disagree = known(gap) and gap != 0
    confidence = confidence_value(record)  # withheld: the middle of its band
    return (0 if slipped else 1, int(record["phase"]), 0 if disagree else 1, confidence)


def _steps(record: dict) -> list[str]:
    return [s for s in str(record.get("next_steps") or "").split(" | ") if s]


def _without_detail(step: str) -> str:
    """A step without its measured detail, so that units sharing it can be counted.

    Examples
    --------
    >>> _without_detail("Form a small team (now 2 people active; rule: at least 3)")
    'Form a small team'
    """
    return re.sub(r"\s*\([^()]*\)$", "", step)


#: The step of a unit meeting every criterion of full integration, in each language.
_KEEP_IT_UP = frozenset(words["all_met"] for words in advice_words.values())


def top_actions(ranked: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """The organisation's :data:`TOP_ACTIONS` heaviest next steps with the units they serve:
    a unit's steps weigh 1, 1/2 and 1/3 in order, summed over the units sharing a step."""
    weight: dict[str, float] = {}
    served: dict[str, dict[str, None]] = {}  # the units of each step, in rank order
    for record in ranked.to_dict("records"):
        if flag(record.get("suppressed")):
            continue
        for position, step in enumerate(_steps(record)):
            if step in _KEEP_IT_UP:  # a unit's encouragement, not an organisation's action
                continue
            action = _without_detail(step)
            weight[action] = weight.get(action, 0.0) + 1 / (position + 1)
            served.setdefault(action, {})[record["business_unit"]] = None
    order = sorted(weight, key=lambda a: -weight[a])  # stable: the first-ranked unit's first
    return [(action, list(served[action])) for action in order[:TOP_ACTIONS]]


def _names(units: list[str], lang: str, most: int = 4) -> str:
    words = WORDS[lang]
    if len(units) > most:
        return fill(words["units_more"], units=", ".join(units[:most]), count=len(units) - most)
    if len(units) <= 1:
        return "".join(units)
    return ", ".join(units[:-1]) + words["and"] + units[-1]


def headline_lines(ranked: pd.DataFrame, previous_period: str, lang: str = "en") -> list[str]:
    """Three lines in plain words: where the units are now, what moved, say against do."""
    words = WORDS[lang]
    shown = ranked.loc[~ranked["suppressed"].astype(bool)]
    placed = shown.loc[shown["phase"].notna()]
    open_ = placed.get("at_least", pd.Series(False, index=placed.index)).map(flag)
    groups = placed.assign(_open=open_.astype(bool)).groupby(["phase", "_open"], sort=True)
    in_words = {False: "in_phase", True: "at_least_in"}  # an "at least" verdict, or not
    wheres = [
        (len(group), fill(words[in_words[is_open]], phase=phase_in_sentence(phase, lang)))
        for (phase, is_open), group in groups
    ]
    parts = [fill(words["line_now_part"], count=count, where=where) for count, where in wheres]
    unknown = shown.loc[shown["phase"].isna(), "business_unit"].tolist()
    if unknown:
        parts.append(fill(words["line_unknown"], count=len(unknown), units=_names(unknown, lang)))
    small = len(ranked) - len(shown)
    if small:
        parts.append(fill(words["line_small"], count=small))
    if len(ranked) == 1 and len(placed) == 1:
        unit = placed.iloc[0]["business_unit"]
        first = fill(words["line_now_one"], unit=unit, where=wheres[0][1])
    else:
        first = fill(words["line_now"], total=len(ranked), parts=_names(parts, lang, most=9))
    pilots = placed.loc[placed["phase"] == 1, "business_unit"].tolist()
    if pilots:
        first += fill(words["line_pilot"], units=_names(pilots, lang))
    return [first, _moves_line(shown, previous_period, lang), _say_do_line(shown, lang)]


def _moves_line(shown: pd.DataFrame, previous_period: str, lang: str) -> str:
    words = WORDS[lang]
    if not previous_period:
        periods = shown.get("period", pd.Series("?", index=shown.index)).fillna("")
        if len(shown) and periods.eq("").all():  # no activity: not even one period
            return words["line_no_period"]
        return words["line_undated" if any_undated(shown) else "line_one_period"]
    moves = [
        fill(
            words["line_up" if r["change"] > 0 else "line_down"],
            unit=r["business_unit"],
            phase=phase_in_sentence(r["phase"], lang),
        )
        for r in shown.to_dict("records")
        if known(r["change"]) and r["change"] != 0
    ]
    if not moves:
        return fill(words["line_no_moves"], period=previous_period)
    return fill(words["line_moves"], period=previous_period, moves="; ".join(moves))


def _say_do_line(shown: pd.DataFrame, lang: str) -> str:
    words = WORDS[lang]
    gap = pd.to_numeric(shown.get("say_do_gap", pd.Series(0.0, index=shown.index)))
    ahead = shown.loc[gap.fillna(0) > 0, "business_unit"].tolist()
    behind = shown.loc[gap.fillna(0) < 0, "business_unit"].tolist()
    sentences = []
    if ahead:
        sentences.append(fill(words["line_says_more"], units=_names(ahead, lang)))
    if behind:
        sentences.append(fill(words["line_does_more"], units=_names(behind, lang)))
    if not sentences:
        surveyed = shown.get("phase_survey", pd.Series(pd.NA, index=shown.index)).notna().any()
        sentences.append(words["line_agree" if surveyed else "line_no_survey"])
    line = " ".join(sentences)
    open_ = shown.get("at_least", pd.Series(False, index=shown.index)).map(flag).astype(bool)
    undecided = shown.loc[open_, "business_unit"].tolist()
    if undecided:
        line += fill(words["line_open"], units=_names(undecided, lang), count=len(undecided))
    return line + _not_social(shown, lang)


def _not_social(shown: pd.DataFrame, lang: str) -> str:
    """Where most activity is not on social media (e-mail, collaboration), said on page 1."""
    notes = shown.get("notes", pd.Series("", index=shown.index)).fillna("").astype(str)
    elsewhere = shown.loc[notes.map(lambda n: NOTE_NOT_SOCIAL in n.split(NOTE_SEPARATOR))]
    if elsewhere.empty:
        return ""
    channels = elsewhere.get("other_channels", pd.Series("", index=elsewhere.index))
    found = sorted({c for text in channels.dropna().astype(str) for c in text.split(", ") if c})
    return fill(
        WORDS[lang]["line_not_social"],
        units=_names(elsewhere["business_unit"].tolist(), lang),
        channels=channel_words(", ".join(found), lang),
        count=len(elsewhere),
    )


def executive_summary(
    units: pd.DataFrame, trend: pd.DataFrame, minimum: int = 5, lang: str = "en"
) -> ExecutiveSummary:
    """The executive summary of a result set (``results.units`` and ``results.trend``).

    ``minimum``: the privacy minimum the results were made with (counts of fewer
    people are not shown). The ranked rows hold :data:`SUMMARY_COLUMNS`.
    """
    words = WORDS[check_language(lang)]
    changes = unit_changes(units, trend)  # a row per unit, in the order of ``units``
    merged = units.assign(
        change=changes["change"].array, previous_phase=changes["previous_phase"].array
    )
    if "suppressed" not in merged:
        merged["suppressed"] = False
    records = sorted(merged.to_dict("records"), key=_attention_key)
    rows = []
    for rank, record in enumerate(records, start=1):
        row = {key: record.get(key) for key in ("business_unit", "phase", "change", "confidence")}
        row["rank"] = rank
        if flag(record.get("suppressed")):
            not_reported = fill(words["not_reported"], minimum=minimum)
            row |= {"phase_text": not_reported, "change_text": "–", "confidence_text": "–"}
            row |= dict.fromkeys(("basis_text", "risk", "say_do", "next_step"), "")
        else:
            steps = _steps(record)
            row |= {
                "phase_text": phase_text(record, lang),
                "change_text": change_text(
                    record.get("change"), record.get("previous_phase"), lang
                ),
                "confidence_text": confidence_text(record, lang),
                "basis_text": basis_text(record, minimum, lang),
                "risk": str(record.get("risk") or ""),
                "say_do": str(record["say_do"]) if known(record.get("say_do")) else "",
                "next_step": steps[0] if steps else "",
            }
        rows.append(row)
    table = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    table["phase"] = pd.to_numeric(table["phase"]).astype("Int64")
    table["change"] = pd.to_numeric(table["change"]).astype("Int64")
    ranked = pd.DataFrame(records)
    previous = units.get("previous_period", pd.Series(dtype=object)).dropna().astype(str)
    previous_period = max(previous, default="")
    return ExecutiveSummary(
        headline=headline_lines(ranked, previous_period, lang),
        units=table,
        actions=top_actions(ranked),
        previous_period=previous_period,
    )
