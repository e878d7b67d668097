"""The report's figures: each function takes result frames and returns a matplotlib Figure.

Colours come from seaborn's colour-blind-safe palette; every figure has a title;
texts are English or Dutch (``lang``).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from orgsocial import contract as c
from orgsocial.analysis.network import department_graph
from orgsocial.analysis.privacy import SMALL_GROUPS
from orgsocial.reporting.text import label, phase_name

PALETTE = sns.color_palette("colorblind", 10)
PHASE_COLOURS = {1: PALETTE[7], 2: PALETTE[1], 3: PALETTE[0], 4: PALETTE[2]}
UNCLASSIFIED = (0.75, 0.75, 0.75)
FUNCTION_COLOURS = {
    "marketing": PALETTE[0],
    "communications": PALETTE[1],
    "customer_service": PALETTE[2],
    "sales": PALETTE[3],
    "product": PALETTE[4],
    "it": PALETTE[5],
    "hr": PALETTE[6],
    "legal": PALETTE[7],
    "finance": PALETTE[8],
    "operations": PALETTE[9],
    "management": (0.25, 0.25, 0.25),
    "other": (0.8, 0.8, 0.8),
}
DPI = 100


def _empty(title: str, lang: str) -> Figure:
    figure, axes = plt.subplots(figsize=(8, 1.6), dpi=DPI)
    axes.axis("off")
    axes.set_title(title, loc="left", fontweight="bold")
    axes.text(0.0, 0.4, label("no_data", lang), transform=axes.transAxes)
    return figure


def phase_map(units: pd.DataFrame, lang: str = "en") -> Figure:
    """Each business unit on the four phases; marker size and text show the confidence.

    Units between two phases get a bar spanning both; unclassified units sit
    in a grey column on the left.
    """
    title = label("phase_map_title", lang)
    if units.empty:
        return _empty(title, lang)
    frame = units.assign(_order=units["phase"].astype("float64").fillna(0))
    frame = frame.sort_values(["_order", "business_unit"], ascending=[False, True])
    height = max(2.5, 0.45 * len(frame) + 1.2)
    figure, axes = plt.subplots(figsize=(9, height), dpi=DPI)
    for row, record in enumerate(frame.to_dict("records")):
        phase = record["phase"]
        if pd.isna(phase):
            axes.scatter(0, row, s=120, color=UNCLASSIFIED, marker="x")
            continue
        phase = int(phase)
        between = record.get("between") or ""
        if between:
            low, high = (int(p) for p in between.split("→"))
            axes.plot([low, high], [row, row], color=PHASE_COLOURS[phase], lw=6, alpha=0.35)
        confidence = float(record["confidence"]) if pd.notna(record["confidence"]) else 0.0
        axes.scatter(phase, row, s=80 + 420 * confidence, color=PHASE_COLOURS[phase], zorder=3)
        axes.annotate(
            f"{confidence:.0%}",
            (phase, row),
            xytext=(14, -4),
            textcoords="offset points",
            fontsize=9,
        )
    axes.set_yticks(range(len(frame)), frame["business_unit"].tolist())
    axes.set_xticks(
        [0, 1, 2, 3, 4],
        [label("not_classified", lang)] + [phase_name(p, lang) for p in c.PHASES],
    )
    axes.set_xlim(-0.5, 4.7)
    axes.invert_yaxis()
    axes.set_xlabel(label("phase_axis", lang))
    axes.grid(axis="x", alpha=0.3)
    axes.set_title(title, loc="left", fontweight="bold")
    sns.despine(figure)
    figure.tight_layout()
    return figure


def department_network(
    departments: pd.DataFrame,
    edges: pd.DataFrame,
    business_unit: str | None = None,
    lang: str = "en",
) -> Figure:
    """The department interaction graph: colour = function, size = events, width = interactions.

    With ``business_unit`` only that unit's departments and the edges between
    them are drawn. The busiest department (the hub) is outlined in black.
    """
    title = (
        label("network_unit_title", lang, unit=business_unit)
        if business_unit
        else label("network_title", lang)
    )
    nodes = departments[["department", "business_unit", "function", "events"]].copy()
    if business_unit:
        nodes = nodes.loc[nodes["business_unit"] == business_unit]
        names = set(nodes["department"])
        edges = edges.loc[edges["source"].isin(names) & edges["target"].isin(names)]
    if SMALL_GROUPS in set(edges["source"]) | set(edges["target"]):
        nodes = pd.concat(
            [
                nodes,
                pd.DataFrame(
                    [
                        {
                            "department": SMALL_GROUPS,
                            "business_unit": SMALL_GROUPS,
                            "function": "other",
                            "events": 0,
                        }
                    ]
                ),
            ]
        )
    if nodes.empty:
        return _empty(title, lang)
    graph = department_graph(nodes, edges)
    layout = _unit_grid_layout(graph)
    figure, axes = plt.subplots(figsize=(10, 7.5), dpi=DPI)
    weights = np.array([data["weight"] for *_, data in graph.edges(data=True)], dtype=float)
    if len(weights):
        widths = 0.4 + 3.6 * np.log1p(weights) / np.log1p(weights.max())
        nx.draw_networkx_edges(graph, layout, ax=axes, width=widths, alpha=0.35, edge_color="0.4")
    events = nodes.set_index("department")["events"].astype("float64").fillna(0)
    order = list(graph.nodes)
    sizes = [60 + 900 * math.sqrt(events.get(n, 0) / max(events.max(), 1)) for n in order]
    colours = [
        FUNCTION_COLOURS.get(graph.nodes[n].get("function", ""), UNCLASSIFIED) for n in order
    ]
    busiest = nodes.loc[nodes["events"].fillna(0) > 0].sort_values("events", ascending=False)
    hubs = set(busiest.groupby("business_unit").head(1)["department"])
    nx.draw_networkx_nodes(
        graph,
        layout,
        ax=axes,
        node_size=sizes,
        node_color=colours,
        edgecolors=["black" if n in hubs else "white" for n in order],
        linewidths=[2.5 if n in hubs else 0.8 for n in order],
    )
    if business_unit:
        shown = order
    else:  # one label per unit: its hub
        shown = sorted(hubs)
        for unit, (x, y) in _unit_centres(graph).items():
            axes.text(x, y + 0.5, unit, ha="center", fontsize=9, fontweight="bold")
    nx.draw_networkx_labels(graph, layout, labels={n: n for n in shown}, font_size=8, ax=axes)
    present = sorted({graph.nodes[n].get("function", "") for n in order} - {""})
    handles = [
        plt.Line2D([], [], marker="o", ls="", color=FUNCTION_COLOURS[f], label=f.replace("_", " "))
        for f in present
    ]
    axes.legend(
        handles=handles,
        title=label("function", lang),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
    )
    axes.set_title(title, loc="left", fontweight="bold")
    axes.axis("off")
    figure.tight_layout()
    return figure


def _unit_centres(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    units = sorted({str(unit) for _, unit in graph.nodes(data="business_unit", default="")})
    columns = max(1, math.ceil(math.sqrt(len(units))))
    return {unit: (1.3 * (i % columns), -1.3 * (i // columns)) for i, unit in enumerate(units)}


def _unit_grid_layout(graph: nx.Graph) -> dict[str, np.ndarray]:
    """Each business unit's departments laid out in their own cell of a grid."""
    centres = _unit_centres(graph)
    layout: dict[str, np.ndarray] = {}
    for unit, (x, y) in centres.items():
        members = [n for n, u in graph.nodes(data="business_unit", default="") if str(u) == unit]
        members.sort(key=lambda n: (str(graph.nodes[n].get("function", "")), n))
        sub = nx.Graph()
        sub.add_nodes_from(members)
        local = nx.circular_layout(sub, scale=0.42) if len(members) > 1 else {members[0]: (0, 0)}
        for node, position in local.items():
            layout[node] = np.asarray(position) + np.array([x, y])
    return layout


def response_times(
    responses: pd.DataFrame, business_unit: str | None = None, lang: str = "en"
) -> Figure:
    """Distribution of first-response times against the 1-hour and 24-hour marks."""
    title = label("response_title", lang)
    answered = responses.loc[responses["answered"].astype(bool)]
    if business_unit:
        answered = answered.loc[answered["business_unit"] == business_unit]
    if answered.empty:
        return _empty(title, lang)
    hours = answered.assign(hours=answered["response_minutes"].clip(lower=1) / 60.0)
    if business_unit:
        figure, axes = plt.subplots(figsize=(9, 3.5), dpi=DPI)
        sns.histplot(hours, x="hours", log_scale=True, ax=axes, color=PALETTE[0], bins=30)
        axes.set_ylabel("")
    else:
        order = sorted(hours["business_unit"].unique())
        figure, axes = plt.subplots(figsize=(9, 0.45 * len(order) + 1.5), dpi=DPI)
        sns.boxplot(
            hours,
            x="hours",
            y="business_unit",
            order=order,
            log_scale=True,
            ax=axes,
            color=PALETTE[0],
            fliersize=1.5,
        )
        axes.set_ylabel("")
    for value, key in ((1, "one_hour"), (24, "one_day")):
        axes.axvline(value, color=PALETTE[3], ls="--", lw=1.2)
        axes.text(
            value,
            1.01,
            label(key, lang),
            transform=axes.get_xaxis_transform(),
            ha="center",
            fontsize=9,
            color=PALETTE[3],
        )
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axes.set_xlabel(label("response_axis", lang))
    axes.set_title(title, loc="left", fontweight="bold", pad=16)
    sns.despine(figure)
    figure.tight_layout()
    return figure


def criteria_chart(evidence: pd.DataFrame, business_unit: str, lang: str = "en") -> Figure:
    """How far each criterion of phases 2-4 is met (0..1), grouped by phase, with the 0.5 mark."""
    title = label("criteria_title", lang, unit=business_unit)
    mine = evidence.loc[evidence["business_unit"] == business_unit].copy()
    if mine.empty:
        return _empty(title, lang)
    mine["phase_label"] = mine["phase"].map(lambda p: phase_name(p, lang))
    mine["criterion"] = mine["phase_label"] + ": " + mine["indicator"].str.replace("_", " ")
    figure, axes = plt.subplots(figsize=(9, 0.32 * len(mine) + 1.5), dpi=DPI)
    colours = {phase_name(p, lang): PHASE_COLOURS[p] for p in (2, 3, 4)}
    sns.barplot(
        mine,
        x=mine["fulfilment"].fillna(0),
        y="criterion",
        hue="phase_label",
        palette=colours,
        dodge=False,
        ax=axes,
    )
    for row, record in enumerate(mine.to_dict("records")):
        if pd.isna(record["fulfilment"]):
            axes.text(0.02, row, label("no_data", lang), va="center", fontsize=8, color="0.4")
    axes.axvline(0.5, color="0.3", ls="--", lw=1)
    axes.set_xlim(0, 1)
    axes.set_xlabel(label("criteria_axis", lang))
    axes.set_ylabel("")
    axes.legend(title=label("phase_axis", lang), loc="lower right", frameon=True)
    axes.set_title(title, loc="left", fontweight="bold")
    sns.despine(figure)
    figure.tight_layout()
    return figure
