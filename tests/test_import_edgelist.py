"""The edge-list importer on small hand-written files: every problem named, nothing lost."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.importers import contract_frames
from orgsocial.importers.edgelist import (
    import_edgelist,
    load_mapping,
    roster_from_reports_to,
)


@pytest.fixture
def files(tmp_path):
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,dept,unit\na,Sales,North\nb,Sales,North\nc,IT,South\nd,,South\n")
    edges = tmp_path / "edges.csv"
    edges.write_text(
        "from;to;when\n"
        "a;b;2026-07-01 10:00:00\n"
        "a;c;2026-07-01 11:00:00\n"
        "a;x;2026-07-01 12:00:00\n"
        "c;a;not a time\n"
        "b;b;2026-07-02 09:00:00\n"
    )
    return edges, nodes


def mapping(**extra):
    keys = {
        "delimiter": ";",
        "source": "from",
        "target": "to",
        "time": "when",
        "node_id": "id",
        "department": "dept",
        "business_unit": "unit",
        "timezone": "Europe/Amsterdam",
        "pseudonymise": False,
    }
    return load_mapping(None, **{**keys, **extra})


def test_edges_become_contract_events_and_problems_are_rejected_with_lines(files):
    edges, nodes = files
    result = import_edgelist(edges, nodes, mapping())
    assert result.activity[["actor_id", "target_id"]].values.tolist() == [["a", "b"], ["a", "c"]]
    assert result.activity["timestamp"].tolist() == ["2026-07-01T08:00:00Z", "2026-07-01T09:00:00Z"]
    rejects = result.rejects.set_index(["file", "line"])["reason"].to_dict()
    assert rejects == {
        ("nodes.csv", 5): "no department (column 'dept')",
        ("edges.csv", 4): "target is not in the node file nodes.csv",
        ("edges.csv", 5): "time 'not a time' cannot be read (expected an ISO-8601 time)",
    }
    assert result.counts["self_loops_dropped"] == 1
    assert result.counts["edge_rows"] == 5
    assert len(result.activity) + result.counts["edge_rows_rejected"] + 1 == 5
    assert result.departments.to_dict("records") == [
        {
            "department": "IT",
            "business_unit": "South",
            "function": "other",
            "customer_facing": "false",
        },
        {
            "department": "Sales",
            "business_unit": "North",
            "function": "other",
            "customer_facing": "false",
        },
    ]


def test_tie_counts_and_undirected_pairs(tmp_path):
    nodes = tmp_path / "n.csv"
    nodes.write_text("id,department\na,X\nb,Y\n")
    edges = tmp_path / "e.txt"
    edges.write_text("a b 3\nb a 3\na a 1\nb b 0\n")
    m = dict(delimiter="whitespace", header=False, source=0, target=1, tie=2, pseudonymise=False)
    assert len(import_edgelist(edges, nodes, load_mapping(None, **m)).activity) == 6
    undirected = import_edgelist(edges, nodes, load_mapping(None, undirected=True, **m))
    assert len(undirected.activity) == 3


def test_matrix_must_match_the_nodes(tmp_path):
    nodes = tmp_path / "n.txt"
    nodes.write_text("1 X\n2 Y\n3 Y\n")
    matrix = tmp_path / "m.txt"
    matrix.write_text("0 1\n1 0\n")
    m = load_mapping(
        None,
        pseudonymise=False,
        format="matrix",
        delimiter="whitespace",
        nodes_delimiter="whitespace",
        nodes_header=False,
        node_id=0,
        department=1,
    )
    with pytest.raises(
        DatasetError, match=r"m.txt: the matrix has 2 rows but the node file .*n.txt"
    ):
        import_edgelist(matrix, nodes, m)


def test_missing_column_and_unknown_mapping_key_are_clear(files):
    edges, nodes = files
    with pytest.raises(DatasetError, match="source: column 'sender' is missing"):
        import_edgelist(edges, nodes, mapping(source="sender"))
    with pytest.raises(ParameterError, match="unknown key"):
        load_mapping(None, colour="red")


@pytest.mark.parametrize(
    ("key", "value", "meant", "kind"),
    [
        ("audience", "extrenal", "external", "audiences"),
        ("action", "mesage", "message", "actions"),
        ("default_function", "salse", "sales", "functions"),
    ],
)
def test_a_misspelt_contract_value_in_the_mapping_is_refused(
    files, tmp_path, key, value, meant, kind
):
    """An audience or action was written into every event as it stood (exit 0); a default
    function rejected every node ("no usable node"), or, for a hierarchy, was written."""
    edges, nodes = files
    config = tmp_path / "m.yaml"
    config.write_text(f"pseudonymise: false\n{key}: {value}\n")
    out = tmp_path / "out"
    arguments = ["import", "edgelist", str(edges), "--nodes", str(nodes), "--mapping", str(config)]
    result = CliRunner().invoke(app, [*arguments, "--out", str(out)])
    assert result.exit_code == EXIT_BAD_INPUT
    said = f"error: {config}: mapping: {key}: {value!r} (did you mean {meant!r}?) is not one of "
    assert result.output.startswith(said) and result.output.count("\n") == 1
    assert f"the data contract's {kind} (" in result.output and not out.exists()
    assert getattr(load_mapping(None, **{key: meant.upper()}), key) == meant


def test_roster_from_a_hierarchy():
    tree = pd.DataFrame(
        {"node_id": ["1", "2", "3", "4", "5", "9"], "manager": ["1", "1", "1", "2", "4", "8"]}
    )
    roster = roster_from_reports_to(tree, "1").set_index("node_id")
    assert (
        roster.loc["2", "business_unit"] == "unit 2"
        and roster.loc["3", "business_unit"] == "unit 3"
    )
    assert roster.loc["4", "department"] == "team 2" and roster.loc["5", "department"] == "team 4"
    assert "9" not in roster.index  # not under the root


def test_cli_check_writes_nothing_and_bad_input_exits_2(files, tmp_path):
    edges, nodes = files
    config = tmp_path / "m.yaml"
    config.write_text(
        "delimiter: ';'\nsource: from\ntarget: to\ntime: when\nnode_id: id\n"
        "department: dept\nbusiness_unit: unit\npseudonymise: false\n"
    )
    out = tmp_path / "out"
    runner = CliRunner()

    def run(source, *extra):
        arguments = ["import", "edgelist", str(source), "--nodes", str(nodes)]
        return runner.invoke(app, [*arguments, "--mapping", str(config), "--out", str(out), *extra])

    checked = run(edges, "--check")
    assert checked.exit_code == 0, checked.output
    assert "target is not in the node file" in checked.output and not out.exists()
    written = run(edges)
    assert written.exit_code == 0 and (out / "import_edgelist_rejects.csv").is_file()
    assert "departments.csv: 2 row(s) in 2 business unit(s) from this import" in written.output
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    missing = run(tmp_path / "nope.csv")
    assert missing.exit_code == EXIT_BAD_INPUT and "Traceback" not in missing.output
    # the units were named before the refusal to write into a dataset (the new-user trial)
    again = run(edges)
    assert again.exit_code == EXIT_BAD_INPUT and "already holds" in again.output
    assert "business unit" not in again.output
    gone = tmp_path / "gone.yaml"  # was "cannot read the mapping: [Errno 2] No such file ..."
    arguments = ["import", "edgelist", str(edges), "--nodes", str(nodes), "--out", str(out)]
    no_mapping = runner.invoke(app, [*arguments, "--mapping", str(gone)])
    assert no_mapping.exit_code == EXIT_BAD_INPUT
    assert f"error: {gone}: cannot read the mapping: No such file or directory\n" in (
        no_mapping.output
    )


def test_node_ids_are_pseudonymised_by_default(files):
    from orgsocial.errors import ParameterError
    from orgsocial.importers.pseudonym import Pseudonymiser

    edges, nodes = files
    keyed = mapping(pseudonymise=True)
    with pytest.raises(ParameterError, match="pseudonymised"):
        import_edgelist(edges, nodes, keyed)
    pseudonym = Pseudonymiser(b"sixteen bytes or more here")
    result = import_edgelist(edges, nodes, keyed, pseudonym)
    assert set(result.employees["employee_id"]) == {pseudonym(n) for n in "abc"}
    assert set(result.activity["actor_id"]) <= set(result.employees["employee_id"])


def test_teams_and_units_of_a_pseudonymised_hierarchy_carry_no_address(tmp_path):
    from orgsocial.importers.pseudonym import Pseudonymiser

    people = ["boss@example.org", "ann@example.org", "bob@example.org", "cy@example.org"]
    managers = [people[0], people[0], people[1], people[2]]
    nodes = tmp_path / "reportsto.csv"
    nodes.write_text(
        "id;manager\n" + "".join(f"{p};{m}\n" for p, m in zip(people, managers, strict=True))
    )
    edges = tmp_path / "edges.csv"
    edges.write_text(f"from;to;when\n{people[2]};{people[3]};2026-07-01 10:00:00\n")
    keyed = mapping(
        pseudonymise=True,
        nodes_format="reports_to",
        nodes_delimiter=";",
        manager="manager",
        root=people[0],
        department=None,
        business_unit=None,
    )
    pseudonym = Pseudonymiser(b"sixteen bytes or more here")
    result = import_edgelist(edges, nodes, keyed, pseudonym)
    written = "\n".join(frame.to_csv() for frame in contract_frames(result).values())
    assert "@" not in written and "example" not in written
    assert set(result.departments["department"]) == {
        "executive",
        f"team {pseudonym(people[1])}",
        f"team {pseudonym(people[2])}",
    }
    assert set(result.departments["business_unit"]) == {"executive", f"unit {pseudonym(people[1])}"}
    # a person outside the hierarchy is set aside; the reason names the root's pseudonym
    nodes.write_text(nodes.read_text() + "dee@example.org;nobody@example.org\n")
    result = import_edgelist(edges, nodes, keyed, pseudonym)
    assert "@" not in result.rejects.to_csv()
    assert pseudonym(people[0]) in " ".join(result.rejects["reason"])


# --- lenient reading: every bad line rejected with its editor line, the rest imported -----

SNAP = dict(
    delimiter="whitespace",
    header=False,
    source=0,
    target=1,
    nodes_delimiter="whitespace",
    nodes_header=False,
    node_id=0,
    department=1,
    pseudonymise=False,
)


def test_malformed_lines_of_a_headerless_list_are_rejected_and_the_rest_imported(tmp_path):
    nodes = tmp_path / "n.txt"
    nodes.write_text("0 1\n1 1\n2 2\n")
    edges = tmp_path / "e.txt"
    # line 9 has 3 fields, line 10 one; a blank line (11) and a comment (12) are no records
    edges.write_text("0 1\n1 2\n2 0\n0 2\n1 0\n2 1\n0 1\n1 2\n0 1 7\n2\n\n% note\n2 0\n")
    result = import_edgelist(edges, nodes, load_mapping(None, comment="%", **SNAP))
    assert result.rejects[["file", "line", "reason"]].values.tolist() == [
        ["e.txt", 9, "3 fields, expected 2"],
        ["e.txt", 10, "1 field, expected 2"],
    ]
    assert len(result.activity) == 9
    assert (result.counts["edge_rows"], result.counts["edge_rows_rejected"]) == (11, 2)


def test_missing_and_unreadable_values_say_what_is_wrong(tmp_path):
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,department\na,X\nb,Y\n")
    edges = tmp_path / "edges.csv"
    edges.write_text(
        "from,to,n,when\n"
        "a,b,1,2026-07-01\n"  # 2: fine
        "a,,1,2026-07-01\n"  # 3
        ",b,1,2026-07-01\n"  # 4
        "a,b,many,2026-07-01\n"  # 5
        "a,b,1\n"  # 6
        "a,b,,2026-07-01\n"  # 7
        "a,b,1,\n"  # 8
        "b,a,2,2026-07-02\n"  # 9: fine, two events
    )
    mapping = load_mapping(
        None, delimiter=",", source="from", target="to", tie="n", time="when", pseudonymise=False
    )
    result = import_edgelist(edges, nodes, mapping)
    assert result.rejects.set_index("line")["reason"].to_dict() == {
        3: "no target",
        4: "no source",
        5: "tie value 'many' is not a number",
        6: "3 fields, expected 4",
        7: "no tie value",
        8: "no time",
    }
    assert len(result.activity) == 3 and result.counts["edge_rows"] == 8


def test_edges_of_a_rejected_node_say_so_and_rejects_hold_no_raw_ids(tmp_path):
    from orgsocial.importers.pseudonym import Pseudonymiser

    nodes = tmp_path / "people.csv"
    nodes.write_text(
        "id,department,unit\n"
        "ann@x.org,Sales,North\n"
        "bob@x.org,,North\n"  # 3: no department
        "cy@x.org,Sales,South\n"  # 4: Sales is already in North
        "ann@x.org,IT,North\n"  # 5: the same id again
    )
    edges = tmp_path / "mail.csv"
    edges.write_text(
        "source,target\nann@x.org,bob@x.org\ncy@x.org,ann@x.org\nann@x.org,dan@x.org\n"
    )
    pseudonym = Pseudonymiser(b"sixteen bytes or more here")
    result = import_edgelist(
        edges, nodes, load_mapping(None, delimiter=",", business_unit="unit"), pseudonym
    )
    reasons = result.rejects.set_index(["file", "line"])["reason"].to_dict()
    assert reasons == {
        ("people.csv", 3): "no department (column 'department')",
        ("people.csv", 4): "department 'Sales' is already in business unit 'North' (line 2)",
        ("people.csv", 5): "the same node id as on line 2",
        ("mail.csv", 2): "target's row in the node file people.csv (line 3) was rejected",
        ("mail.csv", 3): "source's row in the node file people.csv (line 4) was rejected",
        ("mail.csv", 4): "target is not in the node file people.csv",
    }
    written = result.rejects.to_csv()
    assert "x.org" not in written and pseudonym("dan@x.org") in written


def test_channel_from_a_column_and_undirected_ties_counted_once(tmp_path):
    nodes = tmp_path / "n.csv"
    nodes.write_text("id,department\na,X\nb,Y\nc,Y\n")
    edges = tmp_path / "layers.csv"
    edges.write_text(
        "from,to,layer\n"
        "a,b,work\n"
        "b,a,work\n"  # the same undirected tie, listed the other way
        "a,b,lunch\n"  # another layer: its own tie
        "c,b,work\n"  # listed once, in "descending" order: still a tie
        "a,c,\n"  # no channel
    )
    mapping = load_mapping(
        None,
        delimiter=",",
        source="from",
        target="to",
        channel_column="layer",
        undirected=True,
        pseudonymise=False,
    )
    result = import_edgelist(edges, nodes, mapping)
    events = result.activity[["actor_id", "target_id", "channel"]].values.tolist()
    assert events == [["a", "b", "work"], ["a", "b", "lunch"], ["b", "c", "work"]]
    assert result.rejects.set_index("line")["reason"].to_dict() == {
        6: "no channel (column 'layer')"
    }
    assert (result.counts["undirected_rows"], result.counts["undirected_ties"]) == (4, 3)
    directed = import_edgelist(
        edges, nodes, load_mapping(None, **{**mapping.__dict__, "undirected": False})
    )
    assert len(directed.activity) == 4


def test_a_bad_matrix_row_is_rejected_and_the_others_kept(tmp_path):
    nodes = tmp_path / "n.txt"
    nodes.write_text("1 X\n2 Y\n3 Y\n")
    matrix = tmp_path / "m.txt"
    matrix.write_text("0 1 1\n1 0\n1 x 0\n")
    m = load_mapping(
        None,
        pseudonymise=False,
        format="matrix",
        delimiter="whitespace",
        nodes_delimiter="whitespace",
        nodes_header=False,
        node_id=0,
        department=1,
    )
    result = import_edgelist(matrix, nodes, m)
    assert result.rejects[["line", "reason"]].values.tolist() == [
        [2, "2 fields, expected 3 (one per node in n.txt)"],
        [3, "column 2: 'x' is not a number"],
    ]
    assert result.activity[["actor_id", "target_id"]].values.tolist() == [["1", "2"], ["1", "3"]]


def test_unreadable_files_are_named(tmp_path, files):
    edges, nodes = files
    with pytest.raises(DatasetError, match=r"nope\.csv: cannot be read"):
        import_edgelist(edges, tmp_path / "nope.csv", mapping())
    with pytest.raises(DatasetError, match=r"gone\.csv: cannot be read"):
        import_edgelist(tmp_path / "gone.csv", nodes, mapping())
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n")
    with pytest.raises(DatasetError, match=r"empty\.csv: the file is empty"):
        import_edgelist(empty, nodes, mapping())


def test_strict_makes_the_first_reject_fatal_and_writes_nothing(files, tmp_path):
    edges, nodes = files
    config = tmp_path / "m.yaml"
    config.write_text(
        "delimiter: ';'\nsource: from\ntarget: to\ntime: when\nnode_id: id\n"
        "department: dept\nbusiness_unit: unit\npseudonymise: false\n"
    )
    out = tmp_path / "out"
    arguments = ["import", "edgelist", str(edges), "--nodes", str(nodes), "--mapping", str(config)]
    strict = CliRunner().invoke(app, [*arguments, "--out", str(out), "--strict"])
    assert strict.exit_code == EXIT_BAD_INPUT
    assert "nodes.csv: line 5: no department (column 'dept')" in strict.output
    assert "3 rejected records; nothing written" in strict.output and not out.exists()
    lenient = CliRunner().invoke(app, [*arguments, "--out", str(out)])
    assert lenient.exit_code == 0 and (out / "activity.csv").is_file()


@pytest.mark.parametrize(
    ("line", "message"),
    [  # each was a traceback (ZoneInfoNotFoundError, DateParseError, TypeError), exit 1
        (
            "timezone: Europe/Warsw",
            "timezone 'Europe/Warsw' is not a time zone (e.g. Europe/Amsterdam, UTC)",
        ),
        ("timezone: ''", "timezone '' is not a time zone (e.g. Europe/Amsterdam, UTC)"),
        (
            "time: when\ntime_format: offset\ntime_origin: soon",
            "time_origin 'soon' is not a time with its zone (e.g. 2000-01-01T00:00:00Z)",
        ),
        (
            "default_time: '2026-07-01'",
            "default_time '2026-07-01' is not a time with its zone (e.g. 2000-01-01T00:00:00Z)",
        ),
    ],
)
def test_a_mapping_time_zone_or_time_that_is_none_is_refused_in_one_line(
    files, tmp_path, line, message
):
    edges, nodes = files
    config = tmp_path / "m.yaml"
    config.write_text(f"delimiter: ';'\nsource: from\ntarget: to\npseudonymise: false\n{line}\n")
    arguments = ["import", "edgelist", str(edges), "--nodes", str(nodes), "--mapping", str(config)]
    result = CliRunner().invoke(app, [*arguments, "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.output == f"error: {config}: mapping: {message}\n"
    assert load_mapping(None, timezone="Europe/Warsaw").timezone == "Europe/Warsaw"
