"""Properties of the whole pipeline on generated variations of a dataset.

More people taking part, more departments connected or faster customer answers
never lower a unit's score for reaching a higher phase; the order of rows in the
input files changes nothing.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ACTIVITY, DEPARTMENTS, EMPLOYEES, event, write_csv
from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.dataset import load_dataset

EXACT = load_settings().with_min_group_size(1)
PEOPLE = [row["employee_id"] for row in EMPLOYEES]
DEPARTMENT_OF = {row["employee_id"]: row["department"] for row in EMPLOYEES}
SURVEY = [
    {
        "respondent_id": person,
        "department": DEPARTMENT_OF[person],
        "wave": "2026-Q3",
        "policy": 1 + i % 5,
        "ownership": 1 + i % 4,
        "strategy": 1 + (i * 3) % 5,
    }
    for i, person in enumerate(PEOPLE)
]


def at_least(folder: Path) -> pd.DataFrame:
    units = analyse(load_dataset(folder), EXACT, trend_by=None).units.set_index("business_unit")
    reach = units[["reach_phase_2", "reach_phase_3", "reach_phase_4"]]
    return pd.DataFrame(
        {
            2: reach["reach_phase_2"],
            3: reach["reach_phase_2"] * reach["reach_phase_3"],
            4: reach["reach_phase_2"] * reach["reach_phase_3"] * reach["reach_phase_4"],
        }
    )


def build(activity: list[dict]) -> Path:
    folder = Path(tempfile.mkdtemp())
    write_csv(folder / "departments.csv", DEPARTMENTS)
    write_csv(folder / "employees.csv", EMPLOYEES)
    write_csv(folder / "activity.csv", activity)
    write_csv(folder / "survey.csv", SURVEY)
    return folder


BASE = None


def base_scores() -> pd.DataFrame:
    global BASE
    if BASE is None:
        folder = build(ACTIVITY)
        BASE = at_least(folder)
        shutil.rmtree(folder)
    return BASE


def more_participation(rnd: random.Random, n: int) -> list[dict]:
    return [
        event(f"p{i}", rnd.choice(PEOPLE), audience=rnd.choice(["internal", "external"]))
        for i in range(n)
    ]


def more_connection(rnd: random.Random, n: int) -> list[dict]:
    rows = []
    for i in range(n):
        actor = rnd.choice(PEOPLE)
        others = [p for p in PEOPLE if DEPARTMENT_OF[p] != DEPARTMENT_OF[actor]]
        rows.append(event(f"c{i}", actor, action="message", target_id=rnd.choice(others)))
    return rows


def faster_answers(rnd: random.Random, n: int) -> list[dict]:
    # answer the unanswered inquiry (e11), sooner the larger n
    minutes = max(1, 600 // n)
    stamp = (pd.Timestamp("2026-07-02T10:00:00Z") + pd.Timedelta(minutes=minutes)).isoformat()
    return [
        event(
            "f1",
            rnd.choice(PEOPLE),
            action="reply",
            audience="external",
            in_reply_to="e11",
            timestamp=stamp,
        )
    ]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([more_participation, more_connection, faster_answers]),
    st.integers(min_value=1, max_value=12),
    st.randoms(use_true_random=False),
)
def test_improving_a_unit_never_lowers_its_score_for_a_higher_phase(change, n, rnd):
    folder = build([*ACTIVITY, *change(rnd, n)])
    try:
        after = at_least(folder)
    finally:
        shutil.rmtree(folder)
    before = base_scores()
    assert (after - before >= -1e-9).all().all(), (change.__name__, after - before)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_row_order_of_the_input_files_changes_nothing(rnd):
    ordered = build(ACTIVITY)
    shuffled = Path(tempfile.mkdtemp())
    try:
        for name, rows in (
            ("departments", DEPARTMENTS),
            ("employees", EMPLOYEES),
            ("activity", ACTIVITY),
            ("survey", SURVEY),
        ):
            rows = list(rows)
            rnd.shuffle(rows)
            write_csv(shuffled / f"{name}.csv", rows)
        first = analyse(load_dataset(ordered), EXACT)
        second = analyse(load_dataset(shuffled), EXACT)
        for name in first.FRAMES:
            if name == "validation":
                continue
            a = getattr(first, name)
            b = getattr(second, name)
            pd.testing.assert_frame_equal(
                a.sort_values(list(a.columns[:2])).reset_index(drop=True),
                b.sort_values(list(b.columns[:2])).reset_index(drop=True),
                check_like=True,
                obj=name,
            )
    finally:
        shutil.rmtree(ordered)
        shutil.rmtree(shuffled)
