"""Multiplex networks: AUCS (multinet .mpx, tests/data/real/aucs-multiplex) through the
edge-list importer with the shipped mapping, checked against counts computed here from
the raw file with plain Python, and the multinet reader's errors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.errors import DatasetError
from orgsocial.importers.edgelist import import_edgelist, load_mapping, read_multinet

ROOT = Path(__file__).resolve().parents[1]
AUCS = ROOT / "tests" / "data" / "real" / "aucs-multiplex" / "aucs.mpx"
MAPPING = ROOT / "docs" / "mappings" / "aucs.yaml"


def aucs_ties() -> tuple[dict[str, str], set[tuple[str, str, str]], int]:
    """Each actor's group, the undirected ties (a, b, layer) and the edge lines, from the file."""
    group: dict[str, str] = {}
    ties: set[tuple[str, str, str]] = set()
    lines = 0
    section = ""
    for line in AUCS.read_text().splitlines():
        if line.startswith("#"):
            section = line
        elif line.strip() and section == "#ACTORS":
            actor, actor_group, _role = line.split(",")
            group[actor] = actor_group
        elif line.strip() and section == "#EDGES":
            a, b, layer = line.split(",")
            lines += 1
            ties.add((min(a, b), max(a, b), layer))
    return group, ties, lines


def raw_aucs() -> tuple[dict[str, str], Counter[str], int, int]:
    """Groups, undirected edges per layer, edge lines and cross-group work ties, from the file."""
    group, ties, lines = aucs_ties()
    per_layer = Counter(layer for _, _, layer in ties)
    cross_work = sum(1 for a, b, layer in ties if layer == "work" and group[a] != group[b])
    return group, per_layer, lines, cross_work


def import_small_mpx(tmp_path: Path, text: str | bytes):
    """The import of a small multinet file (actors' department: attribute ``team``)."""
    mpx = tmp_path / "small.mpx"
    if isinstance(text, bytes):
        mpx.write_bytes(text)
    else:
        mpx.write_text(text)
    mapping = load_mapping(
        None, format="multinet", nodes_format="multinet", department="team", pseudonymise=False
    )
    return import_edgelist(mpx, mpx, mapping)


def test_aucs_layers_become_channels_one_event_per_undirected_tie(tmp_path):
    group, per_layer, lines, cross_work = raw_aucs()
    assert (len(group), lines, sum(per_layer.values())) == (61, 1240, 620)  # PROVENANCE.txt
    assert per_layer == {"work": 194, "lunch": 193, "leisure": 88, "facebook": 124, "coauthor": 21}
    assert cross_work == 113

    out = tmp_path / "aucs"
    runner = CliRunner()
    imported = runner.invoke(
        app,
        [
            "import",
            "edgelist",
            str(AUCS),
            "--nodes",
            str(AUCS),
            "--mapping",
            str(MAPPING),
            "--out",
            str(out),
            "--strict",
        ],
    )
    assert imported.exit_code == 0, imported.output
    activity = pd.read_csv(out / "activity.csv", dtype=str)
    assert activity["channel"].value_counts().to_dict() == dict(per_layer)
    employees = pd.read_csv(out / "employees.csv", dtype=str).set_index("employee_id")
    department = employees["department"]
    labelled = {a: "no research group" if g == "NA" else g for a, g in group.items()}
    assert department.to_dict() == labelled
    work = activity.loc[activity["channel"] == "work"]
    assert int((work["actor_id"].map(department) != work["target_id"].map(department)).sum()) == 113
    departments = pd.read_csv(out / "departments.csv", dtype=str)
    assert set(departments["business_unit"]) == {"computer science"}
    assert runner.invoke(app, ["validate", str(out), "--strict"]).exit_code == 0


def test_directed_layers_keep_both_directions_and_undeclared_ones_are_undirected(tmp_path):
    result = import_small_mpx(
        tmp_path,
        "#TYPE\nmultiplex\n\n#LAYERS\nhelp,DIRECTED\n\n#ACTOR ATTRIBUTES\nteam,STRING\n\n"
        "#ACTORS\na,T1\nb,T2\nc\n\n#EDGES\n-- a comment\na,b,help\nb,a,help\na,b,play\nb,a,play\n"
        "a,b\n",
    )
    assert result.activity[["actor_id", "target_id", "channel"]].values.tolist() == [
        ["a", "b", "help"],
        ["b", "a", "help"],
        ["a", "b", "play"],
    ]
    assert result.rejects[["line", "reason"]].values.tolist() == [
        [13, "1 field, expected 2 (the actor and its #ACTOR ATTRIBUTES)"],
        [21, "2 fields, expected at least 3 (actor, actor, layer)"],
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b,work\n", "line 1: data before the first section"),
        ("#TYPE\nmultilayer\n#EDGES\na,L1,b,L2\n", "#TYPE multilayer: only multiplex"),
        ("#LAYERS\nwork,UNDIRECTED\n", "no #EDGES or #ACTORS section"),
    ],
)
def test_what_is_not_a_multiplex_file_is_named(tmp_path, text, message):
    mpx = tmp_path / "bad.mpx"
    mpx.write_text(text)
    with pytest.raises(DatasetError, match=rf"bad\.mpx: {message}"):
        read_multinet(mpx)


def test_an_unreadable_node_file_is_named_not_the_edge_file(tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "import",
            "edgelist",
            str(AUCS),
            "--nodes",
            str(tmp_path / "missing.mpx"),
            "--mapping",
            str(MAPPING),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == EXIT_BAD_INPUT
    assert "missing.mpx: cannot be read" in result.output and "Traceback" not in result.output


def test_keys_that_do_not_apply_to_a_multinet_file_are_refused():
    from orgsocial.errors import ParameterError

    mapping = load_mapping(MAPPING, time="when")
    with pytest.raises(ParameterError, match="time cannot be used with format multinet"):
        import_edgelist(AUCS, AUCS, mapping)


def test_an_edge_line_that_is_not_text_is_rejected_not_dropped(tmp_path):
    """In a UTF-8 file (the team name é), a byte that is not UTF-8 keeps its edge line in
    the rejects with the reason, like every other importer; it was once dropped uncounted."""
    result = import_small_mpx(
        tmp_path,
        "#TYPE\nmultiplex\n\n#ACTOR ATTRIBUTES\nteam,STRING\n\n#ACTORS\na,Tëam\nb,T2\n\n".encode()
        + b"#EDGES\na,b,help\nb,a\x81,help\nb,a,play,caf\xe9\n",
    )
    assert result.activity[["actor_id", "target_id"]].values.tolist() == [["a", "b"]]
    assert result.rejects[["line", "reason"]].values.tolist() == [
        [13, "not UTF-8 text; save the file as UTF-8"],
        [14, "not UTF-8 text; save the file as UTF-8"],  # in an ignored edge attribute
    ]
    assert result.counts["edge_rows"] == 3


def test_an_undirected_tie_listed_again_is_still_one_event(tmp_path):
    """A multinet edge has no weight: listed a third time (a, b / b, a / a, b) the tie is
    one event, as docs/importers.md says, and the summary's ties and events agree."""
    result = import_small_mpx(
        tmp_path,
        "#TYPE\nmultiplex\n\n#ACTOR ATTRIBUTES\nteam,STRING\n\n#ACTORS\na,T1\nb,T2\n\n"
        "#EDGES\na,b,work\nb,a,work\na,b,work\n",
    )
    assert result.activity[["actor_id", "target_id", "channel"]].values.tolist() == [
        ["a", "b", "work"]
    ]
    assert (result.counts["undirected_ties"], result.counts["events"]) == (1, 1)
