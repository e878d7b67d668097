"""Import Microsoft Viva Insights query exports.

A person-to-person export becomes interaction events between people (joined by the
roster's PersonId alias, or given departments by an HR attribute of the export); a
group-to-group export becomes departments, placeholder employees and weighted
``department_ties`` (an orgsocial extension of the contract). See docs/importers.md
("Viva Insights").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from orgsocial.config import mapping_fields
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.importers import Imported, activity_frame
from orgsocial.importers.pseudonym import Pseudonymiser
from orgsocial.importers.rejects import first_reason, table_rejects
from orgsocial.importers.roster import Roster, RosterMapping, department_table, guess_function
from orgsocial.importers.tables import Table, column, read_table
from orgsocial.io import contract as c

PRIMARY = "PrimaryCollaborator_"
SECONDARY = "SecondaryCollaborator_"
PSEUDO_GROUPS = (
    "unclassified",
    "within group",
    "collaborators within group",
    "other collaborators",
)


@dataclass(frozen=True)
class VivaMapping:
    """How to read a Viva Insights export (every key of the YAML mapping)."""

    date_format: str = "%m/%d/%Y"
    channel: str = "collaboration"  # e-mail, meetings, chats and calls: not social media
    department_attribute: str | None = None  # p2p: HR attribute giving the department
    business_unit: str = "organisation"  # the unit every group or department belongs to
    business_units: dict[str, str] = field(default_factory=dict)  # department -> unit
    metric: str = "Group_email_sent_count"  # g2g: the tie weight


def load_viva_mapping(path: Path | None, **overrides: Any) -> VivaMapping:
    """Read a Viva mapping (unknown keys, or a date_format that is not one, are an error)."""
    values = mapping_fields(path, VivaMapping, "viva mapping", overrides)
    form = values.get("date_format", VivaMapping.date_format)
    try:  # a bad directive (%q) raises even with errors="coerce"
        if not isinstance(form, str):
            raise TypeError("not text")
        pd.to_datetime(pd.Series(["01/04/2023"]), format=form, errors="coerce")
    except (ValueError, TypeError) as error:
        where = f"{path}: " if path is not None else ""
        raise ParameterError(
            f"{where}viva mapping: date_format {form!r} is not a date format ({error}); "
            'e.g. "%m/%d/%Y" or "%d/%m/%Y"'
        ) from None
    return VivaMapping(**values)


def kind_of(table: Table, path: Path) -> str:
    """``p2p`` or ``g2g``, from the columns of the export (``table``, read from ``path``)."""
    header = table.frame.columns
    if f"{PRIMARY}PersonId" in header:
        return "p2p"
    if f"{PRIMARY}Organization" in header:
        return "g2g"
    raise DatasetError(path, "not a Viva Insights person-to-person or group-to-group export")


def _dated(raw: pd.DataFrame, path: Path, mapping: VivaMapping) -> tuple[pd.Series, tuple]:
    """Each row's MetricDate (UTC), and the check rejecting a date that cannot be read."""
    dates = column(raw, "MetricDate", path, "date")
    when = pd.to_datetime(dates, format=mapping.date_format, errors="coerce", utc=True)
    said = f"is not a date as date_format {mapping.date_format!r} says"
    return when, (when.isna(), (dates, lambda v: f"column 'MetricDate': {v!r} {said}"))


def _attribute(raw: pd.DataFrame, side: str, attribute: str, path: Path) -> pd.Series:
    """A collaborator's HR attribute column, or an error saying which attributes the export has."""
    name = f"{side}{attribute}"
    if name in raw.columns:
        return raw[name]
    present = sorted(
        str(col).removeprefix(PRIMARY)
        for col in raw.columns
        if str(col).startswith(PRIMARY) and str(col) != f"{PRIMARY}PersonId"
    )
    raise DatasetError(
        path,
        f"department_attribute {attribute!r}: the export has no column {name!r} (its HR "
        f"attributes: {', '.join(present) if present else 'none'}); add the attribute to the "
        "query, or give --roster with the PersonId as a roster alias",
    )


def import_p2p(
    path: Path,
    mapping: VivaMapping,
    pseudonym: Pseudonymiser,
    roster: Roster | None,
    table: Table | None = None,
) -> Imported:
    """Person-to-person ties as interaction events between the people of ``roster`` (its
    departments and employees are the import's), or of the export's HR attribute.
    ``table``: the export, when it was read already."""
    table = read_table(path) if table is None else table
    raw = table.frame
    first = column(raw, f"{PRIMARY}PersonId", path, "primary person")
    second = column(raw, f"{SECONDARY}PersonId", path, "secondary person")
    when, undated = _dated(raw, path, mapping)
    if roster is not None:
        departments, employees = roster.departments, roster.employees
        actor, target = first.map(roster.employee_for), second.map(roster.employee_for)
        missing = f"is not in the roster {roster.file} (add their PersonId as a roster alias)"
    elif attribute := mapping.department_attribute:  # given beside each PersonId
        people = pd.concat(
            [
                pd.DataFrame(
                    {"person": person, "department": _attribute(raw, side, attribute, path)}
                )
                for side, person in ((PRIMARY, first), (SECONDARY, second))
            ]
        ).drop_duplicates("person")
        people = people.loc[(people["person"] != "") & (people["department"] != "")]
        employees = pd.DataFrame(
            {"employee_id": people["person"].map(pseudonym), "department": people["department"]}
        )
        departments = _departments(people["department"], mapping)
        known = dict(zip(people["person"], employees["employee_id"], strict=True))
        actor, target = first.map(known), second.map(known)
        missing = f"has no {attribute} (HR attribute) in this export"
    else:
        raise ParameterError(
            "a person-to-person export needs --roster (PersonId as a roster alias) or "
            "department_attribute in the mapping (an HR attribute the query added, e.g. "
            "Organization)"
        )
    checks = [
        undated,
        (first == "", "no primary PersonId"),
        (second == "", "no secondary PersonId"),
        (actor.isna(), f"the primary person {missing}"),
        (target.isna(), f"the secondary person {missing}"),
    ]
    reasons = first_reason(checks, raw.index)
    kept = reasons == ""
    events = [f"viva:{line}" for line in raw.index[kept]]
    activity = activity_frame(events, when[kept], actor[kept], target[kept], mapping.channel)
    rejects = table_rejects(path.name, table.malformed, reasons)
    counts = {
        "rows": len(raw) + len(table.malformed),
        "rows_rejected": len(rejects),
        "events": len(activity),
    }
    return Imported(rejects, counts, departments, employees, activity, None, table.windows_1252)


def _departments(names: pd.Series, mapping: VivaMapping) -> pd.DataFrame:
    functions = names.map(guess_function)
    units = names.map(lambda name: mapping.business_units.get(name, mapping.business_unit))
    facing = functions.isin(RosterMapping.customer_facing_functions)
    return department_table(names, units, functions, facing)


def _is_pseudo(group: str) -> bool:
    return group.strip().lower().startswith(PSEUDO_GROUPS)


def import_g2g(path: Path, mapping: VivaMapping, table: Table | None = None) -> Imported:
    """Group-to-group collaboration as departments, placeholder members and weighted ties
    (``table``: the export, when it was read already)."""
    table = read_table(path) if table is None else table
    raw = table.frame
    first = column(raw, f"{PRIMARY}Organization", path, "primary group")
    second = column(raw, f"{SECONDARY}Organization", path, "secondary group")
    metric = column(raw, mapping.metric, path, "metric")
    weight = pd.to_numeric(metric, errors="coerce")
    when, undated = _dated(raw, path, mapping)
    checks = [
        undated,
        (weight.isna(), (metric, lambda v: f"column {mapping.metric!r}: {v!r} is not a number")),
        ((first == "") | (second == ""), "no group name"),
    ]
    reasons = first_reason(checks, raw.index)
    pseudo = first.map(_is_pseudo) | second.map(_is_pseudo)
    self_ties = first == second
    kept = (reasons == "") & ~pseudo & ~self_ties
    size_of = _group_sizes(raw, path, first, second)
    employees = pd.DataFrame(
        [
            {"employee_id": _placeholder(group, n), "department": group, "placeholder": "true"}
            for group, size in size_of.items()
            for n in range(int(size) if pd.notna(size) else 0)
        ],
        columns=["employee_id", "department", "placeholder"],
    )
    ties = pd.DataFrame(
        {
            "source": first[kept],
            "target": second[kept],
            "weight": weight[kept],
            "timestamp": when[kept].dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    )
    rejects = table_rejects(path.name, table.malformed, reasons)
    counts = {
        "rows": len(raw) + len(table.malformed),
        "rows_rejected": len(rejects),
        "rows_with_pseudo_groups": int(pseudo.sum()),
        "rows_within_a_group": int((self_ties & ~pseudo).sum()),
        "ties": len(ties),
        "departments": int(size_of.size),
        "placeholder_employees": len(employees),
    }
    return Imported(
        rejects,
        counts,
        _departments(pd.Series(size_of.index), mapping),
        employees,
        pd.DataFrame(columns=list(c.ACTIVITY_COLUMNS)),
        ties,
        table.windows_1252,
    )


def _group_sizes(raw: pd.DataFrame, path: Path, first: pd.Series, second: pd.Series) -> pd.Series:
    """The largest size given for each real group (not a pseudo-group), by name."""
    sizes = pd.concat(
        [
            pd.DataFrame({"group": group, "size": column(raw, f"{side}GroupSize", path, "size")})
            for side, group in ((PRIMARY, first), (SECONDARY, second))
        ]
    )
    sizes["size"] = pd.to_numeric(sizes["size"], errors="coerce")
    real = (sizes["group"] != "") & ~sizes["group"].map(_is_pseudo)
    return sizes.loc[real].groupby("group")["size"].max()


def _placeholder(group: str, number: int) -> str:
    """A placeholder member id: not a person, the same on every import."""
    return "g" + hashlib.sha256(f"{group}\0{number}".encode()).hexdigest()[:16]
