"""A warm kernel runs notebook after notebook with nothing left from the one before."""

from __future__ import annotations

import nbformat
import pytest

from orgsocial.reporting.kernels import WarmKernel


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
