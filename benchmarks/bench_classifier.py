"""How well the phase classifier recovers planted phases on many generated organisations.

Each organisation gets a random plan: 6 to 12 business units, each planted in a
phase (1-4) or deliberately between two phases (1.5, 2.5, 3.5), random sizes,
and per-unit noise (``--jitter``) so that no two units of a phase behave alike.
Prints accuracy on units planted in one phase, how units planted between two
phases are treated, and the confusion matrix (planted x found).

    .venv/bin/python benchmarks/bench_classifier.py [--organisations 30] [--jitter 0.2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.dataset import load_dataset
from orgsocial.synth import UnitPlan, generate_demo, write_demo

PLANTS = (1.0, 2.0, 3.0, 4.0, 1.5, 2.5, 3.5)
PLANT_WEIGHTS = (0.19, 0.19, 0.19, 0.19, 0.08, 0.08, 0.08)


def random_plan(rng: np.random.Generator) -> tuple[UnitPlan, ...]:
    units = int(rng.integers(6, 13))
    phases = rng.choice(PLANTS, size=units, p=PLANT_WEIGHTS)
    return tuple(UnitPlan(f"Unit {i + 1:02d}", float(p)) for i, p in enumerate(phases))


def run(organisations: int, jitter: float, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    settings = load_settings()
    rows = []
    for index in range(organisations):
        plan = random_plan(rng)
        employees = int(rng.integers(len(plan) * 80, len(plan) * 400))
        events = int(employees * rng.uniform(10, 60))
        organisation = generate_demo(
            seed=int(rng.integers(1 << 31)),
            employees=employees,
            events=events,
            plan=plan,
            jitter=jitter,
        )
        with tempfile.TemporaryDirectory() as folder:
            write_demo(organisation, Path(folder), "parquet")
            units = analyse(load_dataset(folder), settings, trend_by=None).units
        found = units.set_index("business_unit")
        for entry in plan:
            unit = found.loc[entry.name]
            rows.append(
                {
                    "organisation": index,
                    "planted": entry.phase,
                    "found": unit["phase"],
                    "between": unit["between"],
                    "confidence": unit["confidence"],
                    "headcount": unit["headcount"],
                }
            )
    return pd.DataFrame(rows)


def report(results: pd.DataFrame) -> None:
    pure = results.loc[results["planted"] == results["planted"].round()]
    mixed = results.loc[results["planted"] != results["planted"].round()]
    exact = (pure["found"] == pure["planted"]).mean()
    print(f"units planted in one phase: {len(pure)}; found exactly: {exact:.1%}")
    for phase in (1, 2, 3, 4):
        mine = pure.loc[pure["planted"] == phase]
        print(
            f"  phase {phase}: {len(mine):3d} units, recall {(mine['found'] == phase).mean():.1%}"
        )
    found_pure = pure.loc[pure["found"].notna()]
    flagged = (found_pure["between"].fillna("") != "").mean()
    print(f"  flagged as between phases although planted in one: {flagged:.1%}")
    if len(mixed):
        low = np.floor(mixed["planted"])
        adjacent = mixed["found"].isin([1, 2, 3, 4]) & (
            (mixed["found"] == low) | (mixed["found"] == low + 1)
        )
        expected = mixed.apply(
            lambda r: f"{int(np.floor(r['planted']))}→{int(np.floor(r['planted'])) + 1}", axis=1
        )
        print(
            f"units planted between two phases: {len(mixed)}; found as one of the two: "
            f"{adjacent.mean():.1%}; flagged as exactly that pair: "
            f"{(mixed['between'].fillna('') == expected).mean():.1%}"
        )
    print("confusion matrix (rows planted, columns found; '-' = no phase):")
    table = pd.crosstab(
        results["planted"], results["found"].astype("Int64").astype("string").fillna("-")
    )
    print(table.to_string())
    right = results.loc[results["found"] == results["planted"], "confidence"].median()
    wrong = pure.loc[pure["found"] != pure["planted"], "confidence"].median()
    print(f"median confidence when right {right:.2f}, when wrong (pure units) {wrong:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=30)
    parser.add_argument("--jitter", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    results = run(args.organisations, args.jitter, args.seed)
    print(
        f"{args.organisations} organisations, {len(results)} units, jitter {args.jitter}, "
        f"seed {args.seed} ({time.perf_counter() - started:.0f} s)"
    )
    report(results)


if __name__ == "__main__":
    main()
