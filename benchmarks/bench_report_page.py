"""Seconds per report page: ``orgsocial report`` against papermill + nbconvert on one cell.

In one run, alternating, each in a fresh process:

* orgsocial: ``orgsocial report DATASET --out <fresh folder>`` (analysis, every
  notebook on warm kernels, HTML, the single file), divided by the HTML pages
  it wrote (the index, the organisation pages and one page per unit);
* baseline: the usual way to make one page, on a notebook holding one code
  cell (``print(1)``) with a tagged parameters cell: ``papermill in.ipynb
  out.ipynb -p unit x`` then ``jupyter nbconvert --to html --no-input out.ipynb``.

    .venv/bin/python benchmarks/bench_report_page.py [--dataset data/demo] [--repeat 3]

Prints each run, the medians and how many times faster per page orgsocial is.
Timings are this machine's; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

BIN = Path(sys.executable).parent


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def one_cell_notebook(path: Path) -> Path:
    """A notebook with a tagged parameters cell and one code cell."""
    parameters = nbformat.v4.new_code_cell('unit = ""', metadata={"tags": ["parameters"]})
    notebook = nbformat.v4.new_notebook(cells=[parameters, nbformat.v4.new_code_cell("print(1)")])
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.write(notebook, path)
    return path


def baseline_page(work: Path) -> float:
    """papermill then nbconvert on the one-cell notebook: seconds for one HTML page."""
    source = one_cell_notebook(work / "one.ipynb")
    executed = work / "one-out.ipynb"
    return _seconds(
        [str(BIN / "papermill"), str(source), str(executed), "-p", "unit", "x", "-k", "python3"]
    ) + _seconds([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)])


def orgsocial_pages(dataset: Path, work: Path) -> tuple[float, int]:
    """``orgsocial report`` into a fresh folder: seconds and HTML pages written."""
    out = Path(tempfile.mkdtemp(prefix="report-", dir=work))
    seconds = _seconds([str(BIN / "orgsocial"), "report", str(dataset), "--out", str(out)])
    pages = [page for page in out.rglob("*.html") if page.name != "orgsocial-report.html"]
    shutil.rmtree(out)
    return seconds, len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("data/demo"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-page-"))
    print(f"{'run':>4} {'report s':>9} {'pages':>6} {'s/page':>7} {'baseline s/page':>16}")
    per_page, baseline = [], []
    for run in range(1, args.repeat + 1):
        seconds, pages = orgsocial_pages(args.dataset, work)
        per_page.append(seconds / pages)
        baseline.append(baseline_page(work))
        print(f"{run:>4} {seconds:>9.2f} {pages:>6} {per_page[-1]:>7.2f} {baseline[-1]:>16.2f}")
    ours, theirs = statistics.median(per_page), statistics.median(baseline)
    print(
        f"median: orgsocial {ours:.2f} s per page, papermill + nbconvert {theirs:.2f} s "
        f"per page: {theirs / ours:.1f}x"
    )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
