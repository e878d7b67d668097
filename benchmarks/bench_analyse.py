"""Time and peak memory of load + analyse on demo organisations of growing size.

Each size runs in its own process so that peak memory is that size's own.

    .venv/bin/python benchmarks/bench_analyse.py --events 100000 1000000 --format parquet
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure_one(events: int, employees: int, file_format: str) -> dict[str, float]:
    from orgsocial.analysis.pipeline import analyse
    from orgsocial.config import load_settings
    from orgsocial.demo.synth import generate_demo, write_demo
    from orgsocial.io.dataset import load_dataset

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        write_demo(
            generate_demo(seed=1, employees=employees, events=events), Path(folder), file_format
        )
        generated = time.perf_counter()
        dataset = load_dataset(folder)
        loaded = time.perf_counter()
        analyse(dataset, load_settings())
        done = time.perf_counter()
    return {
        "events": events,
        "generate_s": generated - started,
        "load_s": loaded - generated,
        "analyse_s": done - loaded,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--format", dest="file_format", default="csv", choices=["csv", "parquet"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.employees, args.file_format)))
        return
    print(f"{'events':>12} {'generate s':>11} {'load s':>8} {'analyse s':>10} {'peak MiB':>9}")
    for events in args.events:
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(events),
                "--employees",
                str(args.employees),
                "--format",
                args.file_format,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        row = json.loads(output.splitlines()[-1])
        print(
            f"{row['events']:>12,} {row['generate_s']:>11.2f} {row['load_s']:>8.2f} "
            f"{row['analyse_s']:>10.2f} {row['peak_mib']:>9.0f}"
        )


if __name__ == "__main__":
    main()
