"""Safe file names and the escaped index page."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgsocial.reporting.html import IndexEntry, index_page, inside, notebook_to_html, safe_stem
from orgsocial.reporting.notebook import APPENDIX_MARK, APPENDIX_TAG
from orgsocial.reporting.text import label


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


def test_the_units_table_breaks_headers_between_words_and_never_inside_a_quarter():
    """Trial: "Confi/denc/e" and "Pha/se/over/time" (headers allowed to break anywhere),
    and "2026-Q3" broken after its hyphen in the phase over time."""
    from orgsocial.reporting.html import pages_css

    units = pd.DataFrame(
        {
            "business_unit": ["A"],
            "phase": pd.array([3], dtype="Int64"),
            "confidence": [0.5],
            "verdict": ["Coordination in 2026-Q3"],
            "trend": ["2026-Q2: 2 | 2026-Q3: 3"],
        }
    )
    page = index_page(units, [], {})
    assert "anywhere" not in pages_css() and "hyphens: auto" not in pages_css()
    quarter = '<span style="white-space: nowrap">2026-Q{}</span>'
    assert f"Coordination in {quarter.format(3)}" in page
    assert f"{quarter.format(2)} Centralisation → {quarter.format(3)} Coordination" in page


def test_template_folder_ships_with_the_package():
    from orgsocial.reporting import html

    assert (Path(html.__file__).parent / "templates" / "orgsocial" / "index.html.j2").is_file()


def _output(html_text: str, metadata: dict | None = None):
    return nbformat.v4.new_output(
        "display_data", data={"text/html": html_text}, metadata=metadata or {}
    )


def _appendix_notebook(summary: str):
    """A notebook as the report runs it: a visible cell, then two appendix cells, the first
    marking the summary as notebook.appendix does."""
    cells = [
        nbformat.v4.new_code_cell("shown()", outputs=[_output("<p>for leaders</p>")]),
        nbformat.v4.new_code_cell(
            "nb.appendix(lang)",
            metadata={"tags": [APPENDIX_TAG]},
            outputs=[_output(f"<h2>{summary}</h2>", {APPENDIX_MARK: summary})],
        ),
        nbformat.v4.new_code_cell(
            "nb.table(...)",
            metadata={"tags": [APPENDIX_TAG]},
            outputs=[_output("<table><tr><td>raw table</td></tr></table>")],
        ),
    ]
    return nbformat.v4.new_notebook(cells=cells)


def test_appendix_cells_are_one_closed_section_with_the_marked_summary():
    page = notebook_to_html(_appendix_notebook("Voor analisten & <co>"), "t")
    (section,) = re.findall(r"<details\b[^>]*>.*?</details>", page, re.S)
    assert section.startswith('<details class="orgsocial-appendix">')  # closed: no open
    assert "<summary>Voor analisten &amp; &lt;co&gt;</summary>" in section
    assert "raw table" in section
    assert "for leaders" not in section and "for leaders" in page
    assert "<h2>Voor analisten" not in page  # the marked heading is the summary, once
    assert page.index("for leaders") < page.index("<details")


def test_a_page_without_appendix_cells_has_no_section():
    notebook = _appendix_notebook("x")
    for cell in notebook.cells:
        cell.metadata["tags"] = []
    page = notebook_to_html(notebook, "t")
    assert "<details" not in page
    assert "raw table" in page


def test_the_appendix_helper_marks_its_heading_in_the_page_language(monkeypatch):
    from orgsocial.reporting import notebook as nb

    seen = []
    monkeypatch.setattr(nb, "display", lambda item, metadata=None: seen.append((item, metadata)))
    nb.appendix("nl")
    ((item, metadata),) = seen
    assert (
        metadata
        == {APPENDIX_MARK: label("appendix_summary", "nl")}
        == {APPENDIX_MARK: "Voor analisten"}
    )
    assert "Voor analisten" in item.data


def test_the_pages_phase_colours_are_the_figures_colourblind_palette():
    import seaborn as sns
    from matplotlib.colors import to_hex

    from orgsocial.reporting.html import phase_colour
    from orgsocial.reporting.plots import PHASE_COLOURS

    palette = sns.color_palette("colorblind", 10)
    assert {1: palette[7], 2: palette[1], 3: palette[0], 4: palette[2]} == PHASE_COLOURS
    for phase in (1, 2, 3, 4):
        assert phase_colour(phase) == to_hex(PHASE_COLOURS[phase])
    assert phase_colour(None) == phase_colour(float("nan")) == ""


def test_the_report_process_draws_nothing_itself():
    """The index's phase map comes from the executed overview, its colours from a table:
    the report's own process loads no matplotlib (0.3-0.5 s) unless it must draw."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import orgsocial.reporting.runner\n"
        "from orgsocial.reporting.html import phase_colour\n"
        "phase_colour(2)\n"
        "print('matplotlib' in sys.modules)\n"
    )
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert said.stdout.strip() == "False"
