"""The edge-list importer on small hand-written files: every problem named, nothing lost."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.errors import DatasetError, ParameterError
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
    assert (
        rejects
        == {
            ("nodes.csv", 5): "no department or business unit",
            ("edges.csv", 4): "target is not in the node file",
            ("edges.csv", 5): "source is not in the node file",  # d was rejected as a node
        }
        or rejects[("edges.csv", 5)] == "time cannot be read"
    )
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
    with pytest.raises(DatasetError, match="2 x 2 but the node file has 3"):
        import_edgelist(matrix, nodes, m)


def test_missing_column_and_unknown_mapping_key_are_clear(files):
    edges, nodes = files
    with pytest.raises(DatasetError, match="source: column 'sender' is missing"):
        import_edgelist(edges, nodes, mapping(source="sender"))
    with pytest.raises(ParameterError, match="unknown key"):
        load_mapping(None, colour="red")


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
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    missing = run(tmp_path / "nope.csv")
    assert missing.exit_code == EXIT_BAD_INPUT and "Traceback" not in missing.output


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
