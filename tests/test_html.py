"""Safe file names and the escaped index page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgsocial.reporting.html import IndexEntry, index_page, inside, safe_stem


@pytest.mark.parametrize("name", ["../../x", "<script>", "a/b\\c", "..", "", "   ", "Zeta & Co"])
def test_safe_stem_keeps_names_inside_the_folder(name, tmp_path):
    stem = safe_stem(name)
    assert set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert inside(tmp_path, f"{stem}.html").parent == tmp_path.resolve()


@given(st.text(min_size=0, max_size=80))
def test_safe_stem_is_always_a_plain_file_name(name):
    stem = safe_stem(name)
    assert stem and "/" not in stem and "." not in stem and len(stem) < 64


def test_different_names_with_the_same_slug_do_not_collide():
    assert safe_stem("R&D") != safe_stem("R D")


def test_inside_refuses_an_escaping_name(tmp_path):
    with pytest.raises(ValueError, match="outside"):
        inside(tmp_path, "../x.html")


def test_index_escapes_names_and_links_reports():
    units = pd.DataFrame(
        {
            "business_unit": ["<script>alert(1)</script>", "Plain"],
            "phase": pd.array([2, pd.NA], dtype="Int64"),
            "confidence": [0.8, float("nan")],
            "between": ["", ""],
            "reason": ["", "too little data"],
        }
    )
    entries = [
        IndexEntry("u1", "unit-script-1.html", "ok", business_unit="<script>alert(1)</script>"),
        IndexEntry("u2", "unit-plain-2.html", "failed", "RuntimeError: boom", "Plain"),
    ]
    page = index_page(units, entries, {"dataset": "<d>"})
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="unit-script-1.html"' in page
    assert 'href="unit-plain-2.html"' not in page  # a failed report is not linked
    assert "report failed: RuntimeError: boom" in page
    assert "Centralisation" in page and "too little data" in page
    assert "http" not in page


def test_nl_index_uses_dutch_phase_names():
    units = pd.DataFrame(
        {
            "business_unit": ["A"],
            "phase": pd.array([3], dtype="Int64"),
            "confidence": [0.5],
            "between": [""],
            "reason": [""],
        }
    )
    assert "Coördinatiefase" in index_page(units, [], {}, lang="nl")


def test_template_folder_ships_with_the_package():
    from orgsocial.reporting import html

    assert (Path(html.__file__).parent / "templates" / "orgsocial" / "index.html.j2").is_file()
