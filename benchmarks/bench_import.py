"""How long the edge-list importer takes on e-mail logs of growing size.

The log is the real manufacturing company's e-mail (tests/data/real, 82,927
rows) repeated with later dates until it has the requested number of rows, with
one malformed line in every 10,000 (a third field) so that the lenient path is
exercised; the nodes are the real reports-to tree and the shipped mapping.
Each size is imported in a fresh process (``orgsocial import edgelist …
--out``, writing included) and, as the floor, read with pyarrow's CSV reader.

    .venv/bin/python benchmarks/bench_import.py --rows 100000 1000000

Prints one row per size. Timings are this machine's; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "data" / "real" / "manufacturing-company-email"
MAPPING = ROOT / "docs" / "mappings" / "manufacturing-email.yaml"
ORGSOCIAL = Path(sys.executable).parent / "orgsocial"


def write_log(path: Path, rows: int) -> None:
    """``rows`` e-mail lines: the real log repeated a year later each time round."""
    lines = (SOURCE / "communication.csv").read_text().splitlines()
    header, body = lines[0], lines[1:]
    with path.open("w") as out:
        out.write(header + "\n")
        for n in range(rows):
            sender, recipient, when = body[n % len(body)].split(";")
            year = int(when[:4]) + n // len(body)
            extra = ";x" if n % 10_000 == 9_999 else ""
            out.write(f"{sender};{recipient};{year}{when[4:]}{extra}\n")


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    floor = (
        "import pyarrow.csv as c, sys; "
        "c.read_csv(sys.argv[1], parse_options=c.ParseOptions(delimiter=';', "
        "invalid_row_handler=lambda row: 'skip'))"
    )
    print(f"{'rows':>10} {'import s':>9} {'pyarrow read s':>15} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as scratch:
        for rows in args.rows:
            log = Path(scratch) / f"log-{rows}.csv"
            write_log(log, rows)
            out = Path(scratch) / f"dataset-{rows}"
            imported = seconds(
                [
                    str(ORGSOCIAL), "import", "edgelist", str(log),
                    "--nodes", str(SOURCE / "reportsto.csv"),
                    "--mapping", str(MAPPING), "--out", str(out),
                ]
            )  # fmt: skip
            read = seconds([sys.executable, "-c", floor, str(log)])
            print(f"{rows:>10,} {imported:>9.2f} {read:>15.2f} {imported / read:>6.1f}")
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
