"""Large activity logs: validated and summed partition by partition, locally or on Dask.

A dataset's activity is *partitioned* when it is a folder ``activity/`` of
Parquet files (any layout, e.g. ``activity/month=2026-07/part-0.parquet``), or a
single file larger than one partition (Parquet: split at row groups; CSV:
converted once to cached Parquet parts, see :mod:`orgsocial.scale.csvcache`).
Each partition is validated with the same rules as a whole file and reduced by
:func:`~orgsocial.scale.events.summarise_events`; replies to events in other
partitions are resolved by a second, narrow pass (the steps and what memory
holds: docs/performance.md, "How a large log is processed").

``event_id`` must be unique over all partitions: a repeat in another partition
is an error naming both places (within one partition it is a reject, as for a
single file).

Example
-------
>>> dataset, summary = load_for_analysis(Path("data/big"))     # doctest: +SKIP
>>> analyse(dataset, settings, summary=summary)                # doctest: +SKIP
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from orgsocial.analysis.period import Period
from orgsocial.errors import DatasetError, ParameterError
from orgsocial.io import contract as c
from orgsocial.io import schemas
from orgsocial.io.dataset import (
    AS_ACTIVITY,
    EXAMPLES,
    Dataset,
    FileReport,
    ValidationReport,
    check_activity,
    load_dataset,
    references_for_activity,
    require_rows,
)
from orgsocial.io.reading import parquet_column_as_text
from orgsocial.scale import events
from orgsocial.scale.cluster import dask_client
from orgsocial.scale.fastops import (
    as_arrow,
    blank_to_missing,
    hash_strings,
    repeated_among_runs,
    sorted_matches,
)
from orgsocial.scale.parts import (
    LINE_COLUMN,
    PARTITION_ROWS,
    Part,
    read_part,
    read_rows,
    row_positions,
)


@dataclass(frozen=True)
class PartContext:
    """What every partition needs (small; shipped to Dask workers once per task)."""

    employees: pd.DataFrame
    references: schemas.References
    period: Period | None


@dataclass(frozen=True)
class PartResult:
    """A partition's sums, its validation report, the hashes of its kept event ids
    (sorted) and the locations (rows or lines) of those events, in the same order."""

    summary: events.EventSummary
    report: FileReport
    id_hashes: np.ndarray
    id_locations: np.ndarray


def summarise_part(part: Part, context: PartContext) -> PartResult:
    """Read, validate and sum one partition (the map step; pure apart from reading)."""
    checked = check_activity(read_part(part), context.references, sort_ids=True)
    report = checked.report
    order = checked.event_order  # sorted runs: merged and searched cheaply
    return PartResult(
        summary=events.summarise_events(
            checked.typed, context.employees, context.period, checked.event_hashes
        ),
        report=replace(
            report,
            rejects=report.rejects.assign(file=part.shown_name),
            # its rows are counted within the partition's file: say which file
            warnings=tuple(f"{part.shown_name}: {warning}" for warning in report.warnings),
        ),
        id_hashes=checked.event_hashes[order],
        id_locations=checked.kept.index.to_numpy("int64")[order],
    )


def find_parents(wanted: WantedIds, item: tuple[Part, np.ndarray]) -> pd.DataFrame:
    """Of the events at the locations of ``item`` (kept rows of its part whose id hash is
    a wanted one, see :meth:`WantedIds.among`), those whose ``event_id`` is wanted (second
    pass): ``event_id`` and ``actor_id`` (missing for an outside actor). Only the row
    groups holding them are read; the ids are confirmed on the text (hashes may collide).
    """
    part, locations = item
    table = read_rows(
        part, row_positions(part, locations), events.PARENT_COLUMNS, dictionary=["actor_id"]
    )
    ids = pc.utf8_trim_whitespace(parquet_column_as_text(table["event_id"]))
    found = pc.fill_null(pc.is_in(ids, value_set=wanted.ids.cast(ids.type)), False)
    if not pc.any(found).as_py():
        return events.no_parents()
    actors = pc.utf8_trim_whitespace(parquet_column_as_text(table["actor_id"].filter(found)))
    return pd.DataFrame(
        {
            "event_id": ids.filter(found).to_pandas().astype("str"),
            "actor_id": blank_to_missing(actors.to_pandas().astype("str")),
        }
    )


@dataclass(frozen=True)
class WantedIds:
    """Event ids looked up in the second pass, with their sorted hashes."""

    ids: pa.Array  # distinct ids (one Arrow buffer: cheap to send to each task)
    hashes: np.ndarray  # hash_strings of ids, sorted

    @classmethod
    def of(cls, ids: pa.Array) -> WantedIds:
        """The distinct ``ids`` and their sorted hashes."""
        return cls(ids=ids, hashes=np.sort(hash_strings(ids)))

    def among(self, sorted_hashes: np.ndarray) -> np.ndarray:
        """Positions of ``sorted_hashes`` equal to a wanted id's hash (the texts may differ)."""
        return sorted_matches(sorted_hashes, self.hashes)


def _repeated_ids(parts: list[Part], results_hashes: list[np.ndarray]) -> list[str]:
    """Exact descriptions of event ids kept in more than one partition (usually none)."""
    suspects = repeated_among_runs(results_hashes)  # each partition's hashes come sorted
    if not len(suspects):
        return []
    where: dict[str, list[str]] = {}
    for part in parts:
        raw = read_part(part, columns=["event_id", LINE_COLUMN])
        ids = raw.frame["event_id"].str.strip()
        mask = np.isin(hash_strings(ids), suspects)
        for location, value in ids[mask].items():
            where.setdefault(value, []).append(f"{part.shown_name} {raw.location} {location}")
    return [
        f"event_id {value!r} in {' and '.join(places[:2])}"
        for value, places in where.items()
        if len(places) > 1  # not just two ids whose hashes collide
    ]


#: ``mapper(function, items)`` yields ``function(item)`` for each item, in any order
#: (items may be a generator: a process pool hands each out as soon as it comes).
Mapper = Callable[[Callable, Iterable], Iterator]
#: Partial sums held before they are added up: the running total is re-added with
#: each batch, so larger batches add less (a partition's sums are a few MB, so 32 of
#: them hold 100-200 MB).
COMBINE_BATCH = 32


@contextmanager
def process_map(workers: int) -> Iterator[Mapper]:
    """A mapper over ``workers`` local processes, yielding results as they complete.

    A context manager: the processes are started once and serve every pass. Each
    holds one partition at a time, so peak memory grows with ``workers``.
    """
    if workers <= 1:
        yield map  # each item in turn: one partition in memory at a time
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    _leave_if_starting_a_worker()
    context = multiprocessing.get_context("spawn")  # no forked copies of the parent's frames
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for _ in range(workers):  # start the processes (and their imports) now, not at first use
            pool.submit(_ready)

        def run(function: Callable, items: Iterable) -> Iterator:
            try:
                futures = [pool.submit(function, item) for item in items]
                for future in as_completed(futures):
                    yield future.result()
            except BrokenProcessPool:
                raise ParameterError(WORKER_STOPPED) from None

        yield run


def _leave_if_starting_a_worker() -> None:
    """In a worker process that is still starting (it runs the caller's script again, which
    may ask for workers at its top level): leave quietly; the caller, whose pool then
    breaks, says what to do (:data:`WORKER_STOPPED`)."""
    import multiprocessing

    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise SystemExit(1)


#: What to do when a worker process stopped before it finished.
WORKER_STOPPED = (
    "a worker process summing the activity stopped before it finished. From a Python "
    'script, call orgsocial.load(..., workers=N) under `if __name__ == "__main__":` '
    "(each worker process runs the script's top level again); otherwise a worker may have "
    "run out of memory: use fewer --workers or a smaller --partition-rows"
)


def _ready() -> None:
    """Nothing: unpickling it in a worker imports this module (pandas, pandera, ...)."""


@contextmanager
def dask_map(scheduler: str) -> Iterator[Mapper]:
    """A mapper that runs on a Dask cluster and yields results as they complete
    (a context manager: one client serves every pass).

    Parameters
    ----------
    scheduler
        The scheduler address (``tcp://host:8786``); the workers must see the
        dataset's files at the same paths.
    """
    from dask.distributed import as_completed

    with dask_client(scheduler) as client:

        def run(function: Callable, items: Iterable) -> Iterator:
            futures = client.map(function, list(items), pure=False)  # Dask maps no iterators
            for future in as_completed(futures):
                yield future.result()
                future.release()

        yield run


def summarise_parts(
    dataset: Dataset,
    period: Period | None = None,
    mapper: Mapper = map,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[events.EventSummary, FileReport]:
    """Validate and sum every partition of ``dataset.activity_parts``.

    Returns
    -------
    tuple
        The resolved :class:`~orgsocial.scale.events.EventSummary` and the
        activity's :class:`~orgsocial.io.dataset.FileReport` over all partitions.

    Raises
    ------
    DatasetError
        When an event_id is kept in two partitions.
    """
    parts = list(dataset.activity_parts)
    context = PartContext(dataset.employees, references_for_activity(dataset), period)
    waiting: list[events.EventSummary] = []  # added in batches: fewer passes over the sums
    reports: dict[Part, FileReport] = {}
    ids: dict[Part, tuple[np.ndarray, np.ndarray]] = {}  # hashes and locations of kept ids
    largest_first = sorted(parts, key=lambda part: -part.rows)  # see Part.rows
    summarised = functools.partial(_summarised, context)  # picklable: shipped to workers
    for done, (part, result) in enumerate(mapper(summarised, largest_first), 1):
        waiting.append(result.summary)
        if len(waiting) >= COMBINE_BATCH:
            waiting = [events.combine(waiting)]
        reports[part] = result.report
        ids[part] = (result.id_hashes, result.id_locations)
        if progress:
            progress(done, len(parts))
    with ThreadPoolExecutor(max_workers=1) as beside:
        # while the workers look for parents, this process adds up the sums (numpy and
        # pandas release the interpreter's lock for most of that); the ids are compared
        # while the replies are resolved, when the workers are done and a core is free
        combined = beside.submit(events.combine, waiting)
        pending = pd.concat([summary.pending for summary in waiting], ignore_index=True)
        parents = _parents_across_parts(ids, pending, mapper)
        summary = combined.result()
        checked = beside.submit(_repeated_ids, parts, [hashes for hashes, _ in ids.values()])
        if parents is not None:
            summary = events.resolve(summary, parents, dataset.employees, period)
        repeated = checked.result()
    if repeated:
        raise DatasetError(
            dataset.files[c.ACTIVITY],
            f"{len(repeated)} event_id(s) appear in more than one partition, e.g. "
            + "; ".join(repeated[:EXAMPLES])
            + "; event ids must be unique over the whole log",
        )
    return summary, _combined_report(dataset, [reports[part] for part in parts], summary)


def _summarised(context: PartContext, part: Part) -> tuple[Part, PartResult]:
    """``part`` and its :func:`summarise_part`."""
    return part, summarise_part(part, context)


def _parents_across_parts(
    ids: dict[Part, tuple[np.ndarray, np.ndarray]], pending: pd.DataFrame, mapper: Mapper
) -> pd.DataFrame | None:
    """The parents of the pending replies (second pass), or None when there is
    nothing to look up: they are read where a kept event's id hash is a wanted
    one (usually a few row groups per partition)."""
    if pending.empty or len(ids) == 1:
        return None
    wanted = WantedIds.of(pc.unique(as_arrow(pending["in_reply_to"].dropna())))

    def asked() -> Iterator[tuple[Part, np.ndarray]]:  # handed out as they are found
        for part, (hashes, locations) in ids.items():
            candidates = locations[wanted.among(hashes)]
            if len(candidates):
                yield part, np.sort(candidates)

    looked_up = mapper(functools.partial(find_parents, wanted), asked())
    found = [frame for frame in looked_up if not frame.empty]
    return pd.concat(found, ignore_index=True) if found else events.no_parents()


def _combined_report(
    dataset: Dataset, reports: list[FileReport], summary: events.EventSummary
) -> FileReport:
    first = reports[0]
    some = [r.rejects for r in reports if not r.rejects.empty]
    rejects = pd.concat(some, ignore_index=True) if some else first.rejects.iloc[0:0]
    warnings = tuple(w for r in reports for w in r.warnings)
    dangling = summary.pending
    if not dangling.empty:  # the earliest as examples: the same whatever order parts finish in
        earliest = dangling.sort_values(["timestamp", "event_id"]).head(EXAMPLES)
        examples = ", ".join(repr(v) for v in earliest["in_reply_to"])
        warnings += (
            f"{len(dangling)} row(s) kept whose in_reply_to is not a known event_id of a kept "
            f"event (e.g. {examples}); {AS_ACTIVITY}",
        )
    return FileReport(
        name=c.ACTIVITY,
        path=dataset.files[c.ACTIVITY],
        location=first.location,
        rows_read=sum(r.rows_read for r in reports),
        rows_kept=sum(r.rows_kept for r in reports),
        blank_rows=sum(r.blank_rows for r in reports),
        rejects=rejects,
        messages=tuple(m for r in reports for m in r.messages),
        warnings=warnings,
    )


def load_for_analysis(
    folder: Path | str,
    period: Period | None = None,
    scheduler: str | None = None,
    partition_rows: int = PARTITION_ROWS,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> tuple[Dataset, events.EventSummary]:
    """Load a dataset and reduce its activity, whatever its size.

    A small activity file is read whole; a folder of partitions or a large
    file is validated and summed partition by partition: in ``workers`` local
    processes, or on the Dask cluster at ``scheduler`` when given. The
    returned dataset's validation report covers the activity either way.
    """
    if not scheduler and workers > 1:
        _leave_if_starting_a_worker()  # before loading the dataset once more for nothing
    mapping = dask_map(scheduler) if scheduler else process_map(workers)
    with ExitStack() as stack:
        # an activity folder is partitioned for sure: start local workers while the rest loads
        early = not scheduler and workers > 1 and (Path(folder) / c.ACTIVITY).is_dir()
        mapper = stack.enter_context(mapping) if early else None
        dataset = load_dataset(folder, partition_rows=partition_rows, cache_dir=cache_dir)
        if not dataset.activity_parts:
            summary = events.summarise_events(dataset.activity, dataset.employees, period)
            return dataset, summary
        summary, report = summarise_parts(
            dataset, period, mapper or stack.enter_context(mapping), progress
        )
    files = {**dataset.validation.files, c.ACTIVITY: report}  # keeps the loader's file order
    require_rows(dataset.validation.folder, files, c.ACTIVITY)
    validation = ValidationReport(folder=dataset.validation.folder, files=files)
    return replace(dataset, validation=validation), summary


__all__ = [
    "PartContext",
    "dask_map",
    "load_for_analysis",
    "process_map",
    "summarise_part",
    "summarise_parts",
]
