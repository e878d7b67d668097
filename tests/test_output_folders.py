"""Output folders: a command writes only where it may (missing, empty, or its own earlier
output, unless --force), and a place that cannot be written ends in one sentence and exit 2,
never a traceback."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import ACTIVITY, event
from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.io.fileio import (
    ForeignFolderError,
    OutputError,
    make_folder,
    writable_folder,
    write_text_atomic,
)
from orgsocial.io.outputs import claim_results_folder, foreign_entries
from orgsocial.reporting.lock import LOCK_FILE
from orgsocial.reporting.manifest import MANIFEST, Manifest, claim_report_folder

runner = CliRunner()
#: /proc accepts no new folders or files, even for root.
UNCREATABLE = Path("/proc/orgsocial-cannot-be-here")
needs_proc = pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux's /proc")


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def bad_places(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Places that cannot be an output folder, with the reason each gives."""
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    places = {
        "file in its place": (a_file, "it is a file, not a folder"),
        "below a file": (a_file / "out", f"{a_file} is a file, not a folder"),
    }
    if Path("/proc/self").exists():
        places["/proc"] = (UNCREATABLE, "No such file or directory")
    return places


def assert_refused_in_one_sentence(result, place: Path, reason: str, case: str) -> None:
    assert result.exit_code == EXIT_BAD_INPUT, (case, result.output)
    assert f"error: cannot write to {place}: {reason}" in result.output, case
    assert "Traceback" not in result.output, case
    assert result.exception is None or isinstance(result.exception, SystemExit), case


# --- the helpers ---------------------------------------------------------------


@needs_proc
def test_a_place_that_cannot_be_written_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match=f"cannot write to {UNCREATABLE}: No such file"):
        make_folder(UNCREATABLE)
    with pytest.raises(OutputError, match=f"cannot write to {UNCREATABLE}"):
        write_text_atomic(UNCREATABLE / "a.txt", "text")
    with pytest.raises(OutputError, match="cannot write to /proc: "):
        writable_folder(Path("/proc"))  # it exists, but takes no files


def test_a_file_in_the_folders_place_is_named(tmp_path):
    (tmp_path / "out").write_text("mine")
    with pytest.raises(OutputError, match="out: it is a file, not a folder"):
        make_folder(tmp_path / "out")
    with pytest.raises(OutputError, match=r"out/deeper: .*out is a file, not a folder"):
        writable_folder(tmp_path / "out" / "deeper")
    assert (tmp_path / "out").read_text() == "mine"


def test_checking_a_missing_folder_leaves_nothing_behind(tmp_path):
    assert writable_folder(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    assert list(tmp_path.iterdir()) == []


def test_analyse_knows_its_own_files(tmp_path):
    out = tmp_path / "results"
    assert foreign_entries(out) == []
    for name in ("units.csv", "units.parquet", "meta.json", ".units.csv.x1.tmp"):
        make_folder(out)
        (out / name).write_text("")
    make_folder(out / "rejects")
    (out / "rejects" / "activity.csv").write_text("")
    assert foreign_entries(out) == []
    claim_results_folder(out)
    (out / "notes.txt").write_text("")
    (out / "rejects" / "mine.xlsx").write_text("")
    assert foreign_entries(out) == ["notes.txt", "rejects/mine.xlsx"]
    with pytest.raises(ForeignFolderError, match=re.escape("notes.txt, rejects/mine.xlsx")):
        claim_results_folder(out)
    assert claim_results_folder(out, force=True) == out


def test_report_knows_a_folder_it_wrote_by_its_manifest_or_its_lock(tmp_path):
    # missing: fine, and not created (the run makes it; one stopped by its input leaves none)
    assert claim_report_folder(tmp_path / "new") == tmp_path / "new"
    assert not (tmp_path / "new").exists()
    make_folder(tmp_path / "new")
    assert claim_report_folder(tmp_path / "new") == tmp_path / "new"  # empty
    ours = tmp_path / "ours"
    make_folder(ours)
    (ours / "index.html").write_text("a report")
    Manifest("t0", "t1", "key", {}, {}, {}).write(ours)
    claim_report_folder(ours)
    killed = tmp_path / "killed"  # a run stopped before its first manifest
    make_folder(killed)
    (killed / LOCK_FILE).write_text("")
    (killed / "unit-a-12345678.html").write_text("a report")
    claim_report_folder(killed)
    website = tmp_path / "website"  # a manifest.json that is not ours
    make_folder(website)
    (website / MANIFEST).write_text(json.dumps({"name": "my app"}))
    (website / "index.html").write_text("my page")
    with pytest.raises(ForeignFolderError, match=re.escape("index.html, manifest.json")):
        claim_report_folder(website)
    assert not (website / LOCK_FILE).exists()
    claim_report_folder(website, force=True)


# --- the commands --------------------------------------------------------------


def test_analyse_into_a_place_that_cannot_be_written_exits_2(dataset_folder, tmp_path):
    dataset = dataset_folder()
    for name, (place, reason) in bad_places(tmp_path).items():
        result = run("analyse", dataset, "--out", place)
        assert_refused_in_one_sentence(result, place, reason, name)


def test_a_file_where_the_rejects_go_exits_2_even_for_clean_data(dataset_folder, tmp_path):
    """Clean data write no reject, but an older one is removed: a file in the way of the
    rejects folder is refused in one sentence, as it is when there are rejects."""
    clean = dataset_folder()
    dirty = dataset_folder(activity=[*ACTIVITY, event("e1", "m1")], name="dirty")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    for dataset in (clean, dirty):
        for place in (a_file, a_file / "out"):
            result = run("validate", dataset, "--rejects", place)
            reason = f"{a_file} is a file, not a folder"
            assert_refused_in_one_sentence(result, place / "rejects", reason, dataset.name)
        out = tmp_path / f"out-{dataset.name}"
        assert run("analyse", dataset, "--out", out).exit_code == 0
        shutil.rmtree(out / "rejects", ignore_errors=True)
        (out / "rejects").write_text("not a folder")
        result = run("analyse", dataset, "--out", out, "--force")
        assert_refused_in_one_sentence(
            result, out / "rejects", "it is a file, not a folder", dataset.name
        )
        assert (out / "meta.json").is_file()  # refused before the results were touched


def test_report_into_a_place_that_cannot_be_written_exits_2(dataset_folder, tmp_path):
    dataset = dataset_folder()
    for name, (place, reason) in bad_places(tmp_path).items():
        result = run("report", dataset, "--out", place, "--no-progress")
        assert_refused_in_one_sentence(result, place, reason, name)


def test_import_into_a_place_that_cannot_be_written_exits_2(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret for the tests, long enough")
    roster = tmp_path / "roster.csv"
    roster.write_text("email,department,business_unit\na@x.org,Sales,North\n")
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,dept,unit\na,Sales,North\nb,IT,North\n")
    edges = tmp_path / "edges.csv"
    edges.write_text("from,to,when\na,b,2026-07-01 10:00:00\n")
    mapping = tmp_path / "edges.yaml"
    mapping.write_text(
        "delimiter: ','\nsource: from\ntarget: to\ntime: when\nnode_id: id\n"
        "department: dept\nbusiness_unit: unit\npseudonymise: false\n"
    )
    for name, (place, reason) in bad_places(tmp_path).items():
        result = run("import", "roster", roster, "--out", place)
        assert_refused_in_one_sentence(result, place, reason, name)
        result = run(
            "import", "edgelist", edges, "--nodes", nodes, "--mapping", mapping, "--out", place
        )
        assert_refused_in_one_sentence(result, place, reason, name)
    assert run("import", "roster", roster, "--out", tmp_path / "fine").exit_code == 0


def test_demo_data_into_a_place_that_cannot_be_written_exits_2(tmp_path):
    place, reason = bad_places(tmp_path)["below a file"]
    result = run("demo-data", place, "--employees", 700, "--events", 2000)
    assert_refused_in_one_sentence(result, place, reason, "demo-data")


def test_analyse_refuses_a_folder_with_other_files_unless_forced(dataset_folder, tmp_path):
    dataset = dataset_folder()
    out = tmp_path / "mine"
    make_folder(out)
    (out / "units.csv").write_text("my own units")
    (out / "budget.xlsx").write_text("keep me")
    refused = run("analyse", dataset, "--out", out)
    assert refused.exit_code == EXIT_BAD_INPUT
    assert f"error: {out} holds files that orgsocial analyse did not write (budget.xlsx)" in (
        refused.output
    )
    assert "use an empty folder for --out, or --force" in refused.output
    assert (out / "units.csv").read_text() == "my own units"
    forced = run("analyse", dataset, "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert "business_unit" in (out / "units.csv").read_text()
    assert (out / "budget.xlsx").read_text() == "keep me"
    fresh = tmp_path / "fresh"
    assert run("analyse", dataset, "--out", fresh).exit_code == 0
    again = run("analyse", dataset, "--out", fresh)  # its own results: rewritten
    assert again.exit_code == 0, again.output


def test_report_refuses_a_folder_with_other_files_unless_forced(dataset_folder, tmp_path):
    dataset = dataset_folder()
    out = tmp_path / "site"
    make_folder(out)
    (out / "index.html").write_text("my home page")
    arguments = ("report", dataset, "--out", out, "--no-progress", "--only-units")
    refused = run(*arguments)
    assert refused.exit_code == EXIT_BAD_INPUT
    assert f"error: {out} holds files that orgsocial report did not write (index.html)" in (
        refused.output
    )
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # nothing written
    forced = run(*arguments, "--unit", "North", "--force")
    assert forced.exit_code == 0, forced.output
    assert "my home page" not in (out / "index.html").read_text()
    again = run(*arguments, "--unit", "North")  # now a folder the report wrote
    assert again.exit_code == 0 and "up to date" in again.output
    analysis = pd.read_csv(out / "analysis" / "units.csv")
    assert set(analysis["business_unit"]) == {"North", "South"}
