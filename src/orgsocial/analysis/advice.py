"""Each unit's drawback, next steps and say-do finding, in English or Dutch.

The drawback is the founding model's risk of the unit's phase; the next steps
are the advice attached (in the settings) to the unit's own weakest criteria of
the phase above it, each with the value that made it weak. For a unit in full
integration the weakest criteria of phase 4 itself are what to keep up.
"""

from __future__ import annotations

import pandas as pd

from orgsocial import contract as c
from orgsocial.config import Settings

SEPARATOR = " | "

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "value": "now {value}, threshold {threshold}",
        "says_more": "Says phase {said} ({said_name}) but does phase {done} ({done_name}): "
        "what people report is ahead of what they do.",
        "does_more": "Does phase {done} ({done_name}) but says phase {said} ({said_name}): "
        "people do more than they report; make the practice official.",
        "collect_survey": "Run the survey in this unit: at least {minimum} respondents.",
        "collect_activity": "Export this unit's social activity logs: too few events to judge.",
        "suppressed": "Not reported: fewer than {minimum} people.",
    },
    "nl": {
        "value": "nu {value}, drempel {threshold}",
        "says_more": "Zegt fase {said} ({said_name}) maar doet fase {done} ({done_name}): "
        "wat mensen rapporteren loopt voor op wat ze doen.",
        "does_more": "Doet fase {done} ({done_name}) maar zegt fase {said} ({said_name}): "
        "mensen doen meer dan ze rapporteren; maak de praktijk officieel.",
        "collect_survey": "Zet de enquête uit in dit onderdeel: minstens {minimum} respondenten.",
        "collect_activity": "Lever de sociale-activiteitenlogs van dit onderdeel aan: te weinig "
        "gebeurtenissen om te oordelen.",
        "suppressed": "Niet gerapporteerd: minder dan {minimum} personen.",
    },
}


def _text(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts["en"]


def format_value(indicator: str, value: float) -> str:
    """A criterion value as a reader expects it: shares as percentages, means with one decimal.

    Examples
    --------
    >>> format_value("active_share", 0.123), format_value("ownership_mean", 2.46)
    ('12%', '2.5')
    """
    if pd.isna(value):
        return "–"
    if indicator.endswith("_share"):
        return f"{value:.0%}"
    return f"{value:.1f}"


def next_steps(evidence: pd.DataFrame, phase: int, settings: Settings, lang: str) -> list[str]:
    """Advice for the unit's weakest criteria of the next phase (of phase 4 when it is there)."""
    target = min(phase + 1, 4)
    rows = evidence.loc[(evidence["phase"] == target) & evidence["fulfilment"].notna()]
    weakest = rows.sort_values(["fulfilment", "weight"], ascending=[True, False])
    steps = []
    for record in weakest.head(settings.next_steps).to_dict("records"):
        texts = settings.advice.get(record["indicator"])
        if not texts:
            continue
        detail = WORDS[lang]["value"].format(
            value=format_value(record["indicator"], record["value"]),
            threshold=format_value(record["indicator"], record["threshold"]),
        )
        steps.append(f"{_text(texts, lang)} ({detail})")
    return steps


def say_do_sentence(said: object, done: object, lang: str) -> str:
    """The say-do finding; empty when survey and behaviour agree or one is missing."""
    if pd.isna(said) or pd.isna(done) or said == done:
        return ""
    names = c.PHASE_NAMES[lang]
    key = "says_more" if said > done else "does_more"
    return WORDS[lang][key].format(
        said=int(said), said_name=names[int(said)], done=int(done), done_name=names[int(done)]
    )


def unit_advice(
    classified: pd.DataFrame,
    evidence: pd.DataFrame,
    indicators: pd.DataFrame,
    settings: Settings,
    lang: str = "en",
) -> pd.DataFrame:
    """Per unit: ``risk``, ``next_steps`` (joined by `` | ``) and ``say_do``.

    Parameters
    ----------
    classified
        :func:`orgsocial.analysis.phases.classify_units` output.
    evidence
        :func:`orgsocial.analysis.phases.phase_evidence` output.
    indicators
        Per unit ``suppressed``, ``employee_events`` and ``respondents``.
    """
    words = WORDS[lang]
    facts = indicators.set_index("business_unit")
    rows = []
    for record in classified.to_dict("records"):
        unit = record["business_unit"]
        phase = record["phase"]
        if facts.loc[unit, "suppressed"]:
            rows.append(
                {
                    "business_unit": unit,
                    "risk": "",
                    "say_do": "",
                    "next_steps": words["suppressed"].format(minimum=settings.min_group_size),
                }
            )
            continue
        if pd.isna(phase):
            steps = []
            if facts.loc[unit, "respondents"] < settings.min_group_size:
                steps.append(words["collect_survey"].format(minimum=settings.min_group_size))
            if facts.loc[unit, "employee_events"] < settings.min_events:
                steps.append(words["collect_activity"])
            rows.append(
                {
                    "business_unit": unit,
                    "risk": "",
                    "say_do": "",
                    "next_steps": SEPARATOR.join(steps),
                }
            )
            continue
        phase = int(phase)
        mine = evidence.loc[evidence["business_unit"] == unit]
        risk = settings.risks.get(phase)
        rows.append(
            {
                "business_unit": unit,
                "risk": _text(risk, lang) if risk else "",
                "say_do": say_do_sentence(record["phase_survey"], record["phase_behaviour"], lang),
                "next_steps": SEPARATOR.join(next_steps(mine, phase, settings, lang)),
            }
        )
    return pd.DataFrame(rows, columns=["business_unit", "risk", "say_do", "next_steps"])
