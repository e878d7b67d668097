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

import pandas as pd

from orgsocial import contract as c
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


def phase_evidence(indicators: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Every criterion for every unit: the value, the threshold and how much it counted.

    Returns
    -------
    pandas.DataFrame
        ``business_unit``, ``phase`` (the level the criterion is an entry
        criterion of), ``phase_name``, ``indicator``, ``value``, ``threshold``,
        ``softness``, ``weight``, ``fulfilment`` (0..1, NaN without data),
        ``counted`` (weight x fulfilment / level weight with data), ``why``.
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
    ).transform("sum")
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


def _thin_data_reason(record: dict, settings: Settings) -> str:
    if record.get("suppressed"):
        return f"fewer than {settings.min_group_size} people: figures suppressed"
    events = int(record.get("employee_events") or 0)
    respondents = record.get("respondents")
    respondents = 0 if respondents is None or pd.isna(respondents) else int(respondents)
    if events < settings.min_events and respondents < settings.min_group_size:
        return (
            f"too little data: {events} employee events (fewer than {settings.min_events}) "
            f"and {respondents} survey respondents (fewer than {settings.min_group_size})"
        )
    return ""


def classify_units(
    indicators: pd.DataFrame, settings: Settings, evidence: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The phase of each business unit, with scores, confidence and the reason for none.

    Parameters
    ----------
    indicators
        One row per unit with ``business_unit``, ``employee_events``,
        ``respondents``, ``suppressed`` and the indicators the criteria name.
    settings
        The criteria (``settings.levels``) and thresholds for thin data.
    evidence
        :func:`phase_evidence` of the same indicators, when already computed.

    Returns
    -------
    pandas.DataFrame
        ``business_unit``, ``phase`` (nullable int), ``phase_name``,
        ``confidence``, ``between`` (e.g. ``"2→3"`` or empty), ``runner_up``,
        ``score_phase_1`` .. ``score_phase_4``, ``reach_phase_2`` ..
        ``reach_phase_4``, ``coverage``, ``reason`` (why there is no phase).
    """
    if evidence is None:
        evidence = phase_evidence(indicators, settings)
    total_weight = sum(cr.weight for level in settings.levels for cr in level.criteria)
    rows = []
    for record in indicators.to_dict("records"):
        unit = record["business_unit"]
        mine = evidence.loc[evidence["business_unit"] == unit] if len(evidence) else evidence
        row: dict[str, object] = {"business_unit": unit}
        reason = _thin_data_reason(record, settings)
        reach: dict[int, float] = {}
        with_data = 0.0
        for level in settings.levels:
            level_rows = mine.loc[(mine["phase"] == level.phase) & mine["fulfilment"].notna()]
            weight = float(level_rows["weight"].sum())
            with_data += weight
            reach[level.phase] = (
                float((level_rows["weight"] * level_rows["fulfilment"]).sum() / weight)
                if weight > 0
                else 0.5
            )
        coverage = with_data / total_weight if total_weight else 0.0
        scores = _scores_from_reach(reach)
        ranked = sorted(PHASE_NUMBERS, key=lambda p: (-scores[p], p))
        top, second = ranked[0], ranked[1]
        if reason:
            row.update(
                phase=pd.NA, phase_name="", confidence=float("nan"), between="", runner_up=pd.NA
            )
        else:
            adjacent = abs(top - second) == 1
            between = (
                f"{min(top, second)}→{max(top, second)}"
                if adjacent and scores[second] >= settings.between_ratio * scores[top]
                else ""
            )
            row.update(
                phase=top,
                phase_name=c.PHASES[top],
                confidence=round(scores[top] * coverage, 3),
                between=between,
                runner_up=second,
            )
        for phase in PHASE_NUMBERS:
            row[f"score_phase_{phase}"] = round(scores[phase], 4) if not reason else float("nan")
        for phase in (2, 3, 4):
            row[f"reach_phase_{phase}"] = round(reach[phase], 4) if not reason else float("nan")
        row["coverage"] = round(coverage, 3)
        row["reason"] = reason
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out["phase"] = out["phase"].astype("Int64")
    out["runner_up"] = out["runner_up"].astype("Int64")
    out["confidence"] = out["confidence"].astype("float64")
    return out


def criterion_indicators(settings: Settings) -> list[str]:
    """The indicator names the criteria use, in order of first mention."""
    seen: dict[str, None] = {}
    for level in settings.levels:
        for criterion in level.criteria:
            seen.setdefault(criterion.indicator, None)
    return list(seen)
