"""How ``orgsocial analyse`` scales with the activity log, against the floor of just reading it.

For each size the demo generator writes an organisation whose activity is a
folder of monthly Parquet files (``demo-data --format partitioned``); then, each
in a fresh process so that peak memory is its own:

* floor: read every activity column of every partition with pyarrow (nothing else;
  the median of three runs);
* analyse: ``orgsocial analyse`` (validation, partition-wise sums, networks,
  classification, trend, writing the outputs); with ``--repeat N`` the median
  of N runs, and the fastest and slowest are printed too (on a shared
  virtual machine identical runs differ by 10-20 %).

    .venv/bin/python benchmarks/bench_scale.py --events 1000000 5000000 20000000

Prints one row per size and the growth between sizes (seconds per million
events). ``peak MiB`` is the analysing process; with ``--workers N`` the
partitions are summed in N worker processes and ``worker MiB`` is the largest
one's peak, so the whole run peaks below ``peak + N × worker``. Timings are this
machine's; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_peak_mib() -> float:
    """The largest worker process's peak (0 when the partitions were summed in-process)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def floor(folder: Path) -> dict[str, float]:
    """Read all activity columns from the Parquet partitions (the least any analysis costs)."""
    import pyarrow.dataset as ds

    started = time.perf_counter()
    table = ds.dataset(folder / "activity", format="parquet", partitioning="hive").to_table()
    seconds = time.perf_counter() - started
    return {"rows": table.num_rows, "seconds": seconds, "peak_mib": _peak_mib()}


def analyse(folder: Path, partition_rows: int, workers: int) -> dict[str, float]:
    """``orgsocial analyse`` in this process."""
    from orgsocial.cli import app

    out = Path(tempfile.mkdtemp(prefix="bench-scale-out-"))
    started = time.perf_counter()
    try:
        app(
            [
                "analyse",
                str(folder),
                "--out",
                str(out),
                "--partition-rows",
                str(partition_rows),
                "--workers",
                str(workers),
            ],
            standalone_mode=False,
        )
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds, "peak_mib": _peak_mib(), "worker_peak_mib": _worker_peak_mib()}


def _child(*arguments: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(HERE), *arguments],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def generate(folder: Path, events: int, employees: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from orgsocial.cli import main; main()",
            "demo-data",
            str(folder),
            "--events",
            str(events),
            "--employees",
            str(employees),
            "--format",
            "partitioned",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--partition-rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=1, help="analyse --workers")
    parser.add_argument("--work", type=Path, help="Keep the generated datasets here.")
    parser.add_argument("--repeat", type=int, default=1, help="analyse runs per size (median)")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--analyse", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        print(json.dumps(floor(args.floor)))
        return
    if args.analyse:
        print(json.dumps(analyse(args.analyse, args.partition_rows, args.workers)))
        return

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    print(f"employees {args.employees}, partition rows {args.partition_rows:,}, data in {work}")
    header = (
        f"{'events':>11} {'generate s':>10} {'floor s':>8} {'floor MiB':>9} "
        f"{'analyse s':>9} {'× floor':>7} {'peak MiB':>8} {'worker MiB':>10} {'s per M':>7}"
    )
    print(header)
    rows = []
    for events in args.events:
        folder = work / f"demo-{events}"
        generated = 0.0
        if not (folder / "activity").is_dir():
            generated = generate(folder, events, args.employees)
        reads = sorted(
            (_child("--floor", str(folder)) for _ in range(3)), key=lambda r: r["seconds"]
        )
        read = reads[1]  # the median of three: reading alone varies by a third between runs
        runs = sorted(
            (
                _child(
                    "--analyse",
                    str(folder),
                    "--partition-rows",
                    str(args.partition_rows),
                    "--workers",
                    str(args.workers),
                )
                for _ in range(max(args.repeat, 1))
            ),
            key=lambda r: r["seconds"],
        )
        run = runs[len(runs) // 2]
        per_million = run["seconds"] / (events / 1e6)
        rows.append((events, run["seconds"]))
        print(
            f"{events:>11,} {generated:>10.1f} {read['seconds']:>8.2f} {read['peak_mib']:>9.0f} "
            f"{run['seconds']:>9.1f} {run['seconds'] / read['seconds']:>7.1f} "
            f"{run['peak_mib']:>8.0f} {run['worker_peak_mib']:>10.0f} {per_million:>7.2f}"
            + (
                f"   (analyse {runs[0]['seconds']:.1f}-{runs[-1]['seconds']:.1f} s"
                f" over {len(runs)} runs)"
                if len(runs) > 1
                else ""
            ),
            flush=True,
        )
    for (small, t_small), (large, t_large) in itertools.pairwise(rows):
        print(
            f"growth {small:,} -> {large:,} events (×{large / small:.1f}): "
            f"time ×{t_large / t_small:.2f}; marginal "
            f"{(t_large - t_small) / ((large - small) / 1e6):.2f} s per million events"
        )
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
