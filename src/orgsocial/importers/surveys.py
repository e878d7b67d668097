"""Import survey exports: Qualtrics (current and legacy layouts), Microsoft Forms, Google
Forms, or any CSV/Excel through a mapping (docs/importers.md, "Surveys").

Only mapped columns are read: names, e-mail addresses (other than as the pseudonymised
respondent), IP addresses, locations and free-text answers never enter the dataset.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from orgsocial.config import mapping_fields
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.importers import contract_file, read_as_text
from orgsocial.importers.pseudonym import Pseudonymiser
from orgsocial.importers.rejects import table_rejects
from orgsocial.importers.roster import Roster
from orgsocial.importers.tables import Table, read_table
from orgsocial.io import contract as c

AGREEMENT_LABELS = {
    "strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "neutral": 3,
    "agree": 4, "strongly agree": 5,
    "helemaal mee oneens": 1, "zeer mee oneens": 1, "mee oneens": 2, "oneens": 2,
    "neutraal": 3, "niet mee eens, niet mee oneens": 3, "niet eens, niet oneens": 3,
    "mee eens": 4, "eens": 4, "helemaal mee eens": 5, "zeer mee eens": 5,
}  # fmt: skip
FREQUENCY_LABELS = {
    "never": 1, "less than monthly": 2, "less than once a month": 2, "monthly": 3,
    "weekly": 4, "daily": 5,
    "nooit": 1, "minder dan maandelijks": 2, "minder dan eens per maand": 2,
    "maandelijks": 3, "wekelijks": 4, "dagelijks": 5,
}  # fmt: skip
OWNERSHIP_LABELS = {
    "individual enthusiasts": 1, "one central team": 2, "every department, guided centrally": 3,
    "everyone, as part of their work": 4,
    "enkele enthousiastelingen": 1, "één centraal team": 2, "elke afdeling, centraal gestuurd": 3,
    "iedereen, als deel van het werk": 4,
}  # fmt: skip


def label_key(text: str) -> str:
    """An answer label as compared: accents removed, case folded, spaces collapsed
    (``"Eén  Centraal team"`` and ``"één centraal team"`` are both ``"een centraal team"``)."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " ".join(bare.casefold().split())


#: Each scale's labels, English before Dutch, as written in docs/importers.md.
LABELS_BY_SCALE = {
    c.FREQUENCY: FREQUENCY_LABELS,
    c.AGREEMENT: AGREEMENT_LABELS,
    c.OWNERSHIP: OWNERSHIP_LABELS,
}
SCALE_LABELS = {
    scale: {label_key(label): value for label, value in table.items()}
    for scale, table in LABELS_BY_SCALE.items()
}
LEADING_NUMBER = re.compile(r"^\s*(\d+(?:[.,]0+)?)\b")


@dataclass(frozen=True)
class SurveyMapping:
    """How to read one survey export (every key of the YAML mapping)."""

    format: str = "auto"  # auto, qualtrics, qualtrics_legacy, forms, table
    wave: str | None = None  # every response's wave, e.g. 2026-Q3
    wave_column: str | None = None
    respondent: str | None = None  # column with the respondent's e-mail or id
    department: str | None = None  # column with the department
    department_value: str | None = None  # or one department for every response
    items: dict[str, str] = field(default_factory=dict)  # item -> column name or question text
    answers: dict[str, int] = field(default_factory=dict)  # extra answer labels -> value
    sheet: str | None = None


def load_survey_mapping(path: Path | None, **overrides: Any) -> SurveyMapping:
    """Read a survey mapping (unknown keys or items are an error)."""
    values = mapping_fields(path, SurveyMapping, "survey mapping", overrides)
    items = {str(k): str(v) for k, v in (values.get("items") or {}).items()}
    bad = sorted(set(items) - set(c.SURVEY_ITEM_NAMES))
    if bad:
        raise ParameterError(
            f"survey mapping: {', '.join(bad)} not items of the instrument "
            f"({', '.join(c.SURVEY_ITEM_NAMES)})"
        )
    values["items"] = items
    values["answers"] = {
        label_key(str(k)): int(v) for k, v in (values.get("answers") or {}).items()
    }
    return SurveyMapping(**values)


def detect_format(table: Table) -> str:
    """``qualtrics`` (3 header rows), ``qualtrics_legacy`` (V1.. and 2 header rows), ``forms``
    (Microsoft or Google Forms) or ``table``, of an export read with one header row."""
    head = table.frame.head(2)
    columns = [str(col) for col in head.columns]
    if len(head) >= 2 and str(head.iloc[1, 0]).startswith('{"ImportId"'):
        return "qualtrics"
    if columns and columns[0] == "V1" and len(head) and "ResponseID" in set(head.iloc[0]):
        return "qualtrics_legacy"
    lowered = {col.lower() for col in columns}
    if {"completion time", "start time"} <= lowered or "timestamp" in lowered:
        return "forms"
    return "table"


IMPORT_ID = re.compile(r'"ImportId"\s*:\s*"([^"]+)"')
HEADER_ROWS = {"qualtrics": 3, "qualtrics_legacy": 2}


@dataclass(frozen=True)
class _Questions:
    """The responses of the export at ``path``, and per column its question text and the
    other ids a mapping may use for it."""

    path: Path
    frame: pd.DataFrame
    texts: dict[str, str]
    ids: dict[str, str]

    def find(self, wanted: str, what: str) -> str:
        """The column named ``wanted`` (its id in row 1, or its ImportId), or whose question
        text is or contains it."""
        lowered = wanted.strip().lower()
        columns = self.frame.columns
        for col in columns:
            if str(col).strip().lower() == lowered or self.ids.get(col, "").lower() == lowered:
                return col
        for col in columns:
            if self.texts.get(col, "").strip().lower() == lowered:
                return col
        matches = [col for col in columns if lowered in self.texts.get(col, "").lower()]
        if len(matches) == 1:
            return matches[0]
        raise DatasetError(
            self.path,
            f"{what}: no column or question {wanted!r}"
            + (f" (it is in {len(matches)} questions; be more precise)" if matches else "")
            + "; the columns are "
            + ", ".join(repr(str(col)) for col in columns),
        )


def _table(path: Path, mapping: SurveyMapping) -> tuple[Table, _Questions, str]:
    """The responses, per column its question text and ids (for mapping by either), and
    the layout (the mapping's ``format``, or found in the file, which is read once; the
    Qualtrics layouts' header rows: docs/importers.md, "Surveys")."""
    layout = mapping.format
    if layout == "auto":  # found in the file as read with one header row
        found = read_table(path, mapping.sheet)
        layout = detect_format(found)
        rows = HEADER_ROWS.get(layout, 1)  # its first rows - 1 records are header rows too
        more = found.frame.iloc[: rows - 1].to_numpy().tolist()
        table = replace(found, frame=found.frame.iloc[rows - 1 :], headers=[*found.headers, *more])
    else:
        table = read_table(path, mapping.sheet, header_rows=HEADER_ROWS.get(layout, 1))
    names = [str(name) for name in table.frame.columns]
    texts = dict(zip(names, table.headers[1] if len(table.headers) > 1 else names, strict=False))
    ids = {}
    if layout == "qualtrics":
        found = zip(names, map(IMPORT_ID.search, table.headers[2]), strict=False)
        ids = {name: match.group(1) for name, match in found if match}
    return table, _Questions(path, table.frame, texts, ids), layout


def answer_value(text: str, item: c.SurveyItem, extra: dict[str, int]) -> float | None:
    """The numeric answer for an item, or None when empty or unreadable.

    Examples
    --------
    >>> policy = c.SURVEY_ITEM_BY_NAME["policy"]
    >>> answer_value("Helemaal mee eens", policy, {}), answer_value("4 - Agree", policy, {})
    (5.0, 4.0)
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    labels = SCALE_LABELS[item.scale] | extra
    if (key := label_key(cleaned)) in labels:
        return float(labels[key])
    match = LEADING_NUMBER.match(cleaned)
    return float(match.group(1).replace(",", ".")) if match else None


@dataclass(frozen=True)
class SurveyImport:
    """The survey in the contract plus what was set aside."""

    survey: pd.DataFrame
    rejects: pd.DataFrame
    counts: dict[str, int]
    layout: str
    waves: list[str]  # of every row read, kept or not: they name the import's record
    windows_1252: tuple[str, ...] = ()  # the export, when it was read as Windows-1252


def _no_department(
    mapping: SurveyMapping, roster: Roster | None, respondent: pd.Series
) -> pd.Series:
    """Why a response has no department: an empty column, or a respondent the roster lacks."""
    if mapping.department:
        return pd.Series(
            f"no department (column {mapping.department!r} is empty)", respondent.index
        )
    where = f"the roster {roster.file}" if roster is not None and roster.file else "the roster"
    return respondent.map(
        lambda r: (
            f"no department: the respondent is not in {where}"
            if r
            else f"no department: column {mapping.respondent!r} is empty, so nobody to look "
            f"up in {where}"
        )
    )


def import_survey(
    path: Path,
    mapping: SurveyMapping,
    pseudonym: Pseudonymiser | None,
    roster: Roster | None = None,
) -> SurveyImport:
    """Read a survey export into the contract's survey file (``pseudonym``: needed
    only when the mapping names a ``respondent``)."""
    if mapping.format not in ("auto", "qualtrics", "qualtrics_legacy", "forms", "table"):
        raise ParameterError(f"survey mapping: unknown format {mapping.format!r}")
    table, questions, layout = _table(path, mapping)
    frame = table.frame
    if not mapping.items:
        raise ParameterError("survey mapping: 'items' must map at least one item to a question")
    if mapping.wave is None and mapping.wave_column is None:
        raise ParameterError("survey mapping: give 'wave' (e.g. 2026-Q3) or 'wave_column'")
    respondent, department = _respondents(questions, mapping, pseudonym, roster)
    wave = (
        frame[questions.find(mapping.wave_column, "wave")]
        if mapping.wave_column
        else pd.Series(mapping.wave, index=frame.index)
    )
    out = pd.DataFrame({"respondent_id": respondent, "department": department, "wave": wave})
    reasons = _read_items(out, questions, mapping)
    reasons = reasons.mask(
        (out["department"] == "") & (reasons == ""), _no_department(mapping, roster, respondent)
    )
    kept = reasons == ""
    rejects = table_rejects(path.name, table.malformed, reasons)
    counts = {
        "responses": len(frame) + len(table.malformed),
        "responses_rejected": len(rejects),
        "identified": int((out.loc[kept, "respondent_id"] != "").sum()),
        "anonymous": int((out.loc[kept, "respondent_id"] == "").sum()),
        "items": len(mapping.items),
    }
    waves = sorted(set(out["wave"].astype(str)))
    survey = out.loc[kept].reset_index(drop=True)
    return SurveyImport(survey, rejects, counts, layout, waves, table.windows_1252)


def _respondents(
    questions: _Questions,
    mapping: SurveyMapping,
    pseudonym: Pseudonymiser | None,
    roster: Roster | None,
) -> tuple[pd.Series, pd.Series]:
    """Each response's respondent (the roster's id, else a pseudonym, else anonymous)
    and department (a column, one value for all, or the roster's)."""
    frame = questions.frame
    respondent_raw = (
        frame[questions.find(mapping.respondent, "respondent")]
        if mapping.respondent
        else pd.Series("", index=frame.index)
    )
    if mapping.respondent and pseudonym is None:
        raise ParameterError("survey mapping: a 'respondent' is pseudonymised: give a secret")
    respondent = respondent_raw.map(lambda v: pseudonym(v) if v else "")
    if roster is not None and mapping.respondent:
        from_roster = respondent_raw.map(lambda v: roster.employee_for(v) or "")
        respondent = from_roster.where(from_roster != "", respondent)
    if mapping.department:
        return respondent, frame[questions.find(mapping.department, "department")]
    if mapping.department_value:
        return respondent, pd.Series(mapping.department_value, index=frame.index)
    if roster is not None and mapping.respondent:
        home = roster.employees.set_index("employee_id")["department"]
        return respondent, respondent.map(home).fillna("")
    raise ParameterError(
        "survey mapping: give 'department' (a column), 'department_value', or a --roster "
        "with 'respondent'"
    )


def _read_items(out: pd.DataFrame, questions: _Questions, mapping: SurveyMapping) -> pd.Series:
    """Each mapped item's answers as scores, added to ``out``; per response, why an
    answer was not understood ("" when every one was)."""
    frame = questions.frame
    reasons = pd.Series("", index=frame.index, dtype="str")
    for item_name, wanted in mapping.items.items():
        item = c.SURVEY_ITEM_BY_NAME[item_name]
        source = questions.find(wanted, item_name)
        values = frame[source].map(lambda v, item=item: answer_value(v, item, mapping.answers))
        unreadable = (frame[source] != "") & values.isna()
        said = (
            f" not understood for {item.name} ({_scale_said(item)}; add your own labels "
            "under 'answers' in the mapping)"
        )
        answer = f"column {source!r}: answer " + frame.loc[unreadable, source].str[:40].map(repr)
        reasons = reasons.mask(unreadable & (reasons == ""), answer + said)
        out[item_name] = values.map(lambda v: "" if v is None or pd.isna(v) else str(int(v)))
    return reasons


def _scale_said(item: c.SurveyItem) -> str:
    """What an item's answers may be: its numbers and its English labels, in words.

    Examples
    --------
    >>> _scale_said(c.SURVEY_ITEM_BY_NAME["ownership"])[:77]
    "ownership scale: a number 1 to 4, or a label: 'individual enthusiasts' (1), '"
    """
    table = LABELS_BY_SCALE[item.scale]
    first = {value: label for label, value in reversed(table.items())}  # English come first
    labels = ", ".join(f"{label!r} ({value})" for value, label in sorted(first.items()))
    return (
        f"{item.scale} scale: a number {item.low} to {item.high}, or a label: {labels}, "
        "or another in English or Dutch (docs/importers.md, 'Answer labels')"
    )


def survey_fit(folder: Path, survey: pd.DataFrame) -> list[str]:
    """Warnings when a survey does not fit the dataset it is imported into: the folder has
    no departments yet, or answers name departments the dataset does not have (validation
    would set them aside)."""
    found = contract_file(folder, c.DEPARTMENTS)
    if found is None:
        return [
            f"{folder} has no {c.DEPARTMENTS}.csv yet: import the roster or the activity "
            "into it too before validating or analysing"
        ]
    known = set(read_as_text(found)["department"])
    unknown = survey.loc[~survey["department"].astype(str).isin(known), "department"]
    if unknown.empty:
        return []
    examples = ", ".join(repr(v) for v in sorted(set(unknown.astype(str)))[:3])
    return [
        f"{len(unknown):,} answer(s) name a department that is not in {found} (e.g. "
        f"{examples}); validation will set them aside: check department or "
        "department_value in the survey mapping"
    ]
