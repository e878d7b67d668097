"""One file to forward and print: orgsocial-report.html holds the summary and every page,
links inside itself and fetches nothing; --pdf prints it to A4 with Chromium (a page per
unit, the period in the header, page numbers), and says how to install Chromium where
it is missing while everything else is still written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import small_demo
from orgsocial.cli import app
from orgsocial.reporting.options import SINGLE_FILE
from orgsocial.reporting.pdf import (
    BROWSER_VARIABLE,
    INSTALL_HINT,
    PdfEngineMissing,
    find_browser,
    html_to_pdf,
)
from orgsocial.reporting.runner import PDF_FILE, SINGLE_FILE_ORDER
from orgsocial.reporting.summary import executive_summary

pytestmark = pytest.mark.e2e
PLAN = (("North & <South>", 1), ("Centre", 3), ("East", 4), ("West", 2))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("single") / "data"
    return small_demo(folder, 5, PLAN)


@pytest.fixture(scope="module")
def without_chromium(dataset) -> tuple[Path, object]:
    """A report asked for a PDF where no Chromium can be found."""
    out = dataset.parent / "reports"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(BROWSER_VARIABLE, "no-such-browser-here")
        result = CliRunner().invoke(
            app, ["report", str(dataset), "--out", str(out), "--no-progress", "--pdf"]
        )
    return out, result


@pytest.fixture(scope="module")
def with_pdf(without_chromium, dataset) -> Path:
    if find_browser() is None:
        pytest.skip("no Chromium here: `make test` installs Debian's chromium where it may")
    out, _ = without_chromium
    result = CliRunner().invoke(
        app, ["report", str(dataset), "--out", str(out), "--no-progress", "--pdf"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_without_chromium_the_pdf_says_how_to_install_it_and_the_rest_is_written(
    without_chromium,
):
    out, result = without_chromium
    assert result.exit_code == 1, result.output
    # one sentence, once: what is wrong and what to do
    assert result.output.count("--pdf needs Chromium") == 1, result.output
    assert f"{BROWSER_VARIABLE} names 'no-such-browser-here', which is not a program" in (
        result.output
    )
    assert "Traceback" not in result.output
    for name in ("index.html", SINGLE_FILE, "overview.html", "manifest.json"):
        assert (out / name).is_file(), name
    assert not (out / PDF_FILE).exists()
    assert not list(out.glob(".*.tmp"))


def test_without_any_chromium_the_sentence_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.delenv(BROWSER_VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no program at all
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>")
    with pytest.raises(PdfEngineMissing) as refused:
        html_to_pdf(page, tmp_path / "page.pdf")
    assert str(refused.value) == INSTALL_HINT
    assert "sudo apt-get install chromium" in INSTALL_HINT
    assert not (tmp_path / "page.pdf").exists()


def test_the_single_file_holds_every_page_in_the_summarys_order(without_chromium):
    out, _ = without_chromium
    text = (out / SINGLE_FILE).read_text("utf-8")
    ids = re.findall(r'<section id="([^"]+)" class="orgsocial-page', text)
    analysis = out / "analysis"
    ranked = executive_summary(
        pd.read_parquet(analysis / "units.parquet"), pd.read_parquet(analysis / "trend.parquet")
    ).units["business_unit"]
    pages = {p.stem for p in out.glob("*.html")} - {"index", "orgsocial-report"}
    unit_stems = [next(s for s in pages if s.startswith("unit-") and _is(s, u)) for u in ranked]
    assert ids == ["summary", *unit_stems, *SINGLE_FILE_ORDER]
    # self-contained: nothing fetched, every link inside the file reaches an element
    assert not re.search(r'(src|href)="(https?:)?//', text)
    assert re.findall(r'<img [^>]*src="(?!data:)', text) == []
    links = re.findall(r'href="([^"]*)"', text)
    assert links and all(link.startswith("#") for link in links), set(links)
    targets = set(re.findall(r'id="([^"]+)"', text))
    assert {link[1:] for link in links} <= targets
    # the summary comes first, and each unit page's way back leads to it
    assert text.index('id="summary"') < text.index('id="' + unit_stems[0])
    assert text.count('href="#summary"') >= len(unit_stems)


def _is(stem: str, unit: str) -> bool:
    from orgsocial.reporting.html import safe_stem

    return stem == safe_stem(unit)


def test_the_pdf_has_a_page_per_unit_the_period_in_the_header_and_page_numbers(with_pdf):
    from pypdf import PdfReader

    out = with_pdf
    reader = PdfReader(out / PDF_FILE)
    texts = [page.extract_text() for page in reader.pages]
    total = len(texts)
    units = pd.read_parquet(out / "analysis" / "units.parquet")
    assert total >= 1 + len(units) + len(SINGLE_FILE_ORDER)
    period = units["period"].dropna().max()
    for number, page in enumerate(texts, start=1):
        assert f"{number} / {total}" in page
        assert period in page.splitlines()[0] or period in page.splitlines()[1]
    assert "where every business unit stands" in texts[0]
    for unit in units["business_unit"]:
        starts = [i for i, page in enumerate(texts) if f"Business unit: {unit}" in page]
        assert starts, unit
        # each unit starts on a new page: its title is the first line after header and number
        body = [line for line in texts[starts[0]].splitlines() if "/" not in line or unit in line]
        assert any(line.startswith("Business unit:") for line in body[:3]), body[:3]


def test_a_failed_pdf_never_leaves_an_old_one(with_pdf, dataset, monkeypatch):
    out = with_pdf
    assert (out / PDF_FILE).is_file()
    (out / "manifest.json").unlink()  # a new run, as after new data
    monkeypatch.setenv(BROWSER_VARIABLE, "no-such-browser-here")
    result = CliRunner().invoke(
        app, ["report", str(dataset), "--out", str(out), "--no-progress", "--pdf"]
    )
    assert result.exit_code == 1
    assert not (out / PDF_FILE).exists()
    assert shutil.which("no-such-browser-here") is None
