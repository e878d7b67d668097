#!/usr/bin/env python
"""Independent hold-out generator of synthetic organisations.

Written only from the founding model (the four phases of social-media adoption)
and the data contract (v1), without looking at the classifier or any other
generator of the project.  Each organisation is one dataset folder with
``departments.csv``, ``employees.csv``, ``activity.csv`` and ``survey.csv``
plus ``truth.csv``: the phase planted in every business unit.

Usage::

    python benchmarks/independent_orgs.py --organisations 20 --seed 7 --out /tmp/holdout

Design in short (see the per-phase tables further down):

* Every unit gets its own, randomly drawn "anchor" parameters for each of the
  four phases (who is active per department, events per active person,
  internal/external mix, action mix, locality of interactions, inquiry answer
  rate and response time, ...).  A unit's phase level ``p`` (1..4, possibly
  fractional for a unit between two phases or during a change) is turned into
  parameters by linear interpolation between the two neighbouring anchors
  (log-linear for response times).
* Activity is simulated month by month per unit.  Active employees are the
  first ``k`` people of a stable per-department ordering, so the same people
  stay active while the phase is stable and the core grows when it moves up.
* Noise: unit-level draws of every anchor, a Dirichlet-perturbed action mix,
  person-level activity weights (log-normal), person-level external
  propensity (logit-normal), person "pet" tools, bursts, seasonality,
  day-level noise, an organisation-wide activity multiplier.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

DAY = 86_400
HOUR = 3_600

INTERNAL = ["teams", "viva_engage", "slack", "intranet"]
EXTERNAL = ["linkedin", "x", "facebook", "instagram"]
CHANNELS = INTERNAL + EXTERNAL
ACTIONS = ["post", "reply", "comment", "share", "mention", "message", "inquiry"]
A_POST, A_REPLY, A_COMMENT, A_SHARE, A_MENTION, A_MESSAGE, A_INQUIRY = range(7)

ITEMS = [
    "use_internal",
    "use_external",
    "ownership",
    "enthusiasm",
    "policy",
    "best_practices",
    "customer_service_involved",
    "realtime_response",
    "strategy",
    "autonomy",
    "open_culture",
]
LIKERT_ITEMS = [i for i in ITEMS if i != "ownership"]

SITUATIONS = [
    "clear",
    "between",
    "moved_up",
    "slid_back",
    "says_more",
    "says_less",
    "no_survey",
    "no_inquiries",
    "pilot_marcom",
]
SITUATION_WEIGHTS = np.array([3.0, 1.2, 1.2, 0.9, 1.0, 0.9, 0.8, 0.8, 0.8])

UNIT_NAMES = [
    "Retail Banking",
    "Business Lending",
    "Home Insurance",
    "Car Insurance",
    "Parcel Services",
    "Freight Forwarding",
    "Consumer Energy",
    "Grid Services",
    "Mobile Plans",
    "Broadband",
    "Travel Desk",
    "Hotel Group",
    "Pharmacy Chain",
    "Medical Devices",
    "Garden Centres",
    "Home Furnishing",
    "Public Transport",
    "Car Leasing",
    "Pension Fund",
    "Wealth Advice",
    "Student Housing",
    "Social Housing",
    "Water Utility",
    "Online Shop",
    "Wholesale",
    "Print Services",
    "Facility Management",
    "Security Services",
    "Catering",
    "Fitness Clubs",
    "Cinemas",
    "Publishing",
    "Radio Stations",
    "Vet Clinics",
    "Dental Care",
    "Eyewear",
    "Bike Rental",
    "Food Delivery",
    "Cloud Hosting",
    "Payroll Services",
    "Recruitment",
    "Language School",
    "Event Tickets",
    "Airport Services",
    "Port Operations",
    "Waste Collection",
    "Solar Panels",
]

DEPT_LABELS = {
    "customer_service": [
        "Customer Care",
        "Contact Centre",
        "Customer Service",
        "Service Desk",
        "Client Support",
    ],
    "sales": ["Sales", "Account Management", "Inside Sales", "Business Sales"],
    "marketing": ["Marketing", "Brand and Marketing", "Growth Marketing"],
    "communications": ["Communications", "Corporate Communications", "PR and Communications"],
    "operations": ["Operations", "Logistics", "Production", "Service Delivery"],
    "it": ["IT", "Information Services", "Digital Workplace"],
    "finance": ["Finance", "Finance and Control", "Accounting"],
    "hr": ["HR", "People and Culture", "Human Resources"],
    "product": ["Product Development", "Product Management", "Innovation Lab"],
    "legal": ["Legal", "Legal and Compliance", "Risk and Compliance"],
    "management": ["Management Team", "Unit Board", "Directorate"],
    "other": ["Procurement", "Quality Assurance", "Facilities", "Planning"],
}
# relative size of a department of each function
FUNCTION_SIZE = {
    "customer_service": 3.0,
    "sales": 2.0,
    "marketing": 0.9,
    "communications": 0.6,
    "operations": 3.2,
    "it": 1.2,
    "finance": 1.0,
    "hr": 0.8,
    "product": 1.3,
    "legal": 0.5,
    "management": 0.35,
    "other": 0.8,
}
BACK_OFFICE = ["operations", "it", "finance", "hr", "product", "legal", "management", "other"]
BACK_OFFICE_P = np.array([3, 2, 2, 2, 1.5, 1, 1.2, 1.0])

# --- phase tables (row index = phase, row 0 unused) --------------------------
# action mix over [post, reply, comment, share, mention, message]
INT_ACT = np.array(
    [
        [0, 0, 0, 0, 0, 0],
        [0.40, 0.10, 0.15, 0.15, 0.05, 0.15],  # pilot: loose posting
        [0.22, 0.14, 0.10, 0.10, 0.09, 0.35],  # central team coordinating itself
        [0.18, 0.22, 0.20, 0.12, 0.13, 0.15],  # coordination: sharing, commenting
        [0.10, 0.32, 0.22, 0.06, 0.12, 0.18],  # integration: conversations
    ]
)
EXT_ACT = np.array(
    [
        [0, 0, 0, 0, 0, 0],
        [0.50, 0.05, 0.12, 0.30, 0.03, 0.00],
        [0.56, 0.05, 0.05, 0.30, 0.04, 0.00],  # broadcasting
        [0.30, 0.20, 0.20, 0.20, 0.08, 0.02],
        [0.15, 0.35, 0.30, 0.10, 0.07, 0.03],  # interactive
    ]
)
# scalar phase parameters: value per phase 1..4
PH = {
    "xs": [0, 2.2, 0.8, 1.0, 0.5],  # spread of personal external share (logit sd)
    "sig": [0, 0.9, 0.6, 0.75, 0.55],  # spread of personal activity (log sd)
    "shadow": [0, 0.5, 0.25, 0.12, 0.05],  # share of internal events on a personal pet tool
    "burst": [0, 0.6, 0.25, 0.12, 0.05],  # share of events in a personal burst
    "evening": [0, 0.35, 0.08, 0.1, 0.18],  # share of events outside office hours
    "rt_sig": [0, 1.1, 0.9, 0.9, 0.8],  # log sd of inquiry response time
    "office": [0, 0.5, 0.95, 0.6, 0.05],  # answers wait for office hours
    "follow": [0, 0.05, 0.08, 0.2, 0.4],  # customer follows up after an answer
    "dup": [0, 0.1, 0.03, 0.05, 0.08],  # a second colleague answers too
    "pub_lambda": [0, 0.2, 0.5, 0.9, 1.6],  # public comments per external post
    "pub_reply": [0, 0.1, 0.1, 0.35, 0.65],  # employee answers a public comment
    "reply_med_h": [0, 8.0, 3.0, 1.5, 0.5],  # colleague reply delay (median hours)
    "r2": [0, 0.05, 0.08, 0.2, 0.35],  # replies that answer a reply (threads)
    "xunit": [0, 0.02, 0.02, 0.05, 0.08],  # interactions with other units
    "ext_noparent": [0, 0.6, 0.5, 0.4, 0.35],  # external replies on public content
}
# survey means per phase for the Likert items, in LIKERT_ITEMS order
SURVEY_MU = np.array(
    [
        [0] * 10,
        [2.0, 1.5, 2.7, 1.6, 1.7, 1.6, 1.5, 1.7, 1.9, 2.3],
        [2.4, 1.8, 2.9, 2.5, 2.0, 1.5, 1.9, 2.6, 1.6, 2.3],
        [3.4, 2.7, 3.5, 4.0, 3.8, 3.6, 3.0, 3.4, 2.8, 3.2],
        [4.5, 4.0, 4.2, 4.2, 4.1, 4.5, 4.4, 4.6, 4.5, 4.4],
    ]
)
TYPICAL_ACTIVE = [0, 0.03, 0.05, 0.35, 0.8]

WORK_HOURS = np.array(
    [
        0,
        0,
        0,
        0,
        0,
        0.02,
        0.1,
        0.45,
        1.0,
        1.2,
        1.2,
        1.1,
        0.75,
        1.05,
        1.2,
        1.1,
        1.0,
        0.7,
        0.3,
        0.12,
        0.08,
        0.05,
        0.02,
        0,
    ],
    float,
)
EVENING_HOURS = np.array(
    [
        0.15,
        0.05,
        0,
        0,
        0,
        0,
        0.1,
        0.3,
        0.2,
        0.1,
        0.1,
        0.1,
        0.2,
        0.1,
        0.1,
        0.1,
        0.1,
        0.3,
        0.8,
        1.0,
        1.2,
        1.2,
        0.9,
        0.5,
    ],
    float,
)
CUSTOMER_HOURS = np.array(
    [
        0.2,
        0.1,
        0.05,
        0.03,
        0.03,
        0.05,
        0.2,
        0.5,
        0.8,
        1.0,
        1.1,
        1.1,
        1.1,
        1.0,
        1.0,
        1.0,
        1.0,
        1.0,
        1.1,
        1.2,
        1.2,
        1.0,
        0.7,
        0.4,
    ],
    float,
)


def _interp(a, p: float):
    """Linear interpolation of a per-phase table (first axis = phase)."""
    a = np.asarray(a, dtype=float)
    lo = int(np.floor(p + 1e-9))
    t = p - lo
    if lo >= 4 or t < 1e-9:
        return a[min(lo, 4)]
    return a[lo] * (1 - t) + a[lo + 1] * t


def _interp_log(a, p: float):
    return np.exp(_interp(np.log(np.maximum(np.asarray(a, float), 1e-12)), p))


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _office_shift(ts: np.ndarray, rng, start_h: int = 8, end_h: int = 18) -> np.ndarray:
    """Move local times outside office hours to the next working morning."""
    ts = np.asarray(ts, dtype=np.int64)
    day = ts // DAY
    sec = ts % DAY
    dow = (day + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    weekday = dow < 5
    inside = weekday & (sec >= start_h * HOUR) & (sec < end_h * HOUR)
    early = weekday & (sec < start_h * HOUR)
    nd = day.copy()
    nd[~inside & ~early] += 1
    d = (nd + 3) % 7
    nd += np.where(d == 5, 2, np.where(d == 6, 1, 0))
    new = nd * DAY + start_h * HOUR + rng.exponential(45 * 60, ts.size).astype(np.int64)
    return np.where(inside, ts, new)


# --- organisation structure --------------------------------------------------
@dataclass
class Org:
    unit_names: list
    dept_name: list = field(default_factory=list)
    dept_unit: list = field(default_factory=list)
    dept_func: list = field(default_factory=list)
    dept_cf: list = field(default_factory=list)
    dept_size: list = field(default_factory=list)
    unit_depts: list = field(default_factory=list)


def _build_org(rng) -> Org:
    n_units = int(rng.integers(5, 13))
    median = np.exp(rng.uniform(np.log(70), np.log(260)))
    sizes = np.exp(rng.normal(np.log(median), 0.7, n_units))
    sizes = np.clip(np.round(sizes), 40, 600).astype(int)
    if sizes.sum() > 3000:
        sizes = np.clip(np.floor(sizes * 3000 / sizes.sum()), 40, 600).astype(int)
    names = list(rng.choice(UNIT_NAMES, n_units, replace=False))
    org = Org(unit_names=names)
    for u, size in enumerate(sizes):
        funcs = [("customer_service", True)]
        if rng.random() < 0.85:
            funcs.append(("sales", True))
        r = rng.random()
        if r < 0.4:
            funcs += [("marketing", False), ("communications", False)]
        elif r < 0.75:
            funcs.append(("marketing", False))
        else:
            funcs.append(("communications", False))
        max_d = min(10, size // 6)
        n_d = int(rng.integers(4, max_d + 1))
        if size >= 150 and rng.random() < 0.25 and len(funcs) + 2 <= n_d:
            funcs.append(("operations*", True))  # field service: daily customer contact
        n_d = max(n_d, len(funcs) + 1)
        pool = list(BACK_OFFICE)
        w = BACK_OFFICE_P.copy()
        while len(funcs) < n_d:
            i = rng.choice(len(pool), p=w / w.sum())
            funcs.append((pool[i], False))
            pool.pop(i)
            w = np.delete(w, i)
        weights = np.array([FUNCTION_SIZE[f.rstrip("*")] for f, _ in funcs])
        weights = weights * rng.gamma(4.0, 0.25, len(funcs))
        dsize = 6 + rng.multinomial(size - 6 * len(funcs), weights / weights.sum())
        idx = []
        used = set()
        for (f, cf), s in zip(funcs, dsize, strict=True):
            if f == "operations*":
                label, func = (
                    str(rng.choice(["Field Service", "Installations", "Service Engineers"])),
                    "operations",
                )
            else:
                label, func = str(rng.choice(DEPT_LABELS[f])), f
            while label in used:
                label += " 2"
            used.add(label)
            idx.append(len(org.dept_name))
            org.dept_name.append(f"{names[u]} - {label}")
            org.dept_unit.append(u)
            org.dept_func.append(func)
            org.dept_cf.append(bool(cf))
            org.dept_size.append(int(s))
        org.unit_depts.append(np.array(idx))
    return org


# --- planting ---------------------------------------------------------------
def _plant(rng, n_units: int) -> list[dict]:
    p = SITUATION_WEIGHTS / SITUATION_WEIGHTS.sum()
    for _ in range(200):
        sits = list(rng.choice(SITUATIONS, n_units, p=p))
        if sits.count("clear") >= 2 and len(set(sits)) >= 3:
            break
    clear_phases = list(rng.permutation([1, 2, 3, 4])) * 3
    plans = []
    for s in sits:
        before = after = None
        offset = 0
        if s == "clear":
            before = after = float(clear_phases.pop(0))
        elif s == "between":
            before = after = float(rng.integers(1, 4)) + 0.5
        elif s == "moved_up":
            before = float(rng.integers(1, 4))
            after = before + 1
        elif s == "slid_back":
            before = float(rng.integers(2, 5))
            after = before - 1
        elif s == "says_more":
            before = after = float(rng.integers(1, 4))
            offset = 1
        elif s == "says_less":
            before = after = float(rng.integers(2, 5))
            offset = -1
        elif s in ("no_survey", "no_inquiries"):
            before = after = float(rng.integers(1, 5))
        elif s == "pilot_marcom":
            before = after = 1.0
        plans.append(
            dict(
                situation=str(s),
                before=before,
                after=after,
                offset=offset,
                has_survey=s != "no_survey",
                has_inquiries=s != "no_inquiries",
            )
        )
    return plans


def _anchors(rng, org: Org, u: int, sit: str) -> dict:
    """Per-phase parameters of one unit (each drawn with unit-level noise)."""
    D = org.unit_depts[u]
    nd = len(D)
    n = np.array([org.dept_size[d] for d in D])
    N = n.sum()
    func = [org.dept_func[d] for d in D]
    cf = np.array([org.dept_cf[d] for d in D])
    marcom = [i for i, f in enumerate(func) if f in ("marketing", "communications")]
    c = int(rng.choice(marcom)) if len(marcom) > 1 and rng.random() < 0.45 else marcom[0]
    cs = func.index("customer_service")
    sales = [i for i, f in enumerate(func) if f == "sales" or (cf[i] and i != cs)]
    cand = (
        [i for i, f in enumerate(func) if f == "management"]
        or [i for i in marcom if i != c]
        or [i for i in range(nd) if not cf[i] and i != c]
    )
    sp = int(rng.choice(cand)) if cand else -1
    others = [i for i in range(nd) if i not in (c, cs) and i not in sales]

    F = np.zeros((5, nd))
    R = np.zeros((5, nd))
    XM = np.zeros((5, nd))
    # phase 1: a few enthusiasts scattered over departments, at most two per department
    a1 = round(rng.uniform(3, 7) + N / 200)
    counts = np.zeros(nd, int)
    labels = np.repeat(np.arange(nd), n)
    if sit == "pilot_marcom":
        counts[c] = 1
        labels = labels[labels != c]
        a1 = max(a1, 3)
    for lab in rng.permutation(labels):
        if counts.sum() >= a1:
            break
        if counts[lab] < 2 and not (sit == "pilot_marcom" and lab == c):
            counts[lab] += 1
    F[1] = counts / n
    R[1] = rng.uniform(8, 22) * rng.uniform(0.7, 1.3, nd)
    XM[1] = rng.uniform(0.2, 0.45)
    if sit == "pilot_marcom":
        R[1, c] *= rng.uniform(3, 6)
        XM[1, c] = rng.uniform(0.55, 0.75)
    # phase 2: a small core team in marketing/communications, a sponsor or two
    core = int(np.clip(round(rng.uniform(3, 9)), 2, int(0.75 * n[c])))
    F[2, c] = core / n[c]
    if sp >= 0:
        F[2, sp] = rng.choice([0, 1, 2], p=[0.15, 0.6, 0.25]) / n[sp]
    R[2] = rng.uniform(3, 10, nd)
    R[2, c] = rng.uniform(30, 70)
    XM[2] = 0.2
    XM[2, c] = rng.uniform(0.6, 0.82)
    # phase 3: dozens active, every department some, customer service joins
    F[3] = rng.uniform(0.1, 0.4, nd)
    F[3, rng.random(nd) < 0.15] = 0.0
    F[3, c] = rng.uniform(0.5, 0.85)
    F[3, cs] = rng.uniform(0.2, 0.45)
    for s in sales:
        F[3, s] = rng.uniform(0.08, 0.3) if rng.random() > 0.2 else 0.0
    while (F[3] > 0).mean() < 0.7:
        z = np.flatnonzero(F[3] == 0)
        F[3, rng.choice(z)] = rng.uniform(0.1, 0.2)
    R[3] = rng.uniform(5, 14, nd)
    R[3, c] = rng.uniform(18, 40)
    R[3, cs] = rng.uniform(6, 16)
    XM[3] = rng.uniform(0.2, 0.35, nd)
    XM[3, c] = rng.uniform(0.5, 0.65)
    XM[3, cs] = rng.uniform(0.45, 0.65)
    XM[3, sales] = 0.45
    # phase 4: nearly everyone, internal and external
    F[4] = rng.uniform(0.7, 0.95, nd)
    lag = [i for i in others if not cf[i]]
    if lag and rng.random() < 0.3:
        F[4, rng.choice(lag)] = rng.uniform(0.35, 0.55)
    R[4] = rng.uniform(12, 30, nd)
    R[4, cs] *= 1.2
    XM[4] = rng.uniform(0.4, 0.55, nd)
    XM[4, cs] = rng.uniform(0.55, 0.7)
    XM[4, sales] = rng.uniform(0.5, 0.65)

    # locality of interactions: row = actor department, column = counterpart
    def matrix(w, cross):
        M = np.tile(np.asarray(cross, float), (nd, 1))
        np.fill_diagonal(M, 0.0)
        s = M.sum(1, keepdims=True)
        M = np.where(s > 0, M / np.where(s > 0, s, 1) * (1 - w), 0.0)
        M[np.arange(nd), np.arange(nd)] = np.where(s[:, 0] > 0, w, 1.0)
        return M

    MM = np.zeros((5, nd, nd))
    MM[1] = matrix(rng.uniform(0.8, 0.92), n)
    cross2 = np.where(cf, 0.0, 0.05 * n / n.mean())
    cross2[c] = 1.0
    if sp >= 0:
        cross2[sp] = 0.5
    MM[2] = matrix(rng.uniform(0.82, 0.93), cross2)
    cross3 = n**0.7
    cross3[c] *= 4
    MM[3] = matrix(rng.uniform(0.45, 0.6), cross3)
    MM[4] = matrix(rng.uniform(0.3, 0.45), n.astype(float))

    # who answers customers
    RESP = np.zeros((5, nd))
    RESP[1] = counts.astype(float)
    if sit == "pilot_marcom":
        RESP[1, c] *= 3
    RESP[2, c] = 0.9
    if sp >= 0:
        RESP[2, sp] = 0.1 * (F[2, sp] > 0)
    if sales:
        RESP[3, cs], RESP[3, c] = 0.6, 0.3
        RESP[3, sales] = 0.1 / len(sales)
        RESP[4, cs] = 0.5
        RESP[4, sales] = 0.2 / len(sales)
    else:
        RESP[3, cs], RESP[3, c] = 0.7, 0.3
        RESP[4, cs] = 0.7
    rest = [i for i in range(nd) if i != cs and i not in sales]
    RESP[4, rest] = 0.3 * n[rest] / n[rest].sum()
    for k in range(1, 5):
        RESP[k] /= RESP[k].sum()

    ACT_I = np.zeros((5, 6))
    ACT_E = np.zeros((5, 6))
    for k in range(1, 5):
        ACT_I[k] = rng.dirichlet(80 * INT_ACT[k] + 0.05)
        ACT_E[k] = rng.dirichlet(80 * EXT_ACT[k] + 0.05)
    return dict(
        F=F,
        R=R,
        XM=XM,
        MM=MM,
        RESP=RESP,
        ACT_I=ACT_I,
        ACT_E=ACT_E,
        ans=np.array(
            [
                0,
                rng.uniform(0.1, 0.35),
                rng.uniform(0.4, 0.65),
                rng.uniform(0.72, 0.9),
                rng.uniform(0.92, 0.99),
            ]
        ),
        rt_med=np.array(
            [
                1,
                rng.uniform(18, 60),
                rng.uniform(6, 22),
                rng.uniform(1.2, 5),
                rng.uniform(0.12, 0.6),
            ]
        )
        * HOUR,
        round_u=rng.uniform(0.3, 0.7, nd),
        inq_rate=rng.uniform(0.15, 0.8),
        n=n,
        central=c,
        cs=cs,
        sales=sales,
        sponsor=sp,
    )


# --- the generator ------------------------------------------------------------
def generate(seed: int, folder: Path) -> pd.DataFrame:
    """Write one synthetic organisation to ``folder``; return its truth table."""
    rng = np.random.default_rng(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    org = _build_org(rng)
    n_units = len(org.unit_names)
    plans = _plant(rng, n_units)

    # window: 2..4 whole quarters
    year = int(rng.integers(2024, 2027))
    q0 = int(rng.integers(1, 5))
    nq = int(rng.integers(2, 5))
    m0 = np.datetime64(f"{year}-{3 * (q0 - 1) + 1:02d}", "M")
    if m0 + 3 * nq > np.datetime64("2027-01", "M"):  # no windows reaching past 2026
        m0 -= 12
    months = m0 + np.arange(3 * nq + 1)
    mstart = months.astype("datetime64[D]").astype(np.int64)  # days since epoch
    n_months = 3 * nq
    w_start, w_end = mstart[0], mstart[-1]
    n_days = int(w_end - w_start)
    q_labels = []
    for qi in range(nq):
        mm = months[3 * qi].astype(object)
        q_labels.append(f"{mm.year}-Q{(mm.month - 1) // 3 + 1}")
    last_q_start = int(mstart[3 * (nq - 1)] - w_start)

    # calendar: day weights
    days = np.arange(w_start, w_end)
    dow = (days + 3) % 7
    dates = days.astype("datetime64[D]").astype(object)
    xmas = np.array(
        [(d.month == 12 and d.day >= 24) or (d.month == 1 and d.day == 1) for d in dates]
    )
    day_w = np.where(dow < 5, 1.0, np.where(dow == 5, 0.12, 0.08))
    day_w = day_w * np.where(xmas, 0.3, 1.0) * rng.gamma(10, 0.1, n_days)
    cust_w = np.where(dow < 5, 1.0, 0.75) * rng.gamma(12, 1 / 12, n_days)
    month_of_day = np.searchsorted(mstart, days, side="right") - 1
    season = np.array(
        [{7: 0.85, 8: 0.7, 12: 0.85}.get(int(m.astype(object).month), 1.0) for m in months[:-1]]
    ) * rng.uniform(0.9, 1.1, n_months)
    work_h = WORK_HOURS * rng.uniform(0.8, 1.2, 24)
    work_h /= work_h.sum()
    eve_h = EVENING_HOURS / EVENING_HOURS.sum()
    cust_h = CUSTOMER_HOURS / CUSTOMER_HOURS.sum()

    # organisation-wide tools and habits
    int_w = np.zeros(4)
    primary = rng.choice(3, p=[0.5, 0.3, 0.2])
    int_w[primary] = 1.0
    if rng.random() < 0.5:
        int_w[rng.choice([i for i in range(3) if i != primary])] = rng.uniform(0.1, 0.5)
    int_w[3] = rng.uniform(0.03, 0.12)
    int_w /= int_w.sum()
    ext_w = rng.dirichlet([2.0, 1.0, 1.5, 1.0])
    cust_ch = ext_w * np.array([0.4, 1.3, 1.5, 1.0])
    cust_ch /= cust_ch.sum()
    offset_min = int(rng.choice([60, 120, 0, -300, 330, 600, 60, 120]))
    write_utc = rng.random() < 0.3
    anon_mode = rng.choice(["identified", "anonymous", "mixed"], p=[0.5, 0.25, 0.25])
    fill_bu_everywhere = rng.random() < 0.3

    # employees, ordered per department by a stable "first to join" key
    dept_size = np.array(org.dept_size)
    emp_dept = np.repeat(np.arange(len(dept_size)), dept_size)
    n_emp = emp_dept.size
    emp_unit = np.array(org.dept_unit)[emp_dept]
    dept_first = np.concatenate([[0], np.cumsum(dept_size)[:-1]])
    emp_local = np.empty(n_emp, int)  # local department index within its unit
    for u in range(n_units):
        for li, d in enumerate(org.unit_depts[u]):
            emp_local[emp_dept == d] = li
    z_act = rng.normal(size=n_emp)
    z_ext = rng.normal(size=n_emp)
    pet = rng.integers(0, 4, n_emp)
    unit_members = [np.flatnonzero(emp_unit == u) for u in range(n_units)]

    anchors = [_anchors(rng, org, u, plans[u]["situation"]) for u in range(n_units)]
    for u, pl in enumerate(plans):
        if pl["situation"] == "pilot_marcom":  # the marcom enthusiast is the keenest of all
            first = dept_first[org.unit_depts[u][anchors[u]["central"]]]
            z_act[first] = abs(z_act[first]) + 0.8

    # phase level per unit per day and per month
    p_day = np.zeros((n_units, n_days))
    for u, pl in enumerate(plans):
        if pl["before"] == pl["after"]:
            p_day[u] = pl["before"]
            continue
        ramp = int(rng.integers(0, 29))
        hi = min(int(2 * n_days / 3), last_q_start - ramp)
        lo = min(int(0.12 * n_days), hi - 1)
        cday = int(rng.integers(lo, hi + 1))
        t = np.clip((np.arange(n_days) - cday) / max(ramp, 1), 0, 1)
        if ramp == 0:
            t = (np.arange(n_days) >= cday).astype(float)
        p_day[u] = pl["before"] + (pl["after"] - pl["before"]) * t
        pl["change_day"] = cday
    p_month = np.array(
        [[p_day[u, month_of_day == mi].mean() for mi in range(n_months)] for u in range(n_units)]
    )
    trend = np.array(
        [
            rng.uniform(0.2, 0.45) if 2.4 <= pl["after"] <= 3.6 else rng.uniform(-0.1, 0.1)
            for pl in plans
        ]
    )

    # pass 1: active people and base rates per unit-month
    blocks = []
    expected = 0.0
    for u in range(n_units):
        a = anchors[u]
        D = org.unit_depts[u]
        for mi in range(n_months):
            p = float(p_month[u, mi])
            frac = (mi + 0.5) / n_months
            g = 1 + trend[u] * (frac - 0.5)
            F = np.clip(_interp(a["F"], p) * (g if p >= 2 else 1.0), 0, 0.97)
            k = np.floor(F * a["n"] + a["round_u"]).astype(int)
            k = np.minimum(k, a["n"])
            active = np.concatenate(
                [dept_first[d] + np.arange(k[li]) for li, d in enumerate(D)]
            ).astype(int)
            sig = _interp(PH["sig"], p)
            mdays = int(mstart[mi + 1] - mstart[mi])
            rate = (
                _interp(a["R"], p)[emp_local[active]]
                * np.exp(sig * z_act[active] - sig**2 / 2)
                * season[mi]
                * mdays
                / 91.3
            )
            expected += rate.sum()
            blocks.append((u, mi, p, active, rate))
    per_person = expected / (n_emp * nq)
    target = np.exp(rng.uniform(np.log(3), np.log(36)))
    mult = float(np.clip(target / max(per_person, 1e-9), 0.3, 4.0))
    mult = float(np.clip(mult, 2.3 / max(per_person, 1e-9), 34 / max(per_person, 1e-9)))

    # event store (global integer ids; parents refer to these)
    cols = {k: [] for k in ("actor", "ts", "chan", "aud", "act", "target", "parent", "bu")}
    n_ev = [0]

    def add(actor, ts, chan, aud, act, target=None, parent=None, bu=None):
        m = len(actor)
        ids = n_ev[0] + np.arange(m)
        n_ev[0] += m
        cols["actor"].append(np.asarray(actor, int))
        cols["ts"].append(np.asarray(ts, np.int64))
        cols["chan"].append(np.asarray(chan, int))
        cols["aud"].append(np.asarray(aud, int))
        cols["act"].append(np.asarray(act, int))
        cols["target"].append(np.full(m, -1) if target is None else np.asarray(target, int))
        cols["parent"].append(np.full(m, -1) if parent is None else np.asarray(parent, int))
        cols["bu"].append(np.full(m, -1) if bu is None else np.asarray(bu, int))
        return ids

    def sample_days(mi, n, weights):
        sel = np.flatnonzero(month_of_day == mi)
        w = weights[sel]
        return days[sel][rng.choice(sel.size, n, p=w / w.sum())]

    def pick_counterpart(actor, M, u, xunit, active_by_dept, restrict_cf_free=False):
        """Counterpart employee for mentions/messages, following the locality matrix."""
        out = np.empty(actor.size, int)
        loc = emp_local[actor]
        D = org.unit_depts[u]
        cdept = np.empty(actor.size, int)
        for li in np.unique(loc):
            sel = loc == li
            cdept[sel] = rng.choice(len(D), sel.sum(), p=M[li])
        for li in np.unique(cdept):
            sel = np.flatnonzero(cdept == li)
            d = D[li]
            members = dept_first[d] + np.arange(dept_size[d])
            act = active_by_dept[li]
            use_act = (rng.random(sel.size) < 0.7) & (act.size > 0)
            pick = members[rng.integers(0, members.size, sel.size)]
            if act.size:
                pick = np.where(use_act, act[rng.integers(0, act.size, sel.size)], pick)
            same = pick == actor[sel]
            pick[same] = members[(pick[same] - dept_first[d] + 1) % dept_size[d]]
            out[sel] = pick
        far = rng.random(actor.size) < xunit
        if far.any() and n_units > 1:
            other = np.flatnonzero(emp_unit != u)
            out[far] = other[rng.integers(0, other.size, far.sum())]
        return out

    end_sec = int(w_end) * DAY
    active_month = {}
    for u, mi, p, active, rate in blocks:
        a = anchors[u]
        D = org.unit_depts[u]
        nd = len(D)
        active_by_dept = [active[emp_local[active] == li] for li in range(nd)]
        active_month[(u, mi)] = active_by_dept
        M = _interp(a["MM"], p)
        counts = rng.poisson(rate * mult)
        actor = np.repeat(active, counts)
        ne = actor.size
        if ne:
            xm = _interp(a["XM"], p)[emp_local[actor]]
            x = _sigmoid(_logit(xm) + _interp(PH["xs"], p) * z_ext[actor])
            aud = (rng.random(ne) < x).astype(int)
            chan = np.where(
                rng.random(ne) < _interp(PH["shadow"], p), pet[actor], rng.choice(4, ne, p=int_w)
            )
            chan = np.where(aud == 1, 4 + rng.choice(4, ne, p=ext_w), chan)
            pi = _interp(a["ACT_I"], p)
            pe = _interp(a["ACT_E"], p)
            act = np.where(
                aud == 1, rng.choice(6, ne, p=pe / pe.sum()), rng.choice(6, ne, p=pi / pi.sum())
            )
            # timestamps: day (with personal bursts) and hour
            day = sample_days(mi, ne, day_w)
            sel_days = days[month_of_day == mi]
            uniq, inv = np.unique(actor, return_inverse=True)
            centre = sample_days(mi, uniq.size, day_w)[inv]
            burst = rng.random(ne) < _interp(PH["burst"], p)
            bday = np.clip(
                centre + np.round(rng.normal(0, 2.5, ne)).astype(int), sel_days[0], sel_days[-1]
            )
            day = np.where(burst, bday, day)
            eve = rng.random(ne) < _interp(PH["evening"], p)
            hour = np.where(eve, rng.choice(24, ne, p=eve_h), rng.choice(24, ne, p=work_h))
            ts = day.astype(np.int64) * DAY + hour * HOUR + rng.integers(0, HOUR, ne)
            target = np.full(ne, -1)
            parent = np.full(ne, -1)
            # mentions and messages address a colleague
            tm = (act == A_MENTION) | ((act == A_MESSAGE) & (aud == 0))
            if tm.any():
                target[tm] = pick_counterpart(
                    actor[tm], M, u, _interp(PH["xunit"], p), active_by_dept
                )
            ids = n_ev[0] + np.arange(ne)
            # replies and comments answer a colleague's post (same audience)
            isr = (act == A_REPLY) | (act == A_COMMENT)
            noparent = isr & (aud == 1) & (rng.random(ne) < _interp(PH["ext_noparent"], p))
            isr &= ~noparent
            second = isr & (rng.random(ne) < _interp(PH["r2"], p))
            first = isr & ~second
            reply_med = _interp(PH["reply_med_h"], p) * HOUR
            for rnd, todo in ((0, first), (1, second)):
                for au in (0, 1):
                    if rnd == 0:
                        pool = np.flatnonzero(((act == A_POST) | (act == A_SHARE)) & (aud == au))
                    else:
                        pool = np.flatnonzero(first & (parent >= 0) & (aud == au))
                    rows = np.flatnonzero(todo & (aud == au))
                    if rows.size == 0:
                        continue
                    if pool.size == 0:
                        if au == 0:
                            act[rows] = A_POST
                        continue
                    ploc = emp_local[actor[pool]]
                    has = np.bincount(ploc, minlength=nd) > 0
                    aloc = emp_local[actor[rows]]
                    chosen = np.full(rows.size, -1)
                    for li in np.unique(aloc):
                        s = aloc == li
                        w = M[li] * has
                        if w.sum() == 0:
                            continue
                        cd = rng.choice(nd, s.sum(), p=w / w.sum())
                        idx = np.flatnonzero(s)
                        for dd in np.unique(cd):
                            cand = pool[ploc == dd]
                            tgt = idx[cd == dd]
                            pick = cand[rng.integers(0, cand.size, tgt.size)]
                            # nobody answers their own post: retry inside the same department
                            for _ in range(3):
                                me = actor[pick] == actor[rows[tgt]]
                                if not me.any():
                                    break
                                pick[me] = cand[rng.integers(0, cand.size, me.sum())]
                            chosen[tgt] = pick
                    # still oneself: address an own-department colleague instead (internal)
                    selfp = (chosen >= 0) & (actor[np.maximum(chosen, 0)] == actor[rows])
                    ok = chosen >= 0
                    ok &= ~selfp
                    r_ok = rows[ok]
                    parent[r_ok] = chosen[ok]
                    delay = rng.lognormal(np.log(reply_med), 1.2, r_ok.size).astype(np.int64) + 60
                    t_new = ts[chosen[ok]] + delay
                    shift = rng.random(r_ok.size) < 0.6
                    t_new = np.where(shift, _office_shift(t_new, rng), t_new)
                    ts[r_ok] = t_new
                    chan[r_ok] = chan[chosen[ok]]
                    r_bad = rows[~ok]
                    # internal: a reply addressed to an own-department colleague;
                    # external: a reply on public content (no parent in the data)
                    if r_bad.size and au == 0:
                        target[r_bad] = pick_counterpart(
                            actor[r_bad], np.eye(nd), u, 0.0, active_by_dept
                        )
            gparent = np.where(parent >= 0, ids[0] + parent, -1)
            ids = add(
                actor,
                ts,
                chan,
                aud,
                act,
                target,
                gparent,
                np.full(ne, u) if fill_bu_everywhere else None,
            )
            # the public reacts to external posts; some reactions get an answer
            ext_posts = np.flatnonzero((aud == 1) & ((act == A_POST) | (act == A_SHARE)))
            if ext_posts.size:
                nc = rng.poisson(_interp(PH["pub_lambda"], p), ext_posts.size)
                src = np.repeat(ext_posts, nc)
                if src.size:
                    cts = ts[src] + rng.lognormal(np.log(3 * HOUR), 1.3, src.size).astype(np.int64)
                    cids = add(
                        np.full(src.size, -1),
                        cts,
                        chan[src],
                        np.ones(src.size),
                        np.full(src.size, A_COMMENT),
                        None,
                        ids[src],
                        np.full(src.size, u),
                    )
                    ans = rng.random(src.size) < _interp(PH["pub_reply"], p)
                    if ans.any():
                        rt = rng.lognormal(
                            np.log(_interp_log(a["rt_med"], p) * 1.5), 1.0, ans.sum()
                        ).astype(np.int64)
                        rts = cts[ans] + rt + 30
                        sh = rng.random(ans.sum()) < _interp(PH["office"], p)
                        rts = np.where(sh, _office_shift(rts, rng), rts)
                        add(
                            actor[src[ans]],
                            rts,
                            chan[src[ans]],
                            np.ones(ans.sum()),
                            np.full(ans.sum(), A_REPLY),
                            None,
                            cids[ans],
                            np.full(ans.sum(), u) if fill_bu_everywhere else None,
                        )

        # customer inquiries of this month and the answers
        if not plans[u]["has_inquiries"]:
            continue
        mdays = int(mstart[mi + 1] - mstart[mi])
        lam = (
            a["inq_rate"] * (0.85 + 0.1 * p) * a["n"].sum() * mdays / 91.3 * rng.uniform(0.85, 1.15)
        )
        ni = rng.poisson(lam)
        if ni == 0:
            continue
        iday = sample_days(mi, ni, cust_w)
        its = (
            iday.astype(np.int64) * DAY
            + rng.choice(24, ni, p=cust_h) * HOUR
            + rng.integers(0, HOUR, ni)
        )
        ich = 4 + rng.choice(4, ni, p=cust_ch)
        iids = add(
            np.full(ni, -1),
            its,
            ich,
            np.ones(ni),
            np.full(ni, A_INQUIRY),
            None,
            None,
            np.full(ni, u),
        )
        answered = np.flatnonzero(rng.random(ni) < _interp(a["ans"], p))
        if answered.size == 0:
            continue
        resp_w = _interp(a["RESP"], p)
        rdept = rng.choice(nd, answered.size, p=resp_w / resp_w.sum())
        responder = np.empty(answered.size, int)
        for li in np.unique(rdept):
            s = rdept == li
            pool = active_by_dept[li]
            if pool.size == 0:
                d = D[li]
                pool = dept_first[d] + np.arange(dept_size[d])
            responder[s] = pool[rng.integers(0, pool.size, s.sum())]
        med = _interp_log(a["rt_med"], p)
        rsig = _interp(PH["rt_sig"], p)
        office = _interp(PH["office"], p)

        def answer_time(t0, m, med=med, rsig=rsig, office=office):
            t = t0 + rng.lognormal(np.log(med), rsig, m).astype(np.int64) + 20
            return np.where(rng.random(m) < office, _office_shift(t, rng), t)

        def bu_col(m, u=u):
            return np.full(m, u) if fill_bu_everywhere else None

        m = answered.size
        rts = answer_time(its[answered], m)
        rids = add(
            responder,
            rts,
            ich[answered],
            np.ones(m),
            np.full(m, A_REPLY),
            None,
            iids[answered],
            bu_col(m),
        )
        dup = rng.random(m) < _interp(PH["dup"], p)
        if dup.any():
            # a colleague from the same answering department chimes in
            other = np.empty(int(dup.sum()), int)
            for j, li in enumerate(rdept[dup]):
                pool = active_by_dept[li]
                if pool.size == 0:
                    pool = dept_first[D[li]] + np.arange(dept_size[D[li]])
                other[j] = pool[rng.integers(0, pool.size)]
            dts = rts[dup] + rng.lognormal(np.log(2 * HOUR), 1.0, dup.sum()).astype(np.int64)
            add(
                other,
                dts,
                ich[answered][dup],
                np.ones(dup.sum()),
                np.full(dup.sum(), A_REPLY),
                None,
                iids[answered][dup],
                bu_col(int(dup.sum())),
            )
        fol = rng.random(m) < _interp(PH["follow"], p)
        if fol.any():
            f = int(fol.sum())
            fts = rts[fol] + rng.lognormal(np.log(0.5 * HOUR), 1.0, f).astype(np.int64) + 30
            fids = add(
                np.full(f, -1),
                fts,
                ich[answered][fol],
                np.ones(f),
                np.full(f, A_REPLY),
                None,
                rids[fol],
                np.full(f, u),
            )
            again = rng.random(f) < _interp(a["ans"], p)
            if again.any():
                g = int(again.sum())
                add(
                    responder[fol][again],
                    answer_time(fts[again], g),
                    ich[answered][fol][again],
                    np.ones(g),
                    np.full(g, A_REPLY),
                    None,
                    fids[again],
                    bu_col(g),
                )

    # assemble, drop what falls after the window (and its descendants)
    ev = {k: np.concatenate(v) if v else np.array([], int) for k, v in cols.items()}
    # inside the window both in local time and in UTC, so every reader sees the same quarters
    start_sec = int(w_start) * DAY
    utc = ev["ts"] - offset_min * 60
    keep = (ev["ts"] >= start_sec) & (ev["ts"] < end_sec) & (utc >= start_sec) & (utc < end_sec)
    par = ev["parent"]
    while True:
        bad = keep & (par >= 0) & ~keep[np.maximum(par, 0)]
        if not bad.any():
            break
        keep &= ~bad
    order = np.flatnonzero(keep)[np.argsort(ev["ts"][keep], kind="stable")]
    new_pos = np.full(keep.size, -1)
    new_pos[order] = np.arange(order.size)
    for k in ev:
        ev[k] = ev[k][order]
    ev["parent"] = np.where(ev["parent"] >= 0, new_pos[np.maximum(ev["parent"], 0)], -1)
    n_out = order.size

    # ids
    emp_ids = np.array([f"emp-{(i * 2654435761 + 977) % (1 << 24):06x}" for i in range(n_emp)])
    ev_ids = np.array(
        [f"ev{(i * 11400714819323198485 + seed * 7919) % (1 << 40):010x}" for i in range(n_out)]
    )
    assert len(set(emp_ids)) == n_emp and len(set(ev_ids)) == n_out

    # timestamps
    if write_utc:
        t = ev["ts"] - offset_min * 60
        suffix = "Z"
    else:
        t = ev["ts"]
        sign = "+" if offset_min >= 0 else "-"
        suffix = f"{sign}{abs(offset_min) // 60:02d}:{abs(offset_min) % 60:02d}"
    tstr = np.char.add(np.datetime_as_string(t.astype("datetime64[s]"), unit="s"), suffix)

    def id_or_empty(arr, table):
        out = np.full(arr.size, "", dtype=object)
        ok = arr >= 0
        out[ok] = table[arr[ok]]
        return out

    unit_arr = np.array(org.unit_names, dtype=object)
    activity = pd.DataFrame(
        {
            "event_id": ev_ids,
            "timestamp": tstr,
            "actor_id": id_or_empty(ev["actor"], emp_ids),
            "channel": np.array(CHANNELS, dtype=object)[ev["chan"]],
            "audience": np.where(ev["aud"] == 1, "external", "internal"),
            "action": np.array(ACTIONS, dtype=object)[ev["act"]],
            "target_id": id_or_empty(ev["target"], emp_ids),
            "in_reply_to": id_or_empty(ev["parent"], ev_ids),
            "business_unit": id_or_empty(ev["bu"], unit_arr),
        }
    )

    departments = pd.DataFrame(
        {
            "department": org.dept_name,
            "business_unit": [org.unit_names[u] for u in org.dept_unit],
            "function": org.dept_func,
            "customer_facing": np.where(org.dept_cf, "true", "false"),
        }
    )
    perm = rng.permutation(n_emp)
    employees = pd.DataFrame(
        {
            "employee_id": emp_ids[perm],
            "department": np.array(org.dept_name, dtype=object)[emp_dept[perm]],
        }
    )

    # survey: one wave per quarter
    q_of_event = np.searchsorted(mstart[::3], ev["ts"] // DAY, side="right") - 1
    rows = []
    truth = []
    emp_act = ev["actor"] >= 0
    for u, pl in enumerate(plans):
        members = unit_members[u]
        said_last = np.nan
        if pl["has_survey"]:
            ubias = rng.normal(0, 0.2, len(LIKERT_ITEMS))
            own_noise = rng.normal(0, 0.3, 4)
            miss = rng.uniform(0.01, 0.08)
            for qi in range(nq):
                p_beh = float(p_month[u, 3 * qi + 2])
                said = float(np.clip(p_beh + pl["offset"], 1, 4))
                said_last = said
                act_q = np.zeros(n_emp, bool)
                act_q[ev["actor"][emp_act & (q_of_event == qi)]] = True
                a_m = act_q[members].astype(float)
                nresp = round(rng.uniform(0.3, 0.7) * members.size)
                w = 1 + 0.8 * a_m
                resp = rng.choice(members.size, nresp, replace=False, p=w / w.sum())
                who = members[resp]
                active_r = a_m[resp]
                lat = rng.normal(0, 0.4, nresp)
                mu = _interp(SURVEY_MU, said) + ubias
                vals = mu[None, :] + lat[:, None] + rng.normal(0, 0.75, (nresp, len(LIKERT_ITEMS)))
                eff = 0.7 * (active_r - _interp(TYPICAL_ACTIVE, said))
                for j, it in enumerate(LIKERT_ITEMS):
                    if it in ("use_internal", "use_external", "enthusiasm"):
                        vals[:, j] += eff
                vals = np.clip(np.rint(vals), 1, 5)
                kk = np.arange(1, 5)
                op = np.exp(-((kk - said) ** 2) / (2 * 0.6**2) + own_noise)
                own = rng.choice(kk, nresp, p=op / op.sum())
                data = {}
                if anon_mode == "identified":
                    rid = emp_ids[who]
                elif anon_mode == "anonymous":
                    rid = np.full(nresp, "", dtype=object)
                else:
                    rid = np.where(rng.random(nresp) < 0.5, emp_ids[who], "")
                data["respondent_id"] = rid
                data["department"] = np.array(org.dept_name, dtype=object)[emp_dept[who]]
                data["wave"] = q_labels[qi]
                for it in ITEMS:
                    col = (
                        own.astype(float) if it == "ownership" else vals[:, LIKERT_ITEMS.index(it)]
                    )
                    col = np.where(rng.random(nresp) < miss, np.nan, col)
                    data[it] = col
                rows.append(pd.DataFrame(data))
        truth.append(
            dict(
                business_unit=org.unit_names[u],
                situation=pl["situation"],
                phase_now=float(pl["after"]),
                phase_before=float(pl["before"]),
                survey_phase=said_last,
                has_survey=bool(pl["has_survey"]),
                has_inquiries=bool(pl["has_inquiries"]),
            )
        )
    survey = (
        pd.concat(rows, ignore_index=True)
        if rows
        else pd.DataFrame(columns=["respondent_id", "department", "wave", *ITEMS])
    )
    survey = survey.sample(frac=1.0, random_state=int(rng.integers(0, 2**31))).reset_index(
        drop=True
    )
    for it in ITEMS:
        survey[it] = survey[it].astype("Int64")

    departments.to_csv(folder / "departments.csv", index=False)
    employees.to_csv(folder / "employees.csv", index=False)
    activity.to_csv(folder / "activity.csv", index=False)
    survey.to_csv(folder / "survey.csv", index=False)
    truth_df = pd.DataFrame(truth)
    out = truth_df.copy()
    for b in ("has_survey", "has_inquiries"):
        out[b] = np.where(out[b], "true", "false")
    out.to_csv(folder / "truth.csv", index=False, float_format="%g")
    return truth_df


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--organisations", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    for i in range(args.organisations):
        s = int(np.random.SeedSequence([args.seed, i]).generate_state(1)[0])
        folder = args.out / f"org-{i:03d}"
        truth = generate(s, folder)
        print(f"{folder}: {len(truth)} units")


if __name__ == "__main__":
    main()
