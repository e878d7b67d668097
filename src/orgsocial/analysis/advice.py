"""Each unit's verdict in words: the headline, why it is provisional, its drawback
(:mod:`orgsocial.analysis.risks`), the say-do finding and the next steps
(:func:`next_steps`, :func:`collect_steps`), in English or Dutch.
"""

from __future__ import annotations

import math

import pandas as pd

from orgsocial.analysis import headline, phases, risks
from orgsocial.config import Settings
from orgsocial.io import contract as c
from orgsocial.reporting.text import (
    channel_name,
    fill,
    label,
    name,
    phase_in_sentence,
    shown_period,
)

SEPARATOR = " | "

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "value": "now {value}, threshold {threshold}",
        "rule": "now {value}; rule: at least {threshold}",
        "people": "{count} {count|person|people} active",
        "few_people": "fewer than {count} people active",
        "in_department": "{detail} in {department}",
        "says_more": "Says phase {said} ({said_name}) but does phase {done} ({done_name}): "
        "what people report is ahead of what they do.",
        "does_more": "Does phase {done} ({done_name}) but says phase {said} ({said_name}): "
        "people do more than they report; make the practice official.",
        "collect_survey": "Ask HR or communications to run the social media adoption survey "
        "(for the analyst: its items are in the data contract): at least {minimum} "
        "{minimum|respondent|respondents} in the unit.",
        "collect_activity": "Export the unit's social activity logs: too few events to judge.",
        "collect_people": "Add the activity of individual people to the data (for the analyst: "
        "an activity log, or an export per person rather than between groups): without it, "
        "what people do cannot be read.",
        "choose_covered_period": "Choose a period the data cover: {period} has data only for "
        "{covered}, too few events to see what people do.",
        "collect_customer_facing": "Mark which departments have daily customer contact (for "
        "the analyst: in the departments file, the HR roster or the import mapping), so that "
        "their part can be measured.",
        "collect_external": "Add the unit's activity with customers and the public "
        "(LinkedIn, X, Facebook, ...) to the data.",
        "collect_inquiries": "Add customer questions and the answers to them to the data.",
        "suppressed": "Not reported: fewer than {minimum} {minimum|person|people}.",
        "all_met": "Every criterion of full integration is met: keep it up, and keep the open, "
        "interactive culture it stands or falls with.",
        "verdict": "{phase} {when}",
        "verdict_at_least": "At least {phase} {when}",
        "verdict_survey": "{phase} {when}, from the survey alone (wave {wave})",
        "verdict_none": "Not classified {when}",
        "in_period": "in {period}",
        "collect_times": "Collect the activity with its dates (for the analyst: the time "
        "column of the import mapping): the data carry no dates, so they cannot show when "
        "a unit stood where or how it changed.",
        "verdict_none_no_period": "Not classified: no period with activity to read",
        phases.NOTE_UNDECIDED: "{missing}, so the data cannot tell whether it is in {low} or as "
        "far as {high}",
        "missing_survey": "no survey",
        "missing_customer_facing": "no department marked customer-facing",
        "missing_external": "no activity with customers or the public in the data",
        "missing_inquiries": "no customer inquiries",
        "missing_departments": "one department only",
        "missing_other": "no data on {what}",
        "and": " and ",
        phases.NOTE_SURVEY_DECIDED: "behaviour alone cannot tell {low} from {high}; "
        "the survey says {phase}",
        phases.NOTE_SURVEY_ONLY: "from the survey alone: too few events ({events}) to see "
        "what people do",
        phases.NOTE_NO_SURVEY: "no usable survey (it needs {minimum} or more respondents): "
        "what people say is not known",
        phases.NOTE_NO_INQUIRIES: "no customer inquiries: how fast customers get an answer "
        "is not measured",
        phases.NOTE_FEW_EVENTS: "few events ({events}, fewer than {few})",
        phases.NOTE_NO_EXTERNAL: "the data hold no activity with customers or the public",
        phases.NOTE_NOT_SOCIAL: "most activity is on {channels}, not on social media",
        phases.NOTE_ONE_DEPARTMENT: "one department: connections between departments cannot "
        "be measured",
        phases.NOTE_NO_CUSTOMER_FACING: "no department is marked customer-facing",
        headline.NOTE_INCOMPLETE: "{skipped} is not complete (the data end on {end}); this "
        "verdict is for {period}",
        headline.NOTE_PARTIAL: "the data cover only part of {period} ({covered})",
        headline.NOTE_UNDATED: "the data carry no dates (every event has the one time the "
        "import gave it), so the verdict is for the data as a whole",
        headline.NOTE_FALLBACK: "too few events in {latest} ({events}); this verdict is "
        "for {period}",
    },
    "nl": {
        "value": "nu {value}, drempel {threshold}",
        "rule": "nu {value}; regel: minstens {threshold}",
        "people": "{count} {count|persoon|mensen} actief",
        "few_people": "minder dan {count} mensen actief",
        "in_department": "{detail} in {department}",
        "says_more": "Zegt fase {said} ({said_name}) maar doet fase {done} ({done_name}): "
        "wat mensen rapporteren loopt voor op wat ze doen.",
        "does_more": "Doet fase {done} ({done_name}) maar zegt fase {said} ({said_name}): "
        "mensen doen meer dan ze rapporteren; maak de praktijk officieel.",
        "collect_survey": "Vraag HR of communicatie de enquête over sociale media uit te zetten "
        "(voor de analist: de vragen staan in het datacontract): minstens {minimum} "
        "{minimum|respondent|respondenten} in het onderdeel.",
        "collect_activity": "Lever de sociale-activiteitenlogs van het onderdeel aan: te weinig "
        "gebeurtenissen om te oordelen.",
        "collect_people": "Voeg de activiteit van afzonderlijke mensen toe aan de gegevens (voor "
        "de analist: een activiteitenlog, of een export per persoon in plaats van tussen "
        "groepen): zonder die activiteit is niet te lezen wat mensen doen.",
        "choose_covered_period": "Kies een periode die de gegevens dekken: {period} heeft alleen "
        "gegevens voor {covered}, te weinig gebeurtenissen om te zien wat mensen doen.",
        "collect_customer_facing": "Geef aan welke afdelingen dagelijks klantcontact hebben "
        "(voor de analist: in het afdelingenbestand, het personeelsbestand of de importmapping), "
        "zodat hun aandeel gemeten kan worden.",
        "collect_external": "Voeg de activiteit van het onderdeel met klanten en publiek "
        "(LinkedIn, X, Facebook, ...) toe aan de gegevens.",
        "collect_inquiries": "Voeg klantvragen en de antwoorden erop toe aan de gegevens.",
        "suppressed": "Niet gerapporteerd: minder dan {minimum} {minimum|persoon|personen}.",
        "all_met": "Aan elk criterium van volledige integratie is voldaan: houd het vast, en "
        "bewaak de open, interactieve cultuur waarmee het staat of valt.",
        "verdict": "{phase} {when}",
        "verdict_at_least": "Minstens {phase} {when}",
        "verdict_survey": "{phase} {when}, alleen uit de enquête (ronde {wave})",
        "verdict_none": "Niet ingedeeld {when}",
        "in_period": "in {period}",
        "collect_times": "Verzamel de activiteit met haar datums (voor de analist: de kolom "
        "time van de importmapping): de gegevens hebben geen datums, dus ze kunnen "
        "niet tonen wanneer een onderdeel waar stond of hoe het veranderde.",
        "verdict_none_no_period": "Niet ingedeeld: geen periode met activiteit om te lezen",
        phases.NOTE_UNDECIDED: "{missing}, dus de gegevens kunnen niet zeggen of het in {low} zit "
        "of al in {high}",
        "missing_survey": "geen enquête",
        "missing_customer_facing": "geen afdeling als klantgericht gemarkeerd",
        "missing_external": "geen activiteit met klanten of publiek in de gegevens",
        "missing_inquiries": "geen klantvragen",
        "missing_departments": "slechts één afdeling",
        "missing_other": "geen gegevens over {what}",
        "and": " en ",
        phases.NOTE_SURVEY_DECIDED: "het gedrag alleen kan {low} niet van {high} onderscheiden; "
        "de enquête zegt {phase}",
        phases.NOTE_SURVEY_ONLY: "alleen uit de enquête: te weinig gebeurtenissen ({events}) "
        "om te zien wat mensen doen",
        phases.NOTE_NO_SURVEY: "geen bruikbare enquête (daarvoor zijn {minimum} of meer "
        "respondenten nodig): wat mensen zeggen is niet bekend",
        phases.NOTE_NO_INQUIRIES: "geen klantvragen: hoe snel klanten antwoord krijgen is niet "
        "gemeten",
        phases.NOTE_FEW_EVENTS: "weinig gebeurtenissen ({events}, minder dan {few})",
        phases.NOTE_NO_EXTERNAL: "de gegevens bevatten geen activiteit met klanten of publiek",
        phases.NOTE_NOT_SOCIAL: "de meeste activiteit loopt via {channels}, niet via sociale media",
        phases.NOTE_ONE_DEPARTMENT: "één afdeling: verbindingen tussen afdelingen zijn niet te "
        "meten",
        phases.NOTE_NO_CUSTOMER_FACING: "geen afdeling is als klantgericht gemarkeerd",
        headline.NOTE_INCOMPLETE: "{skipped} is niet compleet (de gegevens lopen tot {end}); "
        "dit oordeel gaat over {period}",
        headline.NOTE_PARTIAL: "de gegevens beslaan maar een deel van {period} ({covered})",
        headline.NOTE_UNDATED: "de gegevens hebben geen datums (elke gebeurtenis heeft het "
        "ene tijdstip dat de import eraan gaf), dus het oordeel geldt voor de gegevens als "
        "geheel",
        headline.NOTE_FALLBACK: "te weinig gebeurtenissen in {latest} ({events}); dit oordeel "
        "gaat over {period}",
    },
}

#: What is missing when a criterion has no data, by indicator (survey items: "no survey").
_MISSING = {
    "customer_facing_active_share": "missing_customer_facing",
    "external_active_share": "missing_external",
    "external_interaction_share": "missing_external",
    "answered_within_1h_share": "missing_inquiries",
    "answered_within_24h_share": "missing_inquiries",
    "departments_connected_share": "missing_departments",
    "department_density": "missing_departments",
    "control_share": "missing_departments",
}
#: The note that says the same as a phrase of the "undecided" sentence.
_NAMED_BY = {
    phases.NOTE_NO_SURVEY: "missing_survey",
    phases.NOTE_NO_INQUIRIES: "missing_inquiries",
    phases.NOTE_NO_EXTERNAL: "missing_external",
    phases.NOTE_NO_CUSTOMER_FACING: "missing_customer_facing",
    phases.NOTE_ONE_DEPARTMENT: "missing_departments",
}
#: The step that collects a decisive criterion's missing data (none for a single department).
_COLLECT = {
    indicator: missing.replace("missing_", "collect_")
    for indicator, missing in _MISSING.items()
    if missing != "missing_departments"
}


def format_value(indicator: str, value: float, lang: str = "en") -> str:
    """A criterion value as a reader expects it: shares as percentages, counts as people,
    means with one decimal.

    Examples
    --------
    >>> format_value("active_share", 0.123), format_value("ownership_mean", 2.46)
    ('12%', '2.5')
    >>> format_value("lead_department_active_employees", 2.0, "nl")
    '2 mensen actief'
    >>> format_value("ownership_mean", 2.46, "nl")
    '2,5'
    """
    if pd.isna(value):
        return "–"
    if indicator.endswith("_share"):
        text = f"{value:.0%}"
    elif indicator.endswith("_employees"):
        return fill(WORDS[lang]["people"], count=int(value))
    elif indicator.endswith("_is_marcom"):
        return label("yes" if value >= 0.5 else "no", lang)
    else:
        text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def format_threshold(indicator: str, threshold: float, lang: str = "en") -> str:
    """A criterion's threshold as a reader expects it; a count rule as the whole number
    it asks for ("at least 3" has the soft threshold 2.5).

    Examples
    --------
    >>> format_threshold("lead_department_active_employees", 2.5), format_threshold("x_share", 0.5)
    ('3', '50%')
    """
    if is_count_rule(indicator):
        return str(math.ceil(threshold))
    return format_value(indicator, threshold, lang)


def is_count_rule(indicator: str | pd.Series) -> bool | pd.Series:
    """Whether a criterion counts people ("at least 3 people active"), whose threshold is
    read as the whole number above it."""
    if isinstance(indicator, pd.Series):
        return indicator.astype(str).str.endswith("_employees")
    return indicator.endswith("_employees")


def _detail(record: dict, lang: str, lead: str, minimum: int) -> str:
    """The criterion and its measured value beside a step: "share of departments active:
    now 22%, threshold 50%", a count rule as a rule ("now 5 people active in X; rule: at
    least 6"; a count under the privacy ``minimum`` as "fewer than 3"), a yes/no as "no"."""
    indicator, words = record["indicator"], WORDS[lang]
    threshold = format_threshold(indicator, record["threshold"], lang)
    value = format_value(indicator, record["value"], lang)
    if is_count_rule(indicator) and record["value"] < minimum:  # a figure about them
        value = fill(words["few_people"], count=min(int(threshold), minimum))
    elif lead and indicator.startswith("lead_department_active"):
        value = fill(words["in_department"], detail=value, department=lead)
    if not indicator.endswith("_is_marcom"):  # a yes/no is shown as it is
        key = "rule" if is_count_rule(indicator) else "value"
        value = fill(words[key], value=value, threshold=threshold)
    return f"{name(indicator, lang)}: {value}"


def collect_steps(undecided: list[str], settings: Settings, lang: str) -> list[str]:
    """A step to collect each kind of data that would decide an "at least" verdict."""
    steps: dict[str, None] = {}
    for indicator in undecided:
        if phases.indicator_source(indicator) == phases.SURVEY:
            steps[fill(WORDS[lang]["collect_survey"], minimum=settings.survey_minimum)] = None
        elif indicator in _COLLECT:
            steps[WORDS[lang][_COLLECT[indicator]]] = None
    return list(steps)


def next_steps(
    evidence: pd.DataFrame, phase: int, settings: Settings, lang: str, lead: str = ""
) -> list[str]:
    """Steps from the unmet criteria of the phase above ``phase`` (of phase 4 when it is there),
    each with its measured value (:func:`_detail`). ``lead``: the department leading the
    unit, named in the steps about it.

    Criteria met (fulfilment 0.5 or more) give no step, nor do criteria without
    data (:func:`collect_steps` covers those); decisive criteria come first, then
    the least met.
    """
    rows = evidence.loc[evidence["phase"] == min(phase + 1, 4)]
    steps: list[str] = []
    unmet = rows.loc[rows["fulfilment"] < 0.5]  # a criterion without data (NaN) is not below
    unmet = unmet.assign(_decisive=unmet["role"] == "decisive").sort_values(
        ["_decisive", "fulfilment", "weight"], ascending=[False, True, False], kind="stable"
    )
    for record in unmet.to_dict("records"):
        texts = settings.advice.get(record["indicator"])
        if texts:
            detail = _detail(record, lang, lead, settings.min_group_size)
            steps.append(f"{texts.get(lang) or texts['en']} ({detail})")
    return list(dict.fromkeys(steps))[: settings.next_steps]


def say_do_sentence(said: object, done: object, lang: str) -> str:
    """The say-do finding; empty when survey and behaviour agree or one is missing."""
    if pd.isna(said) or pd.isna(done) or said == done:
        return ""
    said, done, names = int(said), int(done), c.PHASE_NAMES[lang]
    key = "says_more" if said > done else "does_more"
    return fill(
        WORDS[lang][key], said=said, said_name=names[said], done=done, done_name=names[done]
    )


def missing_words(indicators: list[str], lang: str) -> str:
    """What is missing for these criteria, in words ("no survey and no customer inquiries")."""
    words = WORDS[lang]
    found = dict.fromkeys(
        "missing_survey" if phases.indicator_source(i) == phases.SURVEY else _MISSING.get(i, i)
        for i in indicators
    )
    phrases = [
        words[key] if key in words else fill(words["missing_other"], what=name(key, lang))
        for key in found
    ]
    return _listed(phrases, lang)


def channel_words(channels: str, lang: str) -> str:
    """Comma-separated channels in words, the last joined by "and" ("e-mail and advice").

    Examples
    --------
    >>> channel_words("email, collaboration", "nl")
    'e-mail en samenwerking'
    """
    return _listed(
        [channel_name(channel, lang) for channel in channels.split(", ") if channel], lang
    )


def _listed(items: list[str], lang: str) -> str:
    """``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + WORDS[lang]["and"] + items[-1]


def _period_reason(code: str, period: str, lang: str) -> str:
    """Words for a ``period_note`` code (``kind:value:value``; "" for none)."""
    kind, *values = code.split(":")
    words = WORDS[lang]
    if kind == headline.NOTE_INCOMPLETE:
        return fill(words[kind], skipped=values[0], end=values[1], period=period)
    if kind == headline.NOTE_PARTIAL:
        return fill(words[kind], period=values[0], covered=":".join(values[1:]))
    if kind == headline.NOTE_UNDATED:  # no made-up time or quarter: they mean nothing
        return words[kind]
    if kind == headline.NOTE_FALLBACK:
        return fill(words[kind], latest=values[0], events=values[1], period=period)
    return ""


def provisional_reasons(record: dict, settings: Settings, lang: str) -> list[str]:
    """Why a unit's verdict is provisional, in words (empty: it is not)."""
    words = WORDS[lang]
    names = c.PHASE_NAMES[lang]
    reasons = []
    period = str(record.get("period") or "")
    period_reason = _period_reason(str(record.get("period_note") or ""), period, lang)
    if period_reason:
        reasons.append(period_reason)
    notes = [n for n in str(record.get("notes") or "").split(phases.NOTE_SEPARATOR) if n]
    phase, top = record.get("phase"), record.get("phase_max")
    undecided = [i for i in str(record.get("undecided") or "").split(",") if i]
    if phases.NOTE_UNDECIDED in notes:  # what it names is not said twice
        named = {_MISSING.get(i, "missing_survey") for i in undecided}
        notes = [n for n in notes if _NAMED_BY.get(n) not in named]
    for note in notes:
        if note == phases.NOTE_UNDECIDED:
            values = {
                "missing": missing_words(undecided, lang),
                "low": phase_in_sentence(phase, lang),
                "high": phase_in_sentence(top, lang),
            }
        elif note == phases.NOTE_SURVEY_DECIDED:
            low = record.get("phase_behaviour")
            values = {"low": names[int(low)], "high": names[int(top)], "phase": names[int(phase)]}
        else:
            values = {
                "events": int(record.get("employee_events") or 0),
                "minimum": settings.survey_minimum,
                "few": settings.few_events,
                "channels": channel_words(str(record.get("other_channels") or ""), lang),
            }
        reasons.append(fill(words[note], **values))
    return reasons


def _more_activity(record: dict, words: dict[str, str]) -> str:
    """The step when there are too few events: export the logs, add people's activity when
    the data hold none (no period to read) or, when the period is only partly covered by
    the data, choose a period they cover."""
    if not record.get("period"):
        return words["collect_people"]
    note = str(record.get("period_note") or "")
    if note.startswith("partial_period:"):
        _, period, covered = note.split(":", 2)
        return words["choose_covered_period"].format(period=period, covered=covered)
    return words["collect_activity"]


def verdict_sentence(record: dict, lang: str) -> str:
    """The headline in words: "At least Coordination in 2026-Q3", or "... (data without
    dates)" where the data carry none."""
    words = WORDS[lang]
    period = str(record.get("period") or "")
    note = record.get("period_note")
    shown = shown_period(period, note, lang)
    when = f"({shown})" if headline.undated(note) else fill(words["in_period"], period=shown)
    phase = record.get("phase")
    if pd.isna(phase):
        return fill(words["verdict_none"], when=when) if period else words["verdict_none_no_period"]
    shown = c.PHASE_NAMES[lang][int(phase)]
    if record.get("basis") == phases.BASIS_SURVEY:
        key = "verdict_survey"
    elif bool(record.get("at_least")):
        key = "verdict_at_least"
    else:
        key = "verdict"
    return fill(words[key], phase=shown, when=when, wave=record.get("survey_wave") or "")


def unit_advice(
    classified: pd.DataFrame,
    evidence: pd.DataFrame,
    indicators: pd.DataFrame,
    settings: Settings,
    lang: str,
    unreleased: pd.DataFrame,
) -> pd.DataFrame:
    """Per unit: ``verdict``, ``provisional_reasons`` (joined by `` | ``), ``risk``,
    ``say_do`` and ``next_steps`` (joined by `` | ``).

    Parameters
    ----------
    classified
        :func:`orgsocial.analysis.phases.classify_units` output, with ``period``
        and ``period_note``.
    evidence
        :func:`orgsocial.analysis.phases.phase_evidence` output of the same period.
    indicators
        Per unit ``suppressed``, ``employee_events``, ``respondents`` and
        ``other_channels``, as released (the words quote no withheld figure).
    unreleased
        The same before privacy withheld any: where only these name a unit's risk,
        its risk says that privacy withholds it.
    """
    facts = indicators.set_index("business_unit")
    columns = ["business_unit", "verdict", "provisional_reasons", "risk", "say_do", "next_steps"]
    by_unit = dict(tuple(evidence.groupby("business_unit"))) if len(evidence) else {}
    unreleased_facts = {r["business_unit"]: r for r in unreleased.to_dict("records")}
    facts_in_words = ("employee_events", "other_channels", "survey_wave")
    rows = []
    for record in classified.to_dict("records"):
        unit = record["business_unit"]
        fact = facts.loc[unit]
        record = {**record, **{key: fact.get(key) for key in facts_in_words}}
        mine = by_unit.get(unit, evidence.iloc[0:0])
        words = _unit_words(record, fact, mine, settings, lang, unreleased_facts.get(unit))
        rows.append({"business_unit": unit, **words})
    return pd.DataFrame(rows, columns=columns)


def _unit_words(
    record: dict,
    fact: pd.Series,
    evidence: pd.DataFrame,
    settings: Settings,
    lang: str,
    unreleased: dict | None,
) -> dict[str, str]:
    """One unit's verdict, reasons, risk, say-do finding and next steps."""
    words = WORDS[lang]
    minimum = settings.min_group_size
    if fact["suppressed"]:
        hidden = fill(words["suppressed"], minimum=minimum)
        empty = {"provisional_reasons": "", "risk": "", "say_do": ""}
        return {"verdict": hidden, **empty, "next_steps": hidden}
    row = {
        "verdict": verdict_sentence(record, lang),
        "provisional_reasons": SEPARATOR.join(provisional_reasons(record, settings, lang)),
        "risk": "",
        "say_do": "",
    }
    steps = [words["collect_times"]] if headline.undated(record.get("period_note")) else []
    if pd.isna(record["phase"]):
        if fact["employee_events"] < settings.min_events:  # what people do first
            steps.append(_more_activity(record, words))
        if fact["respondents"] < settings.survey_minimum:
            steps.append(fill(words["collect_survey"], minimum=settings.survey_minimum))
        return row | {"next_steps": SEPARATOR.join(steps)}
    phase = int(record["phase"])
    steps += _classified_steps(record, fact, evidence, phase, settings, lang)
    top = int(record["phase_max"]) if record.get("at_least") else None
    return row | {
        "risk": risks.unit_risk(
            fact.to_dict(), phase, minimum, lang, settings.risks, top, unreleased
        ),
        "say_do": say_do_sentence(record["phase_survey"], _done(record), lang),
        "next_steps": SEPARATOR.join(steps[: settings.next_steps]),
    }


def _classified_steps(
    record: dict, fact: pd.Series, evidence: pd.DataFrame, phase: int, settings: Settings, lang: str
) -> list[str]:
    """The next steps of a classified unit, most useful first, each once."""
    words = WORDS[lang]
    done = evidence.loc[evidence["source"] == phases.BEHAVIOUR]
    said = evidence.loc[evidence["source"] == phases.SURVEY]
    undecided = [i for i in str(record.get("undecided") or "").split(",") if i]
    steps = collect_steps(undecided, settings, lang)
    if bool(record.get("at_least")) and fact["respondents"] < settings.survey_minimum:
        # a survey decides within the range behaviour leaves open
        steps.insert(0, fill(words["collect_survey"], minimum=settings.survey_minimum))
    lead = fact.get("lead_department")
    people = fact.get("lead_department_headcount")
    small = pd.isna(people) or people < settings.min_group_size
    lead = "" if small or not isinstance(lead, str) else lead  # a small one is not named
    if record.get("basis") == phases.BASIS_SURVEY:  # what people do is what is missing
        steps = [_more_activity(record, words), *steps]
        steps += next_steps(said, phase, settings, lang)
    else:
        steps += next_steps(done, phase, settings, lang, lead)
        steps += next_steps(said, phase, settings, lang)
    steps = list(dict.fromkeys(steps))
    return [words["all_met"]] if not steps and phase == 4 else steps


def _done(record: dict) -> object:
    """The behaviour phase the survey is compared with: the verdict itself where behaviour
    decided it, else nothing to compare."""
    if record.get("basis") == phases.BASIS_SURVEY or pd.isna(record.get("phase_behaviour")):
        return pd.NA
    gap = record.get("say_do_gap")
    if pd.isna(gap) or gap == 0:
        return record["phase_survey"]  # agrees (within the range behaviour leaves open)
    return record["phase"]
