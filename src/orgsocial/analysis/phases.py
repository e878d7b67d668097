"""Classify each business unit's phase with a transparent, ordered scorecard.

The four phases are stages: a unit in phase 3 has, by and large, also done
what phase 2 describes. So each phase k = 2, 3, 4 has *entry criteria* taken
from the founding model (see ``defaults/config.yaml``), and

* ``reach_k`` = weighted mean of how far each entry criterion of phase k is met
  (a logistic soft threshold: 0.5 at the threshold);
* ``at_least_k`` = reach_2 x ... x reach_k (a unit must pass the earlier gates);
* the phase scores are ``score_phase_k = at_least_k - at_least_(k+1)``
  (with at_least_1 = 1 and at_least_5 = 0): four beliefs adding up to 1;
* ``phase`` is the highest-scoring phase, ``runner_up`` the second;
* ``confidence`` = top score x ``coverage`` (the share of criterion weight that
  had data), so missing survey or inquiry data lowers it honestly.

Every criterion only ever rewards *more* participation, connection, speed or
agreement, so improving a unit never lowers its score for reaching a higher
phase.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from orgsocial import contract as c
from orgsocial.analysis import survey
from orgsocial.config import Settings

PHASE_NUMBERS = tuple(c.PHASES)


def fulfilment(value: float, threshold: float, softness: float) -> float:
    """How far ``value`` meets "at least ``threshold``", from 0 to 1 (NaN without a value).

    Examples
    --------
    >>> fulfilment(0.5, 0.5, 0.1)
    0.5
    >>> round(fulfilment(0.7, 0.5, 0.1), 3)
    0.881
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return float("nan")
    z = (float(value) - threshold) / softness
    z = max(min(z, 50.0), -50.0)
    return 1.0 / (1.0 + math.exp(-z))


SURVEY = "survey"
BEHAVIOUR = "behaviour"
SURVEY_INDICATORS = frozenset(survey.item_indicator_columns())


def indicator_source(indicator: str) -> str:
    """``"survey"`` for indicators read from the survey, else ``"behaviour"`` (activity logs)."""
    return SURVEY if indicator in SURVEY_INDICATORS else BEHAVIOUR


def phase_evidence(indicators: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Every criterion for every unit: the value, the threshold and how much it counted.

    Returns
    -------
    pandas.DataFrame
        ``business_unit``, ``phase`` (the level the criterion is an entry
        criterion of), ``phase_name``, ``indicator``, ``source`` (survey or
        behaviour), ``value``, ``threshold``, ``softness``, ``weight``,
        ``fulfilment`` (0..1, NaN without data), ``counted`` (weight x
        fulfilment / the level's weight with data), ``why``.
    """
    rows = []
    for record in indicators.to_dict("records"):
        for level in settings.levels:
            for criterion in level.criteria:
                value = record.get(criterion.indicator, float("nan"))
                value = float("nan") if pd.isna(value) else float(value)
                rows.append(
                    {
                        "business_unit": record["business_unit"],
                        "phase": level.phase,
                        "phase_name": level.name,
                        "indicator": criterion.indicator,
                        "source": indicator_source(criterion.indicator),
                        "value": value,
                        "threshold": criterion.threshold,
                        "softness": criterion.softness,
                        "weight": criterion.weight,
                        "fulfilment": fulfilment(value, criterion.threshold, criterion.softness),
                        "why": criterion.why,
                    }
                )
    evidence = pd.DataFrame(rows)
    if evidence.empty:
        return evidence
    has_data = evidence["fulfilment"].notna()
    level_weight = (
        evidence["weight"]
        .where(has_data, 0.0)
        .groupby([evidence["business_unit"], evidence["phase"]])
        .transform("sum")
    )
    evidence["counted"] = (evidence["weight"] * evidence["fulfilment"]) / level_weight.where(
        level_weight > 0
    )
    return evidence


def _scores_from_reach(reach: dict[int, float]) -> dict[int, float]:
    at_least = {1: 1.0}
    for phase in (2, 3, 4):
        at_least[phase] = at_least[phase - 1] * reach[phase]
    at_least[5] = 0.0
    return {phase: at_least[phase] - at_least[phase + 1] for phase in PHASE_NUMBERS}


@dataclass(frozen=True)
class Scorecard:
    """The scorecard read for one unit from some of its criteria."""

    reach: dict[int, float]
    scores: dict[int, float]
    coverage: float
    has_data: bool

    @property
    def ranked(self) -> list[int]:
        """Phases from the highest score down (ties: the lower phase first)."""
        return sorted(PHASE_NUMBERS, key=lambda p: (-self.scores[p], p))


def scorecards(
    evidence: pd.DataFrame, settings: Settings, sources: frozenset[str]
) -> dict[str, Scorecard]:
    """Reach, phase scores and coverage per unit from the evidence (all units at once).

    Only criteria whose source is in ``sources`` count; coverage is the share
    of those criteria's weight that had data. A level without any data reaches 0.5.
    """
    total = sum(
        cr.weight
        for level in settings.levels
        for cr in level.criteria
        if indicator_source(cr.indicator) in sources
    )
    units = list(dict.fromkeys(evidence["business_unit"])) if len(evidence) else []
    used = evidence.loc[evidence["source"].isin(sources) & evidence["fulfilment"].notna()]
    weighted = (
        (used["weight"] * used["fulfilment"]).groupby([used["business_unit"], used["phase"]]).sum()
    )
    weights = used.groupby(["business_unit", "phase"])["weight"].sum()
    level_reach = (weighted / weights.where(weights > 0)).to_dict()
    covered = used.groupby("business_unit")["weight"].sum().to_dict()
    cards = {}
    for unit in units:
        reach = {
            level.phase: float(level_reach.get((unit, level.phase), 0.5))
            for level in settings.levels
        }
        weight = float(covered.get(unit, 0.0))
        cards[unit] = Scorecard(
            reach=reach,
            scores=_scores_from_reach(reach),
            coverage=weight / total if total else 0.0,
            has_data=weight > 0,
        )
    return cards


def scorecard(rows: pd.DataFrame, settings: Settings, sources: frozenset[str]) -> Scorecard:
    """:func:`scorecards` for the evidence rows of one unit."""
    return next(iter(scorecards(rows, settings, sources).values()))


def _count(record: dict, key: str) -> int:
    value = record.get(key)
    return 0 if value is None or pd.isna(value) else int(value)


def data_notes(record: dict, settings: Settings) -> list[str]:
    """Which kinds of evidence are thin or missing for a unit (in English)."""
    notes = []
    events = _count(record, "employee_events")
    respondents = _count(record, "respondents")
    if events < settings.min_events:
        notes.append(f"too few events ({events}, fewer than {settings.min_events})")
    if respondents < settings.min_group_size:
        notes.append(
            f"too few survey respondents ({respondents}, fewer than {settings.min_group_size})"
        )
    if _count(record, "inquiries") == 0:
        notes.append("no customer inquiries: response criteria not used")
    return notes


def _no_phase_reason(record: dict, settings: Settings) -> str:
    if record.get("suppressed"):
        return f"fewer than {settings.min_group_size} people: figures suppressed"
    events = _count(record, "employee_events")
    respondents = _count(record, "respondents")
    if events < settings.min_events and respondents < settings.min_group_size:
        return (
            f"too little data: {events} employee events (fewer than {settings.min_events}) "
            f"and {respondents} survey respondents (fewer than {settings.min_group_size})"
        )
    return ""


def _between(card: Scorecard, ratio: float) -> str:
    top, second = card.ranked[:2]
    if abs(top - second) == 1 and card.scores[second] >= ratio * card.scores[top]:
        return f"{min(top, second)}→{max(top, second)}"
    return ""


def classify_units(
    indicators: pd.DataFrame,
    settings: Settings,
    evidence: pd.DataFrame | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The phase of each business unit, with scores, confidence, say-do gap and reasons.

    Parameters
    ----------
    indicators
        One row per unit with ``business_unit``, ``employee_events``,
        ``respondents``, ``inquiries``, ``suppressed`` and the indicators the
        criteria name.
    settings
        The criteria (``settings.levels``) and thresholds.
    evidence
        :func:`phase_evidence` of the same indicators, when already computed.
    lang
        Language of ``phase_name`` (``en`` or ``nl``).

    Returns
    -------
    pandas.DataFrame
        ``business_unit``, ``phase`` (nullable int), ``phase_name``,
        ``confidence``, ``between`` (e.g. ``"2→3"``), ``runner_up``,
        ``score_phase_1`` .. ``score_phase_4``, ``reach_phase_2`` ..
        ``reach_phase_4``, ``coverage``, ``phase_survey`` and
        ``phase_behaviour`` (the phase from each kind of evidence alone),
        ``say_do_gap`` (survey minus behaviour), ``reason`` (why there is no
        phase) and ``data_notes`` (thin or missing evidence).
    """
    if evidence is None:
        evidence = phase_evidence(indicators, settings)
    names = c.PHASE_NAMES[lang]
    cards = scorecards(evidence, settings, frozenset({SURVEY, BEHAVIOUR}))
    said_cards = scorecards(evidence, settings, frozenset({SURVEY}))
    done_cards = scorecards(evidence, settings, frozenset({BEHAVIOUR}))
    rows = []
    for record in indicators.to_dict("records"):
        unit = record["business_unit"]
        reason = _no_phase_reason(record, settings)
        card, said, done = cards.get(unit), said_cards.get(unit), done_cards.get(unit)
        survey_ok = (
            said is not None
            and _count(record, "respondents") >= settings.min_group_size
            and said.has_data
        )
        behaviour_ok = (
            done is not None
            and _count(record, "employee_events") >= settings.min_events
            and done.has_data
        )
        phase_survey = said.ranked[0] if survey_ok and not reason else pd.NA
        phase_behaviour = done.ranked[0] if behaviour_ok and not reason else pd.NA
        gap = (
            phase_survey - phase_behaviour
            if not pd.isna(phase_survey) and not pd.isna(phase_behaviour)
            else pd.NA
        )
        row: dict[str, object] = {"business_unit": unit}
        if reason or card is None:
            row.update(
                phase=pd.NA, phase_name="", confidence=float("nan"), between="", runner_up=pd.NA
            )
        else:
            top, second = card.ranked[:2]
            penalty = 1.0 if pd.isna(gap) else max(0.0, 1 - settings.say_do_penalty * abs(gap))
            row.update(
                phase=top,
                phase_name=names[top],
                confidence=round(card.scores[top] * card.coverage * penalty, 3),
                between=_between(card, settings.between_ratio),
                runner_up=second,
            )
        for phase in PHASE_NUMBERS:
            row[f"score_phase_{phase}"] = (
                round(card.scores[phase], 4) if card and not reason else float("nan")
            )
        for phase in (2, 3, 4):
            row[f"reach_phase_{phase}"] = (
                round(card.reach[phase], 4) if card and not reason else float("nan")
            )
        row["coverage"] = round(card.coverage, 3) if card else 0.0
        row["phase_survey"] = phase_survey
        row["phase_behaviour"] = phase_behaviour
        row["say_do_gap"] = gap
        row["reason"] = reason
        row["data_notes"] = "; ".join(data_notes(record, settings))
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    for column in ("phase", "runner_up", "phase_survey", "phase_behaviour", "say_do_gap"):
        out[column] = out[column].astype("Int64")
    out["confidence"] = out["confidence"].astype("float64")
    return out


def criterion_indicators(settings: Settings) -> list[str]:
    """The indicator names the criteria use, in order of first mention."""
    seen: dict[str, None] = {}
    for level in settings.levels:
        for criterion in level.criteria:
            seen.setdefault(criterion.indicator, None)
    return list(seen)
