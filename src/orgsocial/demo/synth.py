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

import shutil
from dataclasses import dataclass, make_dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from orgsocial.demo import FORMATS, MIN_EVENTS
from orgsocial.errors import ParameterError
from orgsocial.io import contract as c
from orgsocial.io.fileio import atomic_path, make_folder


@dataclass(frozen=True)
class UnitPlan:
    """A business unit to generate: the phase its behaviour follows and, when different,
    the phase its survey answers follow (a say-do gap). Fractional phases blend two
    neighbouring phases (2.5 is halfway between centralisation and coordination)."""

    name: str
    phase: float
    survey_phase: float | None = None
    earlier_phase: float | None = None  # the phase in the first half of the period
    earlier_survey_phase: float | None = None
    survey: bool = True  # False: nobody in the unit answers the survey
    inquiries: bool = True  # False: no customer asks the unit anything
    one_department: bool = False  # the unit is one (customer-facing) department
    marcom_enthusiast: bool = False  # a pilot with one very active marketing enthusiast


#: The demo's business units and the phases planted in each: a say-do gap (Leasing), a
#: unit that grew (Payments), one that slid back (Mortgages), and a pilot (Corporate Banking).
UNIT_PLAN: tuple[UnitPlan, ...] = (
    UnitPlan("Retail Banking", 4),
    UnitPlan("Insurance", 3),
    UnitPlan("Wealth Management", 2),
    UnitPlan("Corporate Banking", 1, marcom_enthusiast=True),
    UnitPlan("Payments", 3, earlier_phase=2),
    UnitPlan("Mortgages", 2, earlier_phase=3),
    UnitPlan("Asset Management", 1),
    UnitPlan("Digital Channels", 4),
    UnitPlan("Leasing", 2, survey_phase=3),
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
#: The department of a unit that is one department: it serves customers and runs everything.
SINGLE_DEPARTMENT = ("customer_service", "Service Desk", True, 1.0)
BOARD_OFFICE_SIZES = (3, 7)  # some board offices are below the privacy minimum
MIN_DEPARTMENT_SIZE = 6
INTERNAL_CHANNELS = ("teams", "viva_engage", "slack", "intranet")
EXTERNAL_CHANNELS = ("linkedin", "x", "facebook", "instagram")
INQUIRY_SHARE = 0.05  # of all events
#: ``write_demo`` format with the activity as a folder of monthly Parquet files.
PARTITIONED = FORMATS[-1]


#: How a unit in each phase behaves in the demo: each behaviour field (a probability per
#: person or event unless noted) with its value in phases 1, 2, 3 and 4.
_FIELDS_BY_PHASE = {
    "p_active_marcom": (0.05, 0.65, 0.75, 0.85),
    "p_active_spoke": (0.04, 0.0, 0.32, 0.8),
    "p_active_other": (0.05, 0.01, 0.22, 0.7),
    "rate_marcom": (1.0, 3.0, 2.0, 1.2),  # relative events per active person
    "rate_others": (1.0, 0.5, 1.0, 1.0),
    "external_share": (0.35, 0.75, 0.45, 0.4),
    # of external events: comments and mentions, not posts
    "external_interaction_share": (0.45, 0.15, 0.35, 0.65),
    "interaction_share": (0.5, 0.4, 0.5, 0.55),
    "same_department_share": (0.85, 0.85, 0.5, 0.35),
    "hub_partner_share": (0.0, 1.0, 0.6, 0.15),
    # of cross-department interactions, to another unit
    "cross_unit_share": (0.02, 0.03, 0.08, 0.12),
    "inquiries_per_person": (0.5, 0.6, 0.8, 1.0),
    "answer_rate": (0.35, 0.6, 0.9, 0.97),
    "response_median_minutes": (2 * 24 * 60, 15 * 60, 3 * 60, 20),
    "responder_spoke_share": (0.3, 0.0, 0.7, 0.8),
    # answers from whoever is active, not a team
    "responder_anyone_share": (1.0, 0.0, 0.0, 0.0),
}
#: Each survey item's mean answer in phases 1, 2, 3 and 4.
_SURVEY_MEANS_BY_PHASE = {
    "use_internal": (1.9, 2.1, 3.4, 4.5),
    "use_external": (1.5, 1.9, 2.8, 3.9),
    "ownership": (1.2, 2.0, 3.0, 3.8),
    "enthusiasm": (3.2, 3.0, 3.6, 4.2),
    "policy": (1.9, 2.7, 4.0, 4.3),
    "best_practices": (1.8, 2.2, 3.9, 4.3),
    "customer_service_involved": (1.7, 1.7, 3.9, 4.4),
    "realtime_response": (1.6, 2.0, 3.1, 4.3),
    "strategy": (1.8, 2.8, 3.3, 4.4),
    "autonomy": (2.1, 1.7, 2.8, 4.3),
    "open_culture": (2.8, 2.4, 3.3, 4.4),
}
#: A phase's behaviour: the fields of ``_FIELDS_BY_PHASE``, and ``survey_means``.
PhaseBehaviour = make_dataclass(
    "PhaseBehaviour",
    [*((name, float) for name in _FIELDS_BY_PHASE), ("survey_means", dict[str, float])],
    frozen=True,
)
BEHAVIOUR: dict[int, PhaseBehaviour] = {
    phase: PhaseBehaviour(
        **{name: values[phase - 1] for name, values in _FIELDS_BY_PHASE.items()},
        survey_means={item: means[phase - 1] for item, means in _SURVEY_MEANS_BY_PHASE.items()},
    )
    for phase in (1, 2, 3, 4)
}


def behaviour_for(phase: float) -> PhaseBehaviour:
    """The behaviour of a (possibly fractional) phase: a linear blend of its two neighbours.

    Examples
    --------
    >>> behaviour_for(2.5).answer_rate == (BEHAVIOUR[2].answer_rate + BEHAVIOUR[3].answer_rate) / 2
    True
    """
    if not 1 <= phase <= 4:
        raise ParameterError(f"a planted phase must be between 1 and 4, not {phase}")
    low = int(np.floor(phase))
    high = min(low + 1, 4)
    weight = phase - low
    a, b = BEHAVIOUR[low], BEHAVIOUR[high]
    if weight == 0:
        return a
    numbers = {
        name: (1 - weight) * getattr(a, name) + weight * getattr(b, name)
        for name in _FIELDS_BY_PHASE
    }
    means = {
        item: (1 - weight) * a.survey_means[item] + weight * b.survey_means[item]
        for item in a.survey_means
    }
    return PhaseBehaviour(**numbers, survey_means=means)


#: Behaviour fields that are probabilities or shares (kept within 0..1 under jitter).
_SHARES = frozenset(_FIELDS_BY_PHASE) - {
    "rate_marcom",
    "rate_others",
    "inquiries_per_person",
    "response_median_minutes",
}


def unit_noise(rng: np.random.Generator, jitter: float) -> dict[str, float]:
    """A unit's own deviations from its phase: a factor per behaviour field and an offset
    per survey item (zero jitter: none)."""
    noise = {name: float(rng.lognormal(0.0, jitter)) for name in _FIELDS_BY_PHASE}
    noise.update(
        {f"survey:{item}": float(rng.normal(0.0, 2 * jitter)) for item in c.SURVEY_ITEM_NAMES}
    )
    return noise


def perturbed(behaviour: PhaseBehaviour, noise: dict[str, float]) -> PhaseBehaviour:
    """``behaviour`` with a unit's noise applied (shares stay within 0..1, means within 1..5)."""
    if not noise:
        return behaviour
    values = {}
    for name in _FIELDS_BY_PHASE:
        value = getattr(behaviour, name) * noise[name]
        values[name] = min(value, 1.0) if name in _SHARES else value
    means = {
        item: float(np.clip(mean + noise[f"survey:{item}"], 1.0, 5.0))
        for item, mean in behaviour.survey_means.items()
    }
    return PhaseBehaviour(**values, survey_means=means)


@dataclass(frozen=True)
class DemoOrganisation:
    """The generated files, ready to write."""

    departments: pd.DataFrame
    employees: pd.DataFrame
    activity: pa.Table
    survey: pd.DataFrame
    planted: pd.DataFrame


def _departments(rng: np.random.Generator, plan: tuple[UnitPlan, ...]) -> pd.DataFrame:
    rows = []
    used: set[str] = set()
    for entry in plan:
        code = "".join(word[0] for word in entry.name.split()).upper()
        if code in used:  # "Unit 01" and "Unit 03" must not share department names
            code = next(f"{code}{n}" for n in range(2, 10_000) if f"{code}{n}" not in used)
        used.add(code)
        chosen = list(CORE_DEPARTMENTS)
        picks = rng.random(len(OPTIONAL_DEPARTMENTS)) < 0.7
        chosen += [dept for dept, pick in zip(OPTIONAL_DEPARTMENTS, picks, strict=True) if pick]
        if entry.one_department:
            chosen = [SINGLE_DEPARTMENT]
        for function, label, facing, weight in chosen:
            rows.append((f"{code} {label}", entry.name, function, facing, weight))
    columns = ["department", "business_unit", "function", "customer_facing", "weight"]
    return pd.DataFrame(rows, columns=columns)


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


@dataclass(frozen=True)
class _Structure:
    """Departments and people: what stays the same over the whole period."""

    departments: pd.DataFrame
    sizes: np.ndarray
    person_department: np.ndarray
    dept_unit: np.ndarray
    dept_marcom: np.ndarray
    dept_spoke: np.ndarray
    dept_is_hub: np.ndarray
    propensity: np.ndarray  # per person, fixed: who becomes active first as a unit grows
    zeal: np.ndarray  # per person, fixed: how much an active person posts
    person_ids: np.ndarray  # per person: the employee id, in random order

    @property
    def people(self) -> int:
        """How many people the organisation has."""
        return len(self.person_department)

    def employees(self) -> pd.DataFrame:
        """The employees file: each person's id and department, in id order."""
        department = self.departments["department"].to_numpy()[self.person_department]
        frame = pd.DataFrame({"employee_id": self.person_ids, "department": department})
        return frame.sort_values("employee_id", ignore_index=True)


def _structure(rng: np.random.Generator, plan: tuple[UnitPlan, ...], employees: int) -> _Structure:
    departments = _departments(rng, plan)
    sizes = _headcounts(rng, departments, employees)
    people = int(sizes.sum())
    dept_function = departments["function"].to_numpy()
    single = {entry.name for entry in plan if entry.one_department}
    alone = departments["business_unit"].isin(single).to_numpy()
    # a unit of one department: that department is its hub and its customer desk at once
    dept_marcom = np.isin(dept_function, list(c.HUB_FUNCTIONS)) | alone
    return _Structure(
        departments=departments,
        sizes=sizes,
        person_department=np.repeat(np.arange(len(departments)), sizes),
        dept_unit=departments["business_unit"].to_numpy(),
        dept_marcom=dept_marcom,
        dept_spoke=departments["customer_facing"].to_numpy() & ~dept_marcom,
        dept_is_hub=(dept_function == "marketing") | alone,
        propensity=rng.random(people),
        zeal=rng.lognormal(0, 0.8, people),
        person_ids=_as_text(rng.permutation(people) + 1, "E", 6).to_numpy(zero_copy_only=False),
    )


def _activity_block(
    rng: np.random.Generator,
    org: _Structure,
    plan: tuple[UnitPlan, ...],
    phase_of: dict[str, float],
    events: int,
    t0: int,
    t1: int,
    noise_of: dict[str, dict[str, float]],
) -> dict[str, np.ndarray]:
    """``events`` events between ``t0`` and ``t1`` (seconds) with each unit in ``phase_of``.

    Returns arrays of equal length; ``actor``/``target`` are person indices and
    ``parent`` an event position in this block (-1 for none).
    """
    behaviour_of_unit = {
        entry.name: perturbed(behaviour_for(phase_of[entry.name]), noise_of.get(entry.name, {}))
        for entry in plan
    }
    behaviour = [behaviour_of_unit[u] for u in org.dept_unit]
    active, intensity = _active_people(rng, org, plan, behaviour)
    unit_behaviour = [behaviour_of_unit[entry.name] for entry in plan]
    inquiry_unit, answered = _inquiries(rng, org, plan, unit_behaviour, events)
    n_inquiries, n_replies = len(inquiry_unit), int(answered.sum())
    n_employee_events = events - n_inquiries - n_replies
    acts = _employee_events(rng, org, behaviour, intensity, n_employee_events, t0, t1)
    counterpart_dept, counterpart = _counterparts(rng, org, behaviour, acts)
    action, target, parent = _actions_and_replies(
        rng, org, behaviour, acts, counterpart_dept, counterpart
    )
    inquiry_time = t0 + (rng.random(n_inquiries) * (t1 - t0)).astype(np.int64)
    reply_unit = inquiry_unit[answered]
    median = np.array([b.response_median_minutes for b in unit_behaviour])[reply_unit]
    delay_minutes = median * rng.lognormal(0, 1.0, n_replies)
    reply_time = inquiry_time[answered] + (delay_minutes * 60).astype(np.int64) + 30
    responder = _responders(rng, plan, behaviour_of_unit, reply_unit, org, active)
    unit_names = np.array([entry.name for entry in plan])
    return {
        "time": np.concatenate([acts.time, inquiry_time, reply_time]),
        "actor": np.concatenate([acts.actor, np.full(n_inquiries, -1), responder]),
        "target": np.concatenate([target, np.full(n_inquiries + n_replies, -1)]),
        "parent": np.concatenate(
            [parent, np.full(n_inquiries, -1), n_employee_events + np.flatnonzero(answered)]
        ),
        "audience": np.concatenate(
            [
                np.where(acts.external, "external", "internal"),
                np.full(n_inquiries + n_replies, "external"),
            ]
        ),
        "action": np.concatenate(
            [action.astype(str), np.full(n_inquiries, c.INQUIRY), np.full(n_replies, "reply")]
        ),
        "unit": np.concatenate(
            [np.full(n_employee_events, ""), unit_names[inquiry_unit], unit_names[reply_unit]]
        ),
    }


def _active_people(
    rng: np.random.Generator, org: _Structure, plan: tuple[UnitPlan, ...], behaviour: list
) -> tuple[np.ndarray, np.ndarray]:
    """Who is active (at least two per unit, and a unit's marketing enthusiast) and how
    many events each is likely to write."""
    dept_unit, person_department = org.dept_unit, org.person_department
    p_active = np.select(
        [org.dept_marcom, org.dept_spoke],
        [[b.p_active_marcom for b in behaviour], [b.p_active_spoke for b in behaviour]],
        [b.p_active_other for b in behaviour],
    )
    marcom_rate = [b.rate_marcom for b in behaviour]
    rate = np.where(org.dept_marcom, marcom_rate, [b.rate_others for b in behaviour])
    active = org.propensity < p_active[person_department]
    # every unit has at least a couple of enthusiasts
    for unit in np.unique(dept_unit):
        in_unit = np.flatnonzero(dept_unit[person_department] == unit)
        if active[in_unit].sum() < 2:
            active[rng.choice(in_unit, 2, replace=False)] = True
    intensity = np.where(active, rate[person_department] * org.zeal, 0.0)
    for entry in plan:  # one marketing or communications enthusiast, much more active
        if entry.marcom_enthusiast:
            pool = np.flatnonzero(
                (dept_unit[person_department] == entry.name) & org.dept_marcom[person_department]
            )
            keen = pool[np.argmin(org.propensity[pool])]
            active[keen] = True
            intensity[keen] = 4.0 * rate[person_department[keen]] * max(org.zeal[keen], 1.0)
    return active, intensity


def _inquiries(
    rng: np.random.Generator,
    org: _Structure,
    plan: tuple[UnitPlan, ...],
    unit_behaviour: list,
    events: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Customer inquiries: the unit (position in ``plan``) each is for, and whether the
    organisation answers it."""
    unit_people = np.array(
        [org.sizes[org.dept_unit == entry.name].sum() for entry in plan], dtype=float
    )
    inquiry_weight = unit_people * np.array([b.inquiries_per_person for b in unit_behaviour])
    inquiry_weight *= np.array([entry.inquiries for entry in plan], dtype=float)
    n_inquiries = int(events * INQUIRY_SHARE) if inquiry_weight.sum() > 0 else 0
    inquiries_per_unit = rng.multinomial(
        n_inquiries, inquiry_weight / max(inquiry_weight.sum(), 1e-12)
    )
    inquiry_unit = np.repeat(np.arange(len(plan)), inquiries_per_unit)
    answer_p = np.array([b.answer_rate for b in unit_behaviour])[inquiry_unit]
    return inquiry_unit, rng.random(n_inquiries) < answer_p


@dataclass(frozen=True)
class _Acts:
    """Employees' events: who, from which department, outside or not, interacting or
    not, and when (seconds)."""

    actor: np.ndarray
    department: np.ndarray
    external: np.ndarray
    interacts: np.ndarray
    time: np.ndarray


def _employee_events(
    rng: np.random.Generator,
    org: _Structure,
    behaviour: list,
    intensity: np.ndarray,
    count: int,
    t0: int,
    t1: int,
) -> _Acts:
    """``count`` events by the active people, as often as their intensity says."""
    actor = rng.choice(org.people, size=count, p=intensity / intensity.sum())
    actor_dept = org.person_department[actor]
    external = rng.random(count) < np.array([b.external_share for b in behaviour])[actor_dept]
    interaction_p = np.array([b.interaction_share for b in behaviour])[actor_dept]
    interacts = (rng.random(count) < interaction_p) & ~external
    event_time = t0 + (rng.random(count) * (t1 - t0)).astype(np.int64)
    return _Acts(actor, actor_dept, external, interacts, event_time)


def _counterparts(
    rng: np.random.Generator, org: _Structure, behaviour: list, acts: _Acts
) -> tuple[np.ndarray, np.ndarray]:
    """Each event's counterpart department and person: the same department, the unit's
    hub, another department of the unit, or another unit."""
    dept_unit, sizes, count = org.dept_unit, org.sizes, len(acts.actor)
    actor_dept = acts.department
    same_p = np.array([b.same_department_share for b in behaviour])[actor_dept]
    hub_p = np.array([b.hub_partner_share for b in behaviour])[actor_dept]
    draw = rng.random(count)
    dept_of_unit = {u: np.flatnonzero(dept_unit == u) for u in np.unique(dept_unit)}
    hub_of_unit = {
        u: int(np.flatnonzero((dept_unit == u) & org.dept_is_hub)[0]) for u in dept_of_unit
    }
    counterpart_dept = actor_dept.copy()
    cross = draw >= same_p
    to_hub = cross & (rng.random(count) < hub_p)
    actor_unit = dept_unit[actor_dept]
    for unit, members in dept_of_unit.items():
        mine = actor_unit == unit
        counterpart_dept[mine & to_hub] = hub_of_unit[unit]
        other = mine & cross & ~to_hub
        counterpart_dept[other] = rng.choice(members, size=int(other.sum()))
    unit_p = np.array([b.cross_unit_share for b in behaviour])[actor_dept]
    other_unit = cross & (rng.random(count) < unit_p)
    counterpart_dept[other_unit] = rng.integers(0, len(sizes), int(other_unit.sum()))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    counterpart = starts[counterpart_dept] + (rng.random(count) * sizes[counterpart_dept]).astype(
        np.int64
    )
    counterpart = np.where(counterpart == acts.actor, (counterpart + 1) % org.people, counterpart)
    return counterpart_dept, counterpart


def _actions_and_replies(
    rng: np.random.Generator,
    org: _Structure,
    behaviour: list,
    acts: _Acts,
    counterpart_dept: np.ndarray,
    counterpart: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each event's action, target (a person, -1 for none) and parent (an event, -1 for
    none): interactions are messages or mentions to a person, or replies to a post;
    a reply comes a few hours after its post (``acts.time`` is moved)."""
    count, actor, actor_dept = len(acts.actor), acts.actor, acts.department
    kind = rng.random(count)
    is_post = ~acts.interacts
    post_index = np.flatnonzero(is_post)
    replies_to_post = acts.interacts & (kind < 0.3) & (len(post_index) > 0)
    action = np.where(
        is_post,
        np.where(rng.random(count) < 0.85, "post", "share"),
        np.where(kind < 0.3, "comment", np.where(kind < 0.55, "mention", "message")),
    ).astype(object)
    # outside, a share of the events talk with customers (comments, mentions) rather than post
    talk_p = np.array([b.external_interaction_share for b in behaviour])[actor_dept]
    talks = acts.external & (rng.random(count) < talk_p)
    action[talks] = np.where(rng.random(int(talks.sum())) < 0.7, "comment", "mention")
    target = np.where(acts.interacts & ~replies_to_post, counterpart, -1)
    parent = np.full(count, -1)
    if replies_to_post.any():
        # reply to a post by someone in the counterpart's department where one exists
        sizes = org.sizes
        post_dept = actor_dept[post_index]
        order = np.argsort(post_dept, kind="stable")
        sorted_posts = post_index[order]
        first = np.searchsorted(post_dept[order], np.arange(len(sizes)), side="left")
        last = np.searchsorted(post_dept[order], np.arange(len(sizes)), side="right")
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
        acts.time[has_parent] = acts.time[parent[has_parent]] + rng.exponential(
            3 * 3600, int(has_parent.sum())
        ).astype(np.int64)
    return action, target, parent


def _quarter_label(seconds: int) -> str:
    moment = pd.Timestamp(seconds, unit="s", tz="UTC")
    return f"{moment.year}-Q{moment.quarter}"


def generate_demo(
    seed: int = 7,
    employees: int = 2400,
    events: int = 100_000,
    start: str = "2026-04-01",
    end: str = "2026-10-01",
    plan: tuple = UNIT_PLAN,
    jitter: float = 0.0,
) -> DemoOrganisation:
    """Generate the demo organisation.

    The period is split in two halves, each with a survey wave named after the
    quarter it starts in; a unit with an ``earlier_phase`` behaves (and answers
    the first wave) as that phase in the first half.

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
        :class:`UnitPlan` entries (or ``(name, phase[, survey_phase])`` tuples).
    jitter
        How far each unit deviates from its phase's typical behaviour: a
        log-normal factor with this sigma on every behaviour field, and survey
        means shifted by a normal offset of twice this (0 = textbook units).
    """
    minimum_people = len(plan) * (MIN_DEPARTMENT_SIZE * 10 + 10)
    if employees < minimum_people:
        raise ParameterError(f"--employees must be at least {minimum_people} for the demo")
    if events < MIN_EVENTS:
        raise ParameterError(f"--events must be at least {MIN_EVENTS} for the demo")
    plan = tuple(entry if isinstance(entry, UnitPlan) else UnitPlan(*entry) for entry in plan)
    rng = np.random.default_rng(seed)
    org = _structure(rng, plan, employees)
    noise_rng = np.random.default_rng([seed, 1])  # separate: jitter 0 leaves the demo as is
    noise_of = {e.name: unit_noise(noise_rng, jitter) for e in plan} if jitter > 0 else {}
    halves = _halves(start, end, plan)
    # half of the events in each half; parents counted from the start of the first
    blocks = []
    for index, (begin, finish, phase_of, _) in enumerate(halves):
        size = events // 2 if index == 0 else events - events // 2
        blocks.append(_activity_block(rng, org, plan, phase_of, size, begin, finish, noise_of))
    offset = len(blocks[0]["time"])
    blocks[1]["parent"] = np.where(blocks[1]["parent"] >= 0, blocks[1]["parent"] + offset, -1)
    merged = {key: np.concatenate([block[key] for block in blocks]) for key in blocks[0]}
    activity = _activity_table(rng, merged, org.person_ids)
    survey = pd.concat(
        [
            _survey_wave(rng, org, said_of, _quarter_label(begin), noise_of)
            for begin, _, _, said_of in halves
        ],
        ignore_index=True,
    )
    return DemoOrganisation(
        departments=org.departments.drop(columns=["weight"]),
        employees=org.employees(),
        activity=activity,
        survey=survey,
        planted=_planted(plan),
    )


def _halves(start: str, end: str, plan: tuple[UnitPlan, ...]) -> tuple[tuple, tuple]:
    """The two halves of the period: (begin, end, each unit's phase, each surveyed unit's
    answered phase), in seconds since 1970."""
    t0 = pd.Timestamp(start, tz="UTC").value // 10**9
    t1 = pd.Timestamp(end, tz="UTC").value // 10**9
    # the halves meet at the start of the day of the middle: a quarter boundary for
    # a window of whole quarters, so each quarter holds one half's behaviour only
    middle = pd.Timestamp(t0 + (t1 - t0) // 2, unit="s", tz="UTC").normalize().value // 10**9
    said = {e.name: e.survey_phase or e.phase for e in plan if e.survey}
    earlier = {e.name: e.earlier_phase or e.phase for e in plan}
    said_earlier = {
        e.name: e.earlier_survey_phase or e.earlier_phase or said[e.name] for e in plan if e.survey
    }
    return (t0, middle, earlier, said_earlier), (middle, t1, {e.name: e.phase for e in plan}, said)


def _activity_table(
    rng: np.random.Generator, merged: dict[str, np.ndarray], people: np.ndarray
) -> pa.Table:
    """The events in the contract's columns, in time order, with ids in random order."""
    n = len(merged["time"])
    ids = _as_text(rng.permutation(n) + 1, "ev", 8)
    channel = np.where(
        merged["audience"] == "external",
        np.array(EXTERNAL_CHANNELS)[rng.integers(0, len(EXTERNAL_CHANNELS), n)],
        np.array(INTERNAL_CHANNELS)[rng.integers(0, len(INTERNAL_CHANNELS), n)],
    )
    ids_np = ids.to_numpy(zero_copy_only=False)

    def pick(values: np.ndarray, index: np.ndarray) -> pa.Array:
        return pa.array(np.where(index >= 0, values[np.maximum(index, 0)], ""), pa.string())

    activity = pa.table(
        {
            "event_id": ids,
            "timestamp": _timestamp_text(rng, merged["time"]),
            "actor_id": pick(people, merged["actor"]),
            "channel": pa.array(channel, pa.string()),
            "audience": pa.array(merged["audience"], pa.string()),
            "action": pa.array(merged["action"], pa.string()),
            "target_id": pick(people, merged["target"]),
            "in_reply_to": pick(ids_np, merged["parent"]),
            "business_unit": pa.array(merged["unit"], pa.string()),
        }
    )
    return activity.take(pa.array(np.argsort(merged["time"], kind="stable")))


def _planted(plan: tuple[UnitPlan, ...]) -> pd.DataFrame:
    """What was planted per unit (the answer key the classifier is checked against)."""
    return pd.DataFrame(
        {
            "business_unit": [entry.name for entry in plan],
            "planted_phase": [entry.phase for entry in plan],
            "planted_survey_phase": [entry.survey_phase or entry.phase for entry in plan],
            "earlier_phase": [entry.earlier_phase or entry.phase for entry in plan],
            "has_survey": [entry.survey for entry in plan],
            "has_inquiries": [entry.inquiries for entry in plan],
            "one_department": [entry.one_department for entry in plan],
            "marcom_enthusiast": [entry.marcom_enthusiast for entry in plan],
        }
    )


def _responders(
    rng: np.random.Generator,
    plan: tuple[UnitPlan, ...],
    behaviour_of_unit: dict[str, PhaseBehaviour],
    reply_unit: np.ndarray,
    org: _Structure,
    active: np.ndarray,
) -> np.ndarray:
    """Who answers each answered inquiry: anyone active, customer-facing staff or the hub."""
    responder = np.empty(len(reply_unit), dtype=np.int64)
    person_department = org.person_department
    person_unit = org.dept_unit[person_department]
    for index, entry in enumerate(plan):
        rows = np.flatnonzero(reply_unit == index)
        if not len(rows):
            continue
        behaviour = behaviour_of_unit[entry.name]
        in_unit = person_unit == entry.name
        any_pool = np.flatnonzero(in_unit & active)
        spoke_pool = np.flatnonzero(in_unit & org.dept_spoke[person_department] & active)
        marcom_pool = np.flatnonzero(in_unit & org.dept_marcom[person_department] & active)
        spoke_pool = spoke_pool if len(spoke_pool) else any_pool
        marcom_pool = marcom_pool if len(marcom_pool) else any_pool
        anyone = rng.random(len(rows)) < behaviour.responder_anyone_share
        from_spoke = ~anyone & (rng.random(len(rows)) < behaviour.responder_spoke_share)
        responder[rows] = np.where(
            anyone,
            rng.choice(any_pool, len(rows)),
            np.where(
                from_spoke,
                rng.choice(spoke_pool, len(rows)),
                rng.choice(marcom_pool, len(rows)),
            ),
        )
    return responder


def _timestamp_text(rng: np.random.Generator, seconds: np.ndarray) -> pa.Array:
    """ISO-8601 text: most in Dutch summer time (+02:00), some in UTC (Z)."""
    local = rng.random(len(seconds)) < 0.8
    shifted = pa.array(seconds + np.where(local, 7200, 0), pa.timestamp("s"))
    text = pc.strftime(shifted, format="%Y-%m-%dT%H:%M:%S")
    suffix = pa.array(np.where(local, "+02:00", "Z"), pa.string())
    return pc.binary_join_element_wise(text, suffix, "")


def _survey_wave(
    rng: np.random.Generator,
    org: _Structure,
    said_phase_of: dict[str, float],
    wave: str,
    noise_of: dict[str, dict[str, float]],
) -> pd.DataFrame:
    """One wave: about half respond; some anonymously; a few items left blank."""
    said_of_unit = {
        unit: perturbed(behaviour_for(phase), noise_of.get(unit, {}))
        for unit, phase in said_phase_of.items()
    }
    people = np.flatnonzero(rng.random(org.people) < 0.55)
    answering = np.array([unit in said_phase_of for unit in org.dept_unit])
    people = people[answering[org.person_department[people]]]
    departments = org.person_department[people]
    said = [said_of_unit[org.dept_unit[d]] for d in departments]
    frame = pd.DataFrame(
        {
            "respondent_id": np.where(rng.random(len(people)) < 0.15, "", org.person_ids[people]),
            "department": org.departments["department"].to_numpy()[departments],
            "wave": wave,
        }
    )
    for item in c.SURVEY_ITEMS:
        mean = np.array([b.survey_means[item.name] for b in said])
        spread = 0.6 if item.scale == c.OWNERSHIP else 0.9
        values = np.clip(np.rint(rng.normal(mean, spread)), item.low, item.high)
        blank = rng.random(len(people)) < 0.05
        frame[item.name] = pd.array(np.where(blank, np.nan, values), dtype="Int8")
    return frame


def write_demo(organisation: DemoOrganisation, folder: Path, file_format: str = "csv") -> None:
    """Write the demo as a dataset folder plus ``planted_phases.csv``.

    ``file_format`` is ``csv``, ``parquet``, or ``partitioned``: Parquet, with the
    activity as a folder ``activity/month=YYYY-MM/`` (the layout for large logs).
    """
    if file_format not in FORMATS:
        raise ParameterError(f"--format must be csv, parquet or {PARTITIONED}, not {file_format!r}")
    make_folder(folder)  # a place that cannot be written is an OutputError (exit 2)
    tables = {
        c.DEPARTMENTS: pa.Table.from_pandas(organisation.departments, preserve_index=False),
        c.EMPLOYEES: pa.Table.from_pandas(organisation.employees, preserve_index=False),
        c.ACTIVITY: organisation.activity,
        c.SURVEY: pa.Table.from_pandas(organisation.survey, preserve_index=False),
    }
    for name in tables:
        for stale in c.FILE_SUFFIXES:
            (folder / f"{name}{stale}").unlink(missing_ok=True)
    if file_format == PARTITIONED:
        _write_monthly(tables.pop(c.ACTIVITY), folder / c.ACTIVITY)
        file_format = "parquet"
    elif (folder / c.ACTIVITY).is_dir():
        shutil.rmtree(folder / c.ACTIVITY)
    for name, table in tables.items():
        target = folder / f"{name}.{file_format}"
        with atomic_path(target) as temporary:
            if file_format == "csv":
                pacsv.write_csv(_booleans_as_words(table), temporary)
            else:
                pq.write_table(table, temporary)
    planted = folder / "planted_phases.csv"
    with atomic_path(planted) as temporary:
        organisation.planted.to_csv(temporary, index=False)


def _booleans_as_words(table: pa.Table) -> pa.Table:
    for index, field in enumerate(table.schema):
        if pa.types.is_boolean(field.type):
            words = pc.if_else(table.column(index), "true", "false")
            table = table.set_column(index, field.name, words)
    return table


def _write_monthly(activity: pa.Table, target: Path) -> None:
    """Write the activity as ``target/month=YYYY-MM/*.parquet`` (replacing it whole)."""
    staging = target.parent / f".{target.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    month = pc.utf8_slice_codeunits(activity.column("timestamp"), 0, 7)
    ds.write_dataset(
        activity.append_column("month", month),
        staging,
        format="parquet",
        partitioning=["month"],
        partitioning_flavor="hive",
        max_rows_per_group=250_000,
    )
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
