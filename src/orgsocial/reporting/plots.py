"""The report's figures: each function takes result frames and returns a matplotlib Figure.

Colours come from seaborn's colour-blind-safe palette; every figure has a title;
texts are English or Dutch (``lang``).
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from orgsocial import contract as c
from orgsocial.analysis.network import department_graph
from orgsocial.analysis.privacy import group_unit, unit_group
from orgsocial.reporting.readings import flag
from orgsocial.reporting.tables import axis_text, count_text
from orgsocial.reporting.text import function_name, group_name, label, name, phase_name

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
#: Pixels a text keeps from the figure's edges.
EDGE = 4
#: A text is not wrapped narrower than this many characters.
MIN_CHARS = 12
#: Rounds of wrapping and laying out again (each round only narrows a text).
FIT_ROUNDS = 8
#: A phase name under the phase map is wrapped at this many characters.
PHASE_TICK_CHARS = 12


def _title(axes, text: str, **options) -> Text:
    """Set the figure's title (bold, on the left) and return it, to be fitted."""
    return axes.set_title(text, loc="left", fontweight="bold", **options)


def _chars_that_fit(text: Text, figure: Figure, renderer) -> int | None:
    """How many characters a line of ``text`` may have to fit inside the figure's width;
    None when it fits already (or cannot be narrowed further)."""
    extent = text.get_window_extent(renderer)
    left, right = figure.bbox.x0 + EDGE, figure.bbox.x1 - EDGE
    if extent.width <= 0 or (extent.x0 >= left and extent.x1 <= right):
        return None
    alignment = text.get_horizontalalignment()
    if alignment == "left":
        room = right - extent.x0
    elif alignment == "right":
        room = extent.x1 - left
    else:
        middle = (extent.x0 + extent.x1) / 2
        room = 2 * min(middle - left, right - middle)
    longest = max(len(line) for line in text.get_text().split("\n"))
    if longest <= MIN_CHARS:
        return None
    chars = max(MIN_CHARS, math.floor(longest * room / extent.width))
    return min(chars, longest - 1)


def wrap_lines(text: str, chars: int) -> str:
    """Each line of ``text`` wrapped at ``chars`` characters (words are not split).

    Examples
    --------
    >>> wrap_lines("How far Wealth Management meets each phase's criteria", 30)
    "How far Wealth Management\\nmeets each phase's criteria"
    """
    return "\n".join(
        textwrap.fill(line, chars, break_long_words=False, break_on_hyphens=False)
        for line in text.split("\n")
    )


def _finish(figure: Figure, texts: list[Text]) -> Figure:
    """Lay the figure out (tight) and wrap each of ``texts`` that would stick out of the
    figure's width onto more lines, laying out again, until each fits."""
    figure.tight_layout()
    for _ in range(FIT_ROUNDS):
        for axes in figure.axes:  # where a fixed aspect (a square heatmap) puts the axes
            axes.apply_aspect()
        renderer = figure.canvas.get_renderer()
        narrowed = False
        for text in texts:
            chars = _chars_that_fit(text, figure, renderer)
            if chars is not None:
                text.set_text(wrap_lines(text.get_text(), chars))
                narrowed = True
        if not narrowed:
            break
        figure.tight_layout()
    return figure


def _empty(title: str, lang: str) -> Figure:
    figure, axes = plt.subplots(figsize=(8, 1.6), dpi=DPI)
    axes.axis("off")
    shown = _title(axes, title)
    axes.text(0.0, 0.4, label("no_data", lang), transform=axes.transAxes)
    return _finish(figure, [shown])


def phase_map(units: pd.DataFrame, lang: str = "en") -> Figure:
    """Each business unit on the four phases now; marker size and text show the confidence.

    A provisional verdict is an open circle; a bar spans the phases the evidence
    cannot tell apart ("at least") or the two a unit is between; unclassified
    units sit in a grey column on the left. The title names the period.
    """
    periods = (
        [p for p in sorted(units["period"].dropna().unique()) if p] if "period" in units else []
    )
    title = (
        label("phase_map_title_period", lang, period=", ".join(periods))
        if periods
        else label("phase_map_title", lang)
    )
    if units.empty:
        return _empty(title, lang)
    frame = units.assign(_order=units["phase"].astype("float64").fillna(0))
    frame = frame.sort_values(["_order", "business_unit"], ascending=[False, True])
    height = max(2.5, 0.45 * len(frame) + 1.2)
    figure, axes = plt.subplots(figsize=(_phase_map_width(frame["business_unit"]), height), dpi=DPI)
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
        top = record.get("phase_max")
        if top is not None and pd.notna(top) and int(top) > phase:
            axes.plot([phase, int(top)], [row, row], color=PHASE_COLOURS[phase], lw=6, alpha=0.2)
        confidence = float(record["confidence"]) if pd.notna(record["confidence"]) else 0.0
        provisional = flag(record.get("provisional"))
        axes.scatter(
            phase,
            row,
            s=80 + 420 * confidence,
            facecolors="white" if provisional else PHASE_COLOURS[phase],
            edgecolors=PHASE_COLOURS[phase],
            linewidths=2.5,
            zorder=3,
        )
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
        [
            wrap_lines(name, PHASE_TICK_CHARS)  # "Volledige integratie" on two lines
            for name in [label("not_classified", lang)] + [phase_name(p, lang) for p in c.PHASES]
        ],
    )
    axes.set_xlim(-0.5, 4.7)
    axes.invert_yaxis()
    axes.set_xlabel(
        label("phase_axis", lang)
        + "\n"
        + label("legend_provisional", lang)
        + " · "
        + label("legend_range", lang),
        fontsize=9,
    )
    axes.grid(axis="x", alpha=0.3)
    shown = _title(axes, title)
    sns.despine(figure)
    return _finish(figure, [shown, axes.xaxis.label])


def _phase_map_width(units: pd.Series) -> float:
    """Inches: the five phase columns keep about 6.3 in (room for "Centralisatiefase"
    under each) beside the longest unit name (about 0.085 in a character at 10 pt).

    Examples
    --------
    >>> _phase_map_width(pd.Series(["Sales"])), _phase_map_width(pd.Series(["x" * 46]))
    (9.0, 10.51)
    """
    longest = int(units.astype(str).str.len().max()) if len(units) else 0
    return round(max(9.0, 6.6 + 0.085 * longest), 2)


def department_network(
    departments: pd.DataFrame,
    edges: pd.DataFrame,
    business_unit: str | None = None,
    lang: str = "en",
    period: str = "",
) -> Figure:
    """The department interaction graph: colour = function, size = events, width = interactions.

    With ``business_unit`` only that unit's departments and the edges between
    them are drawn. The busiest department (the hub) is outlined in black.
    ``period``: the period the interactions cover, named in the title.
    """
    title = (
        label("network_unit_title", lang, unit=business_unit)
        if business_unit
        else label("network_title", lang)
    ) + (f" ({period})" if period else "")
    nodes = departments[["department", "business_unit", "function", "events"]].copy()
    if "suppressed" in departments.columns:  # shown as the merged node they belong to
        nodes = nodes.loc[~departments["suppressed"].astype(bool)]
    if business_unit:
        nodes = nodes.loc[nodes["business_unit"] == business_unit]
    if business_unit:
        names = {*nodes["department"], unit_group(business_unit)}
        edges = edges.loc[edges["source"].isin(names) & edges["target"].isin(names)]
    merged = sorted((set(edges["source"]) | set(edges["target"])) - set(nodes["department"]))
    if merged:  # the nodes privacy made of small departments, drawn with their unit
        nodes = pd.concat(
            [
                nodes,
                pd.DataFrame(
                    {
                        "department": merged,
                        "business_unit": [group_unit(name) for name in merged],
                        "function": "other",
                        "events": 0,
                    }
                ),
            ]
        )
    if nodes.empty:
        return _empty(title, lang)
    graph = department_graph(nodes, edges)
    layout = _unit_grid_layout(graph)
    figure, axes = plt.subplots(figsize=(10, 7.5), dpi=DPI)
    unit = nx.get_node_attributes(graph, "business_unit")
    inside = [(u, v, w) for u, v, w in graph.edges(data="weight") if unit.get(u) == unit.get(v)]
    between = [(u, v, w) for u, v, w in graph.edges(data="weight") if unit.get(u) != unit.get(v)]
    top = max([w for *_, w in graph.edges(data="weight")], default=1)
    if inside:
        widths = [0.4 + 3.6 * np.log1p(w) / np.log1p(top) for *_, w in inside]
        nx.draw_networkx_edges(
            graph,
            layout,
            edgelist=[(u, v) for u, v, _ in inside],
            ax=axes,
            width=widths,
            alpha=0.35,
            edge_color="0.4",
        )
    if between:  # only the strongest links between units, faint, so the units stay readable
        cut = np.quantile([w for *_, w in between], 0.9)
        strong = [(u, v) for u, v, w in between if w >= cut]
        nx.draw_networkx_edges(
            graph,
            layout,
            edgelist=strong,
            ax=axes,
            width=1.0,
            alpha=0.2,
            edge_color=PALETTE[3],
            style="dashed",
        )
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
            axes.text(
                x, y + 0.5, group_name(unit, lang), ha="center", fontsize=9, fontweight="bold"
            )
    nx.draw_networkx_labels(
        graph, layout, labels={n: group_name(n, lang) for n in shown}, font_size=8, ax=axes
    )
    present = sorted({graph.nodes[n].get("function", "") for n in order} - {""})
    handles = [
        plt.Line2D(
            [], [], marker="o", ls="", color=FUNCTION_COLOURS[f], label=function_name(f, lang)
        )
        for f in present
    ]
    axes.legend(
        handles=handles,
        title=label("function", lang),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
    )
    shown = _title(axes, title)
    axes.margins(x=0.2)  # room for the labels of the outermost nodes
    # the unit names sit above the nodes; in a row of nodes the y-range would be ~0
    ys = [float(y) for _, y in layout.values()]
    axes.set_ylim(min(ys) - 0.6, max(ys) + (0.8 if not business_unit else 0.6))
    axes.axis("off")
    return _finish(figure, [shown])


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
    responses: pd.DataFrame, business_unit: str | None = None, lang: str = "en", period: str = ""
) -> Figure:
    """Distribution of first-response times against the 1-hour and 24-hour marks
    (``period``: the period the responses cover, named in the title)."""
    title = label("response_title", lang) + (f" ({period})" if period else "")
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
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count of inquiries
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_text(value, lang)))
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
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_text(value, lang)))
    axes.set_xlabel(label("response_axis", lang))
    shown = _title(axes, title, pad=16)
    sns.despine(figure)
    return _finish(figure, [shown, axes.xaxis.label])


def criteria_chart(evidence: pd.DataFrame, business_unit: str, lang: str = "en") -> Figure:
    """How far each criterion of phases 2-4 is met (0..1), grouped by phase, with the 0.5 mark."""
    title = label("criteria_title", lang, unit=business_unit)
    mine = evidence.loc[evidence["business_unit"] == business_unit].copy()
    if mine.empty:
        return _empty(title, lang)
    mine["phase_label"] = mine["phase"].map(lambda p: phase_name(p, lang))
    mine["criterion"] = mine["phase_label"] + ": " + mine["indicator"].map(lambda i: name(i, lang))
    figure, axes = plt.subplots(figsize=(9, 0.32 * len(mine) + 1.5), dpi=DPI)
    rows = range(len(mine))
    used = (
        mine["used_for"].fillna("").ne("").to_numpy()
        if "used_for" in mine.columns
        else np.ones(len(mine), dtype=bool)
    )
    axes.barh(
        rows,
        mine["fulfilment"].fillna(0).to_numpy(),
        color=[
            PHASE_COLOURS[int(p)] if u else UNCLASSIFIED
            for p, u in zip(mine["phase"], used, strict=True)
        ],
        height=0.75,
    )
    axes.set_yticks(list(rows), mine["criterion"].tolist())
    axes.invert_yaxis()
    for row, record in enumerate(mine.to_dict("records")):
        if pd.isna(record["fulfilment"]):
            axes.text(0.02, row, label("no_data", lang), va="center", fontsize=8, color="0.4")
    axes.axvline(0.5, color="0.3", ls="--", lw=1, label=label("threshold_line", lang))
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_text(value, lang)))
    axes.set_xlabel(label("criteria_axis", lang))
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=PHASE_COLOURS[p], label=phase_name(p, lang))
        for p in (2, 3, 4)
    ]
    axes.legend(handles=handles, title=label("phase_axis", lang), loc="lower right", frameon=True)
    shown = _title(axes, title)
    sns.despine(figure)
    return _finish(figure, [shown, axes.xaxis.label])


def interaction_heatmap(edges: pd.DataFrame, lang: str = "en", top: int = 20) -> Figure:
    """Department-by-department interaction counts for the ``top`` busiest departments."""
    title = label("heatmap_title", lang, n=top)
    if edges.empty:
        return _empty(title, lang)
    volume = (
        pd.concat(
            [edges.groupby("source")["weight"].sum(), edges.groupby("target")["weight"].sum()]
        )
        .groupby(level=0)
        .sum()
    )
    busiest = volume.sort_values(ascending=False).head(top).index
    shown = edges.loc[edges["source"].isin(busiest) & edges["target"].isin(busiest)]
    both = pd.concat([shown, shown.rename(columns={"source": "target", "target": "source"})])
    matrix = both.pivot_table(index="source", columns="target", values="weight", aggfunc="sum")
    order = sorted(busiest)
    matrix = matrix.reindex(index=order, columns=order).fillna(0)
    shown_names = [group_name(node, lang) for node in order]  # merged groups in words
    matrix = matrix.set_axis(shown_names, axis=0).set_axis(shown_names, axis=1)
    size = 3 + 0.35 * len(order)
    figure, axes = plt.subplots(figsize=(max(size + 2, 8), size), dpi=DPI)  # room for the title
    sns.heatmap(
        np.log1p(matrix), cmap="mako_r", square=True, ax=axes, cbar_kws={"label": "log(1 + n)"}
    )
    axes.set_xlabel("")
    axes.set_ylabel("")
    axes.set_anchor("W")  # the square sits left: its title has the width beside it
    axes.tick_params(labelsize=8)
    shown = _title(axes, title)
    return _finish(figure, [shown])


def trend_lines(trend: pd.DataFrame, lang: str = "en", business_unit: str | None = None) -> Figure:
    """Each unit's phase per period; units that moved back are drawn dashed. With
    ``business_unit`` the title names that unit (``trend`` then holds its rows)."""
    title = (
        label("trend_unit_title", lang, unit=business_unit)
        if business_unit
        else label("trend_title", lang)
    )
    classified = trend.loc[trend["phase"].notna()] if len(trend) else trend
    if classified.empty or classified["period"].nunique() < 1:
        return _empty(title, lang)
    periods = sorted(classified["period"].unique())
    position = {period: i for i, period in enumerate(periods)}
    figure, axes = plt.subplots(figsize=(9, 4.5), dpi=DPI)
    units = sorted(classified["business_unit"].unique())
    palette = sns.color_palette("colorblind", max(len(units), 1))
    for i, (unit, rows) in enumerate(classified.groupby("business_unit", sort=True)):
        rows = rows.sort_values("period")
        back = bool(rows["moved_back"].astype(bool).any())
        offset = (i - len(units) / 2) * 0.02  # keep overlapping lines apart
        axes.plot(
            [position[p] for p in rows["period"]],
            rows["phase"].astype(float) + offset,
            marker="o",
            ls="--" if back else "-",
            color=palette[i % len(palette)],
            label=unit,
        )
    axes.set_xticks(range(len(periods)), periods)
    axes.set_yticks([1, 2, 3, 4], [phase_name(p, lang) for p in (1, 2, 3, 4)])
    axes.set_ylim(0.6, 4.4)
    axes.set_xlabel(label("trend_axis", lang))
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    shown = _title(axes, title)
    sns.despine(figure)
    return _finish(figure, [shown, axes.xaxis.label])


def validation_bars(validation: pd.DataFrame, lang: str = "en") -> Figure:
    """Rows kept and set aside per input file."""
    title = label("quality_title", lang)
    if validation.empty:
        return _empty(title, lang)
    figure, axes = plt.subplots(figsize=(9, 0.6 * len(validation) + 1.5), dpi=DPI)
    files = [name(file, lang) for file in validation["file"]]
    kept = validation["rows_kept"].to_numpy()
    rejected = validation["rows_rejected"].to_numpy()
    axes.barh(files, kept, color=PALETTE[2], label=label("kept", lang))
    axes.barh(files, rejected, left=kept, color=PALETTE[3], label=label("set_aside", lang))
    for row, (k, r) in enumerate(zip(kept, rejected, strict=True)):
        axes.text(k + r, row, f"  {count_text(r, lang)}", va="center", fontsize=9, color=PALETTE[3])
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_text(value, lang)))
    axes.legend(loc="lower right", frameon=False)
    shown = _title(axes, title)
    sns.despine(figure)
    return _finish(figure, [shown, axes.xaxis.label])
