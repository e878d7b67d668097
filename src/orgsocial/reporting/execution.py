"""Executing report jobs: one notebook with its parameters -> executed notebook + HTML, on
threads of this machine (:class:`LocalExecutor`) or on a Dask cluster (:class:`DaskExecutor`)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from papermill.parameterize import parameterize_notebook

from orgsocial.reporting.html import notebook_to_html
from orgsocial.reporting.kernels import WarmKernel
from orgsocial.reporting.text import label

log = logging.getLogger(__name__)
OK = "ok"
FAILED = "failed"


@dataclass(frozen=True)
class Job:
    """A report to produce: a notebook (its text travels with the job), parameters, a key."""

    stem: str
    title: str
    notebook_name: str
    notebook_text: str
    parameters: dict[str, object]
    key: str
    business_unit: str | None = None


@dataclass(frozen=True)
class Outcome:
    """How a job ended: the HTML and executed notebook, or the error."""

    stem: str
    status: str
    seconds: float
    attempts: int
    html: str | None = None
    executed: str | None = None
    error: str = ""


def _prepared(job: Job, results_dir: str | None) -> nbformat.NotebookNode:
    notebook = nbformat.reads(job.notebook_text, as_version=4)
    for cell in notebook.cells:  # papermill expects every cell to carry a tag list
        cell.metadata.setdefault("tags", [])
    notebook.metadata.setdefault("papermill", {})
    parameters = dict(job.parameters)
    if results_dir is not None:
        parameters["results_dir"] = results_dir
    return parameterize_notebook(notebook, parameters, kernel_name="python3", language="python")


def _error_text(error: Exception) -> str:
    name = getattr(error, "ename", None) or type(error).__name__
    value = getattr(error, "evalue", None)
    if value is None:
        lines = [line for line in str(error).strip().splitlines() if line.strip()]
        value = lines[-1] if lines else ""
    return f"{name}: {value}".strip().rstrip(":")


def execute(
    job: Job, kernel: WarmKernel, retries: int = 0, results_dir: str | None = None
) -> Outcome:
    """Run one job on ``kernel``, retrying on a fresh kernel ``retries`` times; never raises."""
    started = time.perf_counter()
    html = executed = None
    error = ""
    for attempt in range(1, retries + 2):
        notebook = None
        try:
            notebook = _prepared(job, results_dir)
            if attempt > 1 or (kernel.started and not kernel.alive()):
                kernel.close()
            kernel.run(notebook)
            lang = job.parameters.get("lang", "en")
            html = notebook_to_html(notebook, job.title, label("back_to_summary", lang), lang)
        except Exception as failure:  # a report's failure must not stop the batch
            error = _error_text(failure)
            log.warning("%s: attempt %d failed: %s", job.stem, attempt, error)
        executed = notebook
        if html is not None:
            break
    return Outcome(
        job.stem,
        FAILED if html is None else OK,
        time.perf_counter() - started,
        attempt,
        html,
        None if executed is None else nbformat.writes(executed),
        error if html is None else "",
    )


@dataclass
class LocalExecutor:
    """Threads on this machine, each with its own warm kernel."""

    workers: int
    cwd: Path | None = None
    timeout: int = 600
    _local: threading.local = field(default_factory=threading.local)
    _kernels: list[WarmKernel] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="report")

    def _kernel(self) -> WarmKernel:
        kernel = getattr(self._local, "kernel", None)
        if kernel is None:
            kernel = WarmKernel(self.cwd, self.timeout)
            self._local.kernel = kernel
            with self._lock:
                self._kernels.append(kernel)
        return kernel

    def warm(self) -> None:
        """Start the kernels in the background (while the caller analyses the data)."""
        barrier = threading.Barrier(self.workers)

        def start() -> None:
            self._kernel().start()
            # hold the thread until every worker has one, so each gets its own kernel
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=60)

        for _ in range(self.workers):
            self._pool.submit(start)

    def run(self, jobs: list[Job], retries: int = 0) -> Iterator[Outcome]:
        """Outcomes as the jobs finish."""
        futures = [
            self._pool.submit(lambda j=job: execute(j, self._kernel(), retries)) for job in jobs
        ]
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        """Stop the threads and shut every kernel down, all at once (each waits about
        0.1 s for its process to end)."""
        self._pool.shutdown(wait=True)
        with ThreadPoolExecutor(max_workers=len(self._kernels) or 1) as closing:
            for kernel in self._kernels:
                closing.submit(kernel.close)
        self._kernels.clear()


# --- Dask ---------------------------------------------------------------------

_WORKER_KERNELS: dict[int, WarmKernel] = {}
_WORKER_RESULTS: dict[str, str] = {}
_WORKER_LOCK = threading.Lock()


def _worker_results_dir(payload: dict[str, bytes]) -> str:
    key = hashlib.sha256(
        json.dumps(sorted((k, hashlib.sha256(v).hexdigest()) for k, v in payload.items())).encode()
    ).hexdigest()
    with _WORKER_LOCK:
        if key not in _WORKER_RESULTS:
            folder = Path(tempfile.mkdtemp(prefix="orgsocial-results-"))
            for name, data in payload.items():
                (folder / name).write_bytes(data)
            _WORKER_RESULTS[key] = str(folder)
        return _WORKER_RESULTS[key]


def run_on_worker(job: Job, payload: dict[str, bytes], retries: int, timeout: int) -> Outcome:
    """A Dask task: the job on this worker's warm kernel, reading the shipped results."""
    results_dir = _worker_results_dir(payload)
    ident = threading.get_ident()
    with _WORKER_LOCK:
        kernel = _WORKER_KERNELS.setdefault(ident, WarmKernel(None, timeout))
    return execute(job, kernel, retries, results_dir=results_dir)


@dataclass
class DaskExecutor:
    """The same jobs on a Dask distributed cluster (``--executor dask --scheduler ADDRESS``): each
    worker keeps its own warm kernel and receives the results once (no shared file system)."""

    scheduler: str
    results_folder: Path
    timeout: int = 600
    _client: object | None = None

    def warm(self) -> None:
        """Connect to the scheduler (a :class:`ParameterError` when it cannot be reached)."""
        from orgsocial.scale.cluster import dask_client

        self._client = dask_client(self.scheduler)

    def run(self, jobs: list[Job], retries: int = 0) -> Iterator[Outcome]:
        """Outcomes as the jobs finish on the cluster (connected by :meth:`warm`)."""
        from distributed import as_completed as dask_completed

        client = self._client
        results = {  # shipped to the workers once, as bytes per file
            path.name: path.read_bytes()
            for path in sorted(self.results_folder.iterdir())
            if path.is_file() and path.suffix in (".parquet", ".json")
        }
        payload = client.scatter(results, broadcast=True)
        futures = [
            client.submit(
                run_on_worker,
                job,
                payload,
                retries,
                self.timeout,
                key=f"report-{job.stem}-{job.key[:12]}",
                pure=False,
            )
            for job in jobs
        ]
        for future in dask_completed(futures):
            yield future.result()

    def close(self) -> None:
        """Disconnect (the cluster's workers keep their kernels for the next batch)."""
        if self._client is not None:
            self._client.close()
            self._client = None
