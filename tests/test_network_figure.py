"""The department network figure draws what privacy merged, with its unit, and renders
whatever the layout (a row of nodes once overflowed the text raster)."""

from __future__ import annotations

import pandas as pd

from orgsocial.reporting.notebook import figure_png
from orgsocial.reporting.plots import department_network

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


def test_two_units_of_two_departments_in_a_row_render():
    for unit in (None, "Contoso"):
        assert figure_png(department_network(DEPARTMENTS, EDGES.iloc[:3], unit))[:4] == b"\x89PNG"


def test_merged_nodes_are_drawn_with_their_unit_and_suppressed_departments_are_not():
    figure = department_network(DEPARTMENTS, EDGES, "Contoso")
    labels = {text.get_text() for text in figure.axes[0].texts}
    assert "other in Contoso (small groups)" in labels
    assert "CEO" not in labels and "Finance" not in labels
    assert figure_png(figure)[:4] == b"\x89PNG"
