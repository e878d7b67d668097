"""Shared fixtures: a hand-built dataset whose every number can be checked by hand."""

from __future__ import annotations

import csv
import os
import shutil
import socket
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from orgsocial.io import contract as c

Rows = Sequence[dict[str, object]]

#: Debian's chromium for the browser tests (Playwright drives it), or None where absent.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: How the browser tests start it: headless, as root, and never reaching the network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def small_demo(folder: Path, seed: int, plan: tuple) -> Path:
    """A small demo organisation (300 people, 4,000 events) with ``plan``'s units, written
    into ``folder``."""
    from orgsocial.demo.synth import generate_demo, write_demo

    write_demo(generate_demo(seed=seed, employees=300, events=4000, plan=plan), folder)
    return folder


def unreachable_scheduler(monkeypatch) -> str:
    """A Dask scheduler address where nothing listens (a port the system just handed out,
    closed again), with a 1 s connect timeout so a test waits no longer."""
    from orgsocial.scale import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"


def write_reports(dataset: Path, lang: str) -> Path:
    """``orgsocial report`` of ``dataset`` in ``lang`` into ``out-<lang>`` beside it."""
    from typer.testing import CliRunner

    from orgsocial.cli import app

    out = dataset.parent / f"out-{lang}"
    result = CliRunner().invoke(
        app, ["report", str(dataset), "--out", str(out), "--no-progress", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    return out


def write_csv(path: Path, rows: Rows, columns: Sequence[str] | None = None) -> Path:
    """Write ``rows`` as a UTF-8 CSV with a header (all columns of the first row by default)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(columns or (rows[0].keys() if rows else []))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in columns})
    return path


def event(event_id: str, actor: str = "", **fields: object) -> dict[str, object]:
    """An activity row with sensible defaults (internal Teams post at a fixed time)."""
    row = {
        "event_id": event_id,
        "timestamp": "2026-07-01T09:00:00+02:00",
        "actor_id": actor,
        "channel": "teams",
        "audience": "internal",
        "action": "post",
        "target_id": "",
        "in_reply_to": "",
        "business_unit": "",
    }
    row.update(fields)
    return row


# Two units. North: Marketing (5 people), Service (5, customer-facing), Tiny (2).
# South: Ops (6). Every interaction below is counted by hand in the tests.
DEPARTMENTS = [
    {
        "department": "Marketing",
        "business_unit": "North",
        "function": "marketing",
        "customer_facing": "false",
    },
    {
        "department": "Service",
        "business_unit": "North",
        "function": "customer_service",
        "customer_facing": "true",
    },
    {
        "department": "Tiny",
        "business_unit": "North",
        "function": "legal",
        "customer_facing": "false",
    },
    {
        "department": "Ops",
        "business_unit": "South",
        "function": "operations",
        "customer_facing": "false",
    },
]
EMPLOYEES = (
    [{"employee_id": f"m{i}", "department": "Marketing"} for i in range(1, 6)]
    + [{"employee_id": f"s{i}", "department": "Service"} for i in range(1, 6)]
    + [{"employee_id": f"t{i}", "department": "Tiny"} for i in range(1, 3)]
    + [{"employee_id": f"o{i}", "department": "Ops"} for i in range(1, 7)]
)
ACTIVITY = [
    event("e1", "m1"),  # a post: no interaction
    event("e2", "m2", action="message", target_id="s1"),  # Marketing -> Service
    event("e3", "s1", action="reply", in_reply_to="e1"),  # Service -> Marketing (parent actor)
    event("e4", "m1", action="mention", target_id="m2"),  # within Marketing
    event("e5", "m1", action="message", target_id="m1"),  # to self: no interaction
    event("e6", "o1", action="message", target_id="m3"),  # Ops -> Marketing (cross-unit)
    event("e7", "t1", action="message", target_id="s2"),  # Tiny -> Service
    event(
        "e8",
        "",
        action="inquiry",
        audience="external",
        channel="x",
        business_unit="North",
        timestamp="2026-07-01T10:00:00Z",
    ),
    event(
        "e9",
        "s2",
        action="reply",
        audience="external",
        channel="x",
        in_reply_to="e8",
        timestamp="2026-07-01T10:30:00Z",
    ),  # first answer after 30 minutes
    event(
        "e10",
        "m1",
        action="reply",
        audience="external",
        channel="x",
        in_reply_to="e8",
        timestamp="2026-07-01T12:00:00Z",
    ),  # a later answer: does not count
    event(
        "e11",
        "",
        action="inquiry",
        audience="external",
        channel="x",
        business_unit="North",
        timestamp="2026-07-02T10:00:00Z",
    ),  # never answered
    event("e12", "m2", action="comment", in_reply_to="e3", target_id="s3"),  # target wins: -> s3
]


@pytest.fixture
def dataset_folder(tmp_path: Path) -> Callable[..., Path]:
    """Write a dataset folder; pass lists of rows to replace any file, ``None`` to omit it."""

    def build(
        departments: Rows | None = DEPARTMENTS,
        employees: Rows | None = EMPLOYEES,
        activity: Rows | None = ACTIVITY,
        survey: Rows | None = None,
        name: str = "dataset",
    ) -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        files = {
            c.DEPARTMENTS: (departments, c.DEPARTMENT_COLUMNS),
            c.EMPLOYEES: (employees, c.EMPLOYEE_COLUMNS),
            c.ACTIVITY: (activity, c.ACTIVITY_COLUMNS),
            c.SURVEY: (survey, None),
        }
        for stem, (rows, columns) in files.items():
            if rows is not None:
                write_csv(folder / f"{stem}.csv", rows, columns if not rows else None)
        return folder

    return build
