"""What an import sets aside: one shape of rejects for every importer (file, line,
reason, and the value at fault only where it identifies nobody; see docs/importers.md),
and ``--strict``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from orgsocial.errors import StrictModeError
from orgsocial.io.reading import plural

REJECT_COLUMNS: tuple[str, ...] = ("file", "line", "reason", "value")


def reject_frame(
    file: str,
    lines: Iterable[int],
    reasons: Iterable[str],
    values: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Rejected records of one file as a frame with :data:`REJECT_COLUMNS`.

    Examples
    --------
    >>> reject_frame("e.csv", [9], ["3 fields, expected 2"]).to_dict("records")
    [{'file': 'e.csv', 'line': 9, 'reason': '3 fields, expected 2', 'value': ''}]
    """
    lines, reasons = list(lines), list(reasons)
    values = [""] * len(lines) if values is None else [str(v) for v in values]
    return pd.DataFrame(
        {"file": file, "line": lines, "reason": reasons, "value": values},
        columns=list(REJECT_COLUMNS),
    ).astype({"line": "int64"})


def combine_rejects(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Rejects of several steps in one frame, in the order given."""
    present = [frame for frame in frames if len(frame)]
    return pd.concat(present, ignore_index=True) if present else reject_frame("", [], [])


Reason = str | tuple[pd.Series, Callable[[str], str]]


def first_reason(checks: list[tuple[pd.Series, Reason]], index: pd.Index) -> pd.Series:
    """The first failing check's reason per row ("" when every check passes).

    A reason is a text, or a row's value and how to word it (worded for the
    failing rows only).
    """
    reasons = pd.Series("", index=index, dtype="str")
    for failed, reason in checks:
        new = failed & (reasons == "")
        if not new.any():
            continue
        if isinstance(reason, str):
            reasons = reasons.mask(new, reason)
        else:
            values, word = reason
            reasons.loc[new] = values[new].map(word)
    return reasons


def unit_clashes(
    reasons: pd.Series, department: pd.Series, unit: pd.Series, say_line: bool = False
) -> pd.Series:
    """``reasons`` plus one for each kept row that puts its department in another business
    unit than the first kept row naming it (a department sits in one unit)."""
    kept = reasons == ""
    home = pd.DataFrame({"department": department, "unit": unit, "line": department.index})
    first = home.loc[kept].groupby("department", sort=False).first()
    expected = department.map(first["unit"].to_dict())
    clash = kept & expected.notna() & (unit != expected)

    def reason(name: str) -> str:
        said = f"department {name!r} is already in business unit {first.at[name, 'unit']!r}"
        return f"{said} (line {first.at[name, 'line']})" if say_line else said

    return reasons.mask(clash, department[clash].map(reason))


def table_rejects(
    name: str, malformed: pd.DataFrame, reasons: pd.Series, values: Iterable[str] | None = None
) -> pd.DataFrame:
    """A table's rejects in line order: the lines that could not be split into fields
    (``malformed``) and the rows with a ``reason`` (indexed by line; "" = kept), with
    their ``values`` when given (one per rejected row)."""
    bad = reasons != ""
    return combine_rejects(
        [malformed, reject_frame(name, reasons.index[bad], reasons[bad], values)]
    ).sort_values("line", kind="stable", ignore_index=True)


def strict_error(rejects: pd.DataFrame) -> StrictModeError | None:
    """The error ``--strict`` raises for the first rejected record, or ``None`` without one.

    Examples
    --------
    >>> first = reject_frame("e.csv", [9, 12], ["3 fields, expected 2", "no target"])
    >>> str(strict_error(first))
    'e.csv: line 9: 3 fields, expected 2 (--strict: 2 rejected records; nothing written)'
    >>> strict_error(reject_frame("e.csv", [], [])) is None
    True
    """
    if not len(rejects):
        return None
    first = rejects.iloc[0]
    return StrictModeError(
        str(first["file"]),
        f"line {first['line']}: {first['reason']} (--strict: "
        f"{plural(len(rejects), 'rejected record')}; nothing written)",
    )
