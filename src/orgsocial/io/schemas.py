"""Pandera schemas for each contract file, applied to the text as read (trimmed,
enumerations normalised), so that a failure can quote the value as the user wrote it.

Cross-file rules (an employee's department exists, an actor is an employee, ...) are
checks built from the keys of files validated earlier, passed in as :class:`References`.
Each check's ``error`` text is the reason a person reads in the rejects file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pandera
import pyarrow as pa
import pyarrow.compute as pc

from orgsocial.io import contract as c
from orgsocial.scale.fastops import as_arrow, is_in, is_text_type, repeated

#: Check names of duplicate ids (pandera's own for a column marked ``unique``, ours for
#: event ids); the loader adds the first occurrence's line.
DUPLICATE = "duplicate"
DUPLICATE_CHECKS = frozenset({DUPLICATE, "field_uniqueness"})

INQUIRY_FROM_OUTSIDE = "an inquiry comes from outside the organisation: actor_id must be empty"
OUTSIDE_EVENT_NAMES_UNIT = "an event from outside (empty actor_id) must name its business_unit"
ONE_RESPONSE_PER_WAVE = "a second response from the same respondent_id in the same wave"
#: The column each row-level rule is about, for messages.
ROW_RULE_COLUMNS: dict[str, str] = {
    INQUIRY_FROM_OUTSIDE: "actor_id",
    OUTSIDE_EVENT_NAMES_UNIT: "business_unit",
    ONE_RESPONSE_PER_WAVE: "respondent_id",
}


@dataclass(frozen=True)
class References:
    """Keys from files validated earlier, for the cross-file rules.

    ``rejected_*`` hold keys whose rows were rejected, so that a row referring
    to one can say why it fails too.
    """

    departments: frozenset[str] = frozenset()
    business_units: frozenset[str] = frozenset()
    employees: frozenset[str] = frozenset()
    rejected_departments: frozenset[str] = frozenset()
    rejected_employees: frozenset[str] = frozenset()


# --- vectorised value tests (str Series -> bool Series) ----------------------


def is_boolean_word(values: pd.Series) -> pd.Series:
    """True where a value spells true or false (``true``, ``1``, ``yes``, ``ja``, ...)."""
    return values.str.lower().isin(c.TRUE_WORDS | c.FALSE_WORDS)


#: The common spelling of a time stamp, parsed by Arrow's C++ parser (about 10x faster).
ISO_SECONDS = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"


def parse_timestamps(values: pd.Series) -> pd.Series:
    """ISO-8601 text to UTC datetimes; text without an offset is UTC; bad text -> NaT.

    Arrow's parser tries the whole column first (it accepts only time stamps with an
    offset). When it refuses one value (no offset, 30 February, a blank), the values
    spelled as :data:`ISO_SECONDS` are parsed by Arrow and the others by pandas: the
    same time stamps either way (tested).
    """
    try:
        text = as_arrow(values)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        text = None
    if text is None or not is_text_type(text.type):
        return _parse_with_pandas(values)
    whole = _parsed_by_arrow(text)
    if whole is not None:
        return pd.Series(whole, index=values.index).dt.tz_localize("UTC")
    common = pc.fill_null(pc.match_substring_regex(text, ISO_SECONDS), False).to_numpy(
        zero_copy_only=False
    )
    fast = _parsed_by_arrow(text.filter(pa.array(common))) if common.any() else None
    if fast is None:
        return _parse_with_pandas(values)
    stamps = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
    stamps[common] = fast
    if not common.all():
        others = _parse_with_pandas(values.loc[~common])
        stamps[~common] = others.dt.tz_localize(None).to_numpy(dtype="datetime64[us]")
    return pd.Series(stamps, index=values.index).dt.tz_localize("UTC")


def _parsed_by_arrow(text: pa.Array) -> np.ndarray | None:
    """Every value of ``text`` as a UTC time (naive ``datetime64[us]``), or None when
    Arrow refuses one."""
    try:
        stamps = pc.cast(text, pa.timestamp("us", tz="UTC"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    return stamps.cast(pa.timestamp("us")).to_numpy(zero_copy_only=False)


def _parse_with_pandas(values: pd.Series) -> pd.Series:
    """pandas' parse, without its cache of repeated values (it costs more to build than
    it saves here)."""
    parsed = pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce", cache=False)
    return parsed.astype("datetime64[us, UTC]")


def is_whole_number_in(low: int, high: int) -> Callable[[pd.Series], pd.Series]:
    """Test: empty, or a whole number from ``low`` to ``high`` (``3`` and ``3.0`` both pass)."""

    def test(values: pd.Series) -> pd.Series:
        numbers = pd.to_numeric(values.where(values != ""), errors="coerce")
        whole = numbers.notna() & (numbers == numbers.round()) & numbers.between(low, high)
        return (values == "") | whole

    return test


def is_first_occurrence(
    values: pd.Series, hashes: pd.Series | None = None, order: np.ndarray | None = None
) -> pd.Series:
    """False for the second and later rows holding the same non-empty value.

    ``hashes``: ``hash_strings`` of the column (indexed like it), and ``order``:
    their ``np.argsort``, when the caller has them (the partitions need the
    event id hashes, sorted, anyway).
    """
    later = np.zeros(len(values), dtype=bool)
    found = repeated(values) if hashes is None else repeated(values, hashes.to_numpy(), order)
    rows = np.flatnonzero(found)  # usually none: compare those rows only
    later[rows] = values.iloc[rows].duplicated(keep="first").to_numpy(dtype=bool)
    return pd.Series(~(later & (values != "").to_numpy(dtype=bool)), index=values.index)


def is_one_of(
    allowed: tuple[str, ...] | frozenset[str], or_empty: bool = False
) -> Callable[[pd.Series], pd.Series]:
    """Test: the value is one of ``allowed`` (or, with ``or_empty``, empty)."""

    def test(values: pd.Series) -> pd.Series:
        found = is_in(values, allowed)
        return (values == "") | found if or_empty else found

    return test


def _check(test: Callable[[pd.Series], pd.Series], error: str) -> pandera.Check:
    return pandera.Check(test, error=error, element_wise=False)


def _reference_checks(
    known: frozenset[str], rejected: frozenset[str], file: str
) -> list[pandera.Check]:
    """An empty value, or one naming a valid row of an earlier file (or saying it was rejected)."""
    return [
        _check(
            lambda values: ~is_in(values, rejected), f"refers to a row of {file} that was rejected"
        ),
        _check(is_one_of(known | rejected, or_empty=True), f"is not in {file}"),
    ]


def _known_department(refs: References) -> list[pandera.Check]:
    """Filled, and naming a valid row of ``departments``."""
    return [
        pandera.Check.ne("", error="is empty"),
        *_reference_checks(refs.departments, refs.rejected_departments, "departments"),
    ]


# --- schemas ---------------------------------------------------------------


def _unique_id() -> pandera.Column:
    """Filled and unique (each repeat after the first is a reject)."""
    checks = [pandera.Check.ne("", error="is empty")]
    return pandera.Column(checks=checks, unique=True, report_duplicates="exclude_first")


def departments_schema() -> pandera.DataFrameSchema:
    """Rules for ``departments``: unique department, a unit, a known function, a boolean."""
    return pandera.DataFrameSchema(
        {
            "department": _unique_id(),
            "business_unit": pandera.Column(checks=[pandera.Check.ne("", error="is empty")]),
            "function": pandera.Column(
                checks=[_check(is_one_of(c.FUNCTIONS), "must be one of " + ", ".join(c.FUNCTIONS))]
            ),
            "customer_facing": pandera.Column(
                checks=[_check(is_boolean_word, "must be true or false")]
            ),
        },
        strict=False,
    )


def employees_schema(refs: References) -> pandera.DataFrameSchema:
    """Rules for ``employees``: unique id; the department exists."""
    return pandera.DataFrameSchema(
        {
            "employee_id": _unique_id(),
            "department": pandera.Column(checks=_known_department(refs)),
        },
        strict=False,
    )


def _inquiry_from_outside(frame: pd.DataFrame) -> pd.Series:
    return (frame["action"] != c.INQUIRY) | (frame["actor_id"] == "")


def _outside_event_names_unit(frame: pd.DataFrame) -> pd.Series:
    return (frame["actor_id"] != "") | (frame["business_unit"] != "")


def activity_schema(
    refs: References,
    timestamps: pd.Series,
    event_hashes: pd.Series,
    event_order: np.ndarray | None,
) -> pandera.DataFrameSchema:
    """Rules for ``activity``: ids, timestamps, enumerations, actors and units that exist.

    ``timestamps``: the ``timestamp`` column already parsed (for checking and typing),
    indexed like the frame checked. Event ids are unique by :func:`is_first_occurrence`
    on ``event_hashes`` and ``event_order``, not by pandera's ``unique=True``: a log holds
    millions of ids, already hashed; values are compared only where a hash repeats.
    """
    unique = functools.partial(is_first_occurrence, hashes=event_hashes, order=event_order)
    return pandera.DataFrameSchema(
        {
            "event_id": pandera.Column(
                checks=[
                    pandera.Check.ne("", error="is empty"),
                    pandera.Check(unique, name=DUPLICATE, error=DUPLICATE),
                ]
            ),
            "timestamp": pandera.Column(
                checks=[
                    _check(
                        lambda _: timestamps.notna(),
                        "is not an ISO-8601 date-time (e.g. 2026-07-01T09:30:00+02:00)",
                    )
                ]
            ),
            "actor_id": pandera.Column(
                checks=_reference_checks(refs.employees, refs.rejected_employees, "employees")
            ),
            "channel": pandera.Column(checks=[pandera.Check.ne("", error="is empty")]),
            "audience": pandera.Column(
                checks=[_check(is_one_of(c.AUDIENCES), "must be internal or external")]
            ),
            "action": pandera.Column(
                checks=[_check(is_one_of(c.ACTIONS), "must be one of " + ", ".join(c.ACTIONS))]
            ),
            "business_unit": pandera.Column(
                checks=[
                    _check(
                        is_one_of(refs.business_units, or_empty=True),
                        "is not a business_unit in departments",
                    )
                ]
            ),
        },
        checks=[
            pandera.Check(_inquiry_from_outside, error=INQUIRY_FROM_OUTSIDE),
            pandera.Check(_outside_event_names_unit, error=OUTSIDE_EVENT_NAMES_UNIT),
        ],
        strict=False,
    )


def _one_response_per_wave(frame: pd.DataFrame) -> pd.Series:
    identified = frame["respondent_id"] != ""
    repeated = frame.duplicated(subset=["respondent_id", "wave"], keep="first")
    return ~(identified & repeated)


def survey_schema(refs: References, item_columns: tuple[str, ...]) -> pandera.DataFrameSchema:
    """Rules for ``survey``: a known department, a wave, answers in each item's range."""
    columns: dict[str, pandera.Column] = {
        "department": pandera.Column(checks=_known_department(refs)),
        "wave": pandera.Column(checks=[pandera.Check.ne("", error="is empty")]),
    }
    for name in item_columns:
        item = c.SURVEY_ITEM_BY_NAME[name]
        columns[name] = pandera.Column(
            checks=[
                _check(
                    is_whole_number_in(item.low, item.high),
                    f"must be a whole number from {item.low} to {item.high}, or empty",
                )
            ]
        )
    return pandera.DataFrameSchema(
        columns,
        checks=[pandera.Check(_one_response_per_wave, error=ONE_RESPONSE_PER_WAVE)],
        strict=False,
    )


def department_ties_schema(refs: References) -> pandera.DataFrameSchema:
    """Rules for the ``department_ties`` extension: known departments, a weight of 0 or more."""
    return pandera.DataFrameSchema(
        {
            "source": pandera.Column(checks=_known_department(refs)),
            "target": pandera.Column(checks=_known_department(refs)),
            "weight": pandera.Column(
                checks=[_check(is_non_negative_number, "must be a number of 0 or more")]
            ),
        },
        strict=False,
    )


def is_non_negative_number(values: pd.Series) -> pd.Series:
    """True where a value is a number of 0 or more."""
    numbers = pd.to_numeric(values.where(values != ""), errors="coerce")
    return numbers.notna() & (numbers >= 0)
