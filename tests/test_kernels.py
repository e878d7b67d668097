"""A warm kernel runs notebook after notebook with nothing left from the one before."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import pytest

from orgsocial.reporting.kernels import KERNEL_NAME, WarmKernel


def notebook(*sources: str) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    return nbformat.v4.new_notebook(cells=cells)


def outputs_text(executed: nbformat.NotebookNode) -> str:
    return "".join(
        output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
        for cell in executed.cells
        for output in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def kernel():
    warm = WarmKernel(timeout=60)
    yield warm
    warm.close()


def test_no_variable_or_output_is_left_for_the_next_notebook(kernel):
    kernel.run(notebook("secret = 'unit A'", "secret"))
    executed = kernel.run(
        notebook(
            "print(sorted(k for k in globals() if not k.startswith('_') and k not in "
            "('In', 'Out', 'exit', 'quit', 'get_ipython', 'open')))",
            "print(len(Out), '_' in globals())",
        )
    )
    assert outputs_text(executed) == "[]\n0 False\n"
    assert len(executed.cells) == 2  # the kernel's own reset cell is not left in it


def test_the_garbage_collector_is_left_as_it_was(kernel):
    kernel.run(notebook("x = 1"))
    executed = kernel.run(notebook("import gc\nprint(gc.collect.__module__, gc.isenabled())"))
    assert outputs_text(executed) == "gc True\n"


def test_what_the_warm_up_imported_is_left_out_of_full_collections(kernel):
    executed = kernel.run(notebook("import gc, sys\nprint(gc.get_freeze_count() > 0)"))
    assert outputs_text(executed) == "True\n"


def test_a_kernel_that_dies_as_it_starts_leaves_nothing_to_fail_at_exit(tmp_path):
    """A kernel that dies before it answers is shut down with the error, and no exit hook
    of nbclient is left to print "Exception ignored in atexit callback" when the batch
    (or the test run) ends."""
    spec = tmp_path / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    dies = [sys.executable, "-c", "raise SystemExit(1)", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": dies, "display_name": "dies"}))
    script = (
        "from orgsocial.reporting.kernels import WarmKernel\n"
        "kernel = WarmKernel(timeout=60)\n"
        "try:\n    kernel.start()\nexcept RuntimeError as error:\n    print(error)\n"
        "print('started:', kernel.started)\n"
    )
    ended = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "JUPYTER_PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ended.returncode == 0, ended.stderr
    assert "Exception ignored" not in ended.stderr, ended.stderr
    assert "died" in ended.stdout and ended.stdout.endswith("started: False\n"), ended.stdout
