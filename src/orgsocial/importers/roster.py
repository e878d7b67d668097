"""Import an HR roster (CSV or Excel): who works in which department and business unit.

Other identifier columns of a person (a Slack user id, a Viva Insights PersonId) are
kept in memory only, for the other importers to join on. See docs/importers.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from orgsocial.config import mapping_choice, mapping_fields
from orgsocial.errors import ParameterError
from orgsocial.importers import Imported
from orgsocial.importers.pseudonym import Pseudonymiser
from orgsocial.importers.rejects import first_reason, table_rejects, unit_clashes
from orgsocial.importers.tables import column, read_table
from orgsocial.io import contract as c

#: Words in a department's name that give away its function (English and Dutch).
FUNCTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "customer_service",
        (
            "customer service",
            "customer care",
            "klantenservice",
            "service desk",
            "contact center",
            "klantcontact",
        ),
    ),
    ("communications", ("communication", "communicatie", "corporate affairs", "pr ")),
    ("marketing", ("marketing", "brand")),
    ("sales", ("sales", "verkoop", "account management", "commercial", "commercie")),
    ("hr", ("hr", "human resources", "personeelszaken", "p&o")),
    ("it", ("it", "ict", "technology", "engineering", "informatie")),
    ("finance", ("finance", "financ", "accounting", "control")),
    ("legal", ("legal", "juridisch", "compliance")),
    ("product", ("product",)),
    ("management", ("management", "board", "directie", "bestuur", "executive", "ceo")),
    ("operations", ("operations", "operatie", "logistics", "logistiek", "production", "productie")),
)


def guess_function(department: str) -> str:
    """The contract function a department's name suggests, else ``other``.

    Examples
    --------
    >>> guess_function("Klantenservice Noord"), guess_function("IT Ops"), guess_function("R&D")
    ('customer_service', 'it', 'other')
    """
    words = f" {department.lower()} "
    for function, keys in FUNCTION_WORDS:
        # short keys only as whole words
        if any(f" {k.strip()} " in words if len(k) <= 3 else k in words for k in keys):
            return function
    return "other"


@dataclass(frozen=True)
class RosterMapping:
    """Which roster columns mean what (every key of the YAML mapping)."""

    employee: str = "email"
    department: str = "department"
    business_unit: str | None = "business_unit"
    default_business_unit: str = "organisation"
    function: str | None = None
    function_labels: dict[str, str] = field(default_factory=dict)
    guess_functions: bool = True
    customer_facing: str | None = None
    customer_facing_functions: tuple[str, ...] = ("customer_service", "sales")
    aliases: tuple[str, ...] = ()  # other identifier columns (Slack id, Viva PersonId)
    sheet: str | None = None


def load_roster_mapping(path: Path | None, **overrides: Any) -> RosterMapping:
    """Read a roster mapping (unknown keys, and functions that are not the contract's, are an
    error)."""
    label = "roster mapping"
    values = mapping_fields(path, RosterMapping, label, overrides)
    for key in ("aliases", "customer_facing_functions"):
        if key in values:  # one name alone is a list of one
            given = values[key]
            values[key] = (given,) if isinstance(given, str) else tuple(given or ())
    labels = values.get("function_labels") or {}
    if not isinstance(labels, dict):
        where = f"{path}: " if path is not None else ""
        raise ParameterError(
            f"{where}{label}: function_labels must map the roster's words to functions "
            f"(Klantenservice: customer_service), not {labels!r}"
        )
    # a function misspelt here would be guessed from the department's name without a word
    values["function_labels"] = {
        str(word): mapping_choice(
            path, label, f"function_labels {word!r}", function, c.FUNCTIONS, "functions"
        )
        for word, function in labels.items()
    }
    if "customer_facing_functions" in values:
        values["customer_facing_functions"] = tuple(
            mapping_choice(path, label, "customer_facing_functions", f, c.FUNCTIONS, "functions")
            for f in values["customer_facing_functions"]
        )
    return RosterMapping(**values)


@dataclass(frozen=True)
class Roster(Imported):
    """Contract departments and employees, plus the in-memory identifier -> pseudonym map."""

    key_of: dict[str, str] = field(default_factory=dict)
    file: str = ""  # the roster's file name, for messages about people missing from it

    def employee_for(self, identifier: object) -> str | None:
        """The pseudonymous employee id of a raw identifier (any known alias), if any."""
        if identifier is None or (isinstance(identifier, float) and pd.isna(identifier)):
            return None
        return self.key_of.get(str(identifier).strip().lower())


TRUE = frozenset({"true", "yes", "y", "1", "ja", "j", "x"})


def import_roster(path: Path, mapping: RosterMapping, pseudonym: Pseudonymiser) -> Roster:
    """Read a roster into contract departments and employees; the rows that cannot be used
    are rejected with their line and reason (docs/importers.md, "HR roster")."""
    table = read_table(path, mapping.sheet)
    raw = table.frame
    person = column(raw, mapping.employee, path, "employee")
    department = column(raw, mapping.department, path, "department")
    unit = (
        column(raw, mapping.business_unit, path, "business_unit")
        if mapping.business_unit
        else pd.Series(mapping.default_business_unit, index=raw.index)
    )
    unit = unit.where(unit != "", mapping.default_business_unit)
    functions, function_reasons = _functions(raw, department, mapping, path)
    key = person.str.lower()
    first_line = pd.Series(key.index, index=key).groupby(level=0).first()
    checks = [
        (person == "", f"column {mapping.employee!r}: empty"),
        (department == "", f"column {mapping.department!r}: empty"),
        (function_reasons != "", (function_reasons, str)),
        (
            key.duplicated(keep="first"),
            (key, lambda k: f"the same person as on line {first_line[k]}"),
        ),
    ]
    reasons = unit_clashes(first_reason(checks, person.index), department, unit)
    kept = reasons == ""
    employees = pd.DataFrame(
        {"employee_id": person[kept].map(pseudonym), "department": department[kept]}
    )
    facing = (
        column(raw, mapping.customer_facing, path, "customer_facing")[kept].str.lower().isin(TRUE)
        if mapping.customer_facing
        else functions[kept].isin(mapping.customer_facing_functions)
    )
    departments = department_table(department[kept], unit[kept], functions[kept], facing)
    key_of = dict(zip(key[kept], employees["employee_id"], strict=True))
    for alias in mapping.aliases:
        values = column(raw, alias, path, "alias")[kept].str.lower()
        key_of.update({v: e for v, e in zip(values, employees["employee_id"], strict=True) if v})
    rejects = table_rejects(path.name, table.malformed, reasons)
    counts = {
        "roster_rows": len(raw) + len(table.malformed),
        "roster_rows_rejected": len(rejects),
        "employees": len(employees),
        "departments": len(departments),
        "business_units": int(departments["business_unit"].nunique()),
    }
    return Roster(
        rejects,
        counts,
        departments,
        employees.reset_index(drop=True),
        key_of=key_of,
        file=path.name,
        windows_1252=table.windows_1252,
    )


def department_table(
    department: pd.Series, unit: pd.Series, functions: pd.Series, facing: pd.Series
) -> pd.DataFrame:
    """Contract departments from people's rows: per department, its unit and function as
    first named, customer-facing when any of its rows says so."""
    rows = pd.DataFrame({"business_unit": unit, "function": functions, "customer_facing": facing})
    first = {"business_unit": "first", "function": "first", "customer_facing": "max"}
    departments = rows.groupby(department.rename("department")).agg(first).reset_index()
    departments["customer_facing"] = departments["customer_facing"].map(
        {True: "true", False: "false"}
    )
    return departments


def _functions(
    raw: pd.DataFrame, department: pd.Series, mapping: RosterMapping, path: Path
) -> tuple[pd.Series, pd.Series]:
    """Each row's contract function, and why a row's function cannot be used ("" when it can)."""
    fine = pd.Series("", index=raw.index, dtype="str")
    if mapping.function:
        given = column(raw, mapping.function, path, "function")
        mapped = given.map(lambda v: mapping.function_labels.get(v, v).strip().lower())
        mapped = mapped.str.replace(r"[\s\-]+", "_", regex=True)
        unknown = ~mapped.isin(c.FUNCTIONS)
        guessed = mapped.where(~unknown, department.map(guess_function))
        if mapping.guess_functions:
            return guessed, fine
        reasons = given.map(
            lambda v: (
                f"column {mapping.function!r}: {v!r} is not a function (add it to function_labels)"
            )
        )
        return guessed, reasons.where(unknown, "")
    if mapping.guess_functions:
        return department.map(guess_function), fine
    return pd.Series("other", index=department.index), fine
