"""Classify each business unit's phase: behaviour decides, the survey corroborates,
and what the evidence cannot decide is said, not guessed.

Each phase k = 2, 3, 4 has entry criteria from the founding model
(``defaults/config.yaml``), each an indicator against a soft threshold
(:func:`fulfilment`), read from one kind of evidence at a time: behaviour (the
activity logs) or the survey. A phase's *test* from one kind is
``D ** (Wd / W) * S ** (Ws / W)``: ``D`` the least met *decisive* criterion,
``S`` the weighted mean of the *supporting* ones, ``Wd``, ``Ws``, ``W`` the
weights with data. **Unknown is not met**: a decisive criterion without data
means the phase is not claimed from that evidence. How the tests give the
"at least" beliefs, the phase, its upper bound and the survey's part, and what
never lowers a phase: README.md, "How the phase is decided".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from orgsocial.analysis import survey
from orgsocial.config import Settings
from orgsocial.io import contract as c

PHASE_NUMBERS = tuple(c.PHASES)
LEVELS = (2, 3, 4)

SURVEY = "survey"
BEHAVIOUR = "behaviour"
SURVEY_INDICATORS = frozenset(survey.item_indicator_columns())
#: ``basis`` of a verdict.
BASIS_BEHAVIOUR = "behaviour"
BASIS_BOTH = "behaviour+survey"
BASIS_SURVEY = "survey"

#: Codes in ``notes``: why a verdict is provisional (words: :mod:`orgsocial.analysis.advice`).
NOTE_SURVEY_ONLY = "survey_only"
NOTE_SURVEY_DECIDED = "survey_decided"
NOTE_NO_SURVEY = "no_survey"
NOTE_NO_INQUIRIES = "no_inquiries"
NOTE_FEW_EVENTS = "few_events"
NOTE_NOT_SOCIAL = "not_social"
NOTE_NO_EXTERNAL = "no_external"
NOTE_ONE_DEPARTMENT = "one_department"
NOTE_NO_CUSTOMER_FACING = "no_customer_facing"
NOTE_UNDECIDED = "undecided"
NOTE_SEPARATOR = ";"


def fulfilment(value: float, threshold: float, softness: float) -> float:
    """How far ``value`` meets "at least ``threshold``", from 0 to 1 (NaN without a value).

    Examples
    --------
    >>> fulfilment(0.5, 0.5, 0.1)
    0.5
    >>> round(fulfilment(0.7, 0.5, 0.1), 3)
    0.881
    """
    if pd.isna(value):
        return float("nan")
    z = (float(value) - threshold) / softness
    z = max(min(z, 50.0), -50.0)
    return 1.0 / (1.0 + math.exp(-z))


def indicator_source(indicator: str) -> str:
    """``"survey"`` for indicators read from the survey, else ``"behaviour"`` (activity logs)."""
    return SURVEY if indicator in SURVEY_INDICATORS else BEHAVIOUR


def phase_evidence(indicators: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Every criterion for every unit (a row of evidence.csv): the value, the threshold
    and how far it is met (``fulfilment``, NaN and ``met`` missing without data)."""
    rows = []
    for record in indicators.to_dict("records"):
        for level in settings.levels:
            for criterion in level.criteria:
                value = record.get(criterion.indicator)
                value = float("nan") if pd.isna(value) else float(value)
                met = fulfilment(value, criterion.threshold, criterion.softness)
                rows.append(
                    {
                        "business_unit": record["business_unit"],
                        "phase": level.phase,
                        "phase_name": level.name,
                        "indicator": criterion.indicator,
                        "source": indicator_source(criterion.indicator),
                        "role": "decisive" if criterion.decisive else "supporting",
                        "value": value,
                        "threshold": criterion.threshold,
                        "softness": criterion.softness,
                        "weight": criterion.weight,
                        "fulfilment": met,
                        "met": pd.NA if math.isnan(met) else met >= 0.5,
                        "why": criterion.why,
                    }
                )
    evidence = pd.DataFrame(rows)
    if not evidence.empty:
        evidence["met"] = evidence["met"].astype("boolean")
    return evidence


@dataclass(frozen=True)
class PhaseTest:
    """One phase's entry test read from one kind of evidence.

    ``value`` counts a decisive criterion without data as not met (0), and is 0
    too when the criteria with data carry less than ``min_known_weight`` of the
    phase's weight; ``known`` skips the criteria without data (what the data
    show of the phase, however little); ``upper`` counts every criterion without
    data as fully met. ``unknown`` names the criteria without data.
    """

    value: float
    known: float
    upper: float
    unknown: tuple[str, ...]


def _combined(rows: list[dict]) -> float:
    """The test of the module text from evidence rows (NaN without any)."""
    decisive = [(r["fulfilment"], r["weight"]) for r in rows if r["role"] == "decisive"]
    supporting = [(r["fulfilment"], r["weight"]) for r in rows if r["role"] == "supporting"]
    wd = sum(w for _, w in decisive)
    ws = sum(w for _, w in supporting)
    total = wd + ws
    if total <= 0:
        return float("nan")
    log_value = 0.0
    if wd > 0:
        least = min(f for f, _ in decisive)
        log_value += wd / total * math.log(max(least, 1e-300))
    if ws > 0:
        mean = sum(w * f for f, w in supporting) / ws
        log_value += ws / total * math.log(max(mean, 1e-300))
    return math.exp(log_value)


def phase_test(rows: list[dict], min_known_weight: float) -> PhaseTest:
    """The :class:`PhaseTest` of one phase from its evidence rows of one kind (see the module text).

    Examples
    --------
    >>> rows = [{"indicator": "a", "role": "decisive", "weight": 1.0, "fulfilment": 0.9},
    ...         {"indicator": "b", "role": "supporting", "weight": 1.0, "fulfilment": 0.5},
    ...         {"indicator": "c", "role": "decisive", "weight": 2.0, "fulfilment": float("nan")}]
    >>> t = phase_test(rows, 0.5)
    >>> t.value, round(t.known, 3), round(t.upper, 3), t.unknown
    (0.0, 0.671, 0.777, ('c',))
    """
    if not rows:
        return PhaseTest(value=1.0, known=1.0, upper=1.0, unknown=())
    known = [r for r in rows if not math.isnan(r["fulfilment"])]
    unknown = [r for r in rows if math.isnan(r["fulfilment"])]
    all_weight = sum(r["weight"] for r in rows)
    known_weight = sum(r["weight"] for r in known)
    enough = all_weight > 0 and known_weight >= min_known_weight * all_weight
    seen = _combined(known)
    seen = 0.0 if math.isnan(seen) else seen
    upper = _combined(
        [{**r, "fulfilment": 1.0} if math.isnan(r["fulfilment"]) else r for r in rows]
    )
    value = seen if enough and not any(r["role"] == "decisive" for r in unknown) else 0.0
    return PhaseTest(
        value=value, known=seen, upper=upper, unknown=tuple(r["indicator"] for r in unknown)
    )


@dataclass(frozen=True)
class Reading:
    """A unit's phase read from one kind of evidence."""

    tests: dict[int, PhaseTest]
    at_least: dict[int, float]  # phases 2..4; "at least 1" is 1
    upper: dict[int, float]  # the same with every unknown criterion met
    coverage: float  # share of this kind's criterion weight that had data

    @property
    def scores(self) -> dict[int, float]:
        """``at_least_k - at_least_(k+1)`` for the four phases (they add up to 1)."""
        chain = {1: 1.0, **self.at_least, 5: 0.0}
        return {phase: chain[phase] - chain[phase + 1] for phase in PHASE_NUMBERS}

    @property
    def phase(self) -> int:
        """The highest phase whose "at least" belief is 0.5 or more."""
        return 1 + sum(self.at_least[k] >= 0.5 for k in LEVELS)

    @property
    def phase_max(self) -> int:
        """The highest phase the evidence does not exclude (unknown criteria met)."""
        return 1 + sum(self.upper[k] >= 0.5 for k in LEVELS)


def read_phase(records: list[dict], min_known_weight: float) -> Reading:
    """:class:`Reading` from one unit's evidence rows of one kind (``phase_evidence`` records)."""
    tests = {
        k: phase_test([r for r in records if r["phase"] == k], min_known_weight) for k in LEVELS
    }
    t2, t3, t4 = tests[2], tests[3], tests[4]
    at_least = {2: max(t2.value, t3.known), 3: t3.value, 4: t3.value * t4.value}
    upper = {2: max(t2.upper, t3.upper), 3: t3.upper, 4: t3.upper * t4.upper}
    total = sum(r["weight"] for r in records)
    known = sum(r["weight"] for r in records if not math.isnan(r["fulfilment"]))
    return Reading(
        tests=tests, at_least=at_least, upper=upper, coverage=known / total if total else 0.0
    )


def _count(record: dict, key: str) -> int:
    value = record.get(key)
    return 0 if pd.isna(value) else int(value)


def _no_phase_reason(record: dict, settings: Settings) -> str:
    if record.get("suppressed"):
        return f"fewer than {settings.min_group_size} people: figures suppressed"
    events = _count(record, "employee_events")
    respondents = _count(record, "respondents")
    if events < settings.min_events and respondents < settings.survey_minimum:
        return (
            f"too little data: {events} employee events (fewer than {settings.min_events}) "
            f"and {respondents} survey respondents (fewer than {settings.survey_minimum})"
        )
    return ""


def _between(scores: dict[int, float], phase: int, ratio: float) -> tuple[int, str]:
    """The runner-up (highest score among the other phases) and ``"k→k+1"`` when it is
    the adjacent phase with at least ``ratio`` of the phase's score."""
    second = min((p for p in PHASE_NUMBERS if p != phase), key=lambda p: (-scores[p], p))
    close = abs(second - phase) == 1 and scores[second] >= ratio * scores[phase] > 0
    return second, f"{min(phase, second)}→{max(phase, second)}" if close else ""


def evidence_notes(record: dict, settings: Settings, basis: str) -> list[str]:
    """Codes of the reasons a unit's verdict is provisional (thin or missing evidence)."""
    notes = []
    if basis == BASIS_SURVEY:
        notes.append(NOTE_SURVEY_ONLY)
    else:  # what the behaviour the verdict rests on lacks
        social = record.get("social_channel_share")
        for note, lacking in (
            (NOTE_FEW_EVENTS, _count(record, "employee_events") < settings.few_events),
            (NOTE_NO_SURVEY, _count(record, "respondents") < settings.survey_minimum),
            (NOTE_NO_INQUIRIES, _count(record, "inquiries") == 0),
            (NOTE_NO_EXTERNAL, not record.get("observes_external", True)),
            (NOTE_NOT_SOCIAL, not pd.isna(social) and social < 0.5),
        ):
            if lacking:
                notes.append(note)
    if _count(record, "departments") == 1:
        notes.append(NOTE_ONE_DEPARTMENT)
    if _count(record, "departments") > 0 and _count(record, "customer_facing_departments") == 0:
        notes.append(NOTE_NO_CUSTOMER_FACING)
    return notes


@dataclass(frozen=True)
class Verdict:
    """A unit's phase, how it was reached, and what it rests on."""

    phase: int
    basis: str
    reading: Reading  # of the basis (behaviour, or the survey for a survey-only verdict)
    confidence: float
    gap: object  # survey minus behaviour outside what behaviour leaves open; NA without both


def verdict(done: Reading | None, said: Reading | None, settings: Settings) -> Verdict | None:
    """Combine the behaviour and survey readings (either may be missing) into a verdict.

    Behaviour decides; where it leaves a range open (``phase`` < ``phase_max``),
    a survey inside the range decides within it. The confidence is the score of
    the phase x the coverage x a factor: 1 when the survey agrees, ``1 -
    say_do_penalty x |gap|`` when it does not, ``uncorroborated_factor``
    without a survey (or with a survey alone).
    """
    if done is None and said is None:
        return None
    if done is None:  # the survey alone is read as behaviour alone is
        return replace(verdict(said, None, settings), basis=BASIS_SURVEY)
    low, high = done.phase, done.phase_max
    if said is None:
        phase, basis, gap, factor = low, BASIS_BEHAVIOUR, pd.NA, settings.uncorroborated_factor
        score = done.scores[phase]
    else:
        claim = said.phase
        phase = min(max(claim, low), high)
        gap = claim - phase
        basis = BASIS_BOTH if phase > low else BASIS_BEHAVIOUR
        factor = max(0.0, 1 - settings.say_do_penalty * abs(gap))
        score = done.scores[phase] if phase == low else said.scores[phase]
    confidence = round(score * done.coverage * factor, 3)
    return Verdict(phase=phase, basis=basis, reading=done, confidence=confidence, gap=gap)


def _readings(evidence: pd.DataFrame, source: str, settings: Settings) -> dict[str, Reading]:
    columns = ["business_unit", "phase", "indicator", "role", "weight", "fulfilment"]
    by_unit: dict[str, list[dict]] = {}
    for record in evidence.loc[evidence["source"] == source, columns].to_dict("records"):
        by_unit.setdefault(record["business_unit"], []).append(record)
    return {
        unit: read_phase(records, settings.min_known_weight) for unit, records in by_unit.items()
    }


def classify_units(
    indicators: pd.DataFrame,
    settings: Settings,
    evidence: pd.DataFrame | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The phase of each business unit, with its basis, bounds, confidence and notes.

    Parameters
    ----------
    indicators
        One row per unit with ``business_unit``, ``employee_events``,
        ``respondents``, ``inquiries``, ``departments``,
        ``customer_facing_departments``, ``suppressed``, ``observes_external``,
        ``social_channel_share`` and the indicators the criteria name.
    evidence
        :func:`phase_evidence` of the same indicators, when already computed.

    Returns
    -------
    pandas.DataFrame
        ``business_unit`` and the verdict columns of units.csv (docs/outputs.md), from
        ``phase`` (nullable int) to ``reason`` (why there is no phase).
    """
    if evidence is None:
        evidence = phase_evidence(indicators, settings)
    names = c.PHASE_NAMES[lang]
    done_readings = _readings(evidence, BEHAVIOUR, settings) if len(evidence) else {}
    said_readings = _readings(evidence, SURVEY, settings) if len(evidence) else {}
    rows = [
        _unit_row(record, done_readings, said_readings, settings, names)
        for record in indicators.to_dict("records")
    ]
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    phase_columns = ("phase", "phase_max", "runner_up", "phase_behaviour", "phase_behaviour_max")
    return out.astype(
        dict.fromkeys((*phase_columns, "phase_survey", "say_do_gap"), "Int64")
        | {"confidence": "float64", "at_least": bool, "provisional": bool}
    )


def _unit_row(
    record: dict,
    done_readings: dict[str, Reading],
    said_readings: dict[str, Reading],
    settings: Settings,
    names: dict[int, str],
) -> dict[str, object]:
    unit = record["business_unit"]
    reason = _no_phase_reason(record, settings)
    done = done_readings.get(unit)
    said = said_readings.get(unit)
    if reason or _count(record, "employee_events") < settings.min_events:
        done = None
    few_respondents = _count(record, "respondents") < settings.survey_minimum
    if reason or few_respondents or not (said and said.coverage > 0):
        said = None
    found = verdict(done, said, settings)  # None without either reading (as with a reason)
    return {
        "business_unit": unit,
        **_verdict_columns(found, names, settings),
        **_reading_columns(found.reading if found is not None else None),
        "phase_behaviour": done.phase if done else pd.NA,
        "phase_behaviour_max": done.phase_max if done else pd.NA,
        "phase_survey": said.phase if said else pd.NA,
        "say_do_gap": found.gap if found is not None else pd.NA,
        **_note_columns(found, record, settings),
        "reason": reason,
    }


def _verdict_columns(found: Verdict | None, names: dict[int, str], settings: Settings) -> dict:
    """The phase, its name and confidence, its range and what it lies between."""
    if found is None:
        return {
            "phase": pd.NA,
            "phase_name": "",
            "confidence": float("nan"),
            "at_least": False,
            "phase_max": pd.NA,
            "basis": "",
            "between": "",
            "runner_up": pd.NA,
        }
    runner_up, between = _between(found.reading.scores, found.phase, settings.between_ratio)
    return {
        "phase": found.phase,
        "phase_name": names[found.phase],
        "confidence": found.confidence,
        "at_least": found.phase < found.reading.phase_max,
        "phase_max": found.reading.phase_max,
        "basis": found.basis,
        "between": between,
        "runner_up": runner_up,
    }


def _reading_columns(reading: Reading | None) -> dict:
    """The four phase scores, each phase's test and "at least" belief, and coverage."""
    nan = float("nan")
    row: dict[str, object] = {}
    scores = reading.scores if reading else {}
    for phase in PHASE_NUMBERS:
        row[f"score_phase_{phase}"] = round(scores[phase], 4) if scores else nan
    for k in LEVELS:
        row[f"reach_phase_{k}"] = round(reading.tests[k].value, 4) if reading else nan
    for k in LEVELS:
        row[f"at_least_phase_{k}"] = round(reading.at_least[k], 4) if reading else nan
    row["coverage"] = round(reading.coverage, 3) if reading else 0.0
    return row


def _note_columns(found: Verdict | None, record: dict, settings: Settings) -> dict:
    """Why a verdict is provisional (notes) and the criteria it could not decide."""
    notes = evidence_notes(record, settings, found.basis) if found is not None else []
    undecided: tuple[str, ...] = ()
    if found is not None and found.basis == BASIS_BOTH:
        notes.insert(0, NOTE_SURVEY_DECIDED)
    if found is not None and found.phase < found.reading.phase_max:
        notes.insert(0, NOTE_UNDECIDED)
        # the criteria without data of the phases above it: the data that would decide
        above = range(found.phase + 1, found.reading.phase_max + 1)
        unknown = (name for k in above for name in found.reading.tests[k].unknown)
        undecided = tuple(dict.fromkeys(unknown))
    return {
        "undecided": ",".join(undecided),
        "notes": NOTE_SEPARATOR.join(notes),
        "provisional": bool(notes),
    }


#: ``used_for`` of an evidence row: what it counted for in the unit's verdict.
USED_VERDICT = "verdict"
USED_SAY_DO = "say_do"


def mark_use(evidence: pd.DataFrame, classified: pd.DataFrame) -> pd.DataFrame:
    """``evidence`` with ``used_for``: ``verdict`` for the kind of evidence the phase was
    read from (and the survey where it decided within the range behaviour left open),
    ``say_do`` for a survey compared with behaviour, empty for evidence too thin to be
    used (behaviour under ``min_events`` events, a survey under the privacy minimum).
    """
    if evidence.empty:
        return evidence.assign(used_for=pd.Series([], dtype="str"))
    facts = classified.set_index("business_unit")
    basis = evidence["business_unit"].map(facts["basis"]).fillna("")
    said = evidence["business_unit"].map(facts["phase_survey"].notna())
    behaviour = evidence["source"] == BEHAVIOUR
    used = pd.Series("", index=evidence.index, dtype="str")
    used[behaviour & basis.isin([BASIS_BEHAVIOUR, BASIS_BOTH])] = USED_VERDICT
    used[~behaviour & basis.isin([BASIS_SURVEY, BASIS_BOTH])] = USED_VERDICT
    used[~behaviour & (basis == BASIS_BEHAVIOUR) & said.fillna(False).astype(bool)] = USED_SAY_DO
    return evidence.assign(used_for=used)
