"""Numbers in the reports' tables: counts as whole numbers (grouped as the language writes
them), other measures with two decimals, suppressed values as a dash, never "nan"."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.dataset import load_dataset
from orgsocial.reporting import notebook as nb
from orgsocial.reporting.tables import MISSING, is_count, shown
from orgsocial.reporting.text import name as named


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
    assert by_department["Marketing"][column["headcount"]] == "5"
    assert by_department["Marketing"][column["active employees"]] == "2"
    marketing = departments.loc[departments["department"] == "Marketing"].iloc[0]
    for name in ("headcount", "events", "events_internal", "connectors", "within_ties"):
        assert (
            by_department["Marketing"][column[name.replace("_", " ")]] == f"{marketing[name]:.0f}"
        )
    assert re.fullmatch(r"\d\.\d\d", by_department["Marketing"][column["active share"]])


def test_a_table_of_measures_shows_each_count_whole(results, monkeypatch):
    org = results.org.T.reset_index().set_axis(["measure", "value"], axis=1)  # as notebook 04
    page = table_html(org, "nl", monkeypatch)
    by_name = {row[0]: row[1] for row in cells(page)[1:]}  # measures named in Dutch
    values = {measure: by_name[named(measure, "nl")] for measure in results.org.columns}
    assert values["headcount"] == "18"
    assert values["departments"] == "4"
    assert values["business_units"] == "2"
    assert re.fullmatch(r"-?\d,\d\d|–", values["active_share"])  # a decimal comma in Dutch


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", ["2,400", "–", "105,119"]), ("nl", ["2.400", "–", "105.119"]), (None, None)],
)
def test_thousands_are_grouped_as_the_language_writes_them(lang, expected):
    frame = pd.DataFrame(
        {
            "headcount": [2400.0, float("nan"), 105_119.0],
            "rows_read": pd.array([2400, pd.NA, 105_119], dtype="Int64"),
            "answer_minutes_median": [1996.7667, float("nan"), 0.5],
        }
    )
    out = shown(frame, lang)
    grouped = expected or ["2400", "–", "105119"]
    assert out["headcount"].tolist() == grouped
    assert out["rows read"].tolist() == grouped
    decimals = {"en": "1,996.77", "nl": "1.996,77", None: "1996.77"}[lang]
    assert out["answer minutes median"].tolist() == [
        decimals,
        "–",
        "0,50" if lang == "nl" else "0.50",
    ]


def test_counts_are_known_by_name_and_flags_and_text_stay_as_they_are():
    assert all(map(is_count, ["headcount", "events_external", "unit_bridges", "inquiries"]))
    assert not any(map(is_count, ["coverage", "social_channel_share", "ei_index", "response_rate"]))
    frame = pd.DataFrame({"unit": ["A"], "suppressed": [True], "coverage": [1.0]})
    assert shown(frame).to_dict("list") == {
        "unit": ["A"],
        "suppressed": [True],
        "coverage": ["1.00"],
    }
