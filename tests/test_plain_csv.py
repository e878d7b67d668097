"""The fast reader of plain delimited files gives exactly what the careful reader gives
(records by editor line, and records of another width as rejects), and steps aside for
anything that is not plain."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.importers.tables import frame_of, plain_csv_frame, split_records, usual_width

FIELD = st.text(alphabet="ab07 -:.é", min_size=0, max_size=6)


def careful(path: Path, delimiter: str, header: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    records = split_records(path.read_text("utf-8-sig"), delimiter)
    if header:
        return frame_of(path, records[1:], [str(n) for n in records[0][1]])
    return frame_of(path, records, list(range(usual_width(records))))


def same(path: Path, delimiter: str, header: bool) -> bool:
    """Whether the fast reader took the file; if it did, it must agree with the careful one."""
    fast = plain_csv_frame(path, delimiter, header)
    if fast is None:
        return False
    frame, malformed = careful(path, delimiter, header)
    pd.testing.assert_frame_equal(fast[0], frame, check_index_type=False)
    pd.testing.assert_frame_equal(
        fast[1].reset_index(drop=True), malformed.reset_index(drop=True), check_dtype=False
    )
    return True


@settings(max_examples=200, deadline=None)
@given(
    widths=st.lists(st.integers(1, 4), min_size=1, max_size=7),
    data=st.data(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    header=st.booleans(),
    crlf=st.booleans(),
)
def test_plain_files_read_the_same_both_ways(widths, data, delimiter, header, crlf):
    rows = [delimiter.join(data.draw(FIELD) for _ in range(w)) for w in widths]
    lines = ([delimiter.join(f"c{i}" for i in range(widths[0]))] if header else []) + rows
    newline = "\r\n" if crlf else "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edges.csv"
        path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
        if any(not line.strip() for line in lines):
            assert plain_csv_frame(path, delimiter, header) is None
        elif not header and any(line.strip(" ") != line for line in lines):
            return  # the careful reader's width of padded header-less records: its business
        else:
            same(path, delimiter, header)


def test_malformed_lines_keep_their_numbers(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("a;b\n1;2\n3\n4;5;6\n;\n7;8\n")
    assert same(path, ";", True)
    frame, malformed = plain_csv_frame(path, ";", True)
    assert frame.index.tolist() == [2, 6]  # line 5 (empty fields) is left out, as careful
    assert malformed["line"].tolist() == [3, 4]


def test_what_is_not_plain_goes_to_the_careful_reader(tmp_path):
    path = tmp_path / "e.csv"
    for text in (
        'a;b\n"x;y";1\n',  # quotes
        "a;b\n1;2\n\n3;4\n",  # a blank line
        "a;b\n1;2\n  \n3;4\n",  # a line of blank space
        "a;a\n1;2\n",  # duplicate names
        "a;b\r1;2\r",  # old Mac newlines
    ):
        path.write_text(text)
        assert plain_csv_frame(path, ";", header=True) is None, text
    path.write_bytes("a;b\n\xe9;1\n".encode("cp1252"))
    assert plain_csv_frame(path, ";", header=True) is None
    assert plain_csv_frame(tmp_path / "missing.csv", ";", header=True) is None
