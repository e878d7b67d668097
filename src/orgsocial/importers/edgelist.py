"""Import edge lists with node attributes (e-mail or message logs) into the contract.

An *edge list* has one row per message or tie: sender, recipient, and optionally
a time and a tie value; an *adjacency matrix* has one row per sender and one
column per recipient, in the node file's order. Nodes come from an attribute
file (id, department, optionally business unit and function) or from a
reports-to hierarchy (see :func:`roster_from_reports_to`).

Every edge becomes one ``message`` event from the source to the target; a tie
value of n > 1 becomes n events; 0 or less is no tie. Edges naming a node that
is not in the node file, or with a time that cannot be read, are rejected with
the reason and the line; counts are reported.

The mapping is a YAML file; see ``docs/importers.md`` for every key and
``docs/mappings/`` for worked examples on real data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgsocial import contract as c
from orgsocial.config import mapping_fields
from orgsocial.errors import DatasetError, ParameterError

Column = str | int


@dataclass(frozen=True)
class EdgeListMapping:
    """How to read one edge list and its node file (every key of the YAML mapping)."""

    # the edge file
    format: str = "edgelist"  # or "matrix"
    delimiter: str | None = None  # None: any whitespace
    header: bool = True
    comment: str | None = None
    source: Column = "source"
    target: Column = "target"
    time: Column | None = None
    time_format: str = "iso"  # "iso", "unix" (seconds) or "offset" (seconds after time_origin)
    time_origin: str = "1970-01-01T00:00:00Z"
    timezone: str = "UTC"  # the zone of times written without an offset
    default_time: str = "2000-01-01T00:00:00Z"  # for edge lists without times
    tie: Column | None = None  # a count or 0/1 column; <= 0 is no tie
    undirected: bool = False  # symmetric ties: one event per pair
    drop_self_loops: bool = True
    pseudonymise: bool = True  # false only for ids that identify nobody (research data)
    channel: str = "other"
    audience: str = "internal"
    action: str = "message"
    event_prefix: str = "e"
    # the node file
    nodes_format: str = "attributes"  # or "reports_to"
    nodes_delimiter: str | None = ","
    nodes_header: bool = True
    node_id: Column = "id"
    department: Column = "department"
    business_unit: Column | None = None
    function: Column | None = None
    default_business_unit: str = "organisation"
    default_function: str = "other"
    department_within_unit: bool = False  # name departments "<unit> <department>"
    department_labels: dict[str, str] = field(default_factory=dict)
    business_unit_labels: dict[str, str] = field(default_factory=dict)
    customer_facing: list[str] = field(default_factory=list)  # department names
    # a reports-to hierarchy as node file
    manager: Column = "manager"
    root: str | None = None


def load_mapping(path: Path | None, **overrides: Any) -> EdgeListMapping:
    """Read a YAML mapping (unknown keys are an error); ``overrides`` win."""
    values = mapping_fields(path, EdgeListMapping, "mapping", overrides)
    for key in ("department_labels", "business_unit_labels"):
        if key in values:
            values[key] = {str(k): str(v) for k, v in (values[key] or {}).items()}
    for key in ("delimiter", "nodes_delimiter"):
        if values.get(key) in ("whitespace", " "):
            values[key] = None
    return EdgeListMapping(**values)


@dataclass(frozen=True)
class ImportResult:
    """Contract frames plus what was set aside."""

    departments: pd.DataFrame
    employees: pd.DataFrame
    activity: pd.DataFrame
    rejects: pd.DataFrame
    counts: dict[str, int]

    def frames(self) -> dict[str, pd.DataFrame]:
        """The contract files this import writes, by stem."""
        return {
            c.DEPARTMENTS: self.departments,
            c.EMPLOYEES: self.employees,
            c.ACTIVITY: self.activity,
        }


def _read_table(
    path: Path, delimiter: str | None, header: bool, comment: str | None = None
) -> pd.DataFrame:
    try:
        frame = pd.read_csv(
            path,
            sep=r"\s+" if delimiter is None else delimiter,
            header=0 if header else None,
            dtype=str,
            keep_default_na=False,
            comment=comment,
            skip_blank_lines=True,
            encoding="utf-8-sig",
            engine="python" if delimiter is None else "c",
        )
    except (OSError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DatasetError(path, f"cannot be read: {error}") from None
    frame.columns = [str(col).strip() if header else col for col in frame.columns]
    # line numbers as an editor shows them: leading comment lines and the header counted
    first = 1 + _leading_comment_lines(path, comment) + (1 if header else 0)
    frame.index = pd.RangeIndex(first, first + len(frame), name="line")
    return frame.apply(lambda column: column.str.strip())


def _leading_comment_lines(path: Path, comment: str | None) -> int:
    if not comment:
        return 0
    count = 0
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for line in handle:
            if not line.startswith(comment):
                break
            count += 1
    return count


def _pick(frame: pd.DataFrame, column: Column, path: Path, what: str) -> pd.Series:
    if isinstance(column, int):
        if column >= len(frame.columns):
            raise DatasetError(path, f"{what}: column {column} does not exist (0-based)")
        return frame.iloc[:, column]
    if column not in frame.columns:
        raise DatasetError(
            path,
            f"{what}: column {column!r} is missing; the file has "
            + ", ".join(repr(str(col)) for col in frame.columns),
        )
    return frame[column]


def roster_from_reports_to(tree: pd.DataFrame, root: str) -> pd.DataFrame:
    """Departments and business units from a reports-to hierarchy.

    Each direct report of ``root`` heads a business unit (``unit <id>``): the
    subtree under them. Departments are reporting teams: a manager's direct
    reports form ``team <manager>``, and each unit head sits in their own team.
    The root sits alone in ``executive`` (unit and department).

    Parameters
    ----------
    tree
        ``node_id`` and ``manager`` (text); the root may report to itself.
    root
        The top of the hierarchy.

    Returns
    -------
    pandas.DataFrame
        ``node_id``, ``department``, ``business_unit``; nodes not connected to
        the root are left out (the caller reports them).

    Examples
    --------
    >>> tree = pd.DataFrame({"node_id": ["1", "2", "3", "4"], "manager": ["1", "1", "2", "3"]})
    >>> roster_from_reports_to(tree, "1").values.tolist()
    [['1', 'executive', 'executive'], ['2', 'team 2', 'unit 2'], ['3', 'team 2', 'unit 2'], \
['4', 'team 3', 'unit 2']]
    """
    manager_of = dict(zip(tree["node_id"], tree["manager"], strict=True))
    manager_of.pop(root, None)
    children: dict[str, list[str]] = {}
    for node, manager in manager_of.items():
        children.setdefault(manager, []).append(node)
    rows = [{"node_id": root, "department": "executive", "business_unit": "executive"}]
    for head in sorted(children.get(root, []), key=_natural):
        unit = f"unit {head}"
        rows.append({"node_id": head, "department": f"team {head}", "business_unit": unit})
        stack = [head]
        while stack:
            manager = stack.pop()
            for node in sorted(children.get(manager, []), key=_natural):
                rows.append(
                    {"node_id": node, "department": f"team {manager}", "business_unit": unit}
                )
                stack.append(node)
    return pd.DataFrame(rows).sort_values(
        "node_id", key=lambda s: s.map(_natural), ignore_index=True
    )


def _natural(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (10**12, text)


def _nodes(path: Path, mapping: EdgeListMapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node id -> department, unit, function; plus rejected node rows."""
    raw = _read_table(path, mapping.nodes_delimiter, mapping.nodes_header)
    ids = _pick(raw, mapping.node_id, path, "node_id")
    if mapping.nodes_format == "reports_to":
        if mapping.root is None:
            raise ParameterError("mapping: nodes_format reports_to needs 'root'")
        tree = pd.DataFrame(
            {"node_id": ids, "manager": _pick(raw, mapping.manager, path, "manager")}
        )
        roster = roster_from_reports_to(tree, str(mapping.root))
        placed = set(roster["node_id"])
        loose = raw.loc[~ids.isin(placed)]
        rejects = pd.DataFrame(
            {
                "file": path.name,
                "line": loose.index,
                "reason": "not connected to the root of the hierarchy",
                "value": ids[~ids.isin(placed)].to_numpy(),
            }
        )
        roster["function"] = mapping.default_function
        return roster, rejects
    if mapping.nodes_format != "attributes":
        raise ParameterError("mapping: nodes_format must be attributes or reports_to")
    department = _pick(raw, mapping.department, path, "department")
    nodes = pd.DataFrame(
        {
            "node_id": ids,
            "department": department.map(lambda v: mapping.department_labels.get(v, v)),
            "business_unit": (
                _pick(raw, mapping.business_unit, path, "business_unit").map(
                    lambda v: mapping.business_unit_labels.get(v, v)
                )
                if mapping.business_unit is not None
                else mapping.default_business_unit
            ),
            "function": (
                _pick(raw, mapping.function, path, "function")
                if mapping.function is not None
                else mapping.default_function
            ),
        }
    )
    if mapping.department_within_unit:
        nodes["department"] = nodes["business_unit"] + " " + nodes["department"]
    missing = (nodes["department"] == "") | (nodes["business_unit"] == "")
    duplicated = nodes["node_id"].duplicated(keep="first")
    reasons = np.where(missing, "no department or business unit", "duplicate node id")
    bad = missing | duplicated
    rejects = pd.DataFrame(
        {
            "file": path.name,
            "line": nodes.index[bad],
            "reason": reasons[bad.to_numpy()],
            "value": nodes.loc[bad, "node_id"].to_numpy(),
        }
    )
    return nodes.loc[~bad].reset_index(drop=True), rejects


def _edges_from_matrix(raw: pd.DataFrame, node_ids: list[str], path: Path) -> pd.DataFrame:
    if raw.shape != (len(node_ids), len(node_ids)):
        raise DatasetError(
            path,
            f"the matrix is {raw.shape[0]} x {raw.shape[1]} but the node file has "
            f"{len(node_ids)} nodes",
        )
    values = raw.apply(pd.to_numeric, errors="coerce")
    if values.isna().any().any():
        row, column = np.argwhere(values.isna().to_numpy())[0]
        raise DatasetError(path, f"line {row + 1}, column {column + 1}: not a number")
    rows, columns = np.nonzero(values.to_numpy() > 0)
    return pd.DataFrame(
        {
            "source": np.asarray(node_ids)[rows],
            "target": np.asarray(node_ids)[columns],
            "tie": values.to_numpy()[rows, columns],
            "time": "",
        },
        index=pd.Index(rows + 1, name="line"),
    )


def _times(text: pd.Series, mapping: EdgeListMapping) -> pd.Series:
    if mapping.time_format == "iso":
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=False)
        if getattr(parsed.dt, "tz", None) is None:
            parsed = parsed.dt.tz_localize(mapping.timezone, ambiguous="NaT", nonexistent="NaT")
        return parsed.dt.tz_convert("UTC")
    seconds = pd.to_numeric(text, errors="coerce")
    if mapping.time_format == "unix":
        return pd.to_datetime(seconds, unit="s", utc=True)
    if mapping.time_format == "offset":
        return pd.Timestamp(mapping.time_origin).tz_convert("UTC") + pd.to_timedelta(
            seconds, unit="s"
        )
    raise ParameterError("mapping: time_format must be iso, unix or offset")


def import_edgelist(
    edges_path: Path,
    nodes_path: Path,
    mapping: EdgeListMapping,
    pseudonym: Callable[[str], str] | None = None,
) -> ImportResult:
    """Read an edge list (or adjacency matrix) and its nodes into contract frames.

    Node ids (e-mail addresses, names, account ids) become pseudonyms unless the
    mapping says ``pseudonymise: false`` (public research data with numeric ids).

    Returns
    -------
    ImportResult
        ``departments``, ``employees``, ``activity`` in the contract, the
        rejected rows (``file``, ``line``, ``reason``, ``value``) and counts.
    """
    if mapping.pseudonymise and pseudonym is None:
        raise ParameterError(
            "node ids are pseudonymised: give the secret (ORGSOCIAL_SECRET or --secret-file), "
            "or set 'pseudonymise: false' in the mapping for ids that identify nobody"
        )
    nodes, node_rejects = _nodes(nodes_path, mapping)
    if nodes.empty:
        raise DatasetError(nodes_path, "no usable node: nothing to import")
    if mapping.format == "matrix":
        raw = _read_table(edges_path, mapping.delimiter, header=False, comment=mapping.comment)
        edges = _edges_from_matrix(raw, list(nodes["node_id"]), edges_path)
    elif mapping.format == "edgelist":
        raw = _read_table(edges_path, mapping.delimiter, mapping.header, mapping.comment)
        edges = pd.DataFrame(
            {
                "source": _pick(raw, mapping.source, edges_path, "source"),
                "target": _pick(raw, mapping.target, edges_path, "target"),
                "tie": (
                    pd.to_numeric(_pick(raw, mapping.tie, edges_path, "tie"), errors="coerce")
                    if mapping.tie is not None
                    else 1.0
                ),
                "time": (
                    _pick(raw, mapping.time, edges_path, "time") if mapping.time is not None else ""
                ),
            }
        )
    else:
        raise ParameterError("mapping: format must be edgelist or matrix")
    read = len(edges)
    known = set(nodes["node_id"])
    reasons = pd.Series("", index=edges.index, dtype="str")
    reasons = reasons.mask(edges["tie"].isna(), "tie value is not a number")
    reasons = reasons.mask(
        ~edges["source"].isin(known) & (reasons == ""), "source is not in the node file"
    )
    reasons = reasons.mask(
        ~edges["target"].isin(known) & (reasons == ""), "target is not in the node file"
    )
    if mapping.time is not None:
        times = _times(edges["time"], mapping)
        reasons = reasons.mask(times.isna() & (reasons == ""), "time cannot be read")
    else:
        times = pd.Series(pd.Timestamp(mapping.default_time).tz_convert("UTC"), index=edges.index)
    bad = reasons != ""
    edge_rejects = pd.DataFrame(
        {
            "file": edges_path.name,
            "line": edges.index[bad],
            "reason": reasons[bad].to_numpy(),
            "value": (edges.loc[bad, "source"] + " -> " + edges.loc[bad, "target"]).to_numpy(),
        }
    )
    edges = edges.loc[~bad].assign(timestamp=times[~bad])
    no_tie = edges["tie"] <= 0
    self_loop = edges["source"] == edges["target"]
    keep = ~no_tie & ~(self_loop & mapping.drop_self_loops)
    if mapping.undirected:
        keep &= edges["source"] < edges["target"]  # each symmetric pair once
    kept = edges.loc[keep]
    rename = pseudonym if mapping.pseudonymise and pseudonym is not None else (lambda v: v)
    repeats = kept["tie"].round().clip(lower=1).astype("int64").to_numpy()
    kept = kept.iloc[np.repeat(np.arange(len(kept)), repeats)].reset_index(drop=True)
    activity = pd.DataFrame(
        {
            "event_id": [f"{mapping.event_prefix}{i}" for i in range(1, len(kept) + 1)],
            "timestamp": kept["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "actor_id": kept["source"].map(rename),
            "channel": mapping.channel,
            "audience": mapping.audience,
            "action": mapping.action,
            "target_id": kept["target"].map(rename),
            "in_reply_to": "",
            "business_unit": "",
        },
        columns=list(c.ACTIVITY_COLUMNS),
    )
    departments = (
        nodes.groupby("department", sort=True)
        .agg(
            business_unit=("business_unit", "first"),
            function=("function", "first"),
            units=("business_unit", "nunique"),
        )
        .reset_index()
    )
    if (departments["units"] > 1).any():
        name = departments.loc[departments["units"] > 1, "department"].iloc[0]
        raise DatasetError(nodes_path, f"department {name!r} is in more than one business unit")
    departments["customer_facing"] = departments["department"].isin(mapping.customer_facing)
    departments["customer_facing"] = departments["customer_facing"].map(
        {True: "true", False: "false"}
    )
    rejects = pd.concat([node_rejects, edge_rejects], ignore_index=True)
    counts = {
        "nodes": len(nodes),
        "nodes_rejected": len(node_rejects),
        "edge_rows": read,
        "edge_rows_rejected": len(edge_rejects),
        "edge_rows_without_tie": int(no_tie.sum()),
        "self_loops_dropped": int((self_loop & ~no_tie).sum()) if mapping.drop_self_loops else 0,
        "events": len(activity),
    }
    return ImportResult(
        departments=departments[list(c.DEPARTMENT_COLUMNS)],
        employees=pd.DataFrame(
            {"employee_id": nodes["node_id"].map(rename), "department": nodes["department"]}
        ),
        activity=activity,
        rejects=rejects,
        counts=counts,
    )
