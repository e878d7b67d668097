"""The department network figure draws what privacy merged, with its unit, and renders
whatever the layout (a row of nodes once overflowed the text raster)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from orgsocial.reporting.notebook import figure_svg
from orgsocial.reporting.plots import department_network, unit_connection_shares, unit_connections
from orgsocial.reporting.readings import connections_reading

DEPARTMENTS = pd.DataFrame(
    {
        "department": ["Product", "Sales", "Finance", "HR", "CEO"],
        "business_unit": ["Contoso", "Contoso", "Corporate", "Corporate", "Contoso"],
        "function": ["product", "marketing", "finance", "hr", "management"],
        "events": [0.0, 0.0, 0.0, 0.0, float("nan")],
        "suppressed": [False, False, False, False, True],
    }
)
EDGES = pd.DataFrame(
    {
        "source": ["Product", "Finance", "Sales", "Product"],
        "target": ["Sales", "HR", "HR", "other in Contoso (small groups)"],
        "weight": [5, 4, 1, 2],
    }
)


@pytest.fixture(autouse=True)
def _figures_closed():
    """Each test's figures are closed after it (pyplot keeps them open, and warns at 20)."""
    yield
    plt.close("all")


def test_two_units_of_two_departments_in_a_row_render():
    for unit in (None, "Contoso"):
        assert "<svg" in figure_svg(department_network(DEPARTMENTS, EDGES.iloc[:3], unit))


def test_merged_nodes_are_drawn_with_their_unit_and_suppressed_departments_are_not():
    figure = department_network(DEPARTMENTS, EDGES, "Contoso")
    labels = {text.get_text() for text in figure.axes[0].texts}
    assert "other in Contoso (small groups)" in labels
    assert "CEO" not in labels and "Finance" not in labels
    assert "<svg" in figure_svg(figure)


def test_a_merged_node_is_drawn_mid_sized_and_dashed_not_as_the_smallest():
    # manufacturing: "other in unit 69 (small groups)", 40 people, was the smallest dot
    # (its departments' events are withheld, and were drawn as 0)
    measured = DEPARTMENTS.assign(events=[100.0, 10.0, 0.0, 0.0, float("nan")])
    figure = department_network(measured, EDGES, "Contoso")
    dots = figure.axes[0].collections[-1]
    sizes = list(dots.get_sizes())
    dashed = [style[1] is not None for style in dots.get_linestyles()]
    assert dashed.count(True) == 1  # the merged node, and only it
    merged = sizes[dashed.index(True)]
    assert min(sizes) < merged < max(sizes)


def test_a_dataset_without_person_level_activity_reads_without_empty_periods(tmp_path):
    """Viva group-to-group: ties between groups, no employee events, no period to read."""
    from typer.testing import CliRunner

    from orgsocial.cli import app

    viva = Path(__file__).resolve().parent / "data" / "real" / "vivainsights-demo-NOT-REAL"
    mapping = Path(__file__).resolve().parents[1] / "docs" / "mappings" / "viva-g2g.yaml"
    runner = CliRunner()
    data, out = tmp_path / "d", tmp_path / "r"
    imported = runner.invoke(
        app,
        [
            "import",
            "viva",
            str(viva / "g2g_data.csv"),
            "--mapping",
            str(mapping),
            "--out",
            str(data),
        ],
    )
    assert imported.exit_code == 0, imported.output
    report = runner.invoke(app, ["report", str(data), "--out", str(out), "--no-progress"])
    assert report.exit_code == 0, report.output
    index = (out / "index.html").read_text()
    assert "Not classified in <" not in index and "Not classified in " not in index
    assert "Not classified: no period with activity to read" in index
    assert "now ()" not in (out / "overview.html").read_text()


def test_a_units_figure_is_as_tall_as_its_departments_need():
    two = department_network(DEPARTMENTS, EDGES.iloc[:3], "Corporate")
    many = pd.DataFrame(
        {
            "department": [f"D{i}" for i in range(9)],
            "business_unit": "Big",
            "function": "other",
            "events": 1.0,
        }
    )
    nine = department_network(
        many, pd.DataFrame({"source": ["D0"], "target": ["D1"], "weight": [1]}), "Big"
    )
    assert two.get_figheight() < 3 < nine.get_figheight()


def test_labels_sit_beside_their_dots_not_on_them():
    figure = department_network(DEPARTMENTS, EDGES, "Contoso")
    offsets = [text.xyann for text in figure.axes[0].texts if text.get_text()]
    assert offsets and all(abs(x) + abs(y) > 3 for x, y in offsets)


def test_unit_prefixes_of_department_names_are_explained():
    departments = DEPARTMENTS.assign(
        department=["CO Product", "CO Sales", "CP Finance", "CP HR", "CO CEO"]
    )
    edges = pd.DataFrame(
        {"source": ["CO Product", "CP Finance"], "target": ["CO Sales", "CP HR"], "weight": [5, 4]}
    )
    figure = department_network(departments, edges)
    texts = {
        t.get_text()
        for legend in figure.axes[0].findobj(lambda a: hasattr(a, "get_texts"))
        for t in legend.get_texts()
    }
    assert {"CO = Contoso", "CP = Corporate"} <= texts


# North: Marketing, Service (customer service), Tiny, a suppressed one (merged); South: Ops.
UNITS = pd.DataFrame(
    {
        "department": ["Marketing", "Service", "Tiny", "Hidden", "Ops"],
        "business_unit": ["North", "North", "North", "North", "South"],
        "function": ["marketing", "customer_service", "legal", "legal", "operations"],
        "events": [5.0, 5.0, 1.0, float("nan"), 3.0],
        "suppressed": [False, False, False, True, False],
    }
)
LINKS = pd.DataFrame(
    {
        "source": ["Marketing", "Tiny", "Ops", "Marketing", "Tiny"],
        "target": [
            "Service",
            "Service",
            "Marketing",
            "other (small groups)",
            "other in North (small groups)",
        ],
        "weight": [2, 1, 1, 3, 4],
    }
)


def test_unit_connections_are_counted_by_hand():
    shares = unit_connection_shares(UNITS, LINKS).set_index("business_unit")
    # North: Marketing, Service, Tiny and its merged node (not Hidden); the organisation's
    # merged node belongs to no unit and is left out
    north, south = shares.loc["North"], shares.loc["South"]
    assert north["customer_service"] == 2 / 3  # Marketing and Tiny of Marketing, Tiny, merged
    assert north["within"] == 3 / 6  # M-S, T-S, T-merged of 4 nodes' 6 pairs
    assert north["between"] == 1 / 8  # Ops-Marketing of 2 + 1 + 1 + 4
    assert pd.isna(south["customer_service"]) and pd.isna(south["within"])
    assert south["between"] == 1.0


def test_unit_connections_write_their_shares_and_say_where_least():
    figure = unit_connections(UNITS, LINKS, "nl", "2026-Q3")
    texts = {t.get_text() for t in figure.axes[0].texts}
    assert {"67%", "50%", "12%", "100%", "–"} <= texts
    assert "Hidden" not in {t.get_text() for t in figure.axes[0].get_yticklabels()}
    reading = connections_reading(unit_connection_shares(UNITS, LINKS), "en")
    # only North has a value: one unit is no comparison, so no unit is called "least",
    # and the reading does not claim that none lags either; it says what North shows
    # (the Slack sample: one unit of four departments was "too few units" to compare)
    assert "least" not in reading and "lags" not in reading
    assert reading == (
        "Only North shows two or more departments, so there is no other unit to compare it "
        "with: 50% of its department pairs interact."
    )
    nothing = unit_connection_shares(UNITS, LINKS).assign(within=float("nan"))
    assert connections_reading(nothing, "en").startswith("Too few units show two or more")


def test_the_share_with_other_units_says_it_is_of_the_interactions_between_departments():
    # Lazega: "% of the unit's interactions" read 53% where 14% of all the unit's
    # interactions were with other units; the edges hold only those between departments
    for lang, words in (
        ("en", "with other units (% of the unit's interactions between departments)"),
        ("nl", "met andere onderdelen (% van de interacties tussen afdelingen van het onderdeel)"),
    ):
        figure = unit_connections(UNITS, LINKS, lang)
        ticks = [" ".join(t.get_text().split()) for t in figure.axes[0].get_xticklabels()]
        assert ticks[2] == words


def test_the_connections_reading_names_a_laggard_only_where_units_differ():
    from orgsocial.reporting.readings import connections_reading

    alike = pd.DataFrame(
        {"business_unit": ["A", "B"], "customer_service": [1.0, 1.0], "within": [1.0, 1.0]}
    )
    assert "least" not in connections_reading(alike, "en")
    assert connections_reading(alike, "en").startswith("No unit lags behind")
    apart = alike.assign(within=[0.4, 1.0])
    assert connections_reading(apart, "en") == (
        "The departments of A work together least: 40% of their pairs interact."
    )


def test_the_phase_map_reading_never_counts_zeros_when_every_unit_is_in_centralisation():
    from orgsocial.reporting.readings import phase_map_reading

    units = pd.DataFrame({"phase": [2, 2, 2], "at_least": [False, False, False]})
    reading = phase_map_reading(units, "en")
    assert reading == (
        "Every classified business unit (3) is in centralisation: none is still in the pilot "
        "phase, none yet in coordination."
    )
    assert "0 of" not in reading and "0 are" not in reading
    # "at least" verdicts may be further: not "none yet in coordination" (Lazega)
    open_ended = units.assign(at_least=[True, True, False])
    assert phase_map_reading(open_ended, "en") == (
        "Every classified business unit (3) is at least in centralisation: none is still in the "
        "pilot phase. For 2 of them the data cannot tell whether they are further (“at least”)."
    )
    assert phase_map_reading(open_ended, "nl") == (
        "Elk ingedeeld bedrijfsonderdeel (3) zit minstens in de centralisatiefase: geen zit nog "
        "in de pilotfase. Bij 2 daarvan kunnen de gegevens niet zeggen of ze verder zijn "
        "(“minstens”)."
    )
    mixed = phase_map_reading(units.assign(phase=[1, 2, 3]), "en")
    assert mixed.startswith("1 of 3 classified business units is in coordination")


def test_the_dash_is_explained_only_where_a_cell_shows_one():
    from orgsocial.reporting.text import label

    with_dash = unit_connections(UNITS, LINKS, "en")
    assert with_dash.axes[0].get_xlabel() == label("connections_none", "en")
    north_only = UNITS.loc[UNITS["business_unit"] == "North"]
    shares = unit_connection_shares(north_only, LINKS)
    assert not shares[["customer_service", "within", "between"]].isna().any().any()
    without = unit_connections(north_only, LINKS, "en")
    assert without.axes[0].get_xlabel() == ""


def test_a_figure_is_the_same_svg_every_time():
    """Pages made twice from the same data are the same bytes: no date in the SVG and
    ids from the drawing, not at random (matplotlib's default)."""
    first = figure_svg(department_network(DEPARTMENTS, EDGES, "Contoso"))
    again = figure_svg(department_network(DEPARTMENTS, EDGES, "Contoso"))
    assert first == again
    assert "<dc:date>" not in first and 'clip-path="url(#' in first


def test_the_organisations_network_names_each_hub_under_its_units_dots():
    """The legend says the ringed dot is named under the unit; in a unit of 42 departments
    drawn as a ring, the name sat at the ring's centre, under another dot (trial), and a
    large lowest dot covered part of it (second trial)."""
    measured = DEPARTMENTS.assign(events=[100.0, 10.0, 50.0, 5.0, float("nan")])
    axes = department_network(measured, EDGES).axes[0]
    dots = axes.collections[-1]
    placed = list(zip(dots.get_offsets(), dots.get_sizes(), strict=True))
    named = {t.get_text(): t for t in axes.texts if t.get_fontsize() == 8}
    # each unit's busiest, and only they, said so: under the ring's lowest dot a bare
    # name read as that dot's
    assert set(named) == {"busiest: Product", "busiest: Finance"}
    for text in named.values():
        x, y = text.xy
        cluster = [(dy, size) for (dx, dy), size in placed if abs(dx - x) < 0.5]
        lowest, size = min(cluster)
        assert y == lowest and text.xyann[1] < -(size**0.5) / 2  # below that dot's rim


def test_the_networks_legend_says_what_it_draws_and_fits_the_figure():
    from matplotlib.legend import Legend

    measured = DEPARTMENTS.assign(events=[100.0, 10.0, 50.0, 5.0, float("nan")])
    organisation = department_network(measured, EDGES)
    one_unit = department_network(measured.iloc[:2], EDGES.iloc[:1])
    renderer = organisation.canvas.get_renderer()

    def legends(figure):
        return [a for a in figure.axes[0].get_children() if isinstance(a, Legend)]

    def entries(figure):
        texts = (t.get_text() for legend in legends(figure) for t in legend.get_texts())
        return " ".join(" ".join(texts).split())  # the entries are wrapped

    assert "merged for privacy" in entries(organisation)  # CEO's dashed dot (trial)
    assert "merged for privacy" not in entries(one_unit)  # nothing merged there
    assert "between units" in entries(organisation) and "between units" not in entries(one_unit)
    # the busiest's black ring on a unit's figure too (trial), not where none is drawn
    assert "black ring" in entries(department_network(measured, EDGES, "Contoso"))
    assert "black ring" not in entries(department_network(DEPARTMENTS, EDGES))  # no events
    for legend in legends(organisation):  # the function legend stuck out of the figure
        assert legend.get_window_extent(renderer).x1 <= organisation.bbox.x1


def test_a_row_of_units_and_the_heatmaps_colour_bar_leave_no_wide_gaps():
    """Trial (Lazega): two units in one row drawn 7.5 inches tall, empty above and below;
    the heatmap's colour bar far to the right of its square."""
    from orgsocial.reporting.plots import interaction_heatmap

    assert department_network(DEPARTMENTS, EDGES.iloc[:3]).get_size_inches()[1] < 5
    matrix, bar = interaction_heatmap(EDGES).axes
    assert 0 < bar.get_position().x0 - matrix.get_position().x1 < 0.05


def test_the_network_legend_has_one_entry_a_colour():
    """Marketing and communications share a brown, finance and HR a beige: two swatches of
    one colour read as two colours (trial)."""
    from orgsocial.reporting.plots import _function_labels

    entries = _function_labels({"marketing", "communications", "finance", "hr", "sales"}, "en")
    colours = [colour for colour, _ in entries]
    assert len(colours) == len(set(colours)) == 3
    words = [" ".join(text.split()) for _, text in entries]
    assert words == ["marketing, communications", "sales", "finance, HR"]
