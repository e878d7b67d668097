"""Every figure's title fits inside the figure, in English and Dutch, also for a unit with a
long name (the criteria chart used to cut "How far Wealth Management meets each phase's cri")."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from conftest import small_demo
from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.io.dataset import load_dataset
from orgsocial.reporting import plots
from orgsocial.reporting.text import label

LONG = "Wealth Management and Private Banking Services"
PLAN = ((LONG, 2), ("Centre", 3), ("East", 1))


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("titles") / "data"
    return analyse(load_dataset(small_demo(folder, 4, PLAN)), load_settings())


FIGURES = {
    "phase map": lambda r, lang: plots.phase_map(r.units, lang),
    "criteria": lambda r, lang: plots.criteria_chart(r.evidence, LONG, lang),
    "no criteria": lambda r, lang: plots.criteria_chart(r.evidence.iloc[0:0], LONG, lang),
    "unit network": lambda r, lang: plots.department_network(
        r.departments, r.department_edges, LONG, lang, period="2026-01-01..2026-09-30"
    ),
    "network": lambda r, lang: plots.department_network(
        r.departments, r.department_edges, lang=lang, period="2026-01-01..2026-09-30"
    ),
    "unit responses": lambda r, lang: plots.response_times(r.responses, LONG, lang, "2026-Q3"),
    "responses": lambda r, lang: plots.response_times(
        r.responses, lang=lang, period="2026-01-01..2026-09-30"
    ),
    "heatmap": lambda r, lang: plots.interaction_heatmap(r.department_edges, lang),
    # four groups (Viva group-to-group): a small square heatmap once pushed its title out
    "small heatmap": lambda r, lang: plots.interaction_heatmap(
        pd.DataFrame(
            {"source": ["A", "A", "B", "C"], "target": ["B", "C", "D", "D"], "weight": [9, 5, 7, 3]}
        ),
        lang,
    ),
    "nodes in a row": lambda r, lang: plots.department_network(
        pd.DataFrame(
            {
                "department": ["P", "S", "F", "H"],
                "business_unit": ["Contoso", "Contoso", "Corporate", "Corporate"],
                "function": ["product", "marketing", "finance", "hr"],
                "events": [0.0] * 4,
            }
        ),
        pd.DataFrame({"source": ["P", "F"], "target": ["S", "H"], "weight": [5, 4]}),
        lang=lang,
    ),
    "trend": lambda r, lang: plots.trend_lines(r.trend, lang),
    "unit trend": lambda r, lang: plots.trend_lines(
        r.trend.loc[r.trend["business_unit"] == LONG], lang, LONG
    ),
    "connections": lambda r, lang: plots.unit_connections(
        r.departments, r.department_edges, lang, "2026-01-01..2026-09-30"
    ),
    "validation": lambda r, lang: plots.validation_bars(r.validation, lang),
}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_the_title_fits_inside_the_figure(results, name, lang):
    figure = FIGURES[name](results, lang)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    title = axes.title if axes.get_title() else axes._left_title
    assert title.get_text(), name
    shown = title.get_window_extent(renderer)
    frame = figure.bbox
    assert frame.x0 <= shown.x0 and shown.x1 <= frame.x1, (name, title.get_text())
    assert frame.y0 <= shown.y0 and shown.y1 <= frame.y1, (name, title.get_text())
    drawn = figure.get_tightbbox(renderer)  # everything drawn, in inches
    width, height = figure.get_size_inches()
    assert drawn.x0 >= -0.01 and drawn.x1 <= width + 0.01, (name, drawn)
    assert drawn.y0 >= -0.01 and drawn.y1 <= height + 0.01, (name, drawn)
    plt.close(figure)


def test_a_long_title_is_wrapped_not_cut(results):
    figure = plots.criteria_chart(results.evidence, LONG, "nl")
    title = figure.axes[0].get_title(loc="left")
    assert "\n" in title
    assert " ".join(title.split()) == f"In hoeverre {LONG} aan de criteria van elke fase voldoet"
    plt.close(figure)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_last_criterion_without_data_says_so_inside_the_axes(results, lang):
    # the manufacturing e-mail: its last criteria have no data, and "Geen gegevens"
    # was written over the x axis
    evidence = results.evidence.copy()
    mine = evidence.index[evidence["business_unit"] == LONG]
    evidence.loc[mine[-2:], "value"] = float("nan")
    figure = plots.criteria_chart(evidence, LONG, lang)
    figure.canvas.draw()
    axes = figure.axes[0]
    box = axes.get_window_extent()
    notes = [t for t in axes.texts if t.get_text() == label("no_data", lang)]
    assert len(notes) == 2
    for note in notes:
        extent = note.get_window_extent()
        assert box.y0 < extent.y0 and extent.y1 < box.y1
    rows = [t.get_text() for t in axes.get_yticklabels()]
    low, high = sorted(axes.get_ylim())
    assert (low, high) == (-0.5, len(rows) - 0.5)
    plt.close(figure)


def test_wrapping_keeps_words_whole():
    assert plots.wrap_lines("Phase\nopen circle: provisional verdict", 12) == (
        "Phase\nopen circle:\nprovisional\nverdict"
    )
    assert plots.wrap_lines("Centralisatiefase", 12) == "Centralisatiefase"


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", ["criteria", "unit responses", "responses", "validation"])
def test_numbers_on_the_axes_are_written_as_the_language_writes_them(results, name, lang):
    figure = FIGURES[name](results, lang)
    figure.canvas.draw()
    ticks = [
        t.get_text()
        for axes in figure.axes
        for t in axes.get_xticklabels() + axes.get_yticklabels()
        if any(ch.isdigit() for ch in t.get_text())
    ]
    plt.close(figure)
    assert ticks, name
    decimal, grouping = (",", ".") if lang == "nl" else (".", ",")
    for tick in ticks:
        digits = tick.replace("−", "").replace("-", "")
        # a decimal mark only between a leading 0 and its decimals ("0,1"); a grouping
        # mark only before three digits ("10.000"); never a fraction of a count
        if decimal in digits:
            assert digits.startswith("0" + decimal), (name, tick)
        if grouping in digits:
            assert all(len(part) == 3 for part in digits.split(grouping)[1:]), (name, tick)


def test_criteria_bars_are_the_share_of_the_threshold_reached_capped_at_150_percent(results):
    figure = plots.criteria_chart(results.evidence, LONG, "en")
    mine = results.evidence.loc[results.evidence["business_unit"] == LONG]
    bars = sorted(round(p.get_width(), 6) for p in figure.axes[0].patches)
    # a count rule reads as the whole number the page writes: "at least 3" (threshold 2.5)
    counts = mine["indicator"].str.endswith("_employees")
    rule = mine["threshold"].where(~counts, np.ceil(mine["threshold"]))
    shares = (mine["value"] / rule).clip(upper=plots.CRITERIA_CAP)
    # a yes/no criterion is met (100%) or not (0%), never "200% of yes"
    yes_no = mine["indicator"].str.endswith("_is_marcom")
    shares = shares.where(~yes_no, (mine["value"] >= mine["threshold"]).astype(float))
    shares = shares[mine["value"].notna()]
    assert bars == sorted(round(v, 6) for v in shares)
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "100%: threshold met" in legend
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()][:3] == ["0%", "50%", "100%"]
    plt.close(figure)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_heatmap_scale_is_in_words_and_counts(results, lang):
    figure = plots.interaction_heatmap(results.department_edges, lang)
    scale = figure.axes[-1]  # the colour bar
    assert scale.get_ylabel() == plots.label("heatmap_scale", lang)
    ticks = [t.get_text() for t in scale.get_yticklabels()]
    assert ticks[:3] == ["0", "1", "10"]
    plt.close(figure)


def test_a_small_file_reads_as_well_as_a_large_one():
    validation = pd.DataFrame(
        {
            "file": ["departments", "activity"],
            "rows_read": [83, 100000],
            "rows_kept": [80, 100000],
            "rows_rejected": [3, 0],
        }
    )
    figure = plots.validation_bars(validation, "nl")
    widths = [round(p.get_width(), 4) for p in figure.axes[0].patches if p.get_width() > 0]
    assert sorted(widths) == [round(3 / 83, 4), round(80 / 83, 4), 1.0]
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "83 gelezen: 80 gebruikt, 3 apart gezet" in texts
    assert "100.000 gelezen: 100.000 gebruikt, 0 apart gezet" in texts
    plt.close(figure)


def test_a_count_rule_bar_is_the_share_of_the_whole_number_it_asks_for(results):
    # "at least 3 people active" (threshold 2.5): one person is a third of it, as the
    # sentence beside it says, not 1 / 2.5 = 40%
    evidence = results.evidence.loc[results.evidence["business_unit"] == LONG].copy()
    evidence = evidence.loc[evidence["indicator"] == "lead_department_active_employees"]
    assert len(evidence) >= 1
    evidence[["value", "threshold"]] = [1.0, 2.5]
    figure = plots.criteria_chart(evidence, LONG, "en")
    widths = {round(p.get_width(), 4) for p in figure.axes[0].patches}
    assert widths == {round(1 / 3, 4)}
    assert "33%" in [t.get_text() for t in figure.axes[0].texts]
    plt.close(figure)


def test_the_not_used_legend_entry_only_where_a_hatched_bar_is_drawn(results):
    # the manufacturing e-mail: every chart's legend showed the hatched "not used" entry,
    # its unused criteria having no data (written "no data", not drawn)
    from orgsocial.reporting.text import label as words

    evidence = results.evidence.loc[results.evidence["business_unit"] == LONG].copy()
    unused = evidence.index[:2]
    evidence.loc[unused, "used_for"] = ""
    evidence.loc[unused, "value"] = float("nan")

    def legend(frame):
        figure = plots.criteria_chart(frame, LONG, "en")
        texts = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
        plt.close(figure)
        return texts

    assert words("used_none", "en") not in legend(evidence)
    evidence.loc[unused[0], "value"] = 0.1  # now one unused criterion has a bar
    assert words("used_none", "en") in legend(evidence)


def test_a_criterion_privacy_withholds_says_so_not_no_data():
    # sixth trial: unit 104's withheld criteria read "Geen gegevens om te tonen"
    from orgsocial.reporting.plots import criteria_chart

    evidence = pd.DataFrame(
        {
            "business_unit": ["U", "U"],
            "phase": [3, 3],
            "indicator": ["department_density", "policy_agree_share"],
            "source": ["behaviour", "survey"],
            "role": ["supporting", "supporting"],
            "value": [float("nan"), float("nan")],
            "threshold": [0.5, 0.5],
            "softness": [0.1, 0.1],
            "weight": [1.0, 1.0],
            "fulfilment": [float("nan"), float("nan")],
            "used_for": ["verdict", ""],
            "value_suppressed": [True, False],
        }
    )
    for lang, withheld, missing in (
        ("en", "Withheld for privacy.", "No data to show."),
        ("nl", "Afgeschermd voor privacy.", "Geen gegevens om te tonen."),
    ):
        texts = [t.get_text() for t in criteria_chart(evidence, "U", lang).axes[0].texts]
        assert texts.count(withheld) == 1 and texts.count(missing) == 1, texts


@pytest.mark.parametrize("axes_count", [1, 2])
def test_the_layout_is_matplotlibs_tight_layout(axes_count):
    """The plots lay out in one pass; matplotlib's ``tight_layout()`` takes two (its
    default ``rect``) to the same margins."""

    def figure():
        made, axes = plt.subplots(axes_count, 1, figsize=(6, 3), dpi=100, squeeze=False)
        for row, each in enumerate(axes[:, 0]):
            each.barh(range(3), [1, 2, 3])
            each.set_yticks(range(3), ["a long label for a bar", "b", "c" * (10 + row)])
            each.set_title("A title on the left, bold", loc="left", fontweight="bold")
            each.set_xlabel("share")
        return made

    ours, theirs = figure(), figure()
    plots._tight_layout(ours)
    theirs.tight_layout()
    mine = [a.get_position().bounds for a in ours.axes]
    assert mine == [a.get_position().bounds for a in theirs.axes]
    assert mine[0] != (0.125, 0.11, 0.775, 0.77)  # laid out, not matplotlib's default
    plt.close("all")
