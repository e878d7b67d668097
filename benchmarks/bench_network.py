"""Network analysis speed: department measures, person measures and Louvain communities.

Builds a demo organisation of about 3,000 people whose interactions form about
15,000 distinct person-to-person ties, then times the network steps of
``analyse`` (and the whole of it) on this machine.

    .venv/bin/python benchmarks/bench_network.py [--people 3000] [--ties 15000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from orgsocial.analysis import people
from orgsocial.analysis.pipeline import analyse
from orgsocial.analysis.steps import period_steps, shared_inputs
from orgsocial.analysis.tables import department_table, org_table, unit_indicators
from orgsocial.config import load_settings
from orgsocial.demo.synth import generate_demo, write_demo
from orgsocial.io.dataset import load_dataset
from orgsocial.scale import events as event_sums


def steps_of(dataset, settings):
    """The pipeline's shared intermediate steps for the whole log."""
    summary = event_sums.summarise_events(dataset.activity, dataset.employees)
    return period_steps(dataset, settings, None, shared_inputs(dataset, settings, summary))


def events_for_ties(people_count: int, ties: int, seed: int) -> int:
    """Find the number of events whose interactions give about ``ties`` distinct pairs."""
    low, high = 5_000, 400_000
    while high - low > 2_000:
        middle = (low + high) // 2
        organisation = generate_demo(seed=seed, employees=people_count, events=middle)
        with tempfile.TemporaryDirectory() as folder:
            write_demo(organisation, Path(folder), "parquet")
            steps = steps_of(load_dataset(folder), load_settings())
        if len(steps.pairs) < ties:
            low = middle
        else:
            high = middle
    return high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--ties", type=int, default=15_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = load_settings()
    events = events_for_ties(args.people, args.ties, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        write_demo(
            generate_demo(seed=args.seed, employees=args.people, events=events),
            Path(folder),
            "parquet",
        )
        dataset = load_dataset(folder)
    steps = steps_of(dataset, settings)
    print(
        f"people {len(dataset.employees):,}  events {events:,}  interactions "
        f"{int(steps.interactions['interactions'].sum()):,}  "
        f"distinct person ties {len(steps.pairs):,}  "
        f"departments {len(dataset.departments)}  "
        f"units {dataset.departments['business_unit'].nunique()}"
    )
    timings: dict[str, list[float]] = {"network steps": [], "whole analyse": []}
    for _ in range(args.repeat):
        started = time.perf_counter()
        units = unit_indicators(steps, settings)  # includes Louvain per unit and the models
        department_table(steps, settings)  # brokers, connectors (person measures)
        people.person_measures(steps.pairs)
        org_table(steps, units.assign(phase=1), settings)  # org-wide Louvain, modularity
        timings["network steps"].append(time.perf_counter() - started)
        started = time.perf_counter()
        analyse(dataset, settings)
        timings["whole analyse"].append(time.perf_counter() - started)
    for name, values in timings.items():
        print(
            f"{name:<16} median {statistics.median(values):6.2f} s  (runs: "
            + ", ".join(f"{v:.2f}" for v in values)
            + ")"
        )


if __name__ == "__main__":
    main()
