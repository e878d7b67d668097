"""``orgsocial analyse`` on one large activity CSV, first run, against the floor of reading it.

The demo generator writes an organisation whose activity is a single CSV
(``demo-data --format csv``; by default 2.24M events of about 2,000 people).
Then, alternating, each in a fresh process:

* floor: ``pyarrow.csv.read_csv`` of the whole file into memory (multi-threaded
  C++; nothing else);
* first run: ``orgsocial analyse`` with an empty CSV cache (the file is cut into
  Parquet parts, validated, summed, analysed and the results written), as the
  command is typed, Python's start-up and imports included;
* second run: the same with the cache the first run left.

    .venv/bin/python benchmarks/bench_first_run.py --events 2240000 --repeat 5

Prints each run, then the medians and the ratio of the first run to the floor.
Timings are this machine's; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
FLOOR = (
    "import pyarrow.csv as c, sys, time; t = time.perf_counter(); "
    "c.read_csv(sys.argv[1]); print(time.perf_counter() - t)"
)


def floor_seconds(csv: Path) -> float:
    """Seconds pyarrow needs to read ``csv`` (measured inside a fresh process)."""
    output = subprocess.run(
        [sys.executable, "-c", FLOOR, str(csv)], check=True, capture_output=True, text=True
    )
    return float(output.stdout)


def analyse_seconds(dataset: Path, cache: Path, work: Path) -> float:
    """Wall seconds of ``orgsocial analyse dataset`` with the CSV cache in ``cache``."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "orgsocial"), "analyse", str(dataset), "--out", str(out)],
        check=True,
        capture_output=True,
        env={**os.environ, "ORGSOCIAL_CACHE": str(cache)},
    )
    seconds = time.perf_counter() - started
    shutil.rmtree(out)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2_240_000)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-first")
    args = parser.parse_args()
    dataset = args.work / f"demo-{args.events}"
    if not (dataset / "activity.csv").is_file():
        subprocess.run(
            [
                str(BIN / "orgsocial"),
                "demo-data",
                str(dataset),
                "--format",
                "csv",
                "--events",
                str(args.events),
                "--employees",
                str(args.employees),
            ],
            check=True,
            capture_output=True,
        )
    csv = dataset / "activity.csv"
    print(f"{csv}: {csv.stat().st_size / 1e6:.0f} MB, {args.events:,} events")
    print(f"{'run':>4} {'floor s':>8} {'first s':>8} {'second s':>9}")
    floors, firsts, seconds = [], [], []
    for run in range(1, args.repeat + 1):
        cache = args.work / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        floors.append(floor_seconds(csv))
        firsts.append(analyse_seconds(dataset, cache, args.work))
        seconds.append(analyse_seconds(dataset, cache, args.work))
        print(f"{run:>4} {floors[-1]:>8.2f} {firsts[-1]:>8.2f} {seconds[-1]:>9.2f}")
    median_floor = statistics.median(floors)
    median_first = statistics.median(firsts)
    print(
        f"median: floor {median_floor:.2f} s, first run {median_first:.2f} s "
        f"({median_first / median_floor:.1f}x the floor; slowest {max(firsts):.2f} s, "
        f"{max(firsts) / median_floor:.1f}x), second run {statistics.median(seconds):.2f} s"
    )


if __name__ == "__main__":
    main()
