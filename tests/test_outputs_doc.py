"""docs/outputs.md lists every column of every file ``orgsocial analyse`` writes, and no other.

``orgsocial analyse`` runs on a small generated organisation with a few invalid rows (so that
rejects are written): plainly, with ``--coparticipation``, with ``--period``, and on a Parquet
copy whose activity is a folder of partitions. Each output CSV's header (and ``meta.json``'s
keys) is compared with the table under that file's heading in docs/outputs.md: a column the
page does not list there fails, and so does a listed column that no output has. Columns that
appear only in some runs are listed in the page's section "Columns that appear only in some
runs", each with the run that shows it. The report's files and ``manifest.json``'s fields are
compared with the code. A failure names the file and the column.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from orgsocial.cli import app
from orgsocial.demo.synth import generate_demo, write_demo
from orgsocial.io.outputs import META, REJECTS_FOLDER
from orgsocial.reporting.lock import LOCK_FILE
from orgsocial.reporting.manifest import MANIFEST, Manifest, ReportRecord
from orgsocial.reporting.runner import (
    ANALYSIS_FOLDER,
    LOG_FILE,
    NOTEBOOKS_FOLDER,
    ORGANISATION_REPORTS,
)
from test_docs import table_rows

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "outputs.md"
PLAN = (("Wealth Management", 2), ("Centre", 3), ("East", 1))
REJECTS = f"{REJECTS_FOLDER}/<file>.csv"
CONDITIONAL_HEADING = "Columns that appear only in some runs"
REPORT_HEADING = "What orgsocial report adds"  # code marks are dropped from titles
PLAIN = "plain"
#: The runs: which dataset (``csv`` or ``partitioned``) and the options after ``--out DIR``.
RUNS: dict[str, tuple[str, tuple[str, ...]]] = {
    PLAIN: ("csv", ()),
    "--coparticipation": ("csv", ("--coparticipation",)),
    "--period": ("csv", ("--period", "2026-Q2")),
    "partitioned": ("partitioned", ()),
}

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
INLINE_CODE = re.compile(r"(?<!`)`([^`]+)`(?!`)")
FILE_TITLE = re.compile(r"^[\w./<>-]+\.(csv|json)$")

Listed = dict[str, dict[str, int]]  # file -> column -> line of docs/outputs.md
Found = dict[str, set[str]]  # file -> columns (keys for a JSON file)


# --- reading the page ------------------------------------------------------------------------


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(line number, level, title without code marks) of each heading outside code blocks."""
    found, inside = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            inside = not inside
            continue
        match = None if inside else HEADING.match(line)
        if match:
            found.append((number, len(match.group(1)), match.group(2).replace("`", "").strip()))
    return found


def sections(text: str) -> dict[str, list[tuple[int, str]]]:
    """Each heading's title -> its (line number, line) pairs up to the next heading of the same
    or a higher level."""
    lines = text.splitlines()
    marks = _headings(text)
    out = {}
    for index, (start, level, title) in enumerate(marks):
        end = next((n for n, other, _ in marks[index + 1 :] if other <= level), len(lines) + 1)
        out[title] = [(n, lines[n - 1]) for n in range(start + 1, end)]
    return out


def listed_columns(text: str) -> Listed:
    """Per file heading (``units.csv``, ``meta.json``, ...): the names written as code in the
    first cell of its tables' rows, with their line."""
    listed: Listed = {}
    for title, lines in sections(text).items():
        if not FILE_TITLE.match(title):
            continue
        columns = listed.setdefault(title, {})
        for number, cells in table_rows(lines):
            for name in INLINE_CODE.findall(cells[0]):
                columns.setdefault(name.strip(), number)
    return listed


def conditional_columns(text: str) -> dict[tuple[str, str], tuple[str, int]]:
    """(file, column) -> (the run that shows it, line) from the section of columns that appear
    only in some runs: its table's cells are file, column, when, run."""
    lines = sections(text).get(CONDITIONAL_HEADING, [])
    found = {}
    for number, cells in table_rows(lines):
        file = cells[0].replace("`", "").strip()
        for column in INLINE_CODE.findall(cells[1]):
            found[(file, column.strip())] = (cells[-1].replace("`", "").strip(), number)
    return found


# --- what the code writes ----------------------------------------------------------------------


def csv_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle), [])


def input_header(dataset: Path, name: str) -> list[str]:
    """The columns of the dataset's input file ``name`` as written (CSV, Parquet or a folder)."""
    csv_file = dataset / f"{name}.csv"
    if csv_file.is_file():
        return csv_header(csv_file)
    parquet = dataset / f"{name}.parquet"
    first = parquet if parquet.is_file() else sorted((dataset / name).rglob("*.parquet"))[0]
    return list(pq.read_schema(first).names)


def found_columns(out: Path, dataset: Path) -> Found:
    """Per output file: its columns. The rejects files count as one, :data:`REJECTS`, holding
    the columns they add to the input's own."""
    found: Found = {path.name: set(csv_header(path)) for path in sorted(out.glob("*.csv"))}
    found[META] = set(json.loads((out / META).read_text("utf-8")))
    for path in sorted((out / REJECTS_FOLDER).glob("*.csv")):
        own = input_header(dataset, path.stem)
        columns = csv_header(path)
        missing = [column for column in own if column not in columns]
        assert not missing, f"{path}: lacks the input's columns {missing}"
        found.setdefault(REJECTS, set()).update(c for c in columns if c not in own)
    return found


def unlisted(found: Found, listed: Listed, run: str) -> list[str]:
    """Each column an output has that the page does not list under that file."""
    problems = []
    for file, columns in sorted(found.items()):
        if file not in listed:
            problems.append(f"{DOC.name}: no section for {file} (run {run})")
            continue
        problems += [
            f"{DOC.name}: {file} has column {column!r} (run {run}), not listed in its section"
            for column in sorted(columns - set(listed[file]))
        ]
    return problems


def unfound(
    listed: Listed,
    runs: dict[str, Found],
    conditional: dict[tuple[str, str], tuple[str, int]],
) -> list[str]:
    """Each column the page lists that the output of its run (the plain run unless the page
    names another) does not have; and a column named as conditional that the plain run has."""
    problems = []
    for file, columns in sorted(listed.items()):
        for column, line in sorted(columns.items()):
            run, _ = conditional.get((file, column), (PLAIN, line))
            if run not in runs:
                problems.append(f"{DOC.name}:{line}: {file} {column!r}: no test run {run!r}")
            elif column not in runs[run].get(file, set()):
                problems.append(
                    f"{DOC.name}:{line}: lists column {column!r} under {file}, "
                    f"which the {run} run's {file} does not have"
                )
    for (file, column), (run, line) in sorted(conditional.items()):
        if column not in listed.get(file, {}):
            problems.append(f"{DOC.name}:{line}: {file} {column!r} is not in {file}'s section")
        if run != PLAIN and column in runs[PLAIN].get(file, set()):
            problems.append(
                f"{DOC.name}:{line}: {file} {column!r} is listed as appearing only in some "
                "runs, but the plain run has it"
            )
    return problems


# --- the runs --------------------------------------------------------------------------------


def append_row(path: Path, values: dict[str, str]) -> None:
    """Add a row to a CSV input, by column name (other columns empty)."""
    header = csv_header(path)
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=header).writerow({c: values.get(c, "") for c in header})


#: Invalid input rows (a function no contract knows, an audience that is neither).
GHOST_DEPARTMENT = {"department": "Ghost", "business_unit": "Centre", "function": "wizard"}
INVALID_EVENT = {
    "event_id": "x1",
    "timestamp": "2026-07-01T09:00:00Z",
    "channel": "teams",
    "audience": "sideways",
    "action": "post",
    "business_unit": "Centre",
}


def invalid_csv_rows(folder: Path) -> None:
    """One invalid row in every input file, and a line that cannot be split into fields."""
    append_row(folder / "departments.csv", {**GHOST_DEPARTMENT, "customer_facing": "false"})
    append_row(folder / "employees.csv", {"employee_id": "e-x", "department": "Nowhere"})
    append_row(folder / "activity.csv", INVALID_EVENT)
    with (folder / "activity.csv").open("a", encoding="utf-8") as handle:
        handle.write("x2,one,field,too,many,for,the,header,of,the,file\n")
    append_row(
        folder / "survey.csv", {"department": "C Sales", "wave": "2026-Q3", "use_internal": "9"}
    )


def invalid_parquet_rows(folder: Path) -> None:
    """An invalid department row and an activity partition holding an invalid event."""
    departments = pd.read_parquet(folder / "departments.parquet")
    ghost = pd.DataFrame([{**GHOST_DEPARTMENT, "customer_facing": False}])
    pd.concat([departments, ghost]).to_parquet(folder / "departments.parquet", index=False)
    part = folder / "activity" / "month=invalid" / "part-0.parquet"
    part.parent.mkdir(parents=True)
    columns = input_header(folder, "activity")
    event = pd.DataFrame([{column: INVALID_EVENT.get(column) for column in columns}])
    event.to_parquet(part, index=False)


@pytest.fixture(scope="module")
def datasets(tmp_path_factory) -> dict[str, Path]:
    organisation = generate_demo(seed=4, employees=300, events=4000, plan=PLAN)
    root = tmp_path_factory.mktemp("outputs_doc")
    made = {"csv": root / "csv", "partitioned": root / "partitioned"}
    write_demo(organisation, made["csv"])
    invalid_csv_rows(made["csv"])
    write_demo(organisation, made["partitioned"], "partitioned")
    invalid_parquet_rows(made["partitioned"])
    return made


@pytest.fixture(scope="module")
def outputs(datasets, tmp_path_factory) -> dict[str, Path]:
    """Each run's output folder (``orgsocial analyse``, in process)."""
    root = tmp_path_factory.mktemp("outputs_doc_runs")
    folders = {}
    for number, (run, (kind, options)) in enumerate(RUNS.items()):
        out = root / f"run{number}"
        args = ["analyse", str(datasets[kind]), "--out", str(out), *options]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, f"{run}: {result.output} {result.exception!r}"
        folders[run] = out
    return folders


@pytest.fixture(scope="module")
def found(outputs, datasets) -> dict[str, Found]:
    return {run: found_columns(outputs[run], datasets[RUNS[run][0]]) for run in RUNS}


@pytest.fixture(scope="module")
def doc_text() -> str:
    return DOC.read_text("utf-8")


# --- the tests -------------------------------------------------------------------------------


def test_the_runs_do_what_they_are_for(outputs):
    """Each option's run shows what the option changes: otherwise it would check nothing."""
    shared = pd.read_csv(outputs["--coparticipation"] / "coparticipation_edges.csv")
    assert len(shared) > 0, "--coparticipation wrote no co-participation edges"
    meta = json.loads((outputs["--period"] / META).read_text("utf-8"))
    assert meta["period"] == "2026-Q2"
    for run in RUNS:
        rejects = sorted(p.name for p in (outputs[run] / REJECTS_FOLDER).glob("*.csv"))
        assert rejects, f"{run}: no rejects written"


@pytest.mark.parametrize("run", list(RUNS))
def test_every_column_of_every_output_is_listed_under_its_file(run, found, doc_text):
    problems = unlisted(found[run], listed_columns(doc_text), run)
    assert not problems, "\n".join(problems)


def test_every_listed_column_is_in_an_output(found, doc_text):
    listed = {file: c for file, c in listed_columns(doc_text).items() if file != MANIFEST}
    problems = unfound(listed, found, conditional_columns(doc_text))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("run", list(RUNS))
def test_parquet_files_have_the_columns_of_their_csv(run, outputs):
    differ = [
        path.name
        for path in sorted(outputs[run].glob("*.csv"))
        if pq.read_schema(path.with_suffix(".parquet")).names != csv_header(path)
    ]
    assert not differ, f"{run}: the Parquet twin has other columns than {differ}"


def test_the_report_files_are_named(doc_text):
    text = "\n".join(line for _, line in sections(doc_text).get(REPORT_HEADING, []))
    assert text, f"{DOC.name}: no section '{REPORT_HEADING}'"
    names = {name.strip() for name in INLINE_CODE.findall(text)}
    wanted = [
        f"DIR/{ANALYSIS_FOLDER}/",
        f"DIR/{NOTEBOOKS_FOLDER}/<page>.ipynb",
        f"DIR/{MANIFEST}",
        f"DIR/{LOG_FILE}",
        f"DIR/{LOCK_FILE}",
        "DIR/index.html",
        *(f"DIR/{stem}.html" for stem, _, _ in ORGANISATION_REPORTS),
    ]
    missing = [name for name in wanted if name not in names]
    assert not missing, f"{DOC.name}: the report section does not name {missing}"


def test_the_manifest_fields_are_listed_and_no_others(doc_text):
    listed = set(listed_columns(doc_text).get(MANIFEST, {}))
    fields = {f.name for f in dataclasses.fields(Manifest) + dataclasses.fields(ReportRecord)}
    assert not fields - listed, f"{DOC.name}: {MANIFEST} fields not listed: {fields - listed}"
    assert not listed - fields, f"{DOC.name}: {MANIFEST} has no fields {listed - fields}"


# --- the checker itself ---------------------------------------------------------------------

SAMPLE = """\
### `units.csv`

| column | meaning |
|---|---|
| `business_unit` | the unit |
| `old_a`, `old_b` | gone |

## Columns that appear only in some runs

| file | column | appears only when | test run |
|---|---|---|---|
| `units.csv` | `old_b` | never | partitioned |
"""


def test_checker_names_the_file_and_the_column_either_way():
    listed = listed_columns(SAMPLE)
    assert listed == {"units.csv": {"business_unit": 5, "old_a": 6, "old_b": 6}}
    runs: dict[str, Found] = {PLAIN: {"units.csv": {"business_unit", "phase"}}, "partitioned": {}}
    assert unlisted(runs[PLAIN], listed, PLAIN) == [
        "outputs.md: units.csv has column 'phase' (run plain), not listed in its section"
    ]
    assert unfound(listed, runs, conditional_columns(SAMPLE)) == [
        "outputs.md:6: lists column 'old_a' under units.csv, which the plain run's units.csv "
        "does not have",
        "outputs.md:6: lists column 'old_b' under units.csv, which the partitioned run's "
        "units.csv does not have",
    ]
    assert unlisted({"org.csv": {"x"}}, listed, PLAIN) == [
        "outputs.md: no section for org.csv (run plain)"
    ]
