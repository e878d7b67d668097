"""Each unit's main risk, written from its own evidence.

The founding model names one drawback per phase (``risks`` in the settings). A
leader needs to know which drawback shows in *this* unit, and how badly, so the
risk is chosen among the drawbacks the unit's own measures show:

==================  ==============  ============================================
risk                phases          how bad (0 to 1)
==================  ==============  ============================================
customers wait      every phase     share of customer questions not answered
                                    within a day
few enthusiasts     1               share of the unit's people not taking part
one department      1, 2            share of the unit's activity in its busiest
                                    department, when that is most of it
customer-facing     2, 3            share of people in customer-facing
departments apart                   departments not taking part
silos               3, 4            share of interactions that stay inside a
                                    department, when that is most of them
==================  ==============  ============================================

The worst one is the unit's risk, with its numbers. A measure that is missing
gives no candidate (nothing is guessed). Beyond :data:`MOST` no threshold is
involved (customers waiting, or few taking part, is a risk at any share): the
shares are the unit's own, and their order says which is worst, not whether it is bad.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from orgsocial.reporting.readings import percent
from orgsocial.reporting.tables import count_text
from orgsocial.reporting.text import fill

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "customers_wait": "{late} of customer questions had no answer within a day ({hour} "
        "within the hour): a day's wait lets a complaint escalate.",
        "few_enthusiasts": "Only {share} of the unit's {headcount} people take part: what is "
        "built depends on a few enthusiasts and stays scattered.",
        "one_department": "{share} of the unit's activity runs through {department}: when the "
        "people there stop, most of the unit's activity stops with them.",
        "customer_facing_apart": "Only {share} of the people in customer-facing departments "
        "take part: customers who ask there wait for an answer.",
        "customer_facing_none": "Nobody in the customer-facing departments takes part: "
        "customers who ask there wait for an answer.",
        "waited": " {late} of customer questions waited longer than a day.",
        "silos": "{share} of interactions are between people of the same department: what "
        "one department learns does not reach the {others|other|others}.",
        "one_department_unnamed": "one department",
        "unknown": "Not known yet: the data measure none of the risks of the phases this unit "
        "may be in (they need customer inquiries, customer-facing departments or more than one "
        "department).",
        "none": "No main risk shows in this unit's figures: the drawbacks its phase is exposed "
        "to were measured, and none of them applies.",
        "withheld": "Not shown: privacy withholds the figures that would name this unit's main "
        "risk, as they would reveal a group of fewer than {minimum} people.",
    },
    "nl": {
        "customers_wait": "{late} van de klantvragen kreeg binnen een dag geen antwoord ({hour} "
        "binnen het uur): een dag wachten laat een klacht escaleren.",
        "few_enthusiasts": "Maar {share} van de {headcount} mensen van het onderdeel doet mee: "
        "wat er gebouwd wordt, hangt af van een paar enthousiastelingen en blijft versnipperd.",
        "one_department": "{share} van de activiteit van het onderdeel loopt via {department}: "
        "als de mensen daar stoppen, stopt het grootste deel van de activiteit met hen.",
        "customer_facing_apart": "Maar {share} van de mensen in klantgerichte afdelingen doet "
        "mee: klanten die daar iets vragen, wachten op antwoord.",
        "customer_facing_none": "Niemand in de klantgerichte afdelingen doet mee: klanten die "
        "daar iets vragen, wachten op antwoord.",
        "waited": " {late} van de klantvragen wachtte langer dan een dag.",
        "silos": "{share} van de interacties vindt plaats tussen mensen van dezelfde afdeling: "
        "wat de ene afdeling leert, bereikt de andere niet.",
        "one_department_unnamed": "één afdeling",
        "unknown": "Nog niet bekend: de gegevens meten geen van de risico's van de fasen waarin "
        "dit onderdeel kan zitten (daarvoor zijn klantvragen, klantgerichte afdelingen of meer "
        "dan één afdeling nodig).",
        "none": "Geen groot risico zichtbaar in de cijfers van dit onderdeel: de nadelen van "
        "zijn fase zijn gemeten en geen ervan doet zich voor.",
        "withheld": "Niet getoond: privacy schermt de cijfers af die het grootste risico van dit "
        "onderdeel zouden noemen, omdat ze een groep van minder dan {minimum} mensen zouden "
        "prijsgeven.",
    },
}


def _number(facts: Mapping[str, object], key: str) -> float | None:
    """The measure ``key`` as a float; ``None`` where it is missing or suppressed."""
    value = facts.get(key)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


Candidate = tuple[float, str, dict[str, object]]


def _customers_wait(facts: Mapping[str, object], minimum: int, lang: str) -> Candidate | None:
    inquiries, day = _number(facts, "inquiries"), _number(facts, "answered_within_24h_share")
    hour = _number(facts, "answered_within_1h_share")
    if not inquiries or day is None or hour is None:
        return None
    return 1 - day, "customers_wait", {"late": percent(1 - day), "hour": percent(hour)}


def _few_enthusiasts(facts: Mapping[str, object], minimum: int, lang: str) -> Candidate | None:
    share, headcount = _number(facts, "active_share"), _number(facts, "headcount")
    if share is None or not headcount:
        return None
    count = count_text(headcount, lang)
    return 1 - share, "few_enthusiasts", {"share": percent(share), "headcount": count}


#: The share of a unit's activity in its busiest department, or of its interactions inside
#: departments, from which that is its risk: most of it (a quarter through the busiest of
#: many departments is no dependence on one). Below it the measure is a candidate that
#: names no risk (:data:`FINE`).
MOST = 0.5
#: A measured candidate that shows no risk.
FINE: Candidate = (0.0, "", {})


def _one_department(facts: Mapping[str, object], minimum: int, lang: str) -> Candidate | None:
    share = _number(facts, "hub_share")
    if share is None or (_number(facts, "departments") or 0) < 2:
        return None
    people = _number(facts, "hub_headcount")
    if people is None or people < minimum:  # units.csv withholds this share: so do the words
        return None
    if share < MOST:
        return FINE
    name = facts.get("hub_department")
    department = name if isinstance(name, str) and name else WORDS[lang]["one_department_unnamed"]
    return share, "one_department", {"share": percent(share), "department": department}


def _customer_facing_apart(
    facts: Mapping[str, object], minimum: int, lang: str
) -> Candidate | None:
    share = _number(facts, "customer_facing_active_share")
    people = _number(facts, "customer_facing_headcount")
    if share is None or people is None or people < minimum:
        return None
    key = "customer_facing_apart" if share > 0 else "customer_facing_none"
    waiting = _customers_wait(facts, minimum, lang)  # the consequence, where it is measured
    late = waiting[2]["late"] if waiting else ""
    return 1 - share, key, {"share": percent(share), "waiting": late}


def _silos(facts: Mapping[str, object], minimum: int, lang: str) -> Candidate | None:
    crossing, departments = _number(facts, "cross_department_share"), _number(facts, "departments")
    if crossing is None or (departments or 0) < 2:
        return None
    if 1 - crossing < MOST:
        return FINE
    return 1 - crossing, "silos", {"share": percent(1 - crossing), "others": departments - 1}


#: The drawbacks each phase is exposed to (customers waiting: every phase), in the order
#: that breaks a tie.
RISKS_BY_PHASE: dict[int, tuple[Callable[..., Candidate | None], ...]] = {
    1: (_customers_wait, _few_enthusiasts, _one_department),
    2: (_customers_wait, _customer_facing_apart, _one_department),
    3: (_customers_wait, _customer_facing_apart, _silos),
    4: (_customers_wait, _silos),
}


def unit_risk(
    facts: Mapping[str, object],
    phase: int,
    minimum: int,
    lang: str = "en",
    fallback: Mapping[int, Mapping[str, str]] | None = None,
    top: int | None = None,
    unreleased: Mapping[str, object] | None = None,
) -> str:
    """The unit's main risk in words, with its own numbers (see the module's docstring).

    Parameters
    ----------
    facts
        The unit's indicators (a row of ``units.csv`` before words are added).
    phase
        The unit's phase (the lower bound of an "at least" verdict).
    minimum
        The privacy minimum: a department smaller than this is not named.
    fallback
        The phases' drawbacks from the settings, used when no measure shows one.
    top
        The highest phase an "at least" verdict leaves open: the risks of every phase
        from ``phase`` to ``top`` are candidates; without any, the risk says that which
        phase's drawback applies cannot be told yet.
    unreleased
        The unit's indicators before privacy withheld any: where they name a risk that
        ``facts`` cannot, the risk says that privacy withholds it.

    Examples
    --------
    >>> facts = {"inquiries": 40, "answered_within_24h_share": 0.6,
    ...          "answered_within_1h_share": 0.1, "active_share": 0.9, "headcount": 200}
    >>> unit_risk(facts, 1, 5)[:48]
    '40% of customer questions had no answer within a'
    """
    phases = range(int(phase), int(top if top is not None else phase) + 1)
    candidates = dict.fromkeys(risk for p in phases for risk in RISKS_BY_PHASE[p])
    measured = [c for risk in candidates if (c := risk(facts, minimum, lang)) is not None]
    found = [c for c in measured if c[1]]  # a measure that names a risk
    if not found:
        if measured:
            return WORDS[lang]["none"]
        if unreleased is not None and any(risk(unreleased, 1, lang) for risk in candidates):
            return fill(WORDS[lang]["withheld"], minimum=minimum)
        if top is not None:
            return WORDS[lang]["unknown"]
        texts = (fallback or {}).get(int(phase), {})
        return texts.get(lang) or texts.get("en", "")
    _, key, values = max(found, key=lambda c: c[0])  # max keeps the first of a tie
    text = fill(WORDS[lang][key], **values)
    if values.get("waiting"):  # a risk to customers says how long they already wait
        text += fill(WORDS[lang]["waited"], late=values["waiting"])
    return text
