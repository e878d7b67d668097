"""A report in Dutch has every visible word in Dutch: no sentence, label, column, measure,
criterion, function, channel or reason of the English catalogue is left on any page (alt
texts of the figures included) nor in any figure, and sentences agree with their numbers
in both languages ("1 paar heeft", "2 paren hebben")."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text
from typer.testing import CliRunner

from orgsocial.analysis import advice, phases, risks
from orgsocial.analysis.pipeline import analyse
from orgsocial.analysis.privacy import SMALL_GROUPS, unit_group
from orgsocial.cli import app
from orgsocial.config import load_settings
from orgsocial.demo.synth import UnitPlan, generate_demo, write_demo
from orgsocial.importers import ALREADY_THERE
from orgsocial.io import contract as c
from orgsocial.io.dataset import load_dataset
from orgsocial.reporting import plots, summary, tables, text
from orgsocial.reporting.readings import reason_text

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]
MANUFACTURING = ROOT / "tests" / "data" / "real" / "manufacturing-company-email"
#: Units of every kind a page talks about: no survey and no customers, one department, and
#: (added below) a unit too small to report and one with too little data.
PLAN = (
    ("North & <South>", 1),
    ("Centre", 3),
    ("East", 4),
    ("Wealth", 2),
    UnitPlan("Quiet", 2, survey=False, inquiries=False),
    UnitPlan("Solo", 3, one_department=True),
)
#: ``{count|one|more}`` in a catalogue sentence; ``{name}`` a value filled in.
AGREEMENT = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
SLOT = re.compile(r"\{[^{}]*\}")
#: A piece of English shorter than this many letters is not looked for ("IT", "x").
MIN_LETTERS = 4


# --- the English catalogue and where it shows -----------------------------------


def catalogue_pairs() -> list[tuple[str, str]]:
    """Every English text of the catalogue with its Dutch counterpart."""
    settings = load_settings()
    pairs: list[tuple[str, str]] = []
    tables = (text.LABELS, advice.WORDS, risks.WORDS, summary.WORDS, text.NAMES)
    for table in (*tables, text.FUNCTIONS, text.CHANNELS):
        pairs += [(english, table["nl"][key]) for key, english in table["en"].items()]
    pairs += [(english, text.WHY["nl"][key]) for key, english in text.WHY["en"].items()]
    pairs += [(c.PHASE_NAMES["en"][p], c.PHASE_NAMES["nl"][p]) for p in c.PHASES]
    for texts in [*settings.advice.values(), *settings.risks.values()]:
        pairs.append((texts["en"], texts["nl"]))
    return pairs


def _found_in(piece: str, sentence: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(piece) + r"(?!\w)"
    return re.search(pattern, " ".join(sentence.split()), re.IGNORECASE) is not None


def english_pieces() -> set[str]:
    """The literal pieces of the English catalogue (between the values filled in, with each
    agreement both ways) of at least :data:`MIN_LETTERS` letters that the Dutch counterpart
    does not say the same way (Dataset, Privacy, marketing, LinkedIn ...)."""
    pieces = set()
    for english, dutch in catalogue_pairs():
        for way in (2, 3):
            chosen = AGREEMENT.sub(lambda m, way=way: m.group(way), english)
            for piece in SLOT.split(chosen):
                piece = " ".join(piece.split()).strip(" .,;:()‘’“”'\"–-|/")
                if len(re.findall(r"[A-Za-z]", piece)) < MIN_LETTERS:
                    continue
                if not _found_in(piece, AGREEMENT.sub(" ", dutch)):
                    pieces.add(piece)
    return pieces


PIECES = sorted(english_pieces(), key=len, reverse=True)


def without_names(page: str, names: set[str]) -> str:
    """``page`` with the names from the data (units, departments, paths) taken out: they are
    proper names, not words of the report."""
    for name in sorted(names, key=len, reverse=True):
        page = page.replace(name, " § ")
    return " ".join(page.split())


def english_left(page: str, names: set[str]) -> list[str]:
    """The pieces of the English catalogue found in ``page``, data names aside."""
    plain = without_names(page, names)
    return [piece for piece in PIECES if _found_in(piece, plain)]


class _Visible(HTMLParser):
    """The text a reader sees: the page's text outside scripts and styles, and the
    alternative texts and titles of its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts += [value for key, value in attrs if key in ("alt", "title") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "\n".join(parser.parts)


def data_names(dataset: Path, *paths: Path) -> set[str]:
    """Unit and department names of ``dataset``, plus the paths a page names."""
    departments = load_dataset(dataset).departments
    units = set(departments["business_unit"].astype(str))
    names = units | set(departments["department"].astype(str))
    return names | {str(p) for p in (dataset, *paths)}


# --- the reports --------------------------------------------------------------


def nl_report(dataset: Path, out: Path) -> Path:
    result = CliRunner().invoke(
        app, ["report", str(dataset), "--out", str(out), "--no-progress", "--lang", "nl"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dutch") / "data"
    write_demo(generate_demo(seed=4, employees=500, events=5000, plan=PLAN), folder)
    departments = pd.read_csv(folder / "departments.csv", dtype=str)
    employees = pd.read_csv(folder / "employees.csv", dtype=str)
    small = [("Studio Design", "Studio", "marketing"), ("Dormant Ops", "Dormant", "operations")]
    departments = pd.concat(
        [
            departments,
            pd.DataFrame(
                [
                    {"department": d, "business_unit": u, "function": f, "customer_facing": "false"}
                    for d, u, f in small
                ]
            ),
        ]
    )
    people = [("S", "Studio Design", 3), ("D", "Dormant Ops", 8)]  # too few; no activity
    employees = pd.concat(
        [
            employees,
            pd.DataFrame(
                [
                    {"employee_id": f"{prefix}{i:03d}", "department": department}
                    for prefix, department, count in people
                    for i in range(count)
                ]
            ),
        ]
    )
    departments.to_csv(folder / "departments.csv", index=False)
    employees.to_csv(folder / "employees.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def demo_report(demo) -> Path:
    return nl_report(demo, demo.parent / "out-nl")


@pytest.fixture(scope="module")
def manufacturing(tmp_path_factory) -> Path:
    """The real manufacturing e-mail log, imported as a new user would."""
    folder = tmp_path_factory.mktemp("manufacturing")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ORGSOCIAL_SECRET", "a secret of sixteen bytes or more")
        result = CliRunner().invoke(
            app,
            [
                "import",
                "edgelist",
                str(MANUFACTURING / "communication.csv"),
                "--nodes",
                str(MANUFACTURING / "reportsto.csv"),
                "--mapping",
                str(ROOT / "docs" / "mappings" / "manufacturing-email.yaml"),
                "--out",
                str(folder / "data"),
            ],
        )
    assert result.exit_code == 0, result.output
    return folder / "data"


@pytest.fixture(scope="module")
def manufacturing_report(manufacturing) -> Path:
    return nl_report(manufacturing, manufacturing.parent / "out-nl")


@pytest.fixture(scope="module")
def unseen(tmp_path_factory) -> Path:
    """An organisation generated independently of this project (benchmarks/independent_orgs)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from independent_orgs import generate

    folder = tmp_path_factory.mktemp("unseen") / "dataset"
    generate(31, folder)
    return folder


@pytest.fixture(scope="module")
def unseen_report(unseen) -> Path:
    return nl_report(unseen, unseen.parent / "out-nl")


@pytest.mark.parametrize("which", ["demo", "manufacturing", "unseen"])
def test_no_english_is_left_on_any_page_of_a_dutch_report(request, which):
    dataset = request.getfixturevalue(which)
    out = request.getfixturevalue(f"{which}_report")
    names = data_names(dataset, out)
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 8
    left = {}
    for page in pages:
        found = english_left(visible_text(page.read_text("utf-8")), names)
        if found:
            left[page.name] = found
    assert not left, left


def test_the_catalogue_finds_english_where_there_is_some(demo):
    """The check above can fail: the English of the catalogue is found in a Dutch page that
    quotes an English reason, measure or criterion, and nothing in one that does not."""
    names = data_names(demo)
    assert english_left("Studio is niet ingedeeld: fewer than 5 people: figures suppressed.", names)
    assert "records set aside" in english_left("maat | records set aside | 3", names)
    assert "share of employees active" in english_left(
        "Coördinatiefase: share of employees active", names
    )
    assert english_left("overig (kleine groepen), other (small groups)", names)
    assert not english_left("Centre: Coördinatiefase in 2026-Q3 (zekerheid 86%).", names)


def test_the_data_keep_their_values_in_the_csv_outputs(demo_report, manufacturing_report):
    """Only what a page shows is in Dutch: the files for other programs keep their values."""
    privacy = pd.read_csv(manufacturing_report / "analysis" / "privacy.csv")
    assert SMALL_GROUPS in set(privacy["merged_into"].dropna().str.split(", ").explode())
    assert "(all)" in set(privacy["business_unit"])
    imports = pd.read_csv(manufacturing_report / "analysis" / "imports.csv")
    assert "records_set_aside" in set(imports["measure"])
    units = pd.read_csv(demo_report / "analysis" / "units.csv").set_index("business_unit")
    assert units.loc["Studio", "reason"] == "fewer than 5 people: figures suppressed"


# --- figures ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_results(demo):
    return analyse(load_dataset(demo), load_settings(), lang="nl")


FIGURES = {
    "phase map": lambda r: plots.phase_map(r.units, "nl"),
    "network": lambda r: plots.department_network(r.departments, r.department_edges, lang="nl"),
    "unit network": lambda r: plots.department_network(
        r.departments, r.department_edges, "Wealth", "nl"
    ),
    "criteria": lambda r: plots.criteria_chart(r.evidence, "Centre", "nl"),
    "responses": lambda r: plots.response_times(r.responses, lang="nl"),
    "heatmap": lambda r: plots.interaction_heatmap(r.department_edges, "nl", top=60),
    "trend": lambda r: plots.trend_lines(r.trend, "nl"),
    "validation": lambda r: plots.validation_bars(r.validation, "nl"),
}


@pytest.mark.parametrize("figure_name", list(FIGURES))
def test_no_english_is_left_in_a_dutch_figure(demo, demo_results, figure_name):
    figure = FIGURES[figure_name](demo_results)
    shown = "\n".join(t.get_text() for t in figure.findobj(Text) if t.get_text())
    plt.close(figure)
    assert not english_left(shown, data_names(demo)), shown


def test_the_network_legend_names_functions_and_merged_groups_in_dutch(demo_results):
    figure = plots.department_network(
        demo_results.departments, demo_results.department_edges, lang="nl"
    )
    shown = {" ".join(t.get_text().split()) for t in figure.findobj(Text)}
    plt.close(figure)
    # one legend entry a colour: the functions that share one are named together
    assert {"klantenservice", "verkoop", "marketing, communicatie"} <= shown
    # the demo's small departments merge into their units' own nodes (with a complement,
    # see docs/data-contract.md), whose function the legend names "overig"
    assert any(text.endswith("overig, product") for text in shown)
    assert not {"customer service", "sales", SMALL_GROUPS} & shown
    assert not any("small groups" in text for text in shown)
    merged = unit_group("Contoso")  # a unit's small departments, merged into one node
    departments = pd.DataFrame(
        {
            "department": ["P", "S"],
            "business_unit": ["Contoso", "Contoso"],
            "function": ["customer_service", "legal"],
            "events": [5.0, 3.0],
        }
    )
    edges = pd.DataFrame({"source": ["P", "P"], "target": ["S", merged], "weight": [5, 4]})
    figure = plots.department_network(departments, edges, "Contoso", "nl")
    shown = {" ".join(t.get_text().split()) for t in figure.findobj(Text)}
    plt.close(figure)
    assert {"overig in Contoso (kleine groepen)", "juridische zaken, overig"} <= shown
    assert merged not in shown


# --- number agreement -----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "lang", "values", "expected"),
    [
        ("reading_network", "en", {"pairs": 1, "weight": 1}, "1 pair of departments interacts"),
        ("reading_network", "en", {"pairs": 2, "weight": 5}, "2 pairs of departments interact"),
        ("reading_network", "nl", {"pairs": "1", "weight": 1}, "1 paar afdelingen heeft"),
        ("reading_network", "nl", {"pairs": "1.204", "weight": 1}, "1.204 paren afdelingen"),
        ("reading_network", "nl", {"pairs": 3, "weight": 1}, "(1 interactie)."),
        ("reading_trend", "nl", {"up": 0, "down": 1}, "0 onderdelen gingen vooruit, 1 ging terug"),
        ("reading_trend", "nl", {"up": 1, "down": 2}, "1 onderdeel ging vooruit, 2 gingen terug"),
        ("reading_trend", "en", {"up": 1, "down": 0}, "1 unit moved up, 0 moved back"),
        ("reading_phase_map", "en", {"advanced": 1, "total": 10, "pilot": 2}, "1 of 10"),
        ("reading_phase_map", "en", {"advanced": 1, "total": 10, "pilot": 2}, "units is in"),
        ("reading_phase_map", "nl", {"advanced": 1, "total": 10, "pilot": 1}, "1 zit nog in"),
        ("reading_phase_map", "nl", {"advanced": 2, "total": 10, "pilot": 0}, "0 zitten nog"),
        ("reading_quality", "en", {"kept": 1, "read": 2, "rejected": 1}, "1 row was set aside"),
        ("reading_quality", "nl", {"kept": 9, "read": 9, "rejected": 1}, "1 rij is met een"),
        ("reading_quality", "nl", {"kept": 9, "read": 9, "rejected": 0}, "0 rijen zijn met een"),
        ("reading_response", "nl", {"unanswered": 1}, "1 wacht langer dan 24 uur of krijgt"),
        ("reading_response", "en", {"unanswered": 2}, "2 wait longer than 24 hours or are"),
        ("reading_phase_map_all_two", "en", {"total": 8}, "Every classified business unit (8)"),
        ("reading_phase_map_all_two", "nl", {"total": 1}, "Elk ingedeeld bedrijfsonderdeel (1)"),
        ("reading_phase_map_at_least", "en", {"count": 1}, "whether it is further"),
        ("reading_phase_map_at_least", "nl", {"count": 2}, "of ze verder zijn"),
        ("reason_too_little", "en", {"events": 1, "respondents": 0}, "1 employee event ("),
        ("reason_too_little", "nl", {"events": 0, "respondents": 1}, "1 respondent op de"),
    ],
)
def test_sentences_agree_with_their_numbers(key, lang, values, expected):
    filled = {
        "within_hour": "5%",
        "within_day": "9%",
        "source": "A",
        "target": "B",
        "min_events": 10,
        "minimum": 5,
        **values,
    }
    assert expected in text.label(key, lang, **filled)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_one_merged_department_of_ten_has_and_is_in_both_languages(lang):
    counts = {"departments": 10, "minimum": 5, "into": "‘x’", "pairs": 1, "interactions": 1}
    counts["beside"] = ""
    counts["scope"] = ""
    one = text.label(
        "reading_merged",
        lang,
        small=1,
        merged=1,
        pairs_merged=1,
        interactions_merged=1,
        hidden=1,
        **counts,
    )
    two = text.label(
        "reading_merged",
        lang,
        small=2,
        merged=2,
        pairs_merged=2,
        interactions_merged=2,
        hidden=2,
        **counts,
    )
    one += " " + text.label("reading_merged_inside", lang, hidden=1)
    two += " " + text.label("reading_merged_inside", lang, hidden=2)
    if lang == "en":
        assert "1 of 10 departments has fewer than 5 people; it is shown merged" in one
        assert "and takes part in 1 of the 1 pair of departments with contact" in one
        assert "(1 of 1 interaction)" in one
        assert "1 interaction inside a merged group is not drawn" in one
        assert "2 of 10 departments have fewer than 5 people; they are shown merged" in two
        assert "2 interactions inside a merged group are not drawn" in two
    else:
        assert "1 van de 10 afdelingen heeft minder dan 5 mensen; ze staat samengevoegd" in one
        assert "1 interactie binnen een samengevoegde groep is niet getekend" in one
        assert "2 van de 10 afdelingen hebben minder dan 5 mensen; ze staan samengevoegd" in two
        assert "2 interacties binnen een samengevoegde groep zijn niet getekend" in two


def test_every_agreement_in_the_catalogue_says_one_and_more_differently():
    for english, dutch in catalogue_pairs():
        for template in (english, dutch):
            for match in AGREEMENT.finditer(template):
                count, one, more = match.groups()
                assert one != more, template
                slots = {
                    m.split("|")[0].split(":")[0] for m in re.findall(r"\{([^{}]*)\}", template)
                }
                for number in (1, 2):
                    said = text.fill(template, **dict.fromkeys(slots, number))
                    assert "{" not in said and "|" not in said, said
                assert count in slots


def test_steps_and_verdicts_agree_with_the_privacy_minimum():
    # a survey verdict needs classification.min_respondents (5), and never fewer than the
    # privacy minimum: lowering that does not let one respondent speak for a unit
    # the step says which survey and who runs it (a trial: "Run the survey" said neither)
    settings = load_settings().with_min_group_size(1)
    survey = (
        "Ask HR or communications to run the social media adoption survey (for the analyst: "
        "its items are in the data contract): at least {} respondents in the unit."
    )
    assert advice.collect_steps(["policy_agree_share"], settings, "en") == [survey.format(5)]
    eight = settings.with_min_group_size(8)
    assert advice.collect_steps(["policy_agree_share"], eight, "en") == [survey.format(8)]
    assert advice.collect_steps(["policy_agree_share"], settings.with_min_group_size(5), "nl") == [
        "Vraag HR of communicatie de enquête over sociale media uit te zetten (voor de analist: "
        "de vragen staan in het datacontract): minstens 5 respondenten in het onderdeel."
    ]


@pytest.mark.parametrize(
    ("lang", "note", "said"),
    [
        ("en", "undated:1990-01-01", "Boston: at least Centralisation (data without dates; "
         "confidence 54%)."),
        ("nl", "undated:1990-01-01", "Boston: minstens Centralisatiefase (gegevens zonder "
         "datums; zekerheid 54%)."),
        ("en", "", "Boston: at least Centralisation in 1990-Q1 (confidence 54%)."),
    ],
)  # fmt: skip
def test_the_units_headline_has_one_pair_of_brackets_and_no_capital_inside(lang, note, said):
    # Lazega: "Boston: At least Centralisation (data without dates) (confidence 54%)."
    from orgsocial.reporting.readings import unit_reading

    record = {"business_unit": "Boston", "phase": 2, "at_least": True, "confidence": 0.54}
    record |= {"period": "1990-Q1", "period_note": note, "between": ""}
    row = pd.Series({**record, "verdict": advice.verdict_sentence(record, lang)})
    assert unit_reading(row, lang) == said
    firm = row.copy()
    firm["verdict"] = advice.verdict_sentence({**record, "at_least": False}, lang)
    assert unit_reading(firm, lang).startswith(f"Boston: {text.phase_name(2, lang)} ")
    survey = {**record, "basis": phases.BASIS_SURVEY, "survey_wave": "2", "period_note": ""}
    firm["verdict"] = advice.verdict_sentence(survey, lang)
    assert unit_reading(firm, lang).endswith(
        "(wave 2; confidence 54%)." if lang == "en" else "(ronde 2; zekerheid 54%)."
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "no activity with customers or the public in the data, so the data cannot tell "
         "whether it is in centralisation or as far as full integration"),
        ("nl", "geen activiteit met klanten of publiek in de gegevens, dus de gegevens kunnen "
         "niet zeggen of het in de centralisatiefase zit of al in volledige integratie"),
    ],
)  # fmt: skip
def test_an_open_verdict_names_its_phases_as_the_sentence_does(lang, said):
    # the trial: "... of het in Centralisatiefase zit of al in Volledige integratie"
    record = {"phase": 2, "phase_max": 4, "notes": "undecided"}
    record["undecided"] = "external_active_share"
    assert advice.provisional_reasons(record, load_settings(), lang) == [said]


def test_the_staff_file_is_a_personeelsbestand_not_a_rooster():
    # the trial read "het HR-rooster" as a work schedule
    words = " ".join(advice.WORDS["nl"].values())
    assert "rooster" not in words and "het personeelsbestand" in words


# --- reasons, names and why ----------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "dutch"),
    [
        ({"suppressed": True}, "minder dan 5 personen, dus de cijfers worden afgeschermd"),
        (
            {"employee_events": 1, "respondents": 0},
            "te weinig gegevens: 1 gebeurtenis van medewerkers (minder dan 10) en 0 "
            "respondenten op de enquête (minder dan 5)",
        ),
    ],
)
def test_the_analysis_reasons_for_no_phase_are_said_in_the_reports_language(record, dutch):
    reason = phases._no_phase_reason(record, load_settings())  # English, in units.csv
    assert reason_text(reason, "nl") == dutch
    assert reason_text(reason, "en") != dutch and not reason_text(reason, "en").count("events (")
    assert reason_text("a reason no one wrote here", "nl") == "a reason no one wrote here"


def test_the_why_of_every_default_criterion_has_its_dutch_words():
    settings = load_settings()
    for level in settings.levels:
        for criterion in level.criteria:
            key = (level.phase, criterion.indicator)
            assert text.WHY["en"][key] == criterion.why, key
            assert (
                text.why_text(level.phase, criterion.indicator, criterion.why, "nl")
                == (text.WHY["nl"][key])
            )
    assert text.why_text(2, "control_share", "our own words", "nl") == "our own words"
    assert set(text.WHY["en"]) == set(text.WHY["nl"])


def _importer_measures() -> set[str]:
    """The counts every importer (and the import commands) record: ``counts = {...}`` or
    ``COUNTS = (...)``, ``counts["..."]`` or ``self.counts["..."]``, and the dict of counts
    a step returns beside its frame (``return frame, {"...": n}``)."""

    def is_counts(node: ast.AST) -> bool:
        return (isinstance(node, ast.Name) and node.id in ("counts", "COUNTS")) or (
            isinstance(node, ast.Attribute) and node.attr == "counts"
        )

    found = {"records_set_aside"}
    package = ROOT / "src" / "orgsocial"
    for source in [*(package / "importers").glob("*.py"), package / "cli.py"]:
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            values = []
            if isinstance(node, ast.Assign) and any(is_counts(t) for t in node.targets):
                value = node.value
                if isinstance(value, ast.Call) and value.args:
                    value = value.args[0]  # dict.fromkeys((...), 0)
                values = [value]
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                values = [v for v in node.value.elts if isinstance(v, ast.Dict)]
            for value in values:
                keys = value.keys if isinstance(value, ast.Dict) else getattr(value, "elts", [])
                found |= {k.value for k in keys if isinstance(k, ast.Constant)}
            if (
                isinstance(node, ast.Subscript)
                and is_counts(node.value)
                and isinstance(node.slice, ast.Constant)
            ):
                found.add(node.slice.value)
    found |= set(ALREADY_THERE.values())
    return {name for name in found if isinstance(name, str)}


def test_every_name_a_table_shows_has_its_dutch_words():
    assert set(text.NAMES["en"]) == set(text.NAMES["nl"])
    assert set(text.FUNCTIONS["en"]) == set(text.FUNCTIONS["nl"]) == set(c.FUNCTIONS)
    assert set(text.CHANNELS["en"]) == set(text.CHANNELS["nl"])
    measures = _importer_measures()
    assert len(measures) > 30  # the parse found them
    assert measures <= set(text.NAMES["nl"]), measures - set(text.NAMES["nl"])
    indicators = {k.indicator for level in load_settings().levels for k in level.criteria}
    assert indicators <= set(text.NAMES["nl"]), indicators - set(text.NAMES["nl"])


def test_merged_groups_are_named_as_privacy_names_them_and_translated_for_display():
    assert text.label("small_groups", "en") == SMALL_GROUPS
    assert text.label("small_groups_in", "en", unit="Sales, EU") == unit_group("Sales, EU")
    assert text.group_name(unit_group("Retail"), "nl") == "overig in Retail (kleine groepen)"
    assert text.group_names(f"{SMALL_GROUPS}, {unit_group('X')}", "nl") == (
        "overig (kleine groepen), overig in X (kleine groepen)"
    )
    assert text.group_name("Retail Sales", "nl") == "Retail Sales"


def test_a_dutch_table_says_its_headers_measures_flags_and_names_in_dutch():
    frame = pd.DataFrame(
        {
            "business_unit": ["(all)", "U"],
            "merged_into": [SMALL_GROUPS, unit_group("U")],
            "most_departments_merged": [False, True],
            "function": ["customer_service", "sales"],
            "channel": ["collaboration", "linkedin"],
            "interactions": [1200.0, float("nan")],
        }
    )
    shown = tables.displayed(frame, "nl")
    assert shown.to_dict("list") == {
        "bedrijfsonderdeel": ["(hele organisatie)", "U"],
        "samengevoegd als": ["overig (kleine groepen)", "overig in U (kleine groepen)"],
        "meeste afdelingen samengevoegd": ["nee", "ja"],
        "functie": ["klantenservice", "verkoop"],
        "kanaal": ["samenwerking", "linkedin"],
        "interacties": ["1.200", "–"],
    }
    english = tables.displayed(frame, "en")
    assert list(english.columns)[:3] == ["business unit", "merged into", "most departments merged"]
    assert english["most departments merged"].tolist() == ["no", "yes"]
