"""One-line readings in words that go under each figure: what a manager should take away."""

from __future__ import annotations

import re

import pandas as pd

from orgsocial.importers.provenance import measure_total
from orgsocial.reporting.tables import count_text, percent
from orgsocial.reporting.text import group_name, label, name, period_words, phase_name, undated


def phase_map_reading(units: pd.DataFrame, lang: str = "en") -> str:
    """How many classified units are in coordination or beyond, how many in the pilot, and
    for how many the data cannot tell whether they are further."""
    classified = units.loc[units["phase"].notna()]
    if classified.empty:  # not "0 of 0 classified business units ..."
        return label("reading_phase_map_none", lang)
    phases = classified["phase"].astype(int)
    open_ended = int(sum(flag(v) for v in classified.get("at_least", [])))
    if (phases == 2).all():  # not "0 of 8 ...; 0 are still in the pilot"
        # with "at least" verdicts, not "none yet in coordination" (Lazega)
        key = "reading_phase_map_all_two_open" if open_ended else "reading_phase_map_all_two"
        reading = label(key, lang, total=len(classified))
    else:
        reading = label(
            "reading_phase_map",
            lang,
            advanced=int((phases >= 3).sum()),
            total=len(classified),
            pilot=int((phases == 1).sum()),
        )
    if open_ended:
        reading += " " + label("reading_phase_map_at_least", lang, count=open_ended)
    return reading


def network_reading(
    edges: pd.DataFrame, lang: str = "en", privacy: pd.DataFrame | None = None
) -> str:
    """How many department pairs interact and which link is the busiest. ``privacy``
    (the ``privacy`` output, or a unit's row of it): with no edge left to show, whether
    that is because there were none or because privacy hides them."""
    if edges.empty:
        return label("reading_network_hidden" if _hides(privacy) else "reading_network_empty", lang)
    top = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True]).iloc[0]
    return label(
        "reading_network",
        lang,
        pairs=count_text(len(edges), lang),
        source=group_name(top["source"], lang),
        target=group_name(top["target"], lang),
        weight=count_text(top["weight"], lang),
    )


def _privacy_row(costs: pd.DataFrame) -> pd.Series:
    """The row of the ``privacy`` output a reading is about: the organisation's ``(all)``
    where the frame has it, else its first (a unit's)."""
    everyone = costs.loc[costs["business_unit"] == "(all)"]
    return (everyone if len(everyone) else costs).iloc[0]


def _hides(privacy: pd.DataFrame | None) -> bool:
    """Whether privacy merged departments or hid links (the ``(all)`` row where present)."""
    if privacy is None or privacy.empty:
        return False
    row = _privacy_row(privacy)
    return bool(row["departments_merged"]) or flag(row.get("links_with_hidden_groups"))


def merge_reading(costs: pd.DataFrame, minimum: int, lang: str = "en") -> str:
    """What privacy merging hides in a network, from the ``privacy`` output (the
    organisation's ``(all)`` row where present, else a unit's row); empty when it hides
    nothing."""
    if costs.empty:
        return ""
    row = _privacy_row(costs)
    into = ", ".join(f"‘{group_name(n, lang)}’" for n in str(row["merged_into"]).split(", ") if n)
    merged = int(row["departments_merged"])
    small = int(row.get("departments_small", merged))
    counts = {
        "merged": merged,
        "small": small,
        "departments": int(row["departments"]),
        "minimum": minimum,
        # the departments merged beside the small ones (complementary suppression)
        "beside": label("merged_beside", lang, extra=merged - small, small=small)
        if merged > small
        else "",
    }
    hidden_links = bool(row.get("links_with_hidden_groups", False))
    if not counts["merged"]:
        return label("reading_links_hidden", lang, minimum=minimum) if hidden_links else ""
    if not into:  # every merged department is in a group too small to show
        return label("reading_merged_withheld", lang, **counts)
    if pd.isna(row["interactions_merged"]):
        reading = label("reading_merged_elsewhere", lang, into=into, **counts)
    else:
        reading = label(
            "reading_merged",
            lang,
            into=into,
            **counts,
            pairs_merged=count_text(row["pairs_merged"], lang),
            pairs=count_text(row["department_pairs"], lang),
            # a unit's row counts the pairs touching it, not only those inside it
            scope="" if row["business_unit"] == "(all)" else label("pairs_of_unit", lang),
            interactions_merged=count_text(row["interactions_merged"], lang),
            interactions=count_text(row["interactions"], lang),
        )
        inside = row.get("interactions_hidden")
        if pd.notna(inside) and int(inside) > 0:  # "0 ... are not drawn" says nothing
            reading += " " + label("reading_merged_inside", lang, hidden=count_text(inside, lang))
    if hidden_links:
        reading += " " + label("reading_links_hidden", lang, minimum=minimum)
    return reading


def merge_warning(costs: pd.DataFrame, minimum: int, lang: str = "en") -> str:
    """A warning, with what to do, naming the units most of whose departments are merged
    (not those too small to be shown at all); empty when there are none."""
    units = costs.loc[
        (costs["business_unit"] != "(all)")
        & costs["most_departments_merged"].astype(bool)
        & ~costs["suppressed"].astype(bool),
        "business_unit",
    ]
    if units.empty:
        return ""
    return label("warning_most_merged", lang, units=", ".join(units), minimum=minimum)


def _unit_trend_reading(trend: pd.DataFrame, unit: str, lang: str) -> str:
    periods = trend.loc[trend["business_unit"] == unit]
    rows = periods.loc[periods["phase"].notna()].sort_values("period")
    if len(rows) < 2 <= len(periods):  # periods enough, but too few of them with a phase
        return label(
            "reading_trend_unit_few", lang, unit=unit, phased=len(rows), total=len(periods)
        )
    if len(rows) < 2:
        return label("reading_trend_empty", lang)
    before, now = rows.iloc[-2], rows.iloc[-1]
    old, new = int(before["phase"]), int(now["phase"])
    key = "up" if new > old else "back" if new < old else "same"
    return label(
        f"reading_trend_unit_{key}",
        lang,
        unit=unit,
        previous=before["period"],
        old=phase_name(old, lang),
        new=phase_name(new, lang),
    )


def response_reading(responses: pd.DataFrame, lang: str = "en") -> str:
    """Shares answered within the hour and the day, and the escalation risk."""
    if responses.empty:
        return label("reading_response_empty", lang)
    minutes = responses["response_minutes"]
    return label(
        "reading_response",
        lang,
        within_hour=percent(float(minutes.le(60).mean())),
        within_day=percent(float(minutes.le(24 * 60).mean())),
        unanswered=count_text(int((~minutes.le(24 * 60)).sum()), lang),
    )


def confidence_shown(record: dict | pd.Series, lang: str = "en", short: bool = False) -> str:
    """A verdict's confidence as a percentage or, where privacy withholds it (it would
    give back a withheld evidence value), its band in words, marked so (``short``: the
    word alone, for a chart); "–" without either.

    Examples
    --------
    >>> confidence_shown({"confidence": 0.74}), confidence_shown(
    ...     {"confidence": float("nan"), "confidence_band": "high"}, "nl", short=True)
    ('74%', 'hoog')
    """
    value = record.get("confidence")
    if known(value):
        return percent(float(value))
    band = record.get("confidence_band")
    if not (isinstance(band, str) and band):
        return "–"
    word = label(f"band_{band}", lang)
    return word if short else label("confidence_withheld", lang, band=word)


#: Where privacy withholds a confidence, the middle of its band stands for it in a chart's
#: dot size and in the summary's order.
BAND_MIDDLE = {"high": 0.875, "moderate": 0.625, "low": 0.25}


def confidence_value(record: dict | pd.Series) -> float:
    """The confidence, or the middle of its band where privacy withholds it; 0 without.

    Examples
    --------
    >>> confidence_value({"confidence": 0.4}), confidence_value(
    ...     {"confidence": float("nan"), "confidence_band": "moderate"})
    (0.4, 0.625)
    """
    value = record.get("confidence")
    if known(value):
        return float(value)
    return BAND_MIDDLE.get(str(record.get("confidence_band") or ""), 0.0)


def unit_reading(unit_row: pd.Series, lang: str = "en") -> str:
    """The unit's verdict now (phase, "at least", period) and confidence, or why it has none."""
    if pd.isna(unit_row["phase"]):
        return label(
            "reading_unit_none",
            lang,
            unit=unit_row["business_unit"],
            reason=reason_text(_text(unit_row.get("reason")), lang),
        )
    between = unit_row.get("between")
    phase = phase_name(int(unit_row["phase"]), lang)
    verdict = _text(unit_row.get("verdict")) or phase
    if not verdict.startswith(phase):  # "Boston: at least ...": no capital mid-sentence
        verdict = verdict[:1].lower() + verdict[1:]
    inside = ""  # one pair of brackets: "(data without dates; confidence 54%)"
    if verdict.endswith(")"):
        verdict, _, inside = verdict[:-1].rpartition(" (")
    return label(
        "reading_unit",
        lang,
        unit=unit_row["business_unit"],
        verdict=verdict,
        when=f"{inside}; " if inside else "",
        confidence=confidence_shown(unit_row, lang),
        between="; " + label("between", lang, between=between) if _text(between) else "",
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


#: The reasons the analysis gives for no phase (``units.csv``'s ``reason``, in English
#: whatever the report's language): each pattern's numbers fill the catalogue's sentence.
_REASONS = (
    (re.compile(r"fewer than (?P<minimum>\d+) people: figures suppressed"), "reason_suppressed"),
    (
        re.compile(
            r"too little data: (?P<events>\d+) employee events \(fewer than (?P<min_events>\d+)\) "
            r"and (?P<respondents>\d+) survey respondents \(fewer than (?P<minimum>\d+)\)"
        ),
        "reason_too_little",
    ),
)


def reason_text(reason: str, lang: str = "en") -> str:
    """Why a unit has no phase, in ``lang`` and agreeing with its numbers; a reason this
    module does not know is given as it is.

    Examples
    --------
    >>> reason_text("fewer than 5 people: figures suppressed", "nl")
    'minder dan 5 personen, dus de cijfers worden afgeschermd'
    >>> reason_text("too little data: 1 employee events (fewer than 10) and 0 survey "
    ...             "respondents (fewer than 5)")
    'too little data: 1 employee event (fewer than 10) and 0 survey respondents (fewer than 5)'
    """
    for pattern, key in _REASONS:
        found = pattern.fullmatch(reason.strip())
        if found:
            return label(key, lang, **{k: int(v) for k, v in found.groupdict().items()})
    return reason


def provisional_reading(unit_row: pd.Series, lang: str = "en") -> str:
    """Why the verdict is provisional, in one sentence (empty when it is not)."""
    reasons = _text(unit_row.get("provisional_reasons"))
    if not reasons:
        return ""
    return label("provisional_because", lang, reasons="; ".join(reasons.split(" | ")))


def window_reading(unit_row: pd.Series, lang: str = "en") -> str:
    """How the unit got here: its phase in the period before (moved up, moved back or the
    same) and the whole window's verdict beside the headline."""
    parts = []
    before, now = unit_row.get("previous_phase"), unit_row.get("phase")
    if known(before) and known(now) and int(before) != int(now):
        parts.append(
            label(
                "moved_up_from" if int(now) > int(before) else "moved_back_from",
                lang,
                phase=phase_name(int(before), lang),
                period=_text(unit_row.get("previous_period")),
            )
        )
    window = _text(unit_row.get("window"))
    no_dates = undated(unit_row.get("period_note"))  # the verdict is the whole window's
    if window and window != _text(unit_row.get("period")) and not no_dates:
        name = window_phase(unit_row.get("phase_window"), unit_row.get("at_least_window"), lang)
        parts.append(
            label(
                "window_context",
                lang,
                window=period_words(window, lang),
                phase=name or phase_name(None, lang),
            )
        )
    return " ".join(parts)


def window_phase(phase: object, at_least: object, lang: str = "en") -> str:
    """The whole window's phase in words ("at least Centralisation"; empty without one)."""
    if not known(phase):
        return ""
    name = phase_name(int(phase), lang)
    return label("at_least_phase", lang, phase=name) if flag(at_least) else name


def known(value: object) -> bool:
    """A cell that holds a value (not None, NaN, NaT or pd.NA)."""
    return value is not None and not pd.isna(value)


def flag(value: object) -> bool:
    """A true/false cell as read back from CSV or Parquet (numpy, pandas or Python), missing
    as false."""
    return known(value) and bool(value)


def weakest_criteria(evidence: pd.DataFrame, unit_row: pd.Series, lang: str = "en") -> list[str]:
    """The three least-met unmet criteria of the phase after the unit's phase (of phase 4
    itself for a unit there) that the verdict was read from: what people do first
    (behaviour decides), decisive ones first; named in ``lang``."""
    if pd.isna(unit_row["phase"]):
        return []
    next_phase = min(int(unit_row["phase"]) + 1, 4)
    mine = evidence.loc[
        (evidence["business_unit"] == unit_row["business_unit"])
        & (evidence["phase"] == next_phase)
        & (evidence["fulfilment"] < 0.5)
        & (evidence["used_for"].fillna("") == "verdict")
    ]
    mine = mine.assign(
        _said=mine["source"] == "survey", _supporting=mine["role"] == "supporting"
    ).sort_values(["_said", "_supporting", "fulfilment"], kind="stable")
    return [name(indicator, lang) for indicator in mine["indicator"].head(3)]


def criteria_reading(evidence: pd.DataFrame, unit_row: pd.Series, lang: str = "en") -> str:
    """Which criteria hold the unit back from the next phase."""
    weakest = weakest_criteria(evidence, unit_row, lang=lang)
    if not weakest:
        if not known(unit_row.get("phase")):  # why not is the page's first sentence
            return label("reading_criteria_unclassified", lang)
        if int(unit_row["phase"]) == 4:
            return label("reading_criteria_all_met", lang)
        if provisional_reading(unit_row, lang):  # its reasons are on the page already
            return label("reading_criteria_unmeasured", lang)
        return unit_reading(unit_row, lang)
    key = "reading_criteria_four" if int(unit_row["phase"]) == 4 else "reading_criteria"
    return label(key, lang, weakest=", ".join(weakest))


def quality_reading(
    validation: pd.DataFrame, lang: str = "en", imports: pd.DataFrame | None = None
) -> str:
    """Rows used and set aside over all input files and, when the dataset was imported,
    the records the imports set aside before, and the events an import gave its one
    default time (the data then carry no dates)."""
    totals = {
        k: count_text(validation[f"rows_{k}"].sum(), lang) for k in ("kept", "read", "rejected")
    }
    reading = label("reading_quality", lang, **totals)
    if imports is None or imports.empty:
        return reading
    set_aside = measure_total(imports, "records_set_aside")
    names = ", ".join(dict.fromkeys(imports["import"]))
    key = "reading_imports" if set_aside else "reading_imports_none"
    reading += " " + label(key, lang, imports=names, set_aside=count_text(set_aside, lang))
    at_default_time = measure_total(imports, "events_at_default_time")
    if at_default_time:
        events = count_text(at_default_time, lang)
        reading += " " + label("reading_default_time", lang, events=events)
    return reading


def trend_reading(
    trend: pd.DataFrame, lang: str = "en", business_unit: str | None = None, note: object = ""
) -> str:
    """How many units moved up or back in the last period; for one ``business_unit``,
    where it went since the period before. ``note``: the results' ``headline_note``;
    data without dates have no trend, and the reading says what would give one."""
    if undated(note):
        return label("reading_trend_undated", lang)
    if trend.empty:  # not even one period
        return label("reading_trend_none", lang)
    if trend["period"].nunique() < 2:
        return label("reading_trend_empty", lang)
    if business_unit:
        return _unit_trend_reading(trend, business_unit, lang)
    last = trend.loc[trend["period"] == trend["period"].max()]
    change = last["change"].dropna()
    return label("reading_trend", lang, up=int((change > 0).sum()), down=int((change < 0).sum()))


def connections_reading(
    shares: pd.DataFrame, lang: str = "en", privacy: pd.DataFrame | None = None
) -> str:
    """Where customer service is least linked and where departments work together least,
    from :func:`orgsocial.reporting.plots.unit_connection_shares` (units without a value
    are left out); with nothing to show, whether no interactions were found or privacy
    hides them (``privacy``: the ``privacy`` output)."""
    keys = {"customer_service": "reading_connections_cs", "within": "reading_connections_pairs"}
    valued = {column: shares.dropna(subset=[column]) for column in keys}  # units with a value
    parts = []
    for column, key in keys.items():
        if valued[column][column].nunique() > 1:  # "least" only where some unit does better
            least = valued[column].sort_values([column, "business_unit"]).iloc[0]
            parts.append(
                label(key, lang, unit=least["business_unit"], share=percent(float(least[column])))
            )
    if parts:
        return " ".join(parts)
    if max(len(frame) for frame in valued.values()) > 1:
        return label("reading_connections_same", lang)
    paired = valued["within"]
    if len(paired) == 1:  # one unit to show: what it shows, not "too few to compare"
        one = paired.iloc[0]
        share = percent(float(one["within"]))
        return label("reading_connections_one", lang, unit=one["business_unit"], share=share)
    if len(shares):
        return label("reading_connections_few", lang)
    return label("reading_network_hidden" if _hides(privacy) else "reading_network_empty", lang)
