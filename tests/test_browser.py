"""The HTML in a real headless browser (Debian's chromium, driven by Playwright's Python package):
no console errors, every image loads, every link from the index resolves, nothing is fetched
from the network, and no table is wider than its column, in English and in Dutch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_FLAGS, small_demo, write_reports
from orgsocial.reporting.options import SINGLE_FILE

pytestmark = pytest.mark.e2e

pytest.importorskip("playwright.sync_api")
if CHROMIUM is None:
    pytest.skip(
        "chromium is not installed: `make test` installs Debian's chromium (apt-get install "
        "chromium) where it may; run that as root to include this test",
        allow_module_level=True,
    )


#: A unit with a long name: its name is in tables and figure titles.
LONG = "Wealth Management and Private Banking Services"
PLAN = (("North & <South>", 1), ("Centre", 3), ("East", 4), (LONG, 2))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser") / "data"
    return small_demo(folder, 4, PLAN)


@pytest.fixture(scope="module")
def reports(dataset) -> Path:
    return write_reports(dataset, "en")


@pytest.fixture(scope="module")
def reports_nl(dataset) -> Path:
    return write_reports(dataset, "nl")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def visit(browser, page_path: Path) -> dict[str, object]:
    """Open a page from disk; report console errors, network requests and broken images."""
    page = browser.new_page()
    errors: list[str] = []
    network: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    def route(request_route):
        url = request_route.request.url
        if not url.startswith(("file:", "data:")):
            network.append(url)
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/*", route)
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    images = page.evaluate(
        "Array.from(document.images).map(i => [i.complete && i.naturalWidth > 0, i.alt])"
    )
    links = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    page.close()
    return {"errors": errors, "network": network, "images": images, "links": links}


def test_index_in_a_real_browser(browser, reports):
    seen = visit(browser, reports / "index.html")
    assert seen["errors"] == []
    assert seen["network"] == []
    assert seen["images"] and all(loaded for loaded, _ in seen["images"])
    links = sorted(set(seen["links"]))  # the appendix links the unit pages again
    assert len(links) == 5 + len(PLAN) + 1  # organisation pages, units, the single file
    for link in links:
        assert not re.match(r"^[a-z]+:", link), link  # relative, inside the folder
        target = reports / link
        assert target.is_file(), link
        page = visit(browser, target)
        assert page["errors"] == [], link
        assert page["network"] == [], link
        assert page["images"] and all(loaded for loaded, _ in page["images"]), link
        assert all(alt for _, alt in page["images"]), link


def test_the_sortable_table_sorts(browser, reports):
    page = browser.new_page()
    page.goto((reports / "index.html").resolve().as_uri())
    assert not page.is_visible("#units")  # in the analysts' appendix, closed
    page.click("details.orgsocial-appendix > summary")
    page.click("#units th:nth-child(2)")
    first = page.inner_text("#units tbody tr:first-child td:nth-child(2)")
    page.click("#units th:nth-child(2)")
    last_first = page.inner_text("#units tbody tr:first-child td:nth-child(2)")
    page.close()
    assert first != last_first


#: Per table: its first row's text, how far its box scrolls sideways beyond what it shows,
#: and how far the table reaches past the page's body (pixels).
TABLE_OVERFLOW = """() => {
  const body = document.body.getBoundingClientRect();
  return Array.from(document.querySelectorAll("table")).map(table => {
    const box = table.parentElement;
    const first = table.rows.length ? table.rows[0].innerText : "";
    return [first.slice(0, 80), box.scrollWidth - box.clientWidth,
            table.getBoundingClientRect().right - body.right];
  });
}"""


#: The width A4 leaves for the page at the single report's print margins (96 px per inch).
A4_PRINT_WIDTH = round((210 - 24) / 25.4 * 96)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_table_is_wider_than_its_column(browser, request, lang):
    folder = request.getfixturevalue("reports" if lang == "en" else "reports_nl")
    # a wide screen, a window beside another, and an A4 sheet as printed
    for width, media in ((1400, "screen"), (900, "screen"), (A4_PRINT_WIDTH, "print")):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.emulate_media(media=media)
        seen = 0
        for report in sorted(folder.glob("*.html")):
            page.goto(report.resolve().as_uri(), wait_until="load")
            for first_row, scrolls, past_body in page.evaluate(TABLE_OVERFLOW):
                seen += 1
                assert scrolls <= 1, (width, report.name, first_row, scrolls)
                assert past_body <= 1, (width, report.name, first_row, past_body)
            sideways = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert sideways <= 1, (width, report.name, sideways)
        page.close()
        assert seen >= 2 * len(PLAN)  # every unit page has its evidence table, the index two


#: Visible words of a page: what a reader sees (a closed appendix is not rendered).
VISIBLE_TEXT = "() => document.body.innerText"
#: The first heading a reader meets, and every phase swatch with its phase and colour.
SUMMARY_FACTS = """() => ({
  first: document.querySelector("h1").innerText,
  firstTop: document.querySelector("h1").getBoundingClientRect().top,
  above: Array.from(document.body.querySelectorAll("img, table, h2"))
    .filter(e => e.getBoundingClientRect().top < document.querySelector("h1")
      .getBoundingClientRect().top && e.offsetParent !== null).length,
  swatches: Array.from(document.querySelectorAll("[data-phase] .swatch")).map(s =>
    [s.closest("[data-phase]").dataset.phase, getComputedStyle(s).backgroundColor]),
  appendixOpen: Array.from(document.querySelectorAll("details")).some(d => d.open),
})"""


def _rgb(colour) -> str:
    red, green, blue = (round(255 * part) for part in colour[:3])
    return f"rgb({red}, {green}, {blue})"


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", ["index.html", "orgsocial-report.html"])
def test_the_summary_comes_first_in_words_and_phase_colours(browser, request, lang, name):
    from orgsocial.reporting.plots import PHASE_COLOURS
    from orgsocial.reporting.text import label

    folder = request.getfixturevalue("reports" if lang == "en" else "reports_nl")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((folder / name).resolve().as_uri(), wait_until="load")
    facts = page.evaluate(SUMMARY_FACTS)
    text = page.evaluate(VISIBLE_TEXT)
    page.close()
    assert facts["first"] == label("summary_title", lang)
    assert facts["above"] == 0  # nothing (no figure, table or section) before the summary
    assert not facts["appendixOpen"]
    assert len(facts["swatches"]) >= len(PLAN)
    for phase, colour in facts["swatches"]:
        assert colour == _rgb(PHASE_COLOURS[int(phase)]), (phase, colour)
    # no column name of the outputs reaches a reader (the appendix is closed)
    columns = set()
    for table in (folder / "analysis").glob("*.csv"):
        columns |= {c for c in table.read_text("utf-8").split("\n", 1)[0].split(",") if "_" in c}
    shown = set(re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text))
    assert not shown & columns, sorted(shown & columns)
    assert "<NA>" not in text and "nan" not in text.split()


#: Per figure: its scale on the page, and the scale the page's width alone would allow.
FIGURE_SCALES = """() => Array.from(document.images).filter(i => i.offsetParent !== null)
  .map(i => [i.getBoundingClientRect().width / i.naturalWidth,
             Math.min(1, document.body.clientWidth / i.naturalWidth)])"""


def test_printed_figures_are_as_large_as_the_sheets_width_allows(browser, reports):
    """The criteria chart was printed at half its size (labels of 4 pt) to keep it under
    150 mm; a figure may take most of an A4 sheet (trial)."""
    page = browser.new_page(viewport={"width": A4_PRINT_WIDTH, "height": 900})
    page.emulate_media(media="print")
    for name in [SINGLE_FILE, *sorted(p.name for p in reports.glob("unit-*.html"))[:1]]:
        page.goto((reports / name).resolve().as_uri(), wait_until="load")
        scales = page.evaluate(FIGURE_SCALES)
        assert len(scales) >= 4, name
        for scale, allowed in scales:
            assert scale >= 0.95 * allowed, (name, scale, allowed)
    page.close()


@pytest.mark.parametrize("name", ["index.html", SINGLE_FILE])
def test_on_a_phone_the_summary_reads_without_scrolling_sideways(browser, reports, name):
    """At 420 px the summary's six columns made the page 730 px wide (trial): each unit is
    a card there, its columns one under another, each named."""
    page = browser.new_page(viewport={"width": 420, "height": 900})
    page.goto((reports / name).resolve().as_uri(), wait_until="load")
    sideways = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    cards = page.evaluate(
        "Array.from(document.querySelectorAll('table.summary tbody tr'))"
        ".map(r => getComputedStyle(r).display)"
    )
    page.close()
    assert sideways <= 1
    assert cards and set(cards) == {"block"}
