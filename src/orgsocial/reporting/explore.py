"""Ways into the results for an analyst (notebook 00): compare units and periods, find the
brokers, read the evidence behind a verdict. Pure functions from results to DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from orgsocial.analysis.results import AnalysisResults

#: The units-table columns that say most about a unit, side by side in :func:`compare_units`.
KEY_COLUMNS = (
    "phase",
    "phase_name",
    "confidence",
    "verdict",
    "headcount",
    "active_share",
    "customer_facing_active_share",
    "external_active_share",
    "response_minutes_median",
    "say_do_gap",
)


def periods_of(results: AnalysisResults) -> list[str]:
    """The periods (quarters, or months) of the results' trend, oldest first."""
    if results.trend.empty:
        return []
    return sorted(results.trend["period"].dropna().unique().tolist())


def compare_units(results: AnalysisResults, units: list[str] | None = None) -> pd.DataFrame:
    """Units side by side: one column per unit (``units``, default all), one row per measure
    of :data:`KEY_COLUMNS` (those present). Withheld values stay missing."""
    shown = [c for c in KEY_COLUMNS if c in results.units.columns]
    table = results.units.set_index("business_unit")[shown]
    if units:
        table = table.loc[[u for u in units if u in table.index]]
    return table.T


def compare_periods(
    dataset: Path | str, periods: list[str], lang: str = "en", **options
) -> pd.DataFrame:
    """Each unit's verdict in each of ``periods``: one row per unit, a phase and a
    confidence column per period (``orgsocial.load`` for each period, same options)."""
    from orgsocial.app import load

    frames = []
    for period in periods:
        units = load(dataset, period=period, lang=lang, **options).units.set_index("business_unit")
        frames.append(units[["phase", "phase_name", "confidence"]].add_prefix(f"{period} "))
    return pd.concat(frames, axis=1) if frames else pd.DataFrame()


def brokers(results: AnalysisResults, top: int = 10) -> pd.DataFrame:
    """The departments that most connect others: highest betweenness first, with how
    many other departments they reach and their constraint (low: they bridge groups that
    are not otherwise connected). Suppressed departments are left out."""
    columns = ["department", "business_unit", "function", "betweenness", "effective_size"]
    columns += ["constraint", "connectors"]
    shown = results.departments.loc[~results.departments["suppressed"].astype(bool)]
    return (
        shown.sort_values("betweenness", ascending=False).head(top)[columns].reset_index(drop=True)
    )


def evidence_for(results: AnalysisResults, unit: str) -> pd.DataFrame:
    """The evidence behind one unit's verdict: what the verdict used first, then the rest,
    each criterion's value, threshold and how far it is met."""
    rows = results.evidence.loc[results.evidence["business_unit"] == unit].copy()
    if rows.empty:
        return rows
    rows["first"] = rows["used_for"].astype(str).str.startswith("verdict")
    ordered = rows.sort_values(["first", "phase", "weight"], ascending=[False, True, False])
    columns = ["phase_name", "indicator", "source", "role", "value", "threshold", "fulfilment"]
    columns += ["met", "used_for", "why"]
    return ordered[columns].reset_index(drop=True)


__all__ = ["KEY_COLUMNS", "brokers", "compare_periods", "compare_units", "evidence_for"]
