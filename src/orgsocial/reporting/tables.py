"""How numbers, headers, measures and flags appear in the reports' tables (:func:`displayed`).

A count, share or time is recognised by its name (:func:`is_count`, :func:`is_share`,
:func:`is_minutes`): results keep counts as floats where a suppressed group left a missing
value, so the type does not tell. Pure functions, light to import (no IPython).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from numbers import Integral, Real

import numpy as np
import pandas as pd

from orgsocial.io import contract as c
from orgsocial.reporting import text

#: What a table shows for a missing or suppressed value.
MISSING = "–"
#: A cell that shows a number (a count, a decimal or a percentage as :func:`cell_text`
#: writes it) or the dash of a missing one.
_NUMBER_CELL = re.compile(rf"[<>]?-?[\d.,]+%?|{MISSING}")
#: A quarter as the reports name it ("2026-Q3").
_QUARTER = re.compile(r"\b\d{4}-Q[1-4]\b")
#: How a table's column of text is aligned: left (the notebook's own is right).
_LEFT = ' style="text-align: left"'
#: A column (or, in a two-column table of measures, a row) named so, or ending in
#: ``_`` and one of these, holds counts.
COUNT_WORDS = (
    "headcount",
    "employees",
    "events",
    "events_internal",
    "events_external",
    "interactions",
    "ties",
    "connectors",
    "answers_given",
    "inquiries",
    "answered",
    "unanswered_after_24h",
    "rows",
    "rows_read",
    "rows_kept",
    "rows_rejected",
    "warnings",
    "units",
    "departments",
    "components",
    "bridges",
    "communities",
    "respondents",
    "weight",
    "strength",
    "pairs",
    "merged",
    "hidden",
    "classified",
    "groups",
    "taking_part",
)
#: A column (or measure) ending in one of these, or named as one of :data:`SHARE_NAMES`,
#: holds a share between 0 and 1: a table shows it as a percentage.
SHARE_ENDINGS = ("_share", "_rate")
#: Shares whose names do not say so.
SHARE_NAMES = ("confidence", "fulfilment", "coverage")
#: The word of a column (or measure) name that says it holds minutes; tables show hours.
MINUTES = "minutes"
#: What takes its place in the name once the values are hours.
HOURS = "hours"
#: The column of a two-column table of measures that names each row's measure.
MEASURE_COLUMN = "measure"


def is_count(name: object) -> bool:
    """Whether a column (or measure) of this name holds counts.

    Examples
    --------
    >>> is_count("headcount"), is_count("active_employees"), is_count("connectors")
    (True, True, True)
    >>> is_count("active_share"), is_count("answer_minutes_median"), is_count("departments")
    (False, False, True)
    """
    text = str(name)
    return any(text == word or text.endswith("_" + word) for word in COUNT_WORDS)


def is_share(name: object) -> bool:
    """Whether a column (or measure) of this name holds a share (0 to 1): shown as a percentage.

    Examples
    --------
    >>> is_share("active_share"), is_share("response_rate"), is_share("confidence")
    (True, True, True)
    >>> is_share("ei_index"), is_share("headcount"), is_share("share")
    (False, False, False)
    """
    text = str(name)
    return text.endswith(SHARE_ENDINGS) or text in SHARE_NAMES


def is_minutes(name: object) -> bool:
    """Whether a column (or measure) of this name holds minutes (one word of it is
    ``minutes``): tables show it in hours (:func:`in_hours`).

    Examples
    --------
    >>> is_minutes("response_minutes_p90"), is_minutes("answer_minutes_median")
    (True, True)
    >>> is_minutes("minutesman"), is_minutes("answers_within_1h_share")
    (False, False)
    """
    return MINUTES in str(name).split("_")


def hours_name(name: object) -> object:
    """The name of a minutes column once its values are hours; any other name as it is.

    Examples
    --------
    >>> hours_name("response_minutes_p90"), hours_name("department")
    ('response_hours_p90', 'department')
    """
    if not is_minutes(name):
        return name
    return "_".join(HOURS if word == MINUTES else word for word in str(name).split("_"))


def in_hours(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its times in hours, as the response figures show them: each minutes
    column (:func:`is_minutes`) divided by 60 and renamed (:func:`hours_name`); in a table
    of measures (a ``measure`` column), each minutes measure's values likewise.

    Examples
    --------
    >>> frame = pd.DataFrame({"channel": ["email"], "response_minutes_median": [90.0]})
    >>> in_hours(frame).to_dict("list")
    {'channel': ['email'], 'response_hours_median': [1.5]}
    >>> measures = pd.DataFrame({"measure": ["inquiries", "response_minutes_p90"],
    ...                          "value": [40.0, 30.0]})
    >>> in_hours(measures).to_dict("list")
    {'measure': ['inquiries', 'response_hours_p90'], 'value': [40.0, 0.5]}
    """
    out = frame.copy()
    if MEASURE_COLUMN in out.columns:
        rows = out[MEASURE_COLUMN].map(is_minutes).astype(bool)
        if rows.any():
            for column in out.columns:
                if column != MEASURE_COLUMN and _numeric(out[column]):
                    out[column] = out[column].astype(float)
                    out.loc[rows, column] = out.loc[rows, column] / 60.0
            out[MEASURE_COLUMN] = out[MEASURE_COLUMN].map(hours_name)
    for column in out.columns:
        if is_minutes(column) and _numeric(out[column]):
            out[column] = out[column] / 60.0
    return out.rename(columns=hours_name)


def _grouped(text: str, lang: str | None) -> str:
    """Swap Python's ``,`` thousands and ``.`` decimal marks for the language's."""
    if lang == "nl":
        return text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def count_text(number: float, lang: str | None = "en") -> str:
    """A whole number with thousands grouped as ``lang`` writes them; without a language
    no grouping (unambiguous in both).

    Examples
    --------
    >>> count_text(105119), count_text(105119.0, "nl"), count_text(2400, None)
    ('105,119', '105.119', '2400')
    """
    if lang is None:
        return f"{round(number):d}"
    return _grouped(f"{round(number):,d}", lang)


def axis_text(number: float, lang: str = "en") -> str:
    """A tick label: a whole number grouped as ``lang`` writes thousands, another with as
    many decimals as it needs and the language's decimal mark.

    Examples
    --------
    >>> axis_text(10000.0), axis_text(10000.0, "nl"), axis_text(0.01, "nl"), axis_text(2.5)
    ('10,000', '10.000', '0,01', '2.5')
    """
    if float(number).is_integer():
        return count_text(number, lang)
    return _grouped(f"{number:g}", lang)


def percent(share: float) -> str:
    """A share (0 to 1) as a whole percentage, the same in every language; a share that
    would round to 0% or 100% without being so as "<1%" or ">99%", so that some is not
    read as none, nor most as all.

    Examples
    --------
    >>> percent(0.0512), percent(1.0), percent(0.004), percent(0.0), percent(0.996)
    ('5%', '100%', '<1%', '0%', '>99%')
    """
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{share:.0%}"


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def cell_text(value: object, count: bool, lang: str | None = None, share: bool = False) -> object:
    """One value as a table shows it: a count as a whole number (when it is one), a
    ``share`` as a percentage, another number with two decimals (grouped as ``lang`` writes
    numbers, not at all without it), missing as :data:`MISSING`; text and flags as they are.

    Examples
    --------
    >>> cell_text(2400.0, True), cell_text(float("nan"), True), cell_text(0.25, False, "nl")
    ('2400', '–', '0,25')
    >>> cell_text(True, True), cell_text("Sales", True), cell_text(2.5, True)
    (True, 'Sales', '2.50')
    >>> cell_text(0.25, False, "nl", share=True)
    '25%'
    >>> cell_text(0.7309, False, "en"), cell_text(1996.7667, False, "nl")
    ('0.73', '1.996,77')
    >>> cell_text(1996.7667, False)
    '1996.77'
    """
    if _missing(value):
        return MISSING
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        return value
    if share:
        return percent(float(value))
    if (count and float(value).is_integer()) or isinstance(value, Integral):
        return count_text(int(value), lang)
    if lang is None:
        return f"{float(value):.2f}"
    return _grouped(f"{float(value):,.2f}", lang)


def _numeric(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


#: Columns whose values name something the catalogue knows, and how to say it.
_VALUE_WORDS: dict[str, Callable[[object, str], str]] = {
    MEASURE_COLUMN: text.name,
    "file": text.name,
    "function": text.function_name,
    "lead_department_function": text.function_name,
    "channel": text.channel_name,
    "merged_into": text.group_names,
}
#: Columns that name departments or units: a node privacy merged is said in words.
_NODE_COLUMNS = frozenset({"department", "business_unit", "source", "target"})
#: The value of the organisation's row in outputs per unit (``privacy.csv``).
ALL_UNITS = "(all)"


def value_words(column: str, value: object, lang: str) -> object:
    """One text or flag cell of ``column`` in ``lang``: a flag as yes or no, a missing value
    as :data:`MISSING`, a measure, file, function, channel, phase or merged group as the
    catalogue names it; any other value (a name from the data) as it is.

    Examples
    --------
    >>> value_words("suppressed", True, "nl"), value_words("measure", "edge_rows", "nl")
    ('ja', 'rijen met verbindingen')
    >>> value_words("business_unit", "(all)", "nl"), value_words("department", "Sales", "nl")
    ('(hele organisatie)', 'Sales')
    """
    if isinstance(value, bool | np.bool_):
        return text.label("yes" if value else "no", lang)
    if _missing(value):
        return MISSING
    if not isinstance(value, str) or value == MISSING:
        return value
    if column in _VALUE_WORDS:
        return _VALUE_WORDS[column](value, lang)
    if column == "phase_name":
        return _PHASE_IN.get(lang, {}).get(value, value)
    if column == "business_unit" and value == ALL_UNITS:
        return text.label("all_units", lang)
    if column in _NODE_COLUMNS:
        return text.group_name(value, lang)
    return value


#: A phase's name in any language, by language to show it in.
_PHASE_IN = {
    lang: {
        name: c.PHASE_NAMES[lang][phase]
        for names in c.PHASE_NAMES.values()
        for phase, name in names.items()
    }
    for lang in c.PHASE_NAMES
}


def displayed(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """``frame`` as a report in ``lang`` shows it: times in hours (:func:`in_hours`), numbers as
    text (:func:`_numbers`), headers, measures, flags and the names the catalogue knows in
    ``lang`` (:func:`value_words`), names from the data as they are.

    Examples
    --------
    >>> frame = pd.DataFrame({"measure": ["records_set_aside"], "count": [1200],
    ...                       "suppressed": [False]})
    >>> displayed(frame, "nl").to_dict("list")
    {'maat': ['records apart gezet'], 'aantal': ['1.200'], 'verborgen': ['nee']}
    """
    out = _numbers(in_hours(frame), lang)
    for column in out.columns:
        out[column] = pd.Series(
            [value_words(str(column), v, lang) for v in out[column]],
            index=out.index,
            dtype=object,
        )
    return out.rename(columns=lambda column: text.name(column, lang))


def unbroken_quarters(value: object) -> str:
    """``value`` as HTML text, escaped, each quarter in it kept on one line (a browser
    breaks "2026-Q3" after its hyphen).

    Examples
    --------
    >>> unbroken_quarters("2026-Q3 & 2026-07")
    '<span style="white-space: nowrap">2026-Q3</span> &amp; 2026-07'
    """
    return _QUARTER.sub(r'<span style="white-space: nowrap">\g<0></span>', html.escape(str(value)))


def html_table(shown: pd.DataFrame) -> str:
    """``shown`` (its cells text, as :func:`displayed` writes them) as an HTML table, each
    value escaped (:func:`unbroken_quarters`): a column of text, not every cell a number or
    the dash, aligned left, its header with it; numbers keep the notebook's right.

    Examples
    --------
    >>> html_table(pd.DataFrame({"unit": ["North"], "share": ["5%"]})).count("text-align: left")
    2
    """
    styles = [
        "" if all(_NUMBER_CELL.fullmatch(str(v)) for v in values) else _LEFT
        for _, values in shown.items()
    ]

    def row(tag: str, values) -> str:
        pairs = zip(styles, values, strict=True)
        return (
            "<tr>"
            + "".join(f"<{tag}{s}>{unbroken_quarters(v)}</{tag}>" for s, v in pairs)
            + "</tr>"
        )

    head = row("th", shown.columns)
    body = "".join(row("td", values) for values in shown.itertuples(index=False))
    return f'<table class="dataframe"><thead>{head}</thead><tbody>{body}</tbody></table>'


def _numbers(frame: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """``frame`` with its numbers as text (:func:`cell_text`), column names kept: integer
    columns and columns named as counts (:func:`is_count`) show whole numbers, columns named
    as shares (:func:`is_share`) percentages; in a table of measures (a ``measure`` column
    naming each row) the measure decides. ``lang``: group thousands as that language writes
    them (none without it)."""
    measures = frame[MEASURE_COLUMN] if MEASURE_COLUMN in frame.columns else None
    out = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if measures is not None and column != MEASURE_COLUMN:
            counts = [is_count(m) for m in measures]
            shares = [is_share(m) for m in measures]
        elif _numeric(values):
            whole = pd.api.types.is_integer_dtype(values)
            counts = [whole or is_count(column)] * len(values)
            shares = [is_share(column)] * len(values)
        else:
            continue
        out[column] = pd.Series(
            [
                cell_text(v, c, lang, share=s)
                for v, c, s in zip(values, counts, shares, strict=True)
            ],
            index=values.index,
            dtype=object,
        )
    return out


__all__ = [
    "ALL_UNITS",
    "MISSING",
    "cell_text",
    "count_text",
    "displayed",
    "hours_name",
    "html_table",
    "in_hours",
    "is_count",
    "is_minutes",
    "is_share",
    "percent",
    "unbroken_quarters",
    "value_words",
]
