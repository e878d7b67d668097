"""The demo organisation: a synthetic group with business units planted in each phase.

Behaviour per phase follows the founding model's descriptions (who takes part,
which department leads, whether customer-facing departments join, how fast
customers are answered, what employees say in the survey), with noise. The
planted phase of each unit is written to ``planted_phases.csv`` beside the
contract files so that the classifier can be checked against it.

Everything is vectorised with numpy/pyarrow so that ``--events`` can go to tens
of millions for benchmarks; the same seed always gives the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from orgsocial import contract as c
from orgsocial.errors import ParameterError
from orgsocial.fileio import atomic_path

#: The demo's business units and the phase planted in each.
UNIT_PLAN: tuple[tuple[str, int], ...] = (
    ("Retail Banking", 4),
    ("Insurance", 3),
    ("Wealth Management", 2),
    ("Corporate Banking", 1),
    ("Payments", 3),
    ("Mortgages", 2),
    ("Asset Management", 1),
    ("Digital Channels", 4),
)

#: (function, label, customer_facing, size weight); the first four are in every unit.
CORE_DEPARTMENTS = (
    ("marketing", "Marketing", False, 1.0),
    ("customer_service", "Customer Service", True, 3.0),
    ("sales", "Sales", True, 2.0),
    ("management", "Board Office", False, 0.0),
)
OPTIONAL_DEPARTMENTS = (
    ("communications", "Communications", False, 0.6),
    ("hr", "HR", False, 0.6),
    ("it", "IT", False, 1.5),
    ("finance", "Finance", False, 0.8),
    ("operations", "Operations", False, 2.5),
    ("legal", "Legal", False, 0.4),
    ("product", "Product", False, 1.0),
)
BOARD_OFFICE_SIZES = (3, 7)  # some board offices are below the privacy minimum
MIN_DEPARTMENT_SIZE = 6
INTERNAL_CHANNELS = ("teams", "viva_engage", "slack", "intranet")
EXTERNAL_CHANNELS = ("linkedin", "x", "facebook", "instagram")
INQUIRY_SHARE = 0.05  # of all events


@dataclass(frozen=True)
class PhaseBehaviour:
    """How a unit in one phase behaves in the demo (probabilities per person or event)."""

    p_active_marcom: float
    p_active_spoke: float
    p_active_other: float
    rate_marcom: float  # relative events per active person
    rate_others: float
    external_share: float
    interaction_share: float
    same_department_share: float
    hub_partner_share: float
    cross_unit_share: float  # of cross-department interactions, to another unit
    inquiries_per_person: float
    answer_rate: float
    response_median_minutes: float
    responder_spoke_share: float
    survey_means: dict[str, float]


BEHAVIOUR: dict[int, PhaseBehaviour] = {
    1: PhaseBehaviour(
        p_active_marcom=0.05,
        p_active_spoke=0.04,
        p_active_other=0.05,
        rate_marcom=1.0,
        rate_others=1.0,
        external_share=0.35,
        interaction_share=0.5,
        same_department_share=0.85,
        hub_partner_share=0.0,
        cross_unit_share=0.02,
        inquiries_per_person=0.5,
        answer_rate=0.35,
        response_median_minutes=2 * 24 * 60,
        responder_spoke_share=0.3,
        survey_means={
            "use_internal": 1.9,
            "use_external": 1.5,
            "ownership": 1.2,
            "enthusiasm": 3.2,
            "policy": 1.9,
            "best_practices": 1.8,
            "customer_service_involved": 1.7,
            "realtime_response": 1.6,
            "strategy": 1.8,
            "autonomy": 2.1,
            "open_culture": 2.8,
        },
    ),
    2: PhaseBehaviour(
        p_active_marcom=0.65,
        p_active_spoke=0.0,
        p_active_other=0.01,
        rate_marcom=3.0,
        rate_others=0.5,
        external_share=0.75,
        interaction_share=0.4,
        same_department_share=0.85,
        hub_partner_share=1.0,
        cross_unit_share=0.03,
        inquiries_per_person=0.6,
        answer_rate=0.6,
        response_median_minutes=15 * 60,
        responder_spoke_share=0.0,
        survey_means={
            "use_internal": 2.1,
            "use_external": 1.9,
            "ownership": 2.0,
            "enthusiasm": 3.0,
            "policy": 2.7,
            "best_practices": 2.2,
            "customer_service_involved": 1.7,
            "realtime_response": 2.0,
            "strategy": 2.8,
            "autonomy": 1.7,
            "open_culture": 2.4,
        },
    ),
    3: PhaseBehaviour(
        p_active_marcom=0.75,
        p_active_spoke=0.32,
        p_active_other=0.22,
        rate_marcom=2.0,
        rate_others=1.0,
        external_share=0.45,
        interaction_share=0.5,
        same_department_share=0.5,
        hub_partner_share=0.6,
        cross_unit_share=0.08,
        inquiries_per_person=0.8,
        answer_rate=0.9,
        response_median_minutes=3 * 60,
        responder_spoke_share=0.7,
        survey_means={
            "use_internal": 3.4,
            "use_external": 2.8,
            "ownership": 3.0,
            "enthusiasm": 3.6,
            "policy": 4.0,
            "best_practices": 3.9,
            "customer_service_involved": 3.9,
            "realtime_response": 3.1,
            "strategy": 3.3,
            "autonomy": 2.8,
            "open_culture": 3.3,
        },
    ),
    4: PhaseBehaviour(
        p_active_marcom=0.85,
        p_active_spoke=0.8,
        p_active_other=0.7,
        rate_marcom=1.2,
        rate_others=1.0,
        external_share=0.4,
        interaction_share=0.55,
        same_department_share=0.35,
        hub_partner_share=0.15,
        cross_unit_share=0.12,
        inquiries_per_person=1.0,
        answer_rate=0.97,
        response_median_minutes=20,
        responder_spoke_share=0.8,
        survey_means={
            "use_internal": 4.5,
            "use_external": 3.9,
            "ownership": 3.8,
            "enthusiasm": 4.2,
            "policy": 4.3,
            "best_practices": 4.3,
            "customer_service_involved": 4.4,
            "realtime_response": 4.3,
            "strategy": 4.4,
            "autonomy": 4.3,
            "open_culture": 4.4,
        },
    ),
}


@dataclass(frozen=True)
class DemoOrganisation:
    """The generated files, ready to write."""

    departments: pd.DataFrame
    employees: pd.DataFrame
    activity: pa.Table
    survey: pd.DataFrame
    planted: pd.DataFrame


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()).upper()


def _departments(rng: np.random.Generator, plan: tuple[tuple[str, int], ...]) -> pd.DataFrame:
    rows = []
    for unit, _phase in plan:
        code = _initials(unit)
        chosen = list(CORE_DEPARTMENTS)
        picks = rng.random(len(OPTIONAL_DEPARTMENTS)) < 0.7
        chosen += [dept for dept, pick in zip(OPTIONAL_DEPARTMENTS, picks, strict=True) if pick]
        for function, label, facing, weight in chosen:
            rows.append(
                {
                    "department": f"{code} {label}",
                    "business_unit": unit,
                    "function": function,
                    "customer_facing": facing,
                    "weight": weight,
                }
            )
    return pd.DataFrame(rows)


def _headcounts(rng: np.random.Generator, departments: pd.DataFrame, employees: int) -> np.ndarray:
    units = departments["business_unit"].unique()
    unit_weight = rng.lognormal(0.0, 0.3, len(units))
    unit_share = dict(zip(units, unit_weight / unit_weight.sum(), strict=True))
    sizes = np.zeros(len(departments), dtype=np.int64)
    board = departments["function"] == "management"
    sizes[board.to_numpy()] = rng.integers(
        *BOARD_OFFICE_SIZES, size=int(board.sum()), endpoint=True
    )
    remaining = employees - int(sizes.sum())
    for unit in units:
        rows = np.flatnonzero((departments["business_unit"] == unit).to_numpy() & ~board.to_numpy())
        unit_people = round(remaining * unit_share[unit])
        weights = departments["weight"].to_numpy()[rows] * rng.lognormal(0, 0.25, len(rows))
        base = MIN_DEPARTMENT_SIZE * len(rows)
        extra = rng.multinomial(max(unit_people - base, 0), weights / weights.sum())
        sizes[rows] = MIN_DEPARTMENT_SIZE + extra
    return sizes


def _as_text(ids: np.ndarray, prefix: str, width: int) -> pa.Array:
    numbers = pa.array(ids.astype(np.int64)).cast(pa.string())
    padded = pc.utf8_lpad(numbers, width=width, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), padded, "")


def generate_demo(
    seed: int = 7,
    employees: int = 2400,
    events: int = 100_000,
    start: str = "2026-04-01",
    end: str = "2026-10-01",
    plan: tuple[tuple[str, int], ...] = UNIT_PLAN,
) -> DemoOrganisation:
    """Generate the demo organisation.

    Parameters
    ----------
    seed
        Random seed; the same seed gives the same organisation.
    employees
        Approximate headcount (exact up to rounding per unit).
    events
        Number of activity rows, exactly.
    start, end
        The period the events fall in (UTC dates, end exclusive).
    plan
        Business units and their planted phases.

    Returns
    -------
    DemoOrganisation
    """
    minimum_people = len(plan) * (MIN_DEPARTMENT_SIZE * 10 + 10)
    if employees < minimum_people:
        raise ParameterError(f"--employees must be at least {minimum_people} for the demo")
    if events < 1000:
        raise ParameterError("--events must be at least 1000 for the demo")
    rng = np.random.default_rng(seed)
    phase_of_unit = dict(plan)

    departments = _departments(rng, plan)
    sizes = _headcounts(rng, departments, employees)
    n_people = int(sizes.sum())
    person_department = np.repeat(np.arange(len(departments)), sizes)
    person_ids = _as_text(rng.permutation(n_people) + 1, "E", 6)

    dept_unit = departments["business_unit"].to_numpy()
    dept_function = departments["function"].to_numpy()
    dept_marcom = np.isin(dept_function, list(c.HUB_FUNCTIONS))
    dept_spoke = departments["customer_facing"].to_numpy() & ~dept_marcom
    dept_phase = np.array([phase_of_unit[u] for u in dept_unit])
    dept_is_hub = dept_function == "marketing"

    # who is active, and how much
    behaviour = [BEHAVIOUR[p] for p in dept_phase]
    p_active = np.array(
        [
            b.p_active_marcom if marcom else b.p_active_spoke if spoke else b.p_active_other
            for b, marcom, spoke in zip(behaviour, dept_marcom, dept_spoke, strict=True)
        ]
    )
    rate = np.array(
        [b.rate_marcom if m else b.rate_others for b, m in zip(behaviour, dept_marcom, strict=True)]
    )
    person_p = p_active[person_department]
    active = rng.random(n_people) < person_p
    # every unit has at least a couple of enthusiasts
    for unit in np.unique(dept_unit):
        in_unit = np.flatnonzero(dept_unit[person_department] == unit)
        if active[in_unit].sum() < 2:
            active[rng.choice(in_unit, 2, replace=False)] = True
    intensity = np.where(active, rate[person_department] * rng.lognormal(0, 0.8, n_people), 0.0)

    # customer inquiries per unit and the organisation's replies
    unit_names = np.array([u for u, _ in plan])
    unit_people = np.array([sizes[dept_unit == u].sum() for u in unit_names], dtype=float)
    inquiry_weight = unit_people * np.array([BEHAVIOUR[p].inquiries_per_person for _, p in plan])
    n_inquiries = int(events * INQUIRY_SHARE)
    inquiries_per_unit = rng.multinomial(n_inquiries, inquiry_weight / inquiry_weight.sum())
    inquiry_unit = np.repeat(np.arange(len(plan)), inquiries_per_unit)
    answer_p = np.array([BEHAVIOUR[p].answer_rate for _, p in plan])[inquiry_unit]
    answered = rng.random(n_inquiries) < answer_p
    n_replies = int(answered.sum())
    n_employee_events = events - n_inquiries - n_replies

    t0 = pd.Timestamp(start, tz="UTC").value // 10**9
    t1 = pd.Timestamp(end, tz="UTC").value // 10**9
    span = t1 - t0

    # employee events: actor, audience, and whether they address a colleague
    actor = rng.choice(n_people, size=n_employee_events, p=intensity / intensity.sum())
    actor_dept = person_department[actor]
    actor_behaviour_external = np.array([b.external_share for b in behaviour])[actor_dept]
    external = rng.random(n_employee_events) < actor_behaviour_external
    interaction_p = np.array([b.interaction_share for b in behaviour])[actor_dept]
    interacts = (rng.random(n_employee_events) < interaction_p) & ~external
    event_time = t0 + (rng.random(n_employee_events) * span).astype(np.int64)

    # counterpart: same department, the unit's hub, or another department of the unit
    same_p = np.array([b.same_department_share for b in behaviour])[actor_dept]
    hub_p = np.array([b.hub_partner_share for b in behaviour])[actor_dept]
    draw = rng.random(n_employee_events)
    dept_of_unit = {u: np.flatnonzero(dept_unit == u) for u in np.unique(dept_unit)}
    hub_of_unit = {u: int(np.flatnonzero((dept_unit == u) & dept_is_hub)[0]) for u in dept_of_unit}
    counterpart_dept = actor_dept.copy()
    cross = draw >= same_p
    to_hub = cross & (rng.random(n_employee_events) < hub_p)
    actor_unit = dept_unit[actor_dept]
    for unit, members in dept_of_unit.items():
        mine = actor_unit == unit
        counterpart_dept[mine & to_hub] = hub_of_unit[unit]
        other = mine & cross & ~to_hub
        counterpart_dept[other] = rng.choice(members, size=int(other.sum()))
    unit_p = np.array([b.cross_unit_share for b in behaviour])[actor_dept]
    other_unit = cross & (rng.random(n_employee_events) < unit_p)
    counterpart_dept[other_unit] = rng.integers(0, len(departments), int(other_unit.sum()))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    counterpart = starts[counterpart_dept] + (
        rng.random(n_employee_events) * sizes[counterpart_dept]
    ).astype(np.int64)
    counterpart = np.where(counterpart == actor, (counterpart + 1) % n_people, counterpart)

    # interactions are messages / mentions (target_id) or replies to a post (in_reply_to)
    kind = rng.random(n_employee_events)
    is_post = ~interacts
    post_index = np.flatnonzero(is_post)
    replies_to_post = interacts & (kind < 0.3) & (len(post_index) > 0)
    action = np.where(
        is_post,
        np.where(rng.random(n_employee_events) < 0.85, "post", "share"),
        np.where(kind < 0.3, "comment", np.where(kind < 0.55, "mention", "message")),
    ).astype(object)
    target = np.where(interacts & ~replies_to_post, counterpart, -1)
    parent = np.full(n_employee_events, -1)
    if replies_to_post.any():
        # reply to a post by someone in the counterpart's department where one exists
        post_dept = actor_dept[post_index]
        order = np.argsort(post_dept, kind="stable")
        sorted_posts = post_index[order]
        first = np.searchsorted(post_dept[order], np.arange(len(departments)), side="left")
        last = np.searchsorted(post_dept[order], np.arange(len(departments)), side="right")
        wanted = counterpart_dept[replies_to_post]
        available = last[wanted] - first[wanted]
        pick = first[wanted] + (rng.random(len(wanted)) * np.maximum(available, 1)).astype(int)
        chosen = np.where(available > 0, sorted_posts[np.minimum(pick, len(sorted_posts) - 1)], -1)
        chosen = np.where(actor[replies_to_post] == actor[np.maximum(chosen, 0)], -1, chosen)
        parent[replies_to_post] = chosen
        orphan = replies_to_post & (parent < 0)
        target[orphan] = counterpart[orphan]
        action[orphan] = "message"
        has_parent = parent >= 0
        event_time[has_parent] = event_time[parent[has_parent]] + rng.exponential(
            3 * 3600, int(has_parent.sum())
        ).astype(np.int64)

    # inquiries and replies
    inquiry_time = t0 + (rng.random(n_inquiries) * span).astype(np.int64)
    reply_unit = inquiry_unit[answered]
    median = np.array([BEHAVIOUR[p].response_median_minutes for _, p in plan])[reply_unit]
    delay_minutes = median * rng.lognormal(0, 1.0, n_replies)
    reply_time = inquiry_time[answered] + (delay_minutes * 60).astype(np.int64) + 30
    responder = _responders(
        rng, plan, reply_unit, dept_unit, dept_marcom, dept_spoke, person_department, active
    )

    n = events
    ids = _as_text(rng.permutation(n) + 1, "ev", 8)
    timestamps = np.concatenate([event_time, inquiry_time, reply_time])
    actors = np.concatenate([actor, np.full(n_inquiries, -1), responder])
    targets = np.concatenate([target, np.full(n_inquiries + n_replies, -1)])
    audience = np.concatenate(
        [np.where(external, "external", "internal"), np.full(n_inquiries + n_replies, "external")]
    )
    channel = np.where(
        audience == "external",
        np.array(EXTERNAL_CHANNELS)[rng.integers(0, len(EXTERNAL_CHANNELS), n)],
        np.array(INTERNAL_CHANNELS)[rng.integers(0, len(INTERNAL_CHANNELS), n)],
    )
    actions = np.concatenate(
        [action.astype(str), np.full(n_inquiries, c.INQUIRY), np.full(n_replies, "reply")]
    )
    unit_text = np.concatenate(
        [np.full(n_employee_events, ""), unit_names[inquiry_unit], unit_names[reply_unit]]
    )
    reply_parent_positions = n_employee_events + np.flatnonzero(answered)
    parent_positions = np.concatenate([parent, np.full(n_inquiries, -1), reply_parent_positions])
    ids_np = np.asarray(ids.to_numpy(zero_copy_only=False), dtype=object)
    people_np = np.asarray(person_ids.to_numpy(zero_copy_only=False), dtype=object)

    def pick(values: np.ndarray, index: np.ndarray) -> pa.Array:
        return pa.array(np.where(index >= 0, values[np.maximum(index, 0)], ""), pa.string())

    activity = pa.table(
        {
            "event_id": ids,
            "timestamp": _timestamp_text(rng, timestamps),
            "actor_id": pick(people_np, actors),
            "channel": pa.array(channel, pa.string()),
            "audience": pa.array(audience, pa.string()),
            "action": pa.array(actions, pa.string()),
            "target_id": pick(people_np, targets),
            "in_reply_to": pick(ids_np, parent_positions),
            "business_unit": pa.array(unit_text, pa.string()),
        }
    )
    order = np.argsort(timestamps, kind="stable")
    activity = activity.take(pa.array(order))

    employees_frame = pd.DataFrame(
        {
            "employee_id": people_np,
            "department": departments["department"].to_numpy()[person_department],
        }
    ).sort_values("employee_id", ignore_index=True)
    survey = _survey(rng, departments, person_department, people_np, dept_phase)
    planted = pd.DataFrame(
        {"business_unit": [u for u, _ in plan], "planted_phase": [p for _, p in plan]}
    )
    return DemoOrganisation(
        departments=departments.drop(columns=["weight"]),
        employees=employees_frame,
        activity=activity,
        survey=survey,
        planted=planted,
    )


def _responders(
    rng: np.random.Generator,
    plan: tuple[tuple[str, int], ...],
    reply_unit: np.ndarray,
    dept_unit: np.ndarray,
    dept_marcom: np.ndarray,
    dept_spoke: np.ndarray,
    person_department: np.ndarray,
    active: np.ndarray,
) -> np.ndarray:
    """Who answers each answered inquiry: customer-facing staff or the hub, by phase."""
    responder = np.empty(len(reply_unit), dtype=np.int64)
    person_unit = dept_unit[person_department]
    for index, (unit, phase) in enumerate(plan):
        rows = np.flatnonzero(reply_unit == index)
        if not len(rows):
            continue
        in_unit = person_unit == unit
        spoke_pool = np.flatnonzero(in_unit & dept_spoke[person_department] & active)
        marcom_pool = np.flatnonzero(in_unit & dept_marcom[person_department] & active)
        any_pool = np.flatnonzero(in_unit & active)
        if phase == 1:
            pools = (any_pool, any_pool)
        else:
            pools = (
                spoke_pool if len(spoke_pool) else any_pool,
                marcom_pool if len(marcom_pool) else any_pool,
            )
        from_spoke = rng.random(len(rows)) < BEHAVIOUR[phase].responder_spoke_share
        responder[rows] = np.where(
            from_spoke,
            rng.choice(pools[0], len(rows)),
            rng.choice(pools[1], len(rows)),
        )
    return responder


def _timestamp_text(rng: np.random.Generator, seconds: np.ndarray) -> pa.Array:
    """ISO-8601 text: most in Dutch summer time (+02:00), some in UTC (Z)."""
    local = rng.random(len(seconds)) < 0.8
    shifted = pa.array(seconds + np.where(local, 7200, 0), pa.timestamp("s"))
    text = pc.strftime(shifted, format="%Y-%m-%dT%H:%M:%S")
    suffix = pa.array(np.where(local, "+02:00", "Z"), pa.string())
    return pc.binary_join_element_wise(text, suffix, "")


def _survey(
    rng: np.random.Generator,
    departments: pd.DataFrame,
    person_department: np.ndarray,
    person_ids: np.ndarray,
    dept_phase: np.ndarray,
) -> pd.DataFrame:
    """Two waves; about half respond; some anonymously; a few items left blank."""
    frames = []
    for wave, shift in (("2026-Q2", -0.25), ("2026-Q3", 0.0)):
        responds = rng.random(len(person_ids)) < 0.55
        people = np.flatnonzero(responds)
        phase = dept_phase[person_department[people]]
        frame = pd.DataFrame(
            {
                "respondent_id": np.where(rng.random(len(people)) < 0.15, "", person_ids[people]),
                "department": departments["department"].to_numpy()[person_department[people]],
                "wave": wave,
            }
        )
        for item in c.SURVEY_ITEMS:
            mean = np.array([BEHAVIOUR[p].survey_means[item.name] for p in phase]) + shift
            spread = 0.6 if item.scale == c.OWNERSHIP else 0.9
            values = np.clip(np.rint(rng.normal(mean, spread)), item.low, item.high)
            blank = rng.random(len(people)) < 0.05
            frame[item.name] = pd.array(np.where(blank, np.nan, values), dtype="Int8")
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def write_demo(
    organisation: DemoOrganisation, folder: Path, file_format: str = "csv"
) -> list[Path]:
    """Write the demo as a dataset folder (``csv`` or ``parquet``) plus ``planted_phases.csv``."""
    if file_format not in ("csv", "parquet"):
        raise ParameterError(f"--format must be csv or parquet, not {file_format!r}")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = {
        c.DEPARTMENTS: pa.Table.from_pandas(organisation.departments, preserve_index=False),
        c.EMPLOYEES: pa.Table.from_pandas(organisation.employees, preserve_index=False),
        c.ACTIVITY: organisation.activity,
        c.SURVEY: pa.Table.from_pandas(organisation.survey, preserve_index=False),
    }
    for name, table in tables.items():
        for stale in c.FILE_SUFFIXES:
            (folder / f"{name}{stale}").unlink(missing_ok=True)
        target = folder / f"{name}.{file_format}"
        with atomic_path(target) as temporary:
            if file_format == "csv":
                table = _booleans_as_words(table)
                pacsv.write_csv(table, temporary)
            else:
                pq.write_table(table, temporary)
        written.append(target)
    planted = folder / "planted_phases.csv"
    with atomic_path(planted) as temporary:
        organisation.planted.to_csv(temporary, index=False)
    written.append(planted)
    return written


def _booleans_as_words(table: pa.Table) -> pa.Table:
    for index, field in enumerate(table.schema):
        if pa.types.is_boolean(field.type):
            words = pc.if_else(table.column(index), "true", "false")
            table = table.set_column(index, field.name, words)
    return table
