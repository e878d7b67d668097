"""Numbers in the reports' tables: counts as whole numbers (grouped as the language writes
them), shares as percentages, times in hours (the unit in the header), other measures with
two decimals, suppressed values as a dash, never "nan"; every header and measure a page
shows named by the catalogue in English and Dutch."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.io.dataset import load_dataset
from orgsocial.reporting import notebook as nb
from orgsocial.reporting import tables
from orgsocial.reporting.tables import MISSING, displayed, hours_name, in_hours, is_count
from orgsocial.reporting.text import NAMES
from orgsocial.reporting.text import name as named


def shown(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """``frame``'s numbers as a report table writes them (times in hours), headers with
    spaces for underscores (moved here from ``reporting/tables.py``: only the tests use it).

    >>> frame = pd.DataFrame({"department": ["A", "B"], "headcount": [2400.0, float("nan")],
    ...                       "active_share": [0.5, float("nan")]})
    >>> shown(frame, "en").to_dict("list")
    {'department': ['A', 'B'], 'headcount': ['2,400', '–'], 'active share': ['50%', '–']}
    """
    numbers = tables._numbers(in_hours(frame), lang)
    return numbers.rename(columns=lambda name: str(name).replace("_", " "))


@pytest.fixture
def results(dataset_folder):
    return analyse(load_dataset(dataset_folder()), load_settings())


def table_html(frame: pd.DataFrame, lang: str | None, monkeypatch) -> str:
    """What :func:`notebook.table` displays."""
    seen = []
    monkeypatch.setattr(nb, "display", lambda item: seen.append(item.data))
    nb.table(frame, lang)
    (page,) = seen
    return page


def cells(page: str) -> list[list[str]]:
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows]


def test_suppressed_counts_are_marked_and_the_others_are_whole(results, monkeypatch):
    departments = results.departments
    tiny = departments["department"] == "Tiny"  # 2 people: below the privacy minimum
    assert departments.loc[tiny, "headcount"].isna().all()
    assert departments["headcount"].dtype == "float64"  # why a type cannot tell counts
    page = table_html(departments, "en", monkeypatch)
    assert "nan" not in page.lower()
    header, *rows = cells(page)
    column = {name: i for i, name in enumerate(header)}
    by_department = {row[column["department"]]: row for row in rows}
    assert by_department["Tiny"][column["headcount"]] == MISSING
    assert by_department["Tiny"][column["events"]] == MISSING
    # Marketing is withheld with Tiny (its complement in North); Service is shown
    assert by_department["Marketing"][column["headcount"]] == MISSING
    assert by_department["Service"][column["headcount"]] == "5"
    service = departments.loc[departments["department"] == "Service"].iloc[0]
    for name in ("headcount", "events", "events_internal", "connectors", "within_ties"):
        assert by_department["Service"][column[name.replace("_", " ")]] == f"{service[name]:.0f}"
    assert re.fullmatch(r"\d{1,3}%", by_department["Service"][column[named("active_share")]])


def test_text_reads_from_the_left_and_a_quarter_is_never_broken(monkeypatch):
    """Trial: long text was aligned right as numbers are (the overview's "Provisional", the
    data quality's "business unit" and "measure"), and "2026-Q3" broke after its hyphen."""
    frame = pd.DataFrame(
        {
            "business_unit": ["North", "South"],
            "period": ["2026-Q3", "2026-Q2"],
            "headcount": [12.0, float("nan")],
            "active_share": [0.5, 0.25],
            "verdict": ["", "Pilot"],  # text, though a cell is empty
        }
    )
    page = table_html(frame, "en", monkeypatch)
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S):  # the header and each row
        left = ["text-align: left" in tag for tag in re.findall(r"<t[dh][^>]*>", row)]
        assert left == [True, True, False, False, True]
    assert '<span style="white-space: nowrap">2026-Q3</span>' in page
    measures = table_html(pd.DataFrame({"measure": ["rows"], "value": [3]}), "en", monkeypatch)
    left = ["text-align: left" in tag for tag in re.findall(r"<td[^>]*>", measures)]
    assert left == [True, False]


def test_a_table_of_measures_shows_each_count_whole(results, monkeypatch):
    org = results.org.T.reset_index().set_axis(["measure", "value"], axis=1)  # as notebook 04
    page = table_html(org, "nl", monkeypatch)
    by_name = {row[0]: row[1] for row in cells(page)[1:]}  # measures named in Dutch
    values = {measure: by_name[named(hours_name(measure), "nl")] for measure in results.org.columns}
    assert values["headcount"] == "18"
    assert values["departments"] == "4"
    assert values["business_units"] == "2"
    assert re.fullmatch(r"[<>]?\d{1,3}%|–", values["active_share"])  # a share in percent
    assert re.fullmatch(r"-?\d+,\d\d|–", values["unit_density"])  # a decimal comma in Dutch
    minutes = results.org["response_minutes_median"].iloc[0]
    expected = "–" if pd.isna(minutes) else f"{minutes / 60:.2f}".replace(".", ",")
    assert values["response_minutes_median"] == expected  # in hours, as its name says
    assert "uren" in named(hours_name("response_minutes_median"), "nl")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", ["2,400", "–", "105,119"]), ("nl", ["2.400", "–", "105.119"]), (None, None)],
)
def test_thousands_are_grouped_as_the_language_writes_them(lang, expected):
    frame = pd.DataFrame(
        {
            "headcount": [2400.0, float("nan"), 105_119.0],
            "rows_read": pd.array([2400, pd.NA, 105_119], dtype="Int64"),
            "answer_minutes_median": [119_806.0, float("nan"), 30.0],  # hours on the page
        }
    )
    out = shown(frame, lang)
    grouped = expected or ["2400", "–", "105119"]
    assert out["headcount"].tolist() == grouped
    assert out["rows read"].tolist() == grouped
    decimals = {"en": "1,996.77", "nl": "1.996,77", None: "1996.77"}[lang]
    assert out["answer hours median"].tolist() == [
        decimals,
        "–",
        "0,50" if lang == "nl" else "0.50",
    ]


def test_counts_are_known_by_name_and_flags_and_text_stay_as_they_are():
    assert all(map(is_count, ["headcount", "events_external", "unit_bridges", "inquiries"]))
    assert not any(map(is_count, ["coverage", "social_channel_share", "ei_index", "response_rate"]))
    frame = pd.DataFrame({"unit": ["A"], "suppressed": [True], "ei_index": [-0.9]})
    assert shown(frame).to_dict("list") == {
        "unit": ["A"],
        "suppressed": [True],
        "ei index": ["-0.90"],
    }


# --- shares and times ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl", None])
def test_shares_are_percentages_in_every_language(lang):
    frame = pd.DataFrame(
        {
            "active_share": [0.0512, float("nan"), 0.004, 0.998, 1.0, 0.0],
            "response_rate": [0.25, 0.5, 0.75, 0.125, 0.0, 1.0],
            "confidence": [0.9, 0.6, 0.5, 0.45, 0.0, 1.0],
            "ei_index": [-0.9, 0.5, 0.0, 1.0, -1.0, 0.25],
        }
    )
    out = shown(frame, lang)
    assert out["active share"].tolist() == ["5%", "–", "<1%", ">99%", "100%", "0%"]
    assert out["response rate"].tolist() == ["25%", "50%", "75%", "12%", "0%", "100%"]
    assert out["confidence"].tolist() == ["90%", "60%", "50%", "45%", "0%", "100%"]
    comma = lang == "nl"
    assert out["ei index"].iloc[0] == ("-0,90" if comma else "-0.90")  # not a share


def test_a_table_of_measures_shows_its_shares_as_percentages_and_its_times_in_hours():
    measures = pd.DataFrame(
        {
            "measure": ["headcount", "active_share", "response_minutes_p90", "unit_density"],
            "value": [2400.0, 0.3096, 1931.37, 0.9167],
        }
    )
    nl = displayed(measures, "nl")
    assert nl.columns.tolist() == ["maat", "waarde"]
    assert nl["maat"].tolist() == [
        NAMES["nl"][m] for m in ("headcount", "active_share", "response_hours_p90", "unit_density")
    ]
    assert nl["waarde"].tolist() == ["2.400", "31%", "32,19", "0,92"]
    en = displayed(measures, "en")
    assert en["value"].tolist() == ["2,400", "31%", "32.19", "0.92"]
    assert en["measure"].tolist()[2] == "response time in hours (90th percentile)"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_times_are_hours_with_the_unit_in_the_header(lang):
    frame = pd.DataFrame(
        {
            "channel": ["email", "x"],
            "response_minutes_median": [90.0, float("nan")],
            "answer_minutes_p90": [6000.0, 15.0],
        }
    )
    hours = in_hours(frame)
    assert hours.columns.tolist() == ["channel", "response_hours_median", "answer_hours_p90"]
    assert hours["response_hours_median"].iloc[0] == pytest.approx(1.5)
    assert frame["response_minutes_median"].iloc[0] == 90.0  # the input is left as it was
    out = displayed(frame, lang)
    unit = {"en": "in hours", "nl": "in uren"}[lang]
    assert all(unit in header for header in out.columns[1:])
    assert not any("minut" in header for header in out.columns)
    assert out.iloc[:, 1].tolist() == ["1,50" if lang == "nl" else "1.50", MISSING]
    assert out.iloc[:, 2].tolist() == (["100,00", "0,25"] if lang == "nl" else ["100.00", "0.25"])


def test_missing_values_and_flags_are_never_shown_as_a_program_writes_them():
    frame = pd.DataFrame(
        {
            "between": pd.Series([None, pd.NA, float("nan"), "2-3"], dtype=object),
            "moved_back": pd.array([True, False, pd.NA, False], dtype="boolean"),
            "change": pd.array([1, pd.NA, 0, -1], dtype="Int64"),
        }
    )
    for lang in ("en", "nl"):
        page = displayed(frame, lang).to_html(index=False, na_rep=MISSING)
        assert not re.search(r"<NA>|&lt;NA&gt;|\b(?:nan|None|True|False)\b", page), page


#: What the notebooks show in a table, by the frame each builds from the results.
SHOWN = {
    "units table (01)": lambda r: nb.units_table(r.units),
    "key figures (01)": lambda r: nb.unit_measures(r.units),
    "evidence (02)": lambda r: r.evidence,
    "validation (03)": lambda r: r.validation.drop(columns=["path"]),
    "imports (03)": lambda r: r.imports,
    "privacy (03)": lambda r: nb.privacy_table(r.privacy),
    "brokers (04)": lambda r: nb.top_brokers(r.departments),
    "unit edges (04)": lambda r: r.business_unit_edges,
    "organisation (04)": lambda r: r.org.T.reset_index().set_axis(["measure", "value"], axis=1),
    "channels (05)": lambda r: r.response_channels,
    "answers (05)": lambda r: nb.answering_departments(r.departments),
    "trend (06)": lambda r: r.trend[
        ["business_unit", "period", "phase_name", "confidence", "between", "change", "moved_back"]
    ],
}


@pytest.mark.parametrize("table", sorted(SHOWN))
def test_every_header_and_measure_a_page_shows_is_named_in_both_languages(results, table):
    frame = in_hours(SHOWN[table](results))
    if table.startswith("units table"):  # built with its headers in words already
        assert not any("_" in str(c) for c in frame.columns)
        return
    if table.startswith("evidence"):  # shown through nb.evidence_table: its criteria
        keys = set(frame["indicator"])
    else:
        keys = set(map(str, frame.columns))
        if tables.MEASURE_COLUMN in frame.columns:
            keys |= set(frame[tables.MEASURE_COLUMN])
    for lang in ("en", "nl"):
        unknown = sorted(k for k in keys if k not in NAMES[lang])
        assert not unknown, (lang, unknown)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_evidence_table_names_its_score_apart_from_the_chart_s_share(lang):
    # the table's "Met 91%" (the soft score) beside the chart's 137% (value / threshold)
    # read as two answers to one question (the second new-user trial)
    from orgsocial.reporting.text import label

    evidence = pd.DataFrame(
        {
            "business_unit": ["U"],
            "phase": [2],
            "source": ["behaviour"],
            "role": ["decisive"],
            "indicator": ["lead_department_active_employees"],
            "value": [1.0],
            "threshold": [2.5],
            "fulfilment": [0.01],
            "weight": [1.0],
            "why": [""],
            "used_for": ["verdict"],
        }
    )
    table = nb.evidence_table(evidence, "U", lang)
    assert label("fulfilment_score", lang) in table.columns
    assert label("met", lang) not in table.columns
    assert table[label("threshold", lang)].tolist() == ["≥ 3"]
    assert table[label("fulfilment_score", lang)].tolist() == ["1%"]


def test_a_unit_s_trend_with_periods_but_too_few_phases_says_so():
    # a unit with three quarters, none classified, read "only one period to compare so far"
    from orgsocial.reporting.readings import trend_reading

    trend = pd.DataFrame(
        {
            "business_unit": ["A"] * 3 + ["B"] * 3,
            "period": ["2010-Q1", "2010-Q2", "2010-Q3"] * 2,
            "phase": pd.array([pd.NA, pd.NA, 2, 2, 3, 3], dtype="Int64"),
            "change": pd.array([pd.NA, pd.NA, pd.NA, pd.NA, 1, 0], dtype="Int64"),
        }
    )
    assert trend_reading(trend, "en", "A") == (
        "A has a phase in 1 of its 3 periods: too few to show a trend yet."
    )
    assert "1 van zijn 3 perioden" in trend_reading(trend, "nl", "A")
    assert trend_reading(trend, "en", "B").startswith("B is where it was in 2010-Q2")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_data_without_dates_show_no_trend_and_no_made_up_quarter(lang):
    """An import without times gives every event one default time (here 1990-01-01):
    the trend page says the data carry no dates, and the figure and the analysts' table
    name its one period so, not as the quarter 1990-Q1."""
    from matplotlib import pyplot as plt

    from orgsocial.reporting.plots import trend_lines
    from orgsocial.reporting.readings import trend_reading
    from orgsocial.reporting.text import label, phase_name

    trend = pd.DataFrame(
        {
            "business_unit": ["A", "B"],
            "period": ["1990-Q1"] * 2,
            "phase": pd.array([2, 3], dtype="Int64"),
            "phase_name": ["Centralisation", "Coordination"],
            "confidence": [0.6, 0.7],
            "between": ["", ""],
            "change": pd.array([pd.NA, pd.NA], dtype="Int64"),
            "moved_back": [False, False],
        }
    )
    note = "undated:1990-01-01"
    for unit in (None, "A"):
        assert trend_reading(trend, lang, unit, note) == label("reading_trend_undated", lang)
        assert trend_reading(trend, lang, unit) == label("reading_trend_empty", lang)
    figure = trend_lines(trend, lang, note=note)
    ticks = [tick.get_text() for tick in figure.axes[0].get_xticklabels()]
    # one period: nothing changed or moved back (the trial: "How the phase of Boston
    # changed", "dashed line: moved back")
    assert figure.axes[0].get_title(loc="left") == label("trend_one", lang)
    assert figure.axes[0].get_xlabel().endswith("\n" + label("trend_dot", lang))
    plt.close(figure)
    assert ticks == [label("no_dates", lang)]
    unit = trend_lines(trend.iloc[:1], lang, "A", note)
    assert unit.axes[0].get_title(loc="left") == label("trend_unit_one", lang, unit="A")
    plt.close(unit)
    later = trend_lines(pd.concat([trend, trend.assign(period="1990-Q2")]), lang)
    assert later.axes[0].get_xlabel().endswith("\n" + label("trend_dashed", lang))
    plt.close(later)
    assert nb.trend_table(trend, lang, note)["period"].tolist() == [label("no_dates", lang)] * 2
    assert nb.trend_table(trend, lang)["period"].tolist() == ["1990-Q1"] * 2
    # an "at least" verdict reads so in the trend table too (a trial: Lazega's table said
    # "Centralisation" where every other place said "at least Centralisation")
    shown = nb.trend_table(trend.assign(at_least=[True, False]), lang)["phase_name"].tolist()
    assert shown == [label("at_least_phase", lang, phase=phase_name(2, lang)), phase_name(3, lang)]


def test_imports_that_set_nothing_aside_do_not_point_at_a_rejects_file():
    # Lazega: "the imports set aside 0 records, each with the reason in the rejects file"
    from orgsocial.reporting.readings import quality_reading

    validation = pd.DataFrame({"rows_read": [5], "rows_kept": [5], "rows_rejected": [0]})
    imports = pd.DataFrame(
        {
            "import": ["edgelist", "edgelist"],
            "measure": ["records_set_aside", "events"],
            "count": [0, 5],
        }
    )
    said = quality_reading(validation, "en", imports)
    assert "set aside no record" in said and "rejects file" not in said
    assert "geen record apart gezet" in quality_reading(validation, "nl", imports)
    some = quality_reading(validation, "en", imports.assign(count=[199, 5]))
    assert "set aside 199 records, each with its reason" in some
    assert "no time" not in said  # dated: nothing about a default time


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_quality_reading_says_how_many_events_got_the_default_time(lang):
    """Lazega: every event got the mapping's default_time; the data-quality page says so."""
    from orgsocial.reporting.readings import quality_reading
    from orgsocial.reporting.text import label

    validation = pd.DataFrame({"rows_read": [378], "rows_kept": [378], "rows_rejected": [0]})
    imports = pd.DataFrame(
        {
            "import": ["edgelist"] * 3,
            "measure": ["records_set_aside", "events", "events_at_default_time"],
            "count": [0, 378, 378],
        }
    )
    said = quality_reading(validation, lang, imports)
    assert said.endswith(label("reading_default_time", lang, events="378"))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_small_departments_withheld_not_merged_say_so_in_the_privacy_table(lang):
    """Lazega's Providence: two departments too few even merged. 'Merged into' names
    nothing there; the data-quality page says they are withheld instead of a blank."""
    from orgsocial.reporting.text import label

    costs = pd.DataFrame(
        {
            "business_unit": ["(all)", "Boston", "Providence"],
            "departments": [6, 2, 2],
            "departments_merged": [4, 2, 2],
            "merged_into": ["other in Boston (small groups)", "other in Boston (small groups)", ""],
        }
    )
    shown = nb.privacy_table(costs, lang)["merged_into"].tolist()
    assert shown == [*costs["merged_into"][:2], label("withheld", lang)]
    merged_only = nb.privacy_table(costs.iloc[:2], lang)["merged_into"].tolist()
    assert merged_only == costs["merged_into"][:2].tolist()


def test_the_conversation_criterion_says_what_it_counts():
    """Trial: "share of interaction outside" ("aandeel interactie naar buiten") did not say
    that it counts conversation (replies, comments, messages) against broadcasting."""
    assert named("external_interaction_share", "en") == "external activity: share in conversation"
    assert named("external_interaction_share", "nl") == "externe activiteit: aandeel in gesprek"
