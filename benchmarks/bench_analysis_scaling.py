"""Seconds of the analysis of departments and units, against the events in the log.

The analysis (``orgsocial.analysis.pipeline.analyse``: the networks, the
indicators, the verdicts of every trend period, privacy) starts from the sums
of the activity log. This times it alone, on datasets with the same departments
and units but more events, to show whether it grows with the events or with
the departments and units. The loading and summing before it (read once per
dataset, not timed) is what grows with the events.

    .venv/bin/python benchmarks/bench_analysis_scaling.py DATASET [DATASET ...] [--repeat 5]

Prints, per dataset: its events, departments, units and trend periods, and the
analysis' seconds (each run, and the median). Timings are this machine's;
nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from orgsocial.analysis.pipeline import analyse
from orgsocial.app import AnalysisOptions, load_dataset_for


def analysis_seconds(dataset: Path, repeat: int, workers: int) -> tuple[dict, list[float]]:
    """The dataset's sizes and the seconds of each of ``repeat`` analyses of its sums."""
    options = AnalysisOptions(workers=workers)
    settings = options.settings()
    loaded, summary = load_dataset_for(dataset, options)
    analyse(loaded, settings, summary=summary)  # first call: lazy imports, caches
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        results = analyse(loaded, settings, summary=summary)
        seconds.append(time.perf_counter() - started)
    sizes = {
        "events": int(loaded.validation.files["activity"].rows_kept),
        "departments": len(loaded.departments),
        "units": loaded.departments["business_unit"].nunique(),
        "trend periods": results.trend["period"].nunique() if "period" in results.trend else 0,
    }
    return sizes, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2, help="processes summing a large log")
    arguments = parser.parse_args()
    print(f"{'dataset':<24} {'events':>12} {'depts':>6} {'units':>6} {'periods':>8}  seconds")
    for dataset in arguments.datasets:
        sizes, seconds = analysis_seconds(dataset, arguments.repeat, arguments.workers)
        runs = " ".join(f"{s:.2f}" for s in seconds)
        print(
            f"{dataset.name:<24} {sizes['events']:>12,} {sizes['departments']:>6} "
            f"{sizes['units']:>6} {sizes['trend periods']:>8}  "
            f"median {statistics.median(seconds):.2f} ({runs})"
        )


if __name__ == "__main__":
    main()
