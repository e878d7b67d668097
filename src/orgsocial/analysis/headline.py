"""Where each unit is *now*: the period its headline verdict is read from
(:func:`choose_periods`), and the trend of its verdicts per period (:class:`PeriodVerdict`).

The headline period is the latest *complete* one
(:func:`~orgsocial.analysis.period.latest_complete`); README.md, "How the phase is
decided", says how a later, incomplete period is skipped and a unit falls back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from orgsocial.analysis.period import Period

#: ``notes`` codes about the period (words: :mod:`orgsocial.analysis.advice`).
NOTE_INCOMPLETE = "incomplete_period"
NOTE_FALLBACK = "fallback"
NOTE_PARTIAL = "partial_period"
NOTE_UNDATED = "undated"

TREND_COLUMNS = (
    "business_unit",
    "period",
    "phase",
    "phase_name",
    "confidence",
    "at_least",
    "phase_max",
    "basis",
    "provisional",
    "between",
    "phase_survey",
    "phase_behaviour",
    "survey_wave",
    "employee_events",
    "change",
    "moved_back",
)


@dataclass(frozen=True)
class PeriodVerdict:
    """The classified units of one period, with the facts the headline choice reads, and
    for a headline period its detailed indicators, evidence and classified units."""

    period: Period
    classified: pd.DataFrame  # phases.classify_units + survey_wave and employee_events
    detail: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None


def undated(note: object) -> bool:
    """Whether a ``period_note`` (or ``headline_note``) says the data carry no dates: every
    event has the one time an import gave it (:data:`NOTE_UNDATED`)."""
    return isinstance(note, str) and note.startswith(f"{NOTE_UNDATED}:")


def trend_table(verdicts: list[PeriodVerdict]) -> pd.DataFrame:
    """Each unit's phase per period, in time order (:data:`TREND_COLUMNS`): ``change`` is the
    phase minus the previous period's (missing when either has no phase)."""
    if not verdicts:  # no rows, with the column types of a full table
        frame = pd.DataFrame({column: pd.Series([], dtype="str") for column in TREND_COLUMNS})
        return frame.astype(
            dict.fromkeys(
                ("phase", "phase_max", "phase_survey", "phase_behaviour", "change"), "Int64"
            )
            | dict.fromkeys(("at_least", "provisional", "moved_back"), bool)
            | {"employee_events": "int64", "confidence": "float64"}
        )
    frames = [
        v.classified.assign(period=v.period.label)[list(TREND_COLUMNS[:-2])] for v in verdicts
    ]
    out = pd.concat(frames, ignore_index=True).sort_values(["business_unit", "period"])
    out["change"] = out.groupby("business_unit")["phase"].diff().astype("Int64")
    out["moved_back"] = (out["change"] < 0).fillna(False).astype(bool)
    return out.reset_index(drop=True)


def trend_summary(trend: pd.DataFrame) -> pd.DataFrame:
    """Per unit: the phases over the periods as text and whether it ever moved back."""
    if trend.empty:
        return pd.DataFrame(columns=["business_unit", "trend", "moved_back"])
    text = trend.assign(step=trend["period"] + ": " + trend["phase"].astype("string").fillna("-"))
    return (
        text.groupby("business_unit")
        .agg(trend=("step", " | ".join), moved_back=("moved_back", "any"))
        .reset_index()
    )


def previous_phases(trend: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Each unit's phase in the trend period before the one its verdict is read from
    (``previous_period``, ``previous_phase``: missing without one)."""
    rows = []
    for unit, period in zip(chosen["business_unit"], chosen["period"], strict=True):
        earlier = trend.loc[(trend["business_unit"] == unit) & (trend["period"] < str(period))]
        last = earlier.sort_values("period").tail(1)
        previous = (last["period"].iloc[0], last["phase"].iloc[0]) if len(last) else ("", pd.NA)
        rows.append((unit, *previous))
    out = pd.DataFrame(rows, columns=["business_unit", "previous_period", "previous_phase"])
    out["previous_phase"] = out["previous_phase"].astype("Int64")
    return out


def choose_periods(
    verdicts: list[PeriodVerdict], headline: Period, min_events: int
) -> pd.DataFrame:
    """The period each unit's headline verdict is read from.

    The ``headline`` period, unless the unit has fewer than ``min_events``
    employee events in it: then the latest earlier period in which it had
    enough (when there is one). A unit too small to report (``suppressed``) keeps
    the headline period. ``headline_events``: the unit's employee events in ``headline``.

    Examples
    --------
    >>> from orgsocial.analysis.period import parse_period
    >>> def v(label, events):
    ...     return PeriodVerdict(parse_period(label), pd.DataFrame(
    ...         {"business_unit": ["A", "B"], "employee_events": events, "suppressed": False}))
    >>> chosen = choose_periods([v("2026-Q2", [50, 50]), v("2026-Q3", [40, 3])],
    ...                         parse_period("2026-Q3"), 10)
    >>> chosen[["business_unit", "period", "fell_back"]].values.tolist()
    [['A', '2026-Q3', False], ['B', '2026-Q2', True]]
    """
    ordered = [v for v in verdicts if v.period.start <= headline.start]
    events = {
        v.period.label: v.classified.set_index("business_unit")["employee_events"] for v in ordered
    }
    latest = events[headline.label]
    last = ordered[-1].classified
    small = set(last.loc[last["suppressed"].astype(bool), "business_unit"])
    rows = []
    for unit in sorted(latest.index):
        chosen = headline.label
        if latest[unit] < min_events and unit not in small:
            enough = (
                v.period.label
                for v in reversed(ordered[:-1])
                if events[v.period.label].get(unit, 0) >= min_events
            )
            chosen = next(enough, headline.label)
        rows.append(
            {
                "business_unit": unit,
                "period": chosen,
                "fell_back": chosen != headline.label,
                "headline_events": int(latest[unit]),
            }
        )
    return pd.DataFrame(rows)
