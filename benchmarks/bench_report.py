"""Report batch speed: orgsocial's warm-kernel batch against papermill + nbconvert CLIs per unit.

Generates an organisation with ``--units`` business units, analyses it once, then
1. runs ``orgsocial report --only-units`` (fresh folder, ``--workers``),
2. reruns it unchanged (the incremental path),
3. runs the same unit notebook with the ``papermill`` and ``jupyter nbconvert`` command
   lines, one unit after the other (``--baseline-units`` of them; the rest extrapolated),
and prints the wall times, the time per report and the speed-up.

    .venv/bin/python benchmarks/bench_report.py [--units 24] [--workers 2] [--baseline-units 24]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from orgsocial.demo.synth import UnitPlan, generate_demo, write_demo

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline-units", type=int, default=24)
    args = parser.parse_args()
    plan = tuple(UnitPlan(f"Unit {i + 1:02d}", 1 + i % 4) for i in range(args.units))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_demo(
            generate_demo(seed=3, employees=args.units * 120, events=args.units * 4000, plan=plan),
            work / "data",
        )
        orgsocial = [
            str(BIN / "orgsocial"),
            "report",
            str(work / "data"),
            "--out",
            str(work / "out"),
            "--only-units",
            "--workers",
            str(args.workers),
            "--no-progress",
        ]
        batch = run(orgsocial)
        manifest = json.loads((work / "out" / "manifest.json").read_text())
        reports = len(manifest["reports"])
        rerun = run(orgsocial)

        notebook = ROOT / "notebooks" / "02_business_unit.ipynb"
        results = work / "out" / "analysis"
        baseline = []
        for entry in plan[: args.baseline_units]:
            executed = work / "cli" / f"{entry.name}.ipynb"
            executed.parent.mkdir(exist_ok=True)
            baseline.append(
                run(
                    [
                        str(BIN / "papermill"),
                        str(notebook),
                        str(executed),
                        "-p",
                        "results_dir",
                        str(results),
                        "-p",
                        "business_unit",
                        entry.name,
                        "--cwd",
                        str(notebook.parent),
                        "--no-progress-bar",
                    ]
                )
                + run(
                    [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)]
                )
            )
    per_unit_cli = sum(baseline) / len(baseline)
    cli_total = per_unit_cli * args.units
    execution = manifest["execution_seconds"]
    print(f"{args.units} unit reports, {args.workers} workers, {reports} pages")
    analysis = manifest["analysis_seconds"]
    print(
        f"orgsocial report (fresh):     {batch:7.1f} s wall (analysis {analysis:.1f} s, "
        f"notebooks + pages {execution:.1f} s) = {batch / reports:.2f} s per report"
    )
    share = 100 * rerun / batch
    print(f"orgsocial report (unchanged): {rerun:7.2f} s = {share:.1f}% of the fresh run")
    print(
        f"papermill + nbconvert CLIs:   {per_unit_cli:7.1f} s per unit ({len(baseline)} measured), "
        f"{cli_total:.0f} s for {args.units}"
    )
    print(f"speed-up, whole command:      {cli_total / batch:7.1f}x")
    print(f"speed-up, notebooks only:     {cli_total / execution:7.1f}x")


if __name__ == "__main__":
    main()
