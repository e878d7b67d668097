"""A Jupyter kernel kept warm across many notebooks: it starts and imports the reporting stack
once (seconds papermill pays for every notebook), then runs notebook after notebook, clearing
the user namespace in between (``reporting/reset.py``) so that no variable leaks from one
report into the next; imported modules stay loaded, which is the point.

A kernel belongs to the thread that started it (its channels live on that thread's event loop).
"""

from __future__ import annotations

import logging
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
#: Imports done once per kernel, before the first notebook. What they make lives as long
#: as the kernel: frozen, it is left out of the full collections (docs/performance.md).
#: The pages show each figure's SVG: no PNG.
WARM_UP = """
import gc, matplotlib
matplotlib.use("agg")
import orgsocial.reporting.notebook, orgsocial.reporting.plots, orgsocial.reporting.readings
orgsocial.reporting.notebook.WITH_PNG = False
gc.freeze()
"""
RESET_TAG = "orgsocial-reset"
#: Run in the kernel before each notebook (the names it makes are cleared by it too).
RESET = "from orgsocial.reporting.reset import clear_namespace\nclear_namespace(get_ipython())"


class WarmKernel:
    """One kernel, started on first use, reused until closed or dead."""

    def __init__(self, cwd: Path | None = None, timeout: int = 600) -> None:
        self.cwd = cwd
        self.timeout = timeout
        self._km: AsyncKernelManager | None = None
        self._kc = None

    @property
    def started(self) -> bool:
        """Whether a kernel process has been started."""
        return self._km is not None

    def _client(self, notebook: nbformat.NotebookNode) -> NotebookClient:
        client = NotebookClient(
            notebook,
            km=self._km,
            timeout=self.timeout,
            kernel_name=KERNEL_NAME,
            allow_errors=False,
            record_timing=False,
            # local TCP, as Jupyter uses by default; keep the kernel's notices off stderr
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            resources={"metadata": {"path": str(self.cwd)}} if self.cwd else {},
        )
        client.kc = self._kc
        return client

    def start(self) -> None:
        """Start the kernel and run the warm-up imports (idempotent; a failed start keeps none)."""
        if self.started:
            return
        self._km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        warm = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(WARM_UP)])
        client = self._client(warm)
        # not started inside execute(): nbclient leaves an exit hook for a kernel that fails
        # to start there, which fails again as Python ends ("Exception ignored in atexit")
        try:
            client.start_new_kernel()  # in cwd: nbclient reads it from the resources
            self._kc = client.start_new_kernel_client()
            client.execute()
        except Exception:
            self.close()
            raise
        log.debug("kernel warm")

    def run(self, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
        """Execute ``notebook`` (in place) after clearing the previous one's variables; raises
        whatever nbclient raises for a failing cell (the kernel stays usable)."""
        self.start()
        reset = nbformat.v4.new_code_cell(RESET, metadata={"tags": [RESET_TAG]})
        notebook.cells.insert(0, reset)
        try:
            self._client(notebook).execute()
        finally:
            notebook.cells = [
                cell for cell in notebook.cells if RESET_TAG not in cell.metadata.get("tags", [])
            ]
        return notebook

    def alive(self) -> bool:
        """Whether the kernel process is still running."""
        return self._km is not None and bool(run_sync(self._km.is_alive)())

    def close(self) -> None:
        """Shut the kernel down (safe to call twice)."""
        if self._km is None:
            return
        try:
            if self._kc is not None:
                self._kc.stop_channels()
            run_sync(self._km.shutdown_kernel)(now=True)
        except Exception as error:  # closing must never hide the batch's own outcome
            log.warning("kernel shutdown: %s", error)
        finally:
            self._km = None
            self._kc = None
