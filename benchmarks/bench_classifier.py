"""How well the phase classifier recovers planted phases, situation by situation.

Each generated organisation gets a random plan: 6 to 12 business units, each in one
situation (below), random sizes and per-unit noise (``--jitter``) so that no two
units of a phase behave alike. The verdict judged is the headline of
``units.csv``: the unit's phase in the latest complete quarter (the demo's window
is two quarters; a unit that changed shows its new phase there).

Situations: ``clear`` (one phase all along), ``between`` (planted halfway between
two adjacent phases: either is right), ``moved_up`` / ``slid_back`` (the phase
changed at the middle of the window: judged on the latest quarter), ``says_more``
/ ``says_less`` (the survey one phase above / below behaviour: judged on
behaviour), ``pilot_marcom`` (a pilot with one very active marketing enthusiast
among scattered ones), ``no_survey``, ``no_inquiries`` and ``one_department``.

Prints, per situation: units, exactly right, *consistent* (the planted phase lies
between the verdict and the highest phase the evidence does not exclude, so an
honest "at least" counts), "at least" verdicts, provisional verdicts; then the
confusion matrix (planted x found) and the median confidence when right and wrong.

    .venv/bin/python benchmarks/bench_classifier.py [--organisations 30] [--jitter 0.2]
    .venv/bin/python benchmarks/bench_classifier.py --independent DIR   # folders with truth.csv
    .venv/bin/python benchmarks/bench_classifier.py --config FILE ...    # other settings
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
from orgsocial.demo.synth import UnitPlan, generate_demo, write_demo
from orgsocial.io.dataset import load_dataset

SITUATIONS = (
    "clear",
    "between",
    "moved_up",
    "slid_back",
    "says_more",
    "says_less",
    "pilot_marcom",
    "no_survey",
    "no_inquiries",
    "one_department",
)
WEIGHTS = (0.3, 0.1, 0.08, 0.08, 0.08, 0.08, 0.07, 0.07, 0.07, 0.07)
CONFIG: Path | None = None  # --config: a settings file to try instead of the defaults


def random_unit(rng: np.random.Generator, name: str, situation: str) -> UnitPlan:
    """A unit planted in ``situation`` with a random phase that the situation allows."""
    phase = int(rng.integers(1, 5))
    if situation == "between":
        return UnitPlan(name, float(rng.choice([1.5, 2.5, 3.5])))
    if situation == "moved_up":
        phase = int(rng.integers(2, 5))
        return UnitPlan(name, phase, earlier_phase=phase - 1)
    if situation == "slid_back":
        phase = int(rng.integers(1, 4))
        return UnitPlan(name, phase, earlier_phase=phase + 1)
    if situation == "says_more":
        phase = int(rng.integers(1, 4))
        return UnitPlan(name, phase, survey_phase=phase + 1)
    if situation == "says_less":
        phase = int(rng.integers(2, 5))
        return UnitPlan(name, phase, survey_phase=phase - 1)
    if situation == "pilot_marcom":
        return UnitPlan(name, 1, marcom_enthusiast=True)
    if situation == "no_survey":
        return UnitPlan(name, phase, survey=False)
    if situation == "no_inquiries":
        return UnitPlan(name, phase, inquiries=False)
    if situation == "one_department":
        return UnitPlan(name, phase, one_department=True)
    return UnitPlan(name, phase)


def random_plan(rng: np.random.Generator) -> tuple[tuple[UnitPlan, str], ...]:
    units = int(rng.integers(6, 13))
    situations = rng.choice(SITUATIONS, size=units, p=WEIGHTS)
    return tuple(
        (random_unit(rng, f"Unit {i + 1:02d}", str(s)), str(s)) for i, s in enumerate(situations)
    )


def judged(units: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """One row per unit: planted phase now, situation, and the verdict found."""
    found = units.set_index("business_unit")
    rows = []
    for record in truth.to_dict("records"):
        unit = found.loc[record["business_unit"]]
        rows.append(
            {
                **record,
                "found": unit["phase"],
                "phase_max": unit["phase_max"],
                "at_least": bool(unit["at_least"]),
                "provisional": bool(unit["provisional"]),
                "between": unit["between"],
                "confidence": unit["confidence"],
                "headcount": unit["headcount"],
            }
        )
    return pd.DataFrame(rows)


def run(organisations: int, jitter: float, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    settings = load_settings(CONFIG)
    frames = []
    for index in range(organisations):
        plan = random_plan(rng)
        employees = int(rng.integers(len(plan) * 80, len(plan) * 400))
        events = int(employees * rng.uniform(10, 60))
        organisation = generate_demo(
            seed=int(rng.integers(1 << 31)),
            employees=employees,
            events=events,
            plan=tuple(unit for unit, _ in plan),
            jitter=jitter,
        )
        with tempfile.TemporaryDirectory() as folder:
            write_demo(organisation, Path(folder), "parquet")
            units = analyse(load_dataset(folder), settings).units
        truth = pd.DataFrame(
            {
                "organisation": index,
                "business_unit": [unit.name for unit, _ in plan],
                "situation": [situation for _, situation in plan],
                "planted": [float(unit.phase) for unit, _ in plan],
            }
        )
        frames.append(judged(units, truth))
    return pd.concat(frames, ignore_index=True)


def run_independent(folder: Path) -> pd.DataFrame:
    """Classify organisations generated elsewhere (sub-folders holding a ``truth.csv``)."""
    settings = load_settings(CONFIG)
    frames = []
    for index, org in enumerate(sorted(p.parent for p in folder.glob("*/truth.csv"))):
        truth = pd.read_csv(org / "truth.csv")
        units = analyse(load_dataset(org), settings).units
        truth = truth.rename(columns={"phase_now": "planted"}).assign(organisation=index)
        frames.append(
            judged(units, truth[["organisation", "business_unit", "situation", "planted"]])
        )
    return pd.concat(frames, ignore_index=True)


def right(results: pd.DataFrame) -> pd.Series:
    """The verdict is the planted phase (for a unit between two phases: either)."""
    low, high = np.floor(results["planted"]), np.ceil(results["planted"])
    found = results["found"].astype("float64")
    return (found == low) | (found == high)


def consistent(results: pd.DataFrame) -> pd.Series:
    """The planted phase lies in the range the verdict leaves open (an honest "at least")."""
    found = results["found"].astype("float64")
    top = results["phase_max"].astype("float64")
    return (found <= np.ceil(results["planted"])) & (np.floor(results["planted"]) <= top)


def report(results: pd.DataFrame) -> None:
    results = results.assign(right=right(results), consistent=consistent(results))
    print(
        f"{'situation':16s} {'units':>5s} {'right':>7s} {'consistent':>10s} "
        f"{'at least':>8s} {'provisional':>11s}"
    )
    for situation, rows in results.groupby("situation", sort=False):
        print(
            f"{situation:16s} {len(rows):5d} {rows['right'].mean():7.1%} "
            f"{rows['consistent'].mean():10.1%} {rows['at_least'].mean():8.1%} "
            f"{rows['provisional'].mean():11.1%}"
        )
    print(
        f"{'all':16s} {len(results):5d} {results['right'].mean():7.1%} "
        f"{results['consistent'].mean():10.1%} {results['at_least'].mean():8.1%} "
        f"{results['provisional'].mean():11.1%}"
    )
    print("confusion matrix (rows planted now, columns found; '-' = no phase):")
    table = pd.crosstab(
        results["planted"], results["found"].astype("Int64").astype("string").fillna("-")
    )
    print(table.to_string())
    wrong = results.loc[~results["right"]]
    print(
        f"median confidence when right {results.loc[results['right'], 'confidence'].median():.2f}"
        f", when wrong {wrong['confidence'].median():.2f} ({len(wrong)} units)"
    )
    if len(wrong):
        columns = [
            "organisation",
            "business_unit",
            "situation",
            "planted",
            "found",
            "phase_max",
            "confidence",
            "headcount",
        ]
        print("wrong:")
        print(wrong[columns].to_string(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=30)
    parser.add_argument("--jitter", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--independent", type=Path, help="folders of organisations with truth.csv")
    parser.add_argument("--config", type=Path, help="settings file (as analyse --config)")
    args = parser.parse_args()
    global CONFIG
    CONFIG = args.config
    started = time.perf_counter()
    if args.independent:
        results = run_independent(args.independent)
        print(
            f"{results['organisation'].nunique()} organisations from {args.independent}, "
            f"{len(results)} units ({time.perf_counter() - started:.0f} s)"
        )
    else:
        results = run(args.organisations, args.jitter, args.seed)
        print(
            f"{args.organisations} organisations, {len(results)} units, jitter {args.jitter}, "
            f"seed {args.seed} ({time.perf_counter() - started:.0f} s)"
        )
    report(results)


if __name__ == "__main__":
    main()
