"""Leadership reads the report pages, not the data: what a page shows outside its closed
"For analysts" appendix carries no column name of the outputs, no ``nan``, ``<NA>``,
``None``, ``True`` or ``False``, and in Dutch no English decimal point or comma thousands
separator; the analysts' tables sit at the end of each page in a closed section whose
summary speaks the page's language, and on paper that section is left out unless opened."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import CHROMIUM, CHROMIUM_FLAGS, write_reports
from orgsocial.demo.synth import UnitPlan, generate_demo, write_demo
from orgsocial.reporting.notebook import APPENDIX_TAG
from orgsocial.reporting.text import label, name

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[1-6]_*.ipynb"))
#: Units of every kind the pages show: no survey and no customers, one department, and
#: (added below) a unit too small to report.
PLAN = (
    ("North & <South>", 1),
    ("Centre", 3),
    ("East", 4),
    UnitPlan("Quiet", 2, survey=False, inquiries=False),
    UnitPlan("Solo", 3, one_department=True),
)
#: Words a program writes for a missing value or a flag.
MACHINE_WORDS = re.compile(r"<NA>|\b(?:nan|NaN|None|True|False)\b")
#: An identifier in snake case (``active_share``).
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
#: A number as a page writes it (digits with points and commas inside).
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)")
#: A number with points that Dutch writes so: thousands grouped by points (a decimal comma).
DUTCH_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
#: A number grouped in thousands by commas, as English writes it.
COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def not_dutch(text: str) -> list[str]:
    """The numbers in ``text`` with an English decimal point or comma thousands."""
    return [
        n
        for n in NUMBER.findall(text)
        if ("." in n and not DUTCH_GROUPED.fullmatch(n)) or COMMA_GROUPED.fullmatch(n)
    ]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("leaders") / "data"
    write_demo(generate_demo(seed=4, employees=500, events=5000, plan=PLAN), folder)
    departments = pd.read_csv(folder / "departments.csv", dtype=str)
    employees = pd.read_csv(folder / "employees.csv", dtype=str)
    studio = {
        "department": "Studio Design",
        "business_unit": "Studio",
        "function": "marketing",
        "customer_facing": "false",
    }
    people = [{"employee_id": f"S{i:03d}", "department": "Studio Design"} for i in range(3)]
    pd.concat([departments, pd.DataFrame([studio])]).to_csv(folder / "departments.csv", index=False)
    pd.concat([employees, pd.DataFrame(people)]).to_csv(folder / "employees.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def reports(dataset) -> dict[str, Path]:
    """The report in English and in Dutch, written once for the whole module."""
    return {lang: write_reports(dataset, lang) for lang in ("en", "nl")}


def pages(folder: Path) -> list[Path]:
    """The pages the notebooks make, one per executed notebook (the summary and the single
    report are made elsewhere)."""
    found = [folder / f"{nb.stem}.html" for nb in sorted((folder / "notebooks").glob("*.ipynb"))]
    assert len(found) >= 5 + len(PLAN)
    return found


def output_columns(folder: Path) -> set[str]:
    """Every column name of the outputs for other programs (``analysis/*.csv``)."""
    columns: set[str] = set()
    for table in (folder / "analysis").glob("*.csv"):
        columns |= set(pd.read_csv(table, nrows=0).columns)
    assert {"active_share", "response_minutes_p90", "louvain_unit_nmi"} <= columns
    return columns


class _Visible(HTMLParser):
    """What a reader sees without opening anything: the text outside scripts, styles and
    the analysts' appendix, with the alternative texts of images; the appendix's text and
    its summary aside."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.appendix: list[str] = []
        self.summaries: list[str] = []
        self.opened: list[bool] = []
        self._hidden = 0
        self._details = 0
        self._summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag == "details" and ("orgsocial-appendix" in classes or self._details):
            self._details += 1
            if "orgsocial-appendix" in classes:
                self.opened.append(any(key == "open" for key, _ in attrs))
        elif tag == "summary" and self._details:
            self._summary = True
        alts = [value for key, value in attrs if key in ("alt", "title") and value]
        (self.appendix if self._details else self.parts).extend(alts)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1
        elif tag == "details" and self._details:
            self._details -= 1
        elif tag == "summary":
            self._summary = False

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._summary:
            self.summaries.append(data.strip())
        (self.appendix if self._details else self.parts).append(data)


def read(page: Path) -> _Visible:
    parser = _Visible()
    parser.feed(page.read_text("utf-8"))
    parser.close()
    return parser


def visible(page: Path) -> str:
    return " ".join(" ".join(read(page).parts).split())


def appendix_text(page: Path) -> str:
    return " ".join(" ".join(read(page).appendix).split())


# --- what leadership sees -------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_machine_words_or_column_names_outside_the_appendix(reports, lang):
    folder = reports[lang]
    names = sorted(c for c in output_columns(folder) if "_" in c)
    found = {}
    for page in pages(folder):
        text = visible(page)
        left = [c for c in names if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", text)]
        left += SNAKE.findall(text) + MACHINE_WORDS.findall(text)
        if left:
            found[page.name] = sorted(set(left))
    assert not found, found


def test_dutch_pages_write_numbers_the_dutch_way(reports):
    found = {}
    for page in pages(reports["nl"]):
        wrong = not_dutch(visible(page) + " " + appendix_text(page))
        if wrong:
            found[page.name] = wrong
    assert not found, found


def test_the_checks_find_what_they_look_for():
    """The patterns above can fail: they find an English decimal, a comma thousands
    separator, a flag and a column name, and pass Dutch numbers and periods."""
    assert not_dutch("zekerheid 0.95, 1.996,77 en 2.400 in 2026-Q3 (2026-04-01..2026-10-05).") == [
        "0.95"
    ]
    assert not_dutch("105,131 rijen; 66,40 uur; 1,996.77 minuten") == ["105,131", "1,996.77"]
    assert MACHINE_WORDS.findall("verborgen: False, <NA>, nan") == ["False", "<NA>", "nan"]
    assert SNAKE.findall("louvain_unit_nmi 0,78; E-I-index") == ["louvain_unit_nmi"]


def visible_tables(page: Path, appendix: bool = False) -> list[dict[str, list[str]]]:
    """The tables before the appendix (``appendix``: in it), each as its columns (header:
    cells)."""
    parts = page.read_text("utf-8").split('<details class="orgsocial-appendix"')
    html = parts[-1] if appendix else parts[0]
    found = []
    for table in re.findall(r"<table.*?</table>", html, re.S):
        rows = [
            [
                re.sub(r"<[^>]+>", "", cell).strip()
                for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
            ]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
        ]
        header, *body = rows
        found.append({h: [row[i] for row in body] for i, h in enumerate(header)})
    return found


def column(tables: list[dict[str, list[str]]], header: str) -> list[str]:
    (values,) = [t[h] for t in tables for h in t if h.lower() == header.lower()]
    return values


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_times_are_in_hours_and_shares_in_percent(reports, lang):
    percent = re.compile(r"[<>]?\d{1,3}%|–")
    hours = re.compile(r"\d{1,3}(?:[.,]\d{3})*[.,]\d\d|–")
    response = reports[lang] / "customer-response.html"
    assert not re.search(r"\bminut", visible(response), re.IGNORECASE)
    tables = visible_tables(response)
    for measure in ("response_hours_median", "response_hours_p90", "answer_hours_median"):
        assert all(hours.fullmatch(v) for v in column(tables, name(measure, lang))), measure
    for share in ("response_rate", "answered_within_1h_share", "answers_within_1h_share"):
        assert all(percent.fullmatch(v) for v in column(tables, name(share, lang))), share
    # the overview's table of units is for analysts (the summary is the leaders'), and
    # speaks their language too
    overview = visible_tables(reports[lang] / "overview.html", appendix=True)
    for share in ("active_share", "customer_facing_active_share", "answered_within_1h_share"):
        header = name(share, lang).lower()  # in the units table and the key figures
        values = [v for table in overview for h in table if h.lower() == header for v in table[h]]
        assert all(percent.fullmatch(v) for v in values), share
        assert any(v.endswith("%") for v in values), share


# --- the analysts' appendix -------------------------------------------------------

#: Per page, a heading the appendix holds and, where there is one, a heading left visible.
MOVED = {
    "overview.html": ("units_table", None),
    "data-quality.html": ("validation_title", "merged_title"),
    "department-network.html": ("brokers_title", None),
    "customer-response.html": ("channels_units_title", "channels_title"),
    "trend.html": ("trend", None),
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_each_page_ends_in_a_closed_appendix_in_its_language(reports, lang):
    summary = label("appendix_summary", lang)
    other = label("appendix_summary", "nl" if lang == "en" else "en")
    for page in pages(reports[lang]):
        seen = read(page)
        assert seen.opened == [False], page.name  # one appendix, closed
        assert seen.summaries == [summary], page.name
        assert other not in page.read_text("utf-8"), page.name
        html = page.read_text("utf-8")
        tail = html[html.rindex("</details>") + len("</details>") :]
        assert re.sub(r"<[^>]+>|\s", "", tail.split("</main>")[0]) == "", page.name  # last
    for file_name, (moved, kept) in MOVED.items():
        page = reports[lang] / file_name
        assert label(moved, lang) in appendix_text(page), file_name
        assert label(moved, lang) not in visible(page), file_name
        if kept:
            assert label(kept, lang) in visible(page), file_name
    unit_page = next(reports[lang].glob("unit-centre-*.html"))
    assert label("evidence_table", lang) in appendix_text(unit_page)
    assert label("evidence_table", lang) not in visible(unit_page)


def test_the_notebooks_put_their_appendix_last_and_open_it_in_the_page_language():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        tagged = [APPENDIX_TAG in c.metadata.get("tags", []) for c in notebook.cells]
        assert any(tagged), path.name
        first = tagged.index(True)
        assert all(tagged[first:]), path.name  # the appendix is the notebook's end
        assert "nb.appendix(lang)" in notebook.cells[first].source, path.name
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), path.name
        assert all(not c.outputs for c in code), path.name


def test_in_print_a_closed_appendix_is_left_out_and_an_open_one_kept(reports):
    chromium = CHROMIUM
    sync_api = pytest.importorskip("playwright.sync_api")
    if chromium is None:
        pytest.skip("chromium is not installed")
    page_path = reports["nl"] / "department-network.html"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(page_path.resolve().as_uri())
        shown = (
            "() => getComputedStyle(document.querySelector('details.orgsocial-appendix')).display"
        )
        on_screen = page.evaluate(shown)
        page.emulate_media(media="print")
        closed_on_paper = page.evaluate(shown)
        page.evaluate("() => document.querySelector('details.orgsocial-appendix').open = true")
        opened_on_paper = page.evaluate(shown)
        browser.close()
    assert on_screen != "none"
    assert closed_on_paper == "none"
    assert opened_on_paper != "none"
