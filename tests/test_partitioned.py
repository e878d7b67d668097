"""The partition-wise path gives exactly the single-pass results, and keeps its promises
about rejects, repeats across partitions, the CSV cache and Dask."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import (
    ACTIVITY,
    DEPARTMENTS,
    EMPLOYEES,
    event,
    unreachable_scheduler,
    write_csv,
)
from orgsocial.analysis.period import parse_period
from orgsocial.analysis.pipeline import analyse
from orgsocial.cli import EXIT_BAD_INPUT, app
from orgsocial.config import load_settings
from orgsocial.demo.synth import generate_demo, write_demo
from orgsocial.errors import DatasetError
from orgsocial.io import contract as c
from orgsocial.io.dataset import load_dataset, references_for_activity
from orgsocial.io.outputs import read_results
from orgsocial.scale import csvcache, events, partitioned
from orgsocial.scale import parts as parts_module
from orgsocial.scale.fastops import hash_strings
from orgsocial.scale.partitioned import PartContext, WantedIds, load_for_analysis, summarise_part
from orgsocial.scale.parts import LINE_COLUMN, Part, read_rows, row_positions

WHEN = pd.Timestamp("2026-01-01", tz="UTC")


@pytest.fixture(scope="module")
def organisation():
    return generate_demo(seed=3, employees=700, events=12_000)


@pytest.fixture(scope="module")
def folders(organisation, tmp_path_factory) -> dict[str, Path]:
    """The same organisation with its activity as one CSV, and shuffled over 5 Parquet files."""
    base = tmp_path_factory.mktemp("partitioned")
    write_demo(organisation, base / "whole", "csv")
    write_demo(organisation, base / "parts", "parquet")
    activity = pq.read_table(base / "parts" / "activity.parquet")
    (base / "parts" / "activity.parquet").unlink()
    rng = np.random.default_rng(5)
    activity = activity.take(rng.permutation(activity.num_rows))
    cuts = [0, *sorted(rng.choice(activity.num_rows, 4, replace=False)), activity.num_rows]
    folder = base / "parts" / "activity"
    for number, (start, end) in enumerate(itertools.pairwise(cuts)):
        month = folder / f"batch={number}"
        month.mkdir(parents=True)
        pq.write_table(
            activity.slice(start, end - start), month / "part.parquet", row_group_size=1500
        )
    return {"whole": base / "whole", "parts": base / "parts"}


def _results(folder: Path, period=None, **options):
    dataset, summary = load_for_analysis(folder, period, **options)
    return dataset, analyse(dataset, load_settings(), period, generated_at=WHEN, summary=summary)


def _assert_same_results(one, other) -> None:
    for name in one.FRAMES:
        if name == "validation":
            continue
        pd.testing.assert_frame_equal(
            getattr(one, name).reset_index(drop=True),
            getattr(other, name).reset_index(drop=True),
            obj=name,
        )
    assert one.meta == other.meta
    counts = ["file", "rows_read", "rows_kept", "rows_rejected", "blank_rows"]
    pd.testing.assert_frame_equal(one.validation[counts], other.validation[counts])


@pytest.mark.parametrize("period", [None, "2026-Q2", "2026-04-03..2026-05-17"])
def test_a_folder_of_partitions_gives_exactly_the_single_file_results(folders, period):
    chosen = parse_period(period) if period else None
    whole_dataset, whole = _results(folders["whole"], chosen)
    parts_dataset, parts = _results(folders["parts"], chosen, partition_rows=1500)
    assert not whole_dataset.activity_parts
    assert len(parts_dataset.activity_parts) >= 8  # 5 files, split again at row groups
    assert parts.meta["events"] > 0 and parts.meta["interactions"] > 0
    _assert_same_results(whole, parts)


def test_sums_added_in_batches_as_they_arrive_give_the_single_file_results(folders, monkeypatch):
    monkeypatch.setattr(partitioned, "COMBINE_BATCH", 3)  # the running total re-added
    _, whole = _results(folders["whole"])
    dataset, parts = _results(folders["parts"], partition_rows=1500)
    assert len(dataset.activity_parts) > 2 * 3
    _assert_same_results(whole, parts)


def test_two_local_worker_processes_give_exactly_the_single_file_results(folders):
    _, whole = _results(folders["whole"])
    _, parts = _results(folders["parts"], partition_rows=1500, workers=2)
    _assert_same_results(whole, parts)


def test_one_large_parquet_file_is_split_at_its_row_groups(organisation, tmp_path, folders):
    write_demo(organisation, tmp_path, "parquet")
    table = pq.read_table(tmp_path / "activity.parquet")
    pq.write_table(table, tmp_path / "activity.parquet", row_group_size=1000)
    dataset, results = _results(tmp_path, partition_rows=2500)
    assert len(dataset.activity_parts) == -(-table.num_rows // 2000)  # two row groups each
    _assert_same_results(_results(folders["whole"])[1], results)


def test_partitions_know_their_rows_and_the_largest_are_summed_first(folders):
    dataset = load_dataset(folders["parts"], partition_rows=1500)
    parts = dataset.activity_parts
    files = {part.path for part in parts}
    assert sum(part.rows for part in parts) == sum(
        pq.ParquetFile(f).metadata.num_rows for f in files
    )
    handed_out: list = []

    def recording_map(function, items):
        handed_out.extend(items)
        return (function(item) for item in items)

    from orgsocial.scale.partitioned import summarise_parts

    summarise_parts(dataset, mapper=recording_map)
    first_pass = handed_out[: len(parts)]
    assert sorted(first_pass, key=lambda part: -part.rows) == first_pass
    assert {part.rows for part in parts} != {parts[0].rows}  # the sizes differ, so order shows


def _summary_frames(summary: events.EventSummary) -> dict[str, pd.DataFrame]:
    keys = {
        "month_events": ["bucket"],
        "person_events": ["bucket", "actor_id", "audience"],
        "pairs": ["bucket", "actor_id", "counterpart_id"],
        "inquiries": ["inquiry_id"],
        "answers": ["inquiry_id"],
        "pending": ["event_id"],
        "department_events": ["bucket", "department", "channel", "audience", "action"],
        "span": ["first"],
    }
    frames = {name: getattr(summary, name) for name in keys}
    # partitions may know different channels: compare the channels as text
    frames["department_events"] = frames["department_events"].astype({"channel": "str"})
    return {
        name: frames[name].sort_values(by).reset_index(drop=True).astype("object")
        for name, by in keys.items()
    }


@pytest.fixture(scope="module")
def demo_activity(organisation, tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-small")
    write_demo(organisation, folder, "parquet")
    dataset = load_dataset(folder)
    return dataset.activity.iloc[:3000].reset_index(drop=True), dataset.employees


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 2**16),
    parts=st.integers(1, 6),
    with_period=st.booleans(),
)
def test_summaries_of_any_split_combine_to_the_summary_of_the_whole(
    demo_activity, seed, parts, with_period
):
    activity, employees = demo_activity
    period = parse_period("2026-04-10..2026-06-20") if with_period else None
    shuffled = activity.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    rng = np.random.default_rng(seed)
    cuts = [0, *sorted(rng.integers(0, len(shuffled), parts - 1)), len(shuffled)]
    pieces = [shuffled.iloc[a:b] for a, b in itertools.pairwise(cuts)]
    combined = events.combine(events.summarise_events(p, employees, period) for p in pieces)
    parents = activity[list(events.PARENT_COLUMNS)]
    parents = parents.loc[parents["event_id"].isin(combined.pending["in_reply_to"])]
    resolved = events.resolve(combined, parents, employees, period)
    whole = events.summarise_events(activity, employees, period)
    expected, got = _summary_frames(whole), _summary_frames(resolved)
    for name in expected:
        pd.testing.assert_frame_equal(expected[name], got[name], obj=name)


def _write_parts(folder: Path, parts: dict[str, list[dict]]) -> Path:
    write_csv(folder / "departments.csv", DEPARTMENTS)
    write_csv(folder / "employees.csv", EMPLOYEES)
    (folder / "activity").mkdir(parents=True)
    for name, rows in parts.items():
        frame = pd.DataFrame(rows, columns=list(c.ACTIVITY_COLUMNS))
        (folder / "activity" / name).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(
            pa.Table.from_pandas(frame, preserve_index=False), folder / "activity" / name
        )
    return folder


def test_rejects_name_the_partition_and_row_and_a_rejected_parent_is_not_used(tmp_path):
    folder = _write_parts(
        tmp_path / "d",
        {
            "p1.parquet": [event("a1", "m1"), event("a2", "s1", audience="everyone")],
            "p2.parquet": [
                event("b1", "o1", action="reply", in_reply_to="a1"),  # Ops -> Marketing
                event("b2", "o2", action="reply", in_reply_to="a2"),  # parent rejected
            ],
        },
    )
    dataset, results = _results(folder)
    report = dataset.validation.files[c.ACTIVITY]
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (4, 3, 1)
    reject = report.rejects.iloc[0]
    assert (reject["file"], reject["row"], reject["audience"]) == ("p1.parquet", 2, "everyone")
    assert "p1.parquet: row 2: column 'audience'" in report.messages[0]
    assert any("1 row(s) kept whose in_reply_to" in w and "'a2'" in w for w in report.warnings)
    edges = results.department_edges.set_index(["source", "target"])["weight"].to_dict()
    # Marketing is shown merged with Tiny, its complement in North (tests/test_pipeline.py)
    assert edges == {("Ops", "other in North (small groups)"): 1}


def test_partitions_in_subfolders_are_named_by_their_path_in_the_activity_folder(tmp_path):
    """``month=.../part-0.parquet`` files share a name: rejects, warnings and repeats say
    which one (a file directly in the folder keeps its plain name, as above)."""
    may, june = "month=2026-05/part-0.parquet", "month=2026-06/part-0.parquet"
    folder = _write_parts(
        tmp_path / "d",
        {
            may: [event("a1", "m1"), event("a2", "s1", audience="everyone"), event("", "m2")],
            june: [event("b1", "o1", timestamp="bad"), dict.fromkeys(c.ACTIVITY_COLUMNS, "")],
        },
    )
    report = load_for_analysis(folder, None)[0].validation.files[c.ACTIVITY]
    assert report.rejects["file"].tolist() == [may, may, june]
    assert [m.split(": column")[0] for m in report.messages] == [
        f"{may}: row 2",
        f"{may}: row 3",
        f"{june}: row 1",
    ]
    assert f"{june}: 1 empty row(s) ignored" in report.warnings
    repeated = _write_parts(tmp_path / "e", {may: [event("x1", "m1")], june: [event("x1", "m2")]})
    result = CliRunner().invoke(app, ["validate", str(repeated)])
    assert result.exit_code == EXIT_BAD_INPUT
    assert f"event_id 'x1' in {may} row 1 and {june} row 1" in result.output


#: Spellings of the columns read as Parquet dictionaries (categoricals): padded,
#: upper-case, empty, missing, unknown and rejected values.
MESSY = {
    "actor_id": [" m1", "m2 ", "s1", "o1", "t1", "", None, "x9", "M3"],
    "target_id": ["", None, " s2", "m2", "o3 ", "zz"],
    "channel": ["teams", " Email", "", None, "TEAMS"],
    "audience": ["internal", " External", "INTERNAL ", "everyone", ""],
    "action": ["post", "Reply", " message", "mention", "inquiry", "bogus", "reply"],
    "business_unit": ["", "North", " South ", "Nowhere", None],
}


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.fixed_dictionaries({name: st.sampled_from(values) for name, values in MESSY.items()}),
        min_size=8,
        max_size=60,
    ),
    replies=st.lists(st.integers(0, 59), min_size=60, max_size=60),
    cuts=st.lists(st.integers(1, 59), max_size=3),
)
def test_messy_values_of_dictionary_columns_give_the_single_file_rejects_and_results(
    tmp_path_factory, rows, replies, cuts
):
    """Partitions read actor, target, channel, audience, action and unit as Parquet
    dictionaries (pandas categoricals): trimming, case, empty and unknown values must
    be judged exactly as in a CSV read as text."""
    activity = [
        {
            **event(f"e{n}", **{k: v for k, v in row.items() if k != "actor_id"}),
            "actor_id": row["actor_id"],
            "timestamp": f"2026-07-{1 + n % 28:02d}T09:{n % 60:02d}:00Z",
            "in_reply_to": f"e{replies[n] % (n + 1)}" if n % 3 else "",
        }
        for n, row in enumerate(rows)
    ]
    activity.append(event("ok", "m1"))  # at least one kept row
    base = tmp_path_factory.mktemp("messy")
    write_csv(base / "whole" / "departments.csv", DEPARTMENTS)
    write_csv(base / "whole" / "employees.csv", EMPLOYEES)
    text = [{k: ("" if v is None else v) for k, v in row.items()} for row in activity]
    write_csv(base / "whole" / "activity.csv", text, c.ACTIVITY_COLUMNS)
    bounds = [0, *sorted({cut for cut in cuts if cut < len(activity)}), len(activity)]
    parts = {
        f"p{number}.parquet": activity[start:end]
        for number, (start, end) in enumerate(itertools.pairwise(bounds))
    }
    whole_dataset, whole = _results(base / "whole")
    parts_dataset, split = _results(_write_parts(base / "parts", parts))
    _assert_same_results(whole, split)
    whole_report = whole_dataset.validation.files[c.ACTIVITY]
    parts_report = parts_dataset.validation.files[c.ACTIVITY]
    assert parts_report.rejects["reason"].tolist() == whole_report.rejects["reason"].tolist()
    for column in MESSY:
        assert parts_report.rejects[column].tolist() == whole_report.rejects[column].tolist(), (
            column
        )

    # a partition's rows are counted in its own file, which its warnings name
    def targets(report) -> list[str]:
        return [w for w in report.warnings if "target_id is not a known employee" in w]

    def count(warnings: list[str]) -> int:
        return sum(int(re.search(r"(\d+) row\(s\)", w)[1]) for w in warnings)

    assert count(targets(parts_report)) == count(targets(whole_report))
    assert all(re.match(r"p\d\.parquet: ", w) for w in targets(parts_report))


def test_an_event_id_in_two_partitions_is_refused_naming_both(tmp_path):
    folder = _write_parts(
        tmp_path / "d",
        {"p1.parquet": [event("x1", "m1")], "p2.parquet": [event("x1", "m2"), event("x2", "m3")]},
    )
    result = CliRunner().invoke(app, ["analyse", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "event_id 'x1' in p1.parquet row 1 and p2.parquet row 1" in result.output
    assert not (tmp_path / "out" / "units.csv").exists()


def test_a_log_whose_every_row_is_rejected_is_refused_with_a_message_not_a_traceback(tmp_path):
    bad = event("x1", "m1", audience="everyone")
    folder = _write_parts(
        tmp_path / "d", {"p1.parquet": [bad], "p2.parquet": [bad | {"event_id": "x2"}]}
    )
    for command in (
        ["analyse", str(folder), "--out", str(tmp_path / "out")],
        ["validate", str(folder)],
    ):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == EXIT_BAD_INPUT, result.output
        assert "nothing to analyse: all 2 row(s) were rejected" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out" / "units.csv").exists()


def test_the_cli_analyses_and_validates_a_partitioned_dataset(folders, tmp_path):
    runner = CliRunner()
    validated = runner.invoke(app, ["validate", str(folders["parts"]), "--partition-rows", "2000"])
    assert validated.exit_code == 0, validated.output
    assert f"read {12_000:>9,}" in validated.output
    out = tmp_path / "out"
    analysed = runner.invoke(app, ["analyse", str(folders["parts"]), "--out", str(out)])
    assert analysed.exit_code == 0, analysed.output
    reference = tmp_path / "reference"
    assert (
        runner.invoke(app, ["analyse", str(folders["whole"]), "--out", str(reference)]).exit_code
        == 0
    )
    for name in ("units.csv", "departments.csv", "department_edges.csv", "trend.csv"):
        assert (out / name).read_text() == (reference / name).read_text(), name


# --- the CSV cache -----------------------------------------------------------------

BAD_CSV_LINES = [
    'q1,2026-07-01T09:00:00Z,m1,teams,internal,post,,,,"a value\nacross two lines"',
    "q2,2026-07-01T09:00:00Z,m1,teams,internal,post,,,",  # one field short
    "",
    "q3,2026-07-01T09:00:00Z,m2,teams,everyone,post,,,,",  # bad audience
]


def _csv_dataset(folder: Path, organisation_rows: int = 3000) -> Path:
    write_csv(folder / "departments.csv", DEPARTMENTS)
    write_csv(folder / "employees.csv", EMPLOYEES)
    people = [e["employee_id"] for e in EMPLOYEES]
    lines = [",".join([*c.ACTIVITY_COLUMNS, "note"])]
    for n in range(organisation_rows):
        actor, target = people[n % len(people)], people[(n * 7 + 3) % len(people)]
        lines.append(
            f"g{n},2026-07-{1 + n % 28:02d}T09:00:00Z,{actor},teams,internal,message,{target},,,"
        )
        if n in (700, 1900):
            lines.extend(BAD_CSV_LINES if n == 700 else BAD_CSV_LINES[1:2])
    for row in ACTIVITY:
        lines.append(",".join(str(row[col]) for col in c.ACTIVITY_COLUMNS) + ",")
    (folder / "activity.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_large_csv_is_cached_as_parquet_parts_with_the_same_lines_and_results(
    tmp_path, monkeypatch
):
    folder = _csv_dataset(tmp_path / "d")
    whole_dataset, whole = _results(folder)
    cache = tmp_path / "cache"
    parts_dataset, parts = _results(folder, partition_rows=500, cache_dir=cache)
    assert len(parts_dataset.activity_parts) >= 4
    _assert_same_results(whole, parts)
    whole_rejects = whole_dataset.validation.files[c.ACTIVITY].rejects
    parts_rejects = parts_dataset.validation.files[c.ACTIVITY].rejects
    assert parts_rejects["line"].tolist() == whole_rejects["line"].tolist()
    assert parts_rejects["reason"].tolist() == whole_rejects["reason"].tolist()
    assert len(parts_rejects) == 3 and set(parts_rejects["file"]) == {"activity.csv"}
    read = parts_dataset.validation.files[c.ACTIVITY]
    assert sum(part.rows for part in parts_dataset.activity_parts) == read.rows_read - len(
        parts_rejects.loc[parts_rejects["reason"].str.contains("field")]
    )
    assert (
        parts_dataset.validation.files[c.ACTIVITY].blank_rows
        == whole_dataset.validation.files[c.ACTIVITY].blank_rows
        == 1
    )

    def refuse(*args, **kwargs):
        raise AssertionError("converted again although the file did not change")

    monkeypatch.setattr(csvcache, "convert", refuse)
    again, _ = load_for_analysis(folder, partition_rows=500, cache_dir=cache)
    assert again.activity_parts == parts_dataset.activity_parts
    with (folder / "activity.csv").open("a", encoding="utf-8") as handle:
        handle.write("g-new,2026-07-05T09:00:00Z,m1,teams,internal,post,,,,\n")
    with pytest.raises(AssertionError, match="converted again"):
        load_for_analysis(folder, partition_rows=500, cache_dir=cache)


def test_record_pieces_cut_only_between_records_and_know_their_first_line(tmp_path):
    path = tmp_path / "a.csv"
    text = 'h1,h2\n"x\ny",1\nplain,2\n"multi\n\nline",3\nlast,4\n'
    path.write_text(text)
    pieces = list(csvcache.record_pieces(path, piece_bytes=7))
    assert len(pieces) > 1
    assert "h1,h2\n" + b"".join(piece for _, piece, _ in pieces).decode() == text
    offset = len("h1,h2\n")
    for header, piece, line in pieces:
        assert header == b"h1,h2\n"
        assert piece.count(b'"') % 2 == 0  # never inside a quoted value
        assert line == text[:offset].count("\n") + 1  # the editor line it starts on
        offset += len(piece)


def test_an_interrupted_conversion_leaves_no_cache(tmp_path, monkeypatch):
    folder = _csv_dataset(tmp_path / "d")
    cache = tmp_path / "cache"

    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pq, "write_table", broken)
    with pytest.raises(KeyboardInterrupt):
        load_dataset(folder, partition_rows=500, cache_dir=cache)
    assert not any(cache.rglob("*.parquet")) and not any(cache.rglob("parts.json"))


# --- Dask ---------------------------------------------------------------------------


def test_dask_on_a_local_cluster_gives_exactly_the_local_results(folders):
    from distributed import LocalCluster

    local = _results(folders["parts"], partition_rows=3000)[1]
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dataset, on_dask = _results(
            folders["parts"], partition_rows=3000, scheduler=cluster.scheduler_address
        )
    assert len(dataset.activity_parts) >= 5
    _assert_same_results(local, on_dask)


def test_a_scheduler_nobody_answers_is_one_message_and_exit_2(tmp_path, monkeypatch):
    """A scheduled run whose cluster is down: the address, how long it waited and what to
    check, after the short connect timeout, never a traceback (new-user trial)."""
    folder = _write_parts(tmp_path / "d", {"p1.parquet": [event("a1", "m1")]})
    address = unreachable_scheduler(monkeypatch)
    runner = CliRunner()
    for extra in (["--out", str(tmp_path / "out")], []):
        command = "analyse" if extra else "validate"
        started = time.monotonic()
        result = runner.invoke(
            app, [command, str(folder), *extra, "--executor", "dask", "--scheduler", address]
        )
        assert result.exit_code == EXIT_BAD_INPUT, result.output
        assert f"cannot reach the Dask scheduler at {address} (waited 1 s)" in result.output
        assert "is it running? (--scheduler)" in result.output
        assert "Traceback" not in result.output
        assert time.monotonic() - started < 20
    assert not (tmp_path / "out" / "units.csv").exists()
    nonsense = runner.invoke(
        app, ["validate", str(folder), "--executor", "dask", "--scheduler", "nohost"]
    )
    assert nonsense.exit_code == EXIT_BAD_INPUT, nonsense.output
    assert "--scheduler 'nohost' is not a Dask scheduler address" in nonsense.output


def test_copying_a_partition_folder_keeps_results(folders, tmp_path):
    """Partition paths are not part of any result (a cluster may mount data elsewhere)."""
    copy = tmp_path / "copy"
    shutil.copytree(folders["parts"], copy)
    _assert_same_results(
        _results(folders["parts"], partition_rows=3000)[1], _results(copy, partition_rows=3000)[1]
    )


def test_a_killed_analyse_leaves_the_previous_results_or_none_and_the_next_run_completes(
    folders, tmp_path
):
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-c",
        "from orgsocial.cli import main; main()",
        "analyse",
        str(folders["parts"]),
        "--out",
        str(out),
        "--partition-rows",
        "1500",
    ]
    subprocess.run(command, check=True, capture_output=True)
    reference = read_results(out).units
    for delay in (1.0, 2.0, 3.0):  # real kills, wherever they land
        process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if (out / "meta.json").exists():
            pd.testing.assert_frame_equal(read_results(out).units, reference)
    subprocess.run(command, check=True, capture_output=True)
    pd.testing.assert_frame_equal(read_results(out).units, reference)
    assert not list(out.rglob(".*.tmp"))


class _Killed(BaseException):
    """Not an Exception, so nothing on the way catches it (click turns Ctrl-C into exit 1)."""


def test_an_analyse_stopped_at_any_file_write_never_looks_complete(folders, tmp_path, monkeypatch):
    """Deterministic companion of the kill test: stop at the first, second, a middle,
    the last data file, and at meta.json itself."""
    from orgsocial.io import fileio, outputs

    out = tmp_path / "out"
    runner = CliRunner()
    arguments = ["analyse", str(folders["parts"]), "--out", str(out), "--partition-rows", "1500"]
    assert runner.invoke(app, arguments).exit_code == 0
    reference = read_results(out).units
    real_replace = os.replace
    files = len(list(out.rglob("*.*")))  # meta.json is the last one written
    for stop_at in (1, 2, files // 2, files - 1, files):
        writes = {"n": 0}

        def stopping_replace(source, target, _writes=writes, _stop=stop_at):
            _writes["n"] += 1
            if _writes["n"] == _stop:
                raise _Killed  # as if killed before this file was in place
            return real_replace(source, target)

        monkeypatch.setattr(fileio.os, "replace", stopping_replace)
        with pytest.raises(_Killed):
            runner.invoke(app, arguments, catch_exceptions=False)
        monkeypatch.setattr(fileio.os, "replace", real_replace)
        assert not (out / outputs.META).exists(), stop_at  # incomplete, and says so
        with pytest.raises(DatasetError, match=r"no meta\.json"):
            read_results(out)
    assert runner.invoke(app, arguments).exit_code == 0
    pd.testing.assert_frame_equal(read_results(out).units, reference)


@settings(max_examples=50, deadline=None)
@given(
    wanted=st.lists(st.text(min_size=0, max_size=12), max_size=30, unique=True),
    ids=st.lists(st.text(min_size=0, max_size=12), max_size=60),
)
def test_wanted_ids_among_sorted_hashes_are_exactly_those_whose_hash_is_wanted(wanted, ids):
    chosen = WantedIds.of(pa.array(wanted, pa.string()))
    hashes = np.sort(hash_strings(pd.Series(ids, dtype="str")))
    expected = np.flatnonzero(np.isin(hashes, hash_strings(pd.Series(wanted, dtype="str"))))
    assert chosen.among(hashes).tolist() == expected.tolist()


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 7), min_size=1, max_size=6),
    first_group=st.integers(0, 2),
    picks=st.lists(st.integers(0, 10**6), max_size=15),
    lines=st.booleans(),
)
def test_read_rows_reads_the_rows_at_locations_from_their_row_groups_only(
    tmp_path_factory, sizes, first_group, picks, lines
):
    # a file of row groups of the given sizes (after `first_group` groups of 4 rows
    # that belong to an earlier partition); rows carry a CSV line when `lines`
    path = tmp_path_factory.mktemp("rows") / "p.parquet"
    rows = 4 * first_group + sum(sizes)
    table = pa.table(
        {
            "event_id": [f"e{i}" for i in range(rows)],
            "actor_id": [f"a{i % 3}" for i in range(rows)],
            LINE_COLUMN: [3 * i + 2 for i in range(rows)],  # lines with gaps (multi-line records)
        }
    )
    with pq.ParquetWriter(path, table.schema) as writer:
        start = 0
        for size in [4] * first_group + sizes:
            writer.write_table(table.slice(start, size), row_group_size=size)
            start += size
    part = Part(
        path,
        tuple(range(first_group, first_group + len(sizes))),
        first_row=4 * first_group + 1,
        shown_as=path.with_suffix(".csv" if lines else ".parquet"),
        rows=sum(sizes),
    )
    positions = np.array(sorted({pick % part.rows for pick in picks}), dtype="int64")
    in_file = 4 * first_group + positions
    locations = (3 * in_file + 2) if lines else in_file + 1
    assert row_positions(part, locations).tolist() == positions.tolist()
    read = []
    original = parts_module.read_columns

    def recording(chosen, *args, **kwargs):
        read.extend(chosen.row_groups)
        return original(chosen, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts_module, "read_columns", recording)
        got = read_rows(part, positions[::-1], ["event_id", "actor_id"])
    assert got["event_id"].to_pylist() == [f"e{i}" for i in in_file[::-1]]
    assert got["actor_id"].to_pylist() == [f"a{i % 3}" for i in in_file[::-1]]
    bounds = np.cumsum([4] * first_group + sizes)
    assert sorted(read) == sorted({int(np.searchsorted(bounds, i, "right")) for i in in_file})
    with pytest.raises(DatasetError, match="changed while it was being read"):
        row_positions(part, np.array([locations.max(initial=0) + 1000]))


def test_the_second_pass_reads_only_the_row_groups_holding_parents(organisation, tmp_path, folders):
    write_demo(organisation, tmp_path, "parquet")
    table = pq.read_table(tmp_path / "activity.parquet").sort_by("timestamp")  # a log in time order
    pq.write_table(table, tmp_path / "activity.parquet", row_group_size=300)
    groups_in_second_pass = []
    original = parts_module.read_columns

    def recording(part, columns=None, dictionary=()):
        if columns is not None and list(columns) == list(events.PARENT_COLUMNS):
            groups_in_second_pass.extend(part.row_groups)
        return original(part, columns, dictionary)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts_module, "read_columns", recording)
        dataset, results = _results(tmp_path, partition_rows=3000)
    assert len(dataset.activity_parts) >= 4
    groups = pq.ParquetFile(tmp_path / "activity.parquet").metadata.num_row_groups
    assert 0 < len(groups_in_second_pass) < groups / 2  # replies follow their parents closely
    assert len(set(groups_in_second_pass)) == len(groups_in_second_pass)  # each read once
    _assert_same_results(_results(folders["whole"])[1], results)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "d", "e", "f", " a", ""]), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_a_partition_returns_its_kept_ids_hashes_sorted_with_their_rows(tmp_path_factory, rows):
    # repeated, padded and empty ids and bad audiences: rejected rows are not among them
    folder = _write_parts(
        tmp_path_factory.mktemp("ids"),
        {
            "p.parquet": [
                event(event_id, "m1", audience="internal" if good else "everyone")
                for event_id, good in rows
            ]
        },
    )
    dataset = load_dataset(folder)
    (part,) = dataset.activity_parts
    context = PartContext(dataset.employees, references_for_activity(dataset), None)
    result = summarise_part(part, context)
    kept = set(range(1, len(rows) + 1)) - set(result.report.rejects["row"])
    assert sorted(result.id_locations.tolist()) == sorted(kept)
    ids = pd.Series([rows[row - 1][0].strip() for row in result.id_locations], dtype="str")
    assert result.id_hashes.tolist() == hash_strings(ids).tolist()
    assert result.id_hashes.tolist() == sorted(result.id_hashes.tolist())


def test_validate_shows_and_keeps_the_rejects_of_partitions_whose_every_row_is_rejected(
    tmp_path,
):
    bad = event("x1", "m1", timestamp="not-a-date")
    folder = _write_parts(
        tmp_path / "d", {"p1.parquet": [bad], "p2.parquet": [bad | {"event_id": "x2"}]}
    )
    result = CliRunner().invoke(app, ["validate", str(folder), "--rejects", str(tmp_path / "r")])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "rejected: p2.parquet: row 1: column 'timestamp'" in result.output
    assert "nothing to analyse: all 2 row(s) were rejected" in result.output
    rejects = pd.read_csv(tmp_path / "r" / "rejects" / "activity.csv")
    assert rejects["event_id"].tolist() == ["x1", "x2"]
    with pytest.raises(DatasetError, match="nothing to analyse: all 2 row") as refused:
        load_for_analysis(folder)
    assert refused.value.validation.files[c.ACTIVITY].rows_rejected == 2
