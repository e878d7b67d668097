"""One colour, one meaning: the phase colours are drawn only for phases, on every figure
(leadership found the trend page drawing Retail Banking, phase 4, in grey, the network
drawing marketing in Coordination blue and every response box in it)."""

from __future__ import annotations

import inspect

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from conftest import small_demo
from orgsocial.analysis.pipeline import analyse
from orgsocial.config import load_settings
from orgsocial.io.dataset import load_dataset
from orgsocial.reporting import plots

PLAN = (("Retail", 4), ("Centre", 3), ("East", 1), ("West", 2))
#: Closer than this (RGB distance) to a phase colour reads as that phase.
CONFUSABLE = 0.15


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("colours") / "data"
    return analyse(load_dataset(small_demo(folder, 7, PLAN)), load_settings())


FIGURES = {
    "phase_map": lambda r, lang: plots.phase_map(r.units, lang),
    "department_network": lambda r, lang: plots.department_network(
        r.departments, r.department_edges, lang=lang
    ),
    "unit network": lambda r, lang: plots.department_network(
        r.departments, r.department_edges, "Retail", lang
    ),
    "unit_connections": lambda r, lang: plots.unit_connections(
        r.departments, r.department_edges, lang
    ),
    "response_times": lambda r, lang: plots.response_times(r.responses, lang=lang),
    "unit responses": lambda r, lang: plots.response_times(r.responses, "Retail", lang),
    "criteria_chart": lambda r, lang: plots.criteria_chart(r.evidence, "Centre", lang),
    "interaction_heatmap": lambda r, lang: plots.interaction_heatmap(r.department_edges, lang),
    "trend_lines": lambda r, lang: plots.trend_lines(r.trend, lang),
    "unit trend": lambda r, lang: plots.trend_lines(
        r.trend.loc[r.trend["business_unit"] == "Retail"], lang, "Retail"
    ),
    "validation_bars": lambda r, lang: plots.validation_bars(r.validation, lang),
}


def _drawn_colours(artist) -> np.ndarray:
    """The RGB colours ``artist`` paints (none when it is hidden, blank or transparent)."""
    if not artist.get_visible():
        return np.empty((0, 3))
    if isinstance(artist, Line2D):
        line = artist.get_linestyle() not in ("None", "", " ")
        marker = artist.get_marker() not in ("None", "", " ", None)
        colours = [artist.get_color()] if line else []
        if marker:
            colours += [artist.get_markerfacecolor(), artist.get_markeredgecolor()]
    elif isinstance(artist, Collection):
        colours = [*artist.get_facecolor(), *artist.get_edgecolor()]
    elif isinstance(artist, Patch):
        colours = [artist.get_facecolor(), artist.get_edgecolor()]
    elif isinstance(artist, Text):
        colours = [artist.get_color()] if artist.get_text().strip() else []
    else:
        return np.empty((0, 3))
    rgba = to_rgba_array([c for c in colours if not (isinstance(c, str) and c == "none")])
    return rgba[rgba[:, 3] > 0, :3]


def _phases_near(colours: np.ndarray) -> set[int]:
    """The phases whose colour any of ``colours`` is (or is confusable with)."""
    return {
        phase
        for phase, colour in plots.PHASE_COLOURS.items()
        if len(colours) and np.linalg.norm(colours - np.asarray(colour), axis=1).min() < CONFUSABLE
    }


def _phase_marks(figure: Figure) -> dict[int, int]:
    """How many artists of ``figure`` are marked as each phase."""
    marks: dict[int, int] = {}
    for artist in figure.findobj():
        gid = artist.get_gid() or ""
        if gid.startswith("phase-"):
            marks[int(gid.removeprefix("phase-"))] = (
                marks.get(int(gid.removeprefix("phase-")), 0) + 1
            )
    return marks


def test_every_figure_function_is_checked():
    public = {
        name
        for name, function in inspect.getmembers(plots, inspect.isfunction)
        if function.__module__ == plots.__name__
        and not name.startswith("_")
        and inspect.signature(function).return_annotation in (Figure, "Figure")
    }
    assert public <= set(FIGURES), public - set(FIGURES)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_a_phase_colour_is_drawn_only_for_that_phase(results, name, lang):
    figure = FIGURES[name](results, lang)
    figure.canvas.draw()
    for artist in figure.findobj():
        near = _phases_near(_drawn_colours(artist))
        gid = artist.get_gid() or ""
        if gid.startswith("phase-"):
            assert near == {int(gid.removeprefix("phase-"))}, (name, artist, gid, near)
        else:
            assert not near, (name, artist, near)
    plt.close(figure)


def test_the_trend_draws_each_period_in_the_colour_of_its_phase(results):
    figure = plots.trend_lines(results.trend, "en")
    phases = results.trend["phase"].dropna().astype(int)
    marks = _phase_marks(figure)
    assert marks == phases.value_counts().to_dict()  # one dot per unit and period
    units = {text.get_text() for text in figure.axes[0].texts}
    assert set(results.trend["business_unit"]) <= units  # named at the end of their line
    plt.close(figure)


def test_the_criteria_are_drawn_in_the_colour_of_their_phase(results):
    figure = plots.criteria_chart(results.evidence, "Centre", "en")
    mine = results.evidence.loc[results.evidence["business_unit"] == "Centre"]
    bars = mine["value"].notna().groupby(mine["phase"].astype(int)).sum()
    swatches = {int(p): 1 for p in mine["phase"].unique()}  # one in the legend
    expected = {p: int(bars.get(p, 0)) + swatches[p] for p in swatches}
    assert _phase_marks(figure) == expected
    plt.close(figure)


@pytest.mark.parametrize("name", ["department_network", "response_times", "validation_bars"])
def test_figures_without_phases_draw_no_phase_colour(results, name):
    figure = FIGURES[name](results, "en")
    assert not _phase_marks(figure)
    assert not set().union(*(_phases_near(_drawn_colours(a)) for a in figure.findobj()))
    plt.close(figure)


def test_function_colours_are_no_phase_colours():
    colours = np.asarray([*plots.FUNCTION_COLOURS.values(), plots.OTHER_FUNCTION])
    assert not _phases_near(colours)
    assert not _phases_near(np.asarray([plots.RESPONSE, plots.KEPT, plots.SET_ASIDE, plots.INK]))
    assert pd.Series(list(plots.PHASE_COLOURS.values())).nunique() == 4
