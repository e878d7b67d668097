"""Run inside a report kernel (light to import: the kernel has only the reporting stack)."""

from __future__ import annotations

import gc
from typing import Any


def clear_namespace(shell: Any) -> None:
    """``%reset -f`` in ``shell`` (an IPython shell) without its two full garbage collections
    (slow, see docs/performance.md): every variable and the output history are cleared,
    imported modules stay; the collector still runs as usual on its own."""
    collect = gc.collect
    gc.collect = _no_collection
    try:
        shell.run_line_magic("reset", "-f")
    finally:
        gc.collect = collect


def _no_collection(generation: int = 2) -> int:
    return 0
