"""Import edge lists (e-mail or message logs), adjacency matrices and multinet (``.mpx``)
files with their nodes (an attribute file, a reports-to hierarchy or a multinet file's
actors) into the contract: ``docs/importers.md`` ("Edge lists and tie matrices") says how
edges become ``message`` events, which lines are rejected, and every key of the YAML
mapping; ``docs/mappings/`` holds worked examples on real data.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orgsocial.config import mapping_choice, mapping_fields
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.importers import Imported, activity_frame
from orgsocial.importers.rejects import (
    combine_rejects,
    first_reason,
    reject_frame,
    table_rejects,
    unit_clashes,
)
from orgsocial.importers.roster import department_table
from orgsocial.importers.tables import (
    Record,
    check_utf8,
    frame_of,
    has_bad_byte,
    missing_column,
    plain_csv_frame,
    plural,
    read_text,
    split_records,
    usual_width,
    windows_1252_read,
)
from orgsocial.io import contract as c

Column = str | int


@dataclass(frozen=True)
class EdgeListMapping:
    """How to read one edge list and its node file (every key of the YAML mapping)."""

    # the edge file
    format: str = "edgelist"  # "matrix" or "multinet"
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
    undirected: bool = False  # symmetric ties: one event per pair (and channel)
    drop_self_loops: bool = True
    pseudonymise: bool = True  # false only for ids that identify nobody (research data)
    channel: str = "other"
    channel_column: Column | None = None  # the channel (layer) of each edge, instead of channel
    audience: str = "internal"
    action: str = "message"
    event_prefix: str = "e"
    # the node file
    nodes_format: str = "attributes"  # "reports_to" or "multinet"
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
    """Read a YAML mapping (unknown keys or values are an error); ``overrides`` win."""
    values = mapping_fields(path, EdgeListMapping, "mapping", overrides)
    where = f"{path}: " if path is not None else ""
    for key in ("department_labels", "business_unit_labels"):
        if key in values:
            values[key] = {str(k): str(v) for k, v in (values[key] or {}).items()}
    for key in ("delimiter", "nodes_delimiter"):
        if values.get(key) in ("whitespace", " "):
            values[key] = None
    if values.get("root") is not None:
        values["root"] = str(values["root"])
    for key, allowed in (
        ("format", ("edgelist", "matrix", "multinet")),
        ("nodes_format", ("attributes", "reports_to", "multinet")),
        ("time_format", ("iso", "unix", "offset")),
    ):
        if values.get(key, allowed[0]) not in allowed:
            raise ParameterError(
                f"{where}mapping: {key} must be {', '.join(allowed[:-1])} or {allowed[-1]}, "
                f"not {values[key]!r}"
            )
    _check_times(values, where)
    for key, allowed, kind in (
        ("audience", c.AUDIENCES, "audiences"),
        ("action", c.ACTIONS, "actions"),
        ("default_function", c.FUNCTIONS, "functions"),
    ):
        if key in values:
            values[key] = mapping_choice(path, "mapping", key, values[key], allowed, kind)
    return EdgeListMapping(**values)


def _check_times(values: dict[str, Any], where: str) -> None:
    """Refuse a ``timezone`` pandas does not know, and a ``time_origin`` or ``default_time``
    that is no time with its zone (they would stop the import with a traceback)."""
    zone = values.get("timezone", "UTC")
    try:
        known = isinstance(zone, str) and pd.Timestamp(0).tz_localize(zone) is not None
    except (LookupError, ValueError, TypeError):  # ZoneInfoNotFoundError is a KeyError
        known = False
    if not known:
        raise ParameterError(
            f"{where}mapping: timezone {zone!r} is not a time zone (e.g. Europe/Amsterdam, UTC)"
        )
    for key in ("time_origin", "default_time"):
        value = values.get(key, "2000-01-01T00:00:00Z")
        try:
            aware = pd.Timestamp(value).tz is not None
        except (ValueError, TypeError):
            aware = False
        if not aware:
            raise ParameterError(
                f"{where}mapping: {key} {str(value)!r} is not a time with its zone "
                "(e.g. 2000-01-01T00:00:00Z)"
            )


# --- reading text tables -------------------------------------------------------------


def _records(path: Path, delimiter: str | None, comment: str | None = None) -> list[Record]:
    try:
        return split_records(read_text(path), delimiter, comment)
    except csv.Error as error:
        raise DatasetError(path, f"cannot be read: {error}") from None


def _read_table(
    path: Path, delimiter: str | None, header: bool, comment: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Well-formed records as text (index: editor line) and the malformed ones as rejects.

    With a header, a record must have as many fields as the header; without
    one, as many as most records have.
    """
    plain = delimiter is not None and len(delimiter) == 1 and not comment
    if plain and (frame := plain_csv_frame(path, delimiter, header)) is not None:
        return frame
    records = _records(path, delimiter, comment)
    if not records:
        raise DatasetError(path, "the file is empty")
    if header:
        check_utf8(path, records[:1])
        return frame_of(path, records[1:], records[0][1])
    return frame_of(path, records, list(range(usual_width(records))))


def _pick(
    frame: pd.DataFrame, column: Column | None, path: Path, what: str, default: str = ""
) -> pd.Series:
    """A column by name or 0-based position; ``default`` in every row when ``column`` is None."""
    if column is None:
        return pd.Series(default, index=frame.index)
    if isinstance(column, int):
        if column >= len(frame.columns):
            raise DatasetError(
                path,
                f"{what}: column {column} does not exist (0-based; the file has "
                f"{plural(len(frame.columns), 'column')})",
            )
        return frame.iloc[:, column]
    if column not in frame.columns:
        raise missing_column(path, what, column, frame)
    return frame[column]


# --- multinet (.mpx) -------------------------------------------------------------------


def read_multinet(path: Path) -> dict[str, list[Record]]:
    """The sections of a multinet file (``#LAYERS``, ``#ACTORS``, ``#EDGES``, ...) as records;
    a DatasetError when it is not a multiplex multinet file. Lines starting with ``--``
    are comments; fields are comma separated.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     mpx = Path(folder) / "x.mpx"
    ...     _ = mpx.write_text("#TYPE\\nmultiplex\\n-- note\\n#EDGES\\na,b,work\\n")
    ...     read_multinet(mpx)["#EDGES"]
    [(5, ['a', 'b', 'work'])]
    """
    lines = read_text(path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections: dict[str, list[Record]] = {}
    current: str | None = None
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("--"):
            continue
        if text.startswith("#"):
            current = " ".join(text.upper().split())
            sections.setdefault(current, [])
            continue
        if current is None:
            raise DatasetError(
                path,
                f"line {number}: data before the first section (#TYPE, #LAYERS, #ACTORS, "
                "#EDGES ...): not a multinet file",
            )
        sections[current].append((number, [value.strip() for value in next(csv.reader([text]))]))
    if "#EDGES" not in sections and "#ACTORS" not in sections:
        raise DatasetError(path, "no #EDGES or #ACTORS section: not a multinet (.mpx) file")
    kind = [fields[0].lower() for _, fields in sections.get("#TYPE", []) if fields]
    if kind and kind[0] != "multiplex":
        raise DatasetError(
            path, f"#TYPE {kind[0]}: only multiplex files (edges within layers) can be imported"
        )
    return sections


def roster_from_reports_to(
    tree: pd.DataFrame, root: str, name: Callable[[str], str] = str
) -> pd.DataFrame:
    """Departments (``team <manager>``) and business units (``unit <head>``) from a
    reports-to hierarchy, as docs/importers.md says (``reports_to``). ``name`` spells a
    manager's id in these names: the pseudonym, when ids are pseudonymised, so that no
    team or unit carries a person's address.

    Parameters
    ----------
    tree
        ``node_id`` and ``manager`` (text); the root may report to itself.

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
    rows = [(root, "executive", "executive")]
    for head in sorted(children.get(root, []), key=_natural):
        unit = f"unit {name(head)}"
        rows.append((head, f"team {name(head)}", unit))
        stack = [head]
        while stack:
            manager = stack.pop()
            for node in sorted(children.get(manager, []), key=_natural):
                rows.append((node, f"team {name(manager)}", unit))
                stack.append(node)
    roster = pd.DataFrame(rows, columns=["node_id", "department", "business_unit"])
    return roster.sort_values("node_id", key=lambda s: s.map(_natural), ignore_index=True)


def _natural(text: str) -> tuple[int, str]:
    return (int(text), "") if text.isdigit() else (10**12, text)


# --- nodes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Nodes:
    """The usable nodes, the rejected node rows, and every node record's place in the file."""

    file: Path
    table: pd.DataFrame  # node_id, department, business_unit, function
    rejects: pd.DataFrame
    order: list[str]  # the ids of all node records in file order (matrix rows and columns)
    rejected_line: dict[str, int]  # id -> line of its rejected row

    def unknown(self, role: str, node: str) -> str:
        """Why an edge's ``role`` (source, target) ``node`` is not one of the usable nodes."""
        line = self.rejected_line.get(node)
        if line is None:
            return f"{role} is not in the node file {self.file.name}"
        return f"{role}'s row in the node file {self.file.name} (line {line}) was rejected"


def _nodes(path: Path, mapping: EdgeListMapping, rename: Callable[[str], str]) -> Nodes:
    """Node id -> department, unit, function; plus rejected node rows with reasons."""
    if mapping.nodes_format == "multinet":  # column actor, then one per #ACTOR ATTRIBUTES line
        sections = read_multinet(path)
        if not sections.get("#ACTORS"):
            raise DatasetError(path, "no #ACTORS section: the actors' attributes are needed")
        check_utf8(path, sections.get("#ACTOR ATTRIBUTES", []))  # they name the columns
        names = ["actor", *(fields[0] for _, fields in sections.get("#ACTOR ATTRIBUTES", []))]
        expected = " (the actor and its #ACTOR ATTRIBUTES)"
        raw, malformed = frame_of(path, sections["#ACTORS"], names, expected)
        ids = raw["actor"]
    else:
        raw, malformed = _read_table(path, mapping.nodes_delimiter, mapping.nodes_header)
        ids = _pick(raw, mapping.node_id, path, "node_id")
    # a malformed line's node, so that its matrix row and column are rejected
    placeholders = {f"<{path.name} line {line}>": line for line in malformed["line"]}
    order = sorted([*zip(raw.index, ids, strict=True), *((v, k) for k, v in placeholders.items())])
    first_line = pd.Series(ids.index, index=ids.to_numpy()).groupby(level=0).first()
    repeated = ids.duplicated(keep="first") & (ids != "")
    common = [
        (ids == "", "no node id"),
        (repeated, (ids, lambda v: f"the same node id as on line {first_line.get(v)}")),
    ]
    if mapping.nodes_format == "reports_to":
        columns, reasons = _reports_to(raw, ids, path, mapping, common, rename)
    else:
        columns, reasons = _attributes(raw, ids, path, mapping, common)
    bad = reasons != ""
    table = pd.DataFrame({"node_id": ids, **columns})
    shown = ids[bad].map(lambda v: rename(v) if v else "")
    rejected_line = {
        **placeholders,
        **{v: line for line, v in ids[bad & (ids != "") & ~repeated].items()},
    }
    return Nodes(
        path,
        table.loc[~bad].reset_index(drop=True),
        table_rejects(path.name, malformed, reasons, shown),
        [node for _, node in order],
        rejected_line,
    )


def _reports_to(
    raw: pd.DataFrame,
    ids: pd.Series,
    path: Path,
    mapping: EdgeListMapping,
    common: list,
    rename: Callable[[str], str],
) -> tuple[dict, pd.Series]:
    """Each node's columns from the hierarchy, and why a node is rejected ("" when kept)."""
    if mapping.root is None:
        raise ParameterError("mapping: nodes_format reports_to needs 'root'")
    if mapping.root not in set(ids):
        raise DatasetError(path, f"root {mapping.root!r} is not a node id in the file")
    managers = _pick(raw, mapping.manager, path, "manager")
    usable = first_reason(common, raw.index) == ""
    tree = pd.DataFrame({"node_id": ids[usable], "manager": managers[usable]})
    roster = roster_from_reports_to(tree, mapping.root, rename).set_index("node_id")
    placed = ids.isin(set(roster.index))
    reasons = first_reason(
        [
            *common,
            # the root as the rejects show every id: pseudonymised when ids are
            (~placed, f"not connected to the root {rename(mapping.root)!r} of the hierarchy"),
        ],
        raw.index,
    )
    columns = {name: ids.map(roster[name]).fillna("") for name in ("department", "business_unit")}
    return {**columns, "function": mapping.default_function}, reasons


def _attributes(
    raw: pd.DataFrame, ids: pd.Series, path: Path, mapping: EdgeListMapping, common: list
) -> tuple[dict, pd.Series]:
    """Each node's columns from its attributes, and why a node is rejected ("" when kept)."""
    department = _pick(raw, mapping.department, path, "department")
    department = department.map(lambda v: mapping.department_labels.get(v, v))
    unit = _pick(raw, mapping.business_unit, path, "business_unit", mapping.default_business_unit)
    if mapping.business_unit is not None:
        unit = unit.map(lambda v: mapping.business_unit_labels.get(v, v))
    function = _pick(raw, mapping.function, path, "function", mapping.default_function)
    if mapping.department_within_unit:
        department = (unit + " " + department).where((unit != "") & (department != ""), "")
    checks = [
        *common,
        (department == "", f"no department (column {mapping.department!r})"),
        (unit == "", f"no business unit (column {mapping.business_unit!r})"),
        (
            ~function.isin(c.FUNCTIONS),
            (function, lambda v: f"function {v!r} is not one of {', '.join(c.FUNCTIONS)}"),
        ),
    ]
    reasons = unit_clashes(first_reason(checks, raw.index), department, unit, say_line=True)
    return {"department": department, "business_unit": unit, "function": function}, reasons


# --- edges ---------------------------------------------------------------------------


def _matrix_edges(
    path: Path, mapping: EdgeListMapping, nodes: Nodes
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One edge per positive cell; a row of the wrong width or with a non-number is rejected."""
    records = _records(path, mapping.delimiter, mapping.comment)
    order = nodes.order
    if len(records) != len(order):
        raise DatasetError(
            path,
            f"the matrix has {plural(len(records), 'row')} but the node file {nodes.file} has "
            f"{plural(len(order), 'node')}: rows and columns are the nodes, in the node "
            "file's order",
        )
    rows: list[tuple[int, str, str, str, str]] = []
    rejected: dict[int, str] = {}  # line -> reason
    for (line, fields), sender in zip(records, order, strict=True):
        if len(fields) != len(order):
            rejected[line] = (
                f"{plural(len(fields), 'field')}, expected {len(order)} (one per node in "
                f"{nodes.file.name})"
            )
            continue
        values = pd.to_numeric(pd.Series(fields), errors="coerce")
        if values.isna().any():
            column = int(values.isna().to_numpy().argmax())
            rejected[line] = f"column {column + 1}: {fields[column]!r} is not a number"
            continue
        for column in np.flatnonzero(values.to_numpy() > 0):
            rows.append((line, sender, order[column], str(values.iloc[column]), ""))
    edges = pd.DataFrame(rows, columns=["line", "source", "target", "tie", "time"])
    edges = edges.set_index("line").assign(channel=mapping.channel, undirected=mapping.undirected)
    return edges, reject_frame(path.name, rejected, rejected.values())


def _list_edges(path: Path, mapping: EdgeListMapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Edge rows as text: source, target, tie, time, channel, undirected; malformed lines."""
    if mapping.format == "multinet":
        given = [k for k in ("tie", "time", "channel_column") if getattr(mapping, k) is not None]
        if given:
            raise ParameterError(
                f"mapping: {', '.join(given)} cannot be used with format multinet (the file's "
                "edges are actor, actor, layer; the layer is the channel)"
            )
        sections = read_multinet(path)
        # a layer not declared in #LAYERS is undirected, as in the multinet library
        directed = {
            fields[0]
            for _, fields in sections.get("#LAYERS", [])
            if len(fields) > 1 and fields[1].upper() == "DIRECTED"
        }
        usable: list[Record] = []
        short: dict[int, str] = {}  # line -> reason
        for line, fields in sections.get("#EDGES", []):
            if len(fields) < 3:
                short[line] = (
                    f"{plural(len(fields), 'field')}, expected at least 3 (actor, actor, layer)"
                )
            else:  # an edge attribute is ignored, but a byte not UTF-8 in it rejects the line
                usable.append((line, fields if has_bad_byte(fields) else fields[:3]))
        raw, not_utf8 = frame_of(path, usable, ["source", "target", "layer"])
        malformed = combine_rejects([reject_frame(path.name, short, short.values()), not_utf8])
        undirected = mapping.undirected | ~raw["layer"].isin(directed)
        edges = raw.rename(columns={"layer": "channel"}).assign(
            tie="1", time="", undirected=undirected
        )
    else:
        raw, malformed = _read_table(path, mapping.delimiter, mapping.header, mapping.comment)
        edges = {
            "source": _pick(raw, mapping.source, path, "source"),
            "target": _pick(raw, mapping.target, path, "target"),
            "tie": _pick(raw, mapping.tie, path, "tie", "1"),
            "time": _pick(raw, mapping.time, path, "time"),
            "channel": _pick(raw, mapping.channel_column, path, "channel_column", mapping.channel),
            "undirected": mapping.undirected,
        }
    return pd.DataFrame(edges, index=raw.index), malformed


def _times(text: pd.Series, mapping: EdgeListMapping) -> pd.Series:
    """Each edge's time (UTC; NaT when unreadable), or the default time without a time column."""
    if mapping.time is None:
        return pd.Series(pd.Timestamp(mapping.default_time).tz_convert("UTC"), index=text.index)
    if mapping.time_format == "iso":
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=False)
        if getattr(parsed.dt, "tz", None) is None:
            parsed = parsed.dt.tz_localize(mapping.timezone, ambiguous="NaT", nonexistent="NaT")
        return parsed.dt.tz_convert("UTC")
    seconds = pd.to_numeric(text, errors="coerce")
    if mapping.time_format == "unix":
        return pd.to_datetime(seconds, unit="s", utc=True)
    return pd.Timestamp(mapping.time_origin).tz_convert("UTC") + pd.to_timedelta(seconds, unit="s")


def fold_undirected(edges: pd.DataFrame) -> pd.DataFrame:
    """One row per undirected tie (pair, channel, time), however often and which way it is listed.

    Its value is the larger of its two directions' totals (docs/importers.md,
    ``undirected``); the row keeps the pair in sorted order and the first line it was listed on.

    Examples
    --------
    >>> edges = pd.DataFrame(
    ...     {"source": ["a", "b", "a"], "target": ["b", "a", "c"], "tie": [1.0, 1.0, 2.0],
    ...      "channel": "work", "timestamp": 0},
    ...     index=pd.Index([3, 4, 5], name="line"),
    ... )
    >>> fold_undirected(edges)[["source", "target", "tie"]].values.tolist()
    [['a', 'b', 1.0], ['a', 'c', 2.0]]
    """
    forward = edges["source"] <= edges["target"]
    pairs = edges.assign(
        source=edges["source"].where(forward, edges["target"]),
        target=edges["target"].where(forward, edges["source"]),
        forward=forward,
        first=edges.index,
    )
    keys = ["source", "target", "channel", "timestamp"]
    per_direction = pairs.groupby([*keys, "forward"], sort=False).agg(
        tie=("tie", "sum"), first=("first", "min")
    )
    ties = per_direction.groupby(level=keys, sort=False).agg(
        tie=("tie", "max"), first=("first", "min")
    )
    folded = ties.reset_index().set_index("first").rename_axis("line").sort_index()
    return folded[[col for col in edges.columns if col in folded.columns]]


def _usable_edges(
    path: Path,
    edges: pd.DataFrame,
    malformed: pd.DataFrame,
    mapping: EdgeListMapping,
    nodes: Nodes,
    rename: Callable[[str], str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The edge rows that can be used, with their tie as a number and their ``timestamp``,
    and the rejected ones (``malformed`` and the rows a check fails) in line order."""
    tie = pd.to_numeric(edges["tie"], errors="coerce")
    times = _times(edges["time"], mapping)
    known = set(nodes.table["node_id"])
    checks = [
        (edges["source"] == "", "no source"),
        (edges["target"] == "", "no target"),
        (edges["channel"] == "", f"no channel (column {mapping.channel_column!r})"),
        (edges["tie"] == "", "no tie value"),
        (tie.isna(), (edges["tie"], lambda v: f"tie value {v!r} is not a number")),
    ]
    if mapping.time is not None:
        wanted = {
            "iso": "an ISO-8601 time",
            "unix": "seconds since 1970",
            "offset": f"seconds after {mapping.time_origin}",
        }[mapping.time_format]
        said = f"cannot be read (expected {wanted})"
        checks += [
            (edges["time"] == "", "no time"),
            (times.isna(), (edges["time"], lambda v: f"time {v!r} {said}")),
        ]
    checks += [
        (~edges[role].isin(known), (edges[role], partial(nodes.unknown, role)))
        for role in ("source", "target")
    ]
    reasons = first_reason(checks, edges.index)
    bad = reasons != ""
    shown = edges.loc[bad, "source"].map(rename) + " -> " + edges.loc[bad, "target"].map(rename)
    rejects = table_rejects(path.name, malformed, reasons, shown)
    return edges.loc[~bad].assign(tie=tie[~bad], timestamp=times[~bad]), rejects


def _activity(
    edges: pd.DataFrame, mapping: EdgeListMapping, rename: Callable[[str], str]
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The contract events of the usable edges (one per unit of tie strength, rounded, at
    least one), and the counts of the ties left out or folded and of the events made."""
    no_tie = edges["tie"] <= 0
    self_loop = (edges["source"] == edges["target"]) & ~no_tie
    keep = ~no_tie & ~(self_loop & mapping.drop_self_loops)
    undirected = edges.loc[keep & edges["undirected"]]
    folded = fold_undirected(undirected)
    if mapping.format == "multinet":  # its edges have no weight: a tie listed again is one
        folded = folded.assign(tie=folded["tie"].clip(upper=1))
    kept = pd.concat([edges.loc[keep & ~edges["undirected"]], folded]).sort_index(kind="stable")
    repeats = kept["tie"].round().clip(lower=1).astype("int64").to_numpy()
    kept = kept.iloc[np.repeat(np.arange(len(kept)), repeats)].reset_index(drop=True)
    names = {
        node: rename(node) for node in pd.unique(kept[["source", "target"]].to_numpy().ravel())
    }
    activity = activity_frame(
        [f"{mapping.event_prefix}{i}" for i in range(1, len(kept) + 1)],
        kept["timestamp"],
        kept["source"].map(names),
        kept["target"].map(names),
        kept["channel"],
        mapping.audience,
        mapping.action,
    )
    return activity, {
        "edge_rows_without_tie": int(no_tie.sum()),
        "self_loops_dropped": int(self_loop.sum()) if mapping.drop_self_loops else 0,
        "undirected_rows": len(undirected),
        "undirected_ties": len(folded),
        "channels": int(activity["channel"].nunique()),
        "events": len(activity),
        "events_at_default_time": len(activity) if mapping.time is None else 0,
    }


def import_edgelist(
    edges_path: Path,
    nodes_path: Path,
    mapping: EdgeListMapping,
    pseudonym: Callable[[str], str] | None = None,
) -> Imported:
    """Read an edge list (adjacency matrix, multinet file) and its nodes into contract frames;
    node ids become ``pseudonym``'s unless the mapping says ``pseudonymise: false``."""
    if mapping.pseudonymise and pseudonym is None:
        raise ParameterError(
            "node ids are pseudonymised: give the secret (ORGSOCIAL_SECRET or --secret-file), "
            "or set 'pseudonymise: false' in the mapping for ids that identify nobody"
        )
    # each node's pseudonym is computed once, however many rows and names carry it
    rename = cache(pseudonym) if mapping.pseudonymise and pseudonym is not None else str
    with windows_1252_read() as legacy:
        nodes = _nodes(nodes_path, mapping, rename)
        if nodes.table.empty:
            raise DatasetError(nodes_path, "no usable node: nothing to import")
        if mapping.format == "matrix":
            edges, malformed = _matrix_edges(edges_path, mapping, nodes)
        else:
            edges, malformed = _list_edges(edges_path, mapping)
    edges, edge_rejects = _usable_edges(edges_path, edges, malformed, mapping, nodes, rename)
    activity, edge_counts = _activity(edges, mapping, rename)
    table = nodes.table
    facing = table["department"].isin(mapping.customer_facing)
    counts = {
        "nodes": len(table),
        "nodes_rejected": len(nodes.rejects),
        "edge_rows": len(edges) + len(edge_rejects),
        "edge_rows_rejected": len(edge_rejects),
        **edge_counts,
    }
    return Imported(
        departments=department_table(
            table["department"], table["business_unit"], table["function"], facing
        ),
        employees=pd.DataFrame(
            {"employee_id": table["node_id"].map(rename), "department": table["department"]}
        ),
        activity=activity,
        rejects=combine_rejects([nodes.rejects, edge_rejects]),
        counts=counts,
        windows_1252=tuple(legacy),
    )
