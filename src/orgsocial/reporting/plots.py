"""The report's figures: each function takes result frames and returns a matplotlib Figure
with a title, its texts in English or Dutch (``lang``).

One colour, one meaning: :data:`PHASE_COLOURS` are drawn only for phases (each such artist
carries the gid of :func:`phase_gid`); every other meaning has its own colour below, none
of them a phase colour or close to one.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from matplotlib.legend_handler import HandlerPatch
from matplotlib.patches import Circle, Ellipse
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from orgsocial.analysis.advice import is_count_rule
from orgsocial.analysis.network import department_graph
from orgsocial.analysis.privacy import SMALL_GROUPS, group_unit, unit_group
from orgsocial.io import contract as c
from orgsocial.reporting import style
from orgsocial.reporting.readings import confidence_shown, confidence_value, flag, percent
from orgsocial.reporting.tables import axis_text, count_text
from orgsocial.reporting.text import (
    function_name,
    group_name,
    label,
    name,
    phase_name,
    shown_period,
    with_period,
)

PALETTE = sns.color_palette("colorblind", 10)
#: The phases' colours (grey, orange, blue, green): used for phases only, on every figure.
PHASE_COLOURS = {phase: to_rgb(css) for phase, css in style.PHASE_COLOURS.items()}
#: Reference lines and marks (thresholds, the hour and the day), trend lines, texts.
INK = (0.15, 0.15, 0.15)
#: Neutral line of a unit's trend (its dots carry the phase colours).
TREND_LINE = (0.3, 0.3, 0.3)
RESPONSE = (0.70, 0.64, 0.85)  # lavender: response times
KEPT = (0.33, 0.29, 0.47)  # dark slate purple: rows used
SET_ASIDE = (0.93, 0.84, 0.25)  # yellow: rows set aside
HEATMAP_COLOURS = "Purples"  # interaction counts
SHARE_COLOURS = "RdPu"  # shares of departments / pairs / interactions
MARCOM = (0.55, 0.34, 0.16)  # brown: marketing and communications, the central team
#: Department functions by what the phases look at: the central team (marketing and
#: communications), customer service, sales, management; the rest share one colour.
FUNCTION_COLOURS = {
    "marketing": MARCOM,
    "communications": MARCOM,
    "customer_service": PALETTE[4],  # reddish purple
    "sales": PALETTE[6],  # pink
    "management": (0.1, 0.1, 0.1),
}
OTHER_FUNCTION = (0.88, 0.86, 0.80)
DPI = 100
#: Pixels a text keeps from the figure's edges.
EDGE = 4
#: A text is not wrapped narrower than this many characters.
MIN_CHARS = 12
#: Rounds of wrapping and laying out again (each round only narrows a text).
FIT_ROUNDS = 8
#: A phase name under the phase map is wrapped at this many characters.
PHASE_TICK_CHARS = 12


def phase_gid(phase: int) -> str:
    """The gid of an artist drawn in a phase's colour (``phase-3``): the mark that says a
    colour means that phase (``tests/test_figure_colours.py`` checks every figure by it)."""
    return f"phase-{int(phase)}"


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


def _tight_layout(figure: Figure) -> None:
    """``figure.tight_layout()`` without the layout engine it leaves behind (``savefig`` would
    draw the figure twice) and without ``rect`` (texts would be laid out twice, same margins)."""
    TightLayoutEngine(rect=None).execute(figure)


def _titled(figure: Figure, axes: Axes, title: str, despine: bool = True, **options) -> Figure:
    """Title the figure (bold, on the left), drop its top and right spines (``despine``) and
    lay it out (tight), wrapping the title and the x-axis label onto more lines where they
    would stick out of the figure's width, laying out again, until each fits."""
    texts = [axes.set_title(title, loc="left", fontweight="bold", **options), axes.xaxis.label]
    if despine:
        sns.despine(figure)
    _tight_layout(figure)
    for _ in range(FIT_ROUNDS):
        for each in figure.axes:  # where a fixed aspect (a square heatmap) puts the axes
            each.apply_aspect()
        renderer = figure.canvas.get_renderer()
        narrowed = False
        for text in texts:
            chars = _chars_that_fit(text, figure, renderer)
            if chars is not None:
                text.set_text(wrap_lines(text.get_text(), chars))
                narrowed = True
        if not narrowed:
            break
        _tight_layout(figure)
    return figure


def _empty(title: str, lang: str) -> Figure:
    figure, axes = plt.subplots(figsize=(8, 1.6), dpi=DPI)
    axes.axis("off")
    axes.text(0.0, 0.4, label("no_data", lang), transform=axes.transAxes)
    return _titled(figure, axes, title, despine=False)


def phase_map(units: pd.DataFrame, lang: str = "en") -> Figure:
    """Each business unit on the four phases now; marker size and text show the confidence.

    A provisional verdict is an open circle; a bar spans the phases the evidence
    cannot tell apart ("at least") or the two a unit is between; unclassified
    units sit in a grey column on the left. The title names the period.
    """
    pairs = zip(units["period"], units["period_note"], strict=True)
    periods = sorted({shown for p, n in pairs if (shown := shown_period(p, n, lang))})
    key = "phase_map_title_period" if periods else "phase_map_title"
    title = label(key, lang, period=", ".join(periods))
    if units.empty:
        return _empty(title, lang)
    frame = units.assign(_order=units["phase"].astype("float64").fillna(0))
    frame = frame.sort_values(["_order", "business_unit"], ascending=[False, True])
    height = max(2.5, 0.45 * len(frame) + 1.2)
    figure, axes = plt.subplots(figsize=(_phase_map_width(frame["business_unit"]), height), dpi=DPI)
    for row, record in enumerate(frame.to_dict("records")):
        _phase_mark(axes, row, record, lang)
    axes.set_yticks(range(len(frame)), frame["business_unit"].tolist())
    names = [phase_name(p, lang) for p in (None, *c.PHASES)]  # None: not classified
    # "Volledige integratie" on two lines
    axes.set_xticks([0, 1, 2, 3, 4], [wrap_lines(n, PHASE_TICK_CHARS) for n in names])
    axes.set_xlim(-0.5, 4.7)
    axes.set_ylim(len(frame) - 0.3, -0.7)  # top row down: room for the largest dot
    confidence = label("legend_confidence", lang)
    band = frame.get("confidence_band", pd.Series("", index=frame.index)).fillna("")
    if (frame["confidence"].isna() & (band != "")).any():  # a confidence shown as a word
        confidence += label("legend_confidence_withheld", lang)
    legend = [confidence, label("legend_provisional", lang), label("legend_range", lang)]
    axes.set_xlabel(label("phase_axis", lang) + "\n" + " · ".join(legend), fontsize=9)
    axes.grid(axis="x", alpha=0.3)
    return _titled(figure, axes, title)


def _phase_mark(axes: Axes, row: int, record: dict, lang: str) -> None:
    """One unit's row of the phase map: its dot, its confidence, its range or between."""
    phase = record["phase"]
    if pd.isna(phase):
        axes.scatter(0, row, s=120, color=INK, marker="x")  # not a phase: not grey
        return
    phase = int(phase)
    colour, gid = PHASE_COLOURS[phase], phase_gid(phase)
    between = record.get("between") or ""
    if between:
        low, high = (int(p) for p in between.split("→"))
        axes.plot([low, high], [row, row], color=colour, lw=6, alpha=0.35, gid=gid)
    top = record.get("phase_max")
    if pd.notna(top) and int(top) > phase:
        axes.plot([phase, int(top)], [row, row], color=colour, lw=6, alpha=0.2, gid=gid)
    axes.scatter(
        phase,
        row,
        s=80 + 420 * confidence_value(record),
        facecolors="white" if flag(record.get("provisional")) else colour,
        edgecolors=colour,
        linewidths=2.5,
        zorder=3,
        gid=gid,
    )
    axes.annotate(
        confidence_shown(record, lang, short=True),
        (phase, row),
        xytext=(14, -4),
        textcoords="offset points",
        fontsize=9,
    )


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


def _network_nodes(
    departments: pd.DataFrame, edges: pd.DataFrame, business_unit: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes a network figure draws (departments privacy shows, and the merged nodes
    of small ones, with their unit) and the edges between them."""
    nodes = departments[["department", "business_unit", "function", "events"]].copy()
    if "suppressed" in departments.columns:  # shown as the merged node they belong to
        nodes = nodes.loc[~departments["suppressed"].astype(bool)]
    if business_unit:
        nodes = nodes.loc[nodes["business_unit"] == business_unit]
        names = {*nodes["department"], unit_group(business_unit)}
        edges = edges.loc[edges["source"].isin(names) & edges["target"].isin(names)]
    merged = sorted((set(edges["source"]) | set(edges["target"])) - set(nodes["department"]))
    if merged:  # the nodes privacy made of small departments, drawn with their unit
        extra = pd.DataFrame(
            {
                "department": merged,
                "business_unit": [group_unit(node) for node in merged],
                "function": "other",
                "events": float("nan"),  # not measured: its departments' events are withheld
            }
        )
        nodes = pd.concat([nodes, extra], ignore_index=True)
    return nodes, edges


def _network_height(layout: dict[str, np.ndarray], business_unit: str | None) -> float:
    """Inches: the organisation's grid 7.5 (made shorter once drawn, :func:`department_network`);
    a unit's circle grows with its nodes, and a row of nodes (two departments) stays short."""
    if not business_unit:
        return 7.5
    ys = [float(y) for _, y in layout.values()]
    if max(ys) - min(ys) < 0.05:
        return 2.6
    return float(min(7.5, max(3.2, 1.8 + 0.35 * len(layout))))


def department_network(
    departments: pd.DataFrame,
    edges: pd.DataFrame,
    business_unit: str | None = None,
    lang: str = "en",
    period: str = "",
) -> Figure:
    """The department interaction graph: colour = function, size = events, width = interactions.

    With ``business_unit`` only that unit's departments and the edges between
    them are drawn, in a figure as tall as they need. The busiest department of
    each unit (the hub) is outlined in black. A unit's figure names every dot beside it;
    the organisation's names each hub under its unit ("busiest: AM Marketing"). The
    unit prefixes of department names ("AM") are explained in a legend.
    ``period``: the period the interactions cover, named in the title.
    """
    key = "network_unit_title" if business_unit else "network_title"
    title = with_period(label(key, lang, unit=business_unit), period)
    nodes, edges = _network_nodes(departments, edges, business_unit)
    if nodes.empty:
        return _empty(title, lang)
    graph = department_graph(nodes, edges)
    layout, centres = _unit_grid_layout(graph)
    figure, axes = plt.subplots(figsize=(10, _network_height(layout, business_unit)), dpi=DPI)
    _draw_network_edges(graph, layout, axes)
    order = list(graph.nodes)
    size_of, merged = _node_sizes(nodes, order)
    busiest = nodes.loc[nodes["events"].fillna(0) > 0].sort_values("events", ascending=False)
    hubs = set(busiest.groupby("business_unit").head(1)["department"])
    drawn = nx.draw_networkx_nodes(
        graph,
        layout,
        ax=axes,
        node_size=[size_of[n] for n in order],
        node_color=[_function_colour(graph.nodes[n].get("function", "")) for n in order],
        edgecolors=["black" if n in hubs else INK for n in order],
        linewidths=[2.5 if n in hubs else 0.5 for n in order],
    )
    drawn.set_linestyles(["--" if n in merged else "-" for n in order])
    if business_unit:  # every name beside its dot
        _label_beside(axes, layout, centres, graph, size_of, lang)
    else:  # one label per unit: its hub; the unit's name above its cluster
        _label_units(axes, layout, centres, graph, size_of, hubs, lang)
    _network_legends(axes, graph, nodes, lang, not business_unit, bool(merged), bool(hubs))
    axes.margins(x=0.25)  # room for the labels of the outermost nodes
    ys = [float(y) for _, y in layout.values()]  # in a row of nodes the y-range would be ~0
    room = (0.6, 1.0) if not business_unit else (0.3, 0.3)
    axes.set_ylim(min(ys) - room[0], max(ys) + room[1])
    if not business_unit:  # no taller than its rows of units need (a row of pairs)
        (x0, x1), (y0, y1) = axes.get_xlim(), axes.get_ylim()
        figure.set_size_inches(10, min(7.5, 1.0 + 10 * (y1 - y0) / (x1 - x0)))
    axes.axis("off")
    return _titled(figure, axes, title, despine=False)


def _node_sizes(nodes: pd.DataFrame, order: list[str]) -> tuple[dict[str, float], set[str]]:
    """Each node's dot size (the root of its events against the busiest node's) and the
    merged nodes: their events withheld, they are drawn at the middle size (with a dashed
    rim)."""
    events = nodes.set_index("department")["events"].astype("float64")
    largest = max(events.max(skipna=True), 1) if events.notna().any() else 1
    size_of = {n: 60 + 900 * math.sqrt(events.get(n, 0) / largest) for n in order}
    merged = {n for n in order if pd.isna(events.get(n))}
    middle = float(np.median([s for n, s in size_of.items() if n not in merged] or [300]))
    return size_of | dict.fromkeys(merged, middle), merged


def _label_units(axes, layout, centres, graph, sizes, hubs: set[str], lang: str) -> None:
    """Each unit's name above its cluster, and its hub's name under its lowest dot's rim."""
    for unit, (x, y) in centres.items():
        shown = group_name(unit, lang)
        fontsize = min(9, 160 / max(len(shown), 1))  # fits its cell
        axes.text(x, y + 0.6, shown, ha="center", va="bottom", fontsize=fontsize, weight="bold")
    for hub in sorted(hubs):
        unit = graph.nodes[hub].get("business_unit", "")
        members = [n for n in graph if graph.nodes[n].get("business_unit", "") == unit]
        lowest = min(members, key=lambda n: float(layout[n][1]))
        axes.annotate(
            label("network_hub_name", lang, name=group_name(hub, lang)),
            (centres[str(unit)][0], float(layout[lowest][1])),
            xytext=(0, -(math.sqrt(sizes[lowest]) / 2 + 3)),  # the dot's radius in points
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
        )


def _function_colour(function: object) -> tuple[float, float, float]:
    return FUNCTION_COLOURS.get(str(function), OTHER_FUNCTION)


def _draw_network_edges(graph: nx.Graph, layout: dict, axes) -> None:
    """Links inside a unit (width = interactions) and, faint, only the strongest links
    between units (at most 40), so the units stay readable."""
    unit = nx.get_node_attributes(graph, "business_unit")
    inside = [(u, v, w) for u, v, w in graph.edges(data="weight") if unit.get(u) == unit.get(v)]
    between = [(u, v, w) for u, v, w in graph.edges(data="weight") if unit.get(u) != unit.get(v)]
    top = max([w for *_, w in graph.edges(data="weight")], default=1)
    widths = [0.4 + 3.6 * np.log1p(w) / np.log1p(top) for *_, w in inside]
    cut = np.quantile([w for *_, w in between], 0.9) if between else 0
    strong = sorted((w, u, v) for u, v, w in between if w >= cut)[-40:]
    for edgelist, width, alpha in (
        ([(u, v) for u, v, _ in inside], widths, 0.35),
        ([(u, v) for _, u, v in strong], 0.8, 0.25),
    ):
        if edgelist:
            nx.draw_networkx_edges(
                graph, layout, edgelist=edgelist, ax=axes, width=width, alpha=alpha, edge_color=INK
            )


def _label_beside(axes, layout, centres, graph, sizes, lang: str) -> None:
    """Each node's name beside its dot, away from its unit's centre (not on it)."""
    for node in graph:
        x, y = (float(v) for v in layout[node])
        cx, cy = centres.get(str(graph.nodes[node].get("business_unit", "")), (x, y))
        dx, dy = x - cx, y - cy
        length = math.hypot(dx, dy)
        dx, dy = (dx / length, dy / length) if length > 1e-6 else (0.0, -1.0)
        gap = math.sqrt(sizes[node]) / 2 + 3  # the dot's radius in points, and a little
        axes.annotate(
            group_name(node, lang),
            (x, y),
            xytext=(dx * gap, dy * gap),
            textcoords="offset points",
            ha="left" if dx > 0.3 else "right" if dx < -0.3 else "center",
            va="bottom" if dy > 0.3 else "top" if dy < -0.3 else "center",
            fontsize=8,
        )


def _network_legends(
    axes, graph: nx.Graph, nodes: pd.DataFrame, lang: str, prefixes: bool, merged: bool, hub: bool
):
    """The function colours, the dashed rim of merged small departments (where drawn), the
    ring of each unit's busiest department (where drawn: a department active), and on the
    organisation's figure (``prefixes``) the faint links between units (where there are two
    units or more) and what the unit prefixes of department names stand for."""
    present = {str(f) for _, f in graph.nodes(data="function", default="")}
    handles = [
        plt.Line2D([], [], marker="o", ls="", color=colour, markeredgecolor=INK, label=text)
        for colour, text in _function_labels(present, lang)
    ]
    if merged:
        text = wrap_lines(label("network_merged", lang), 20)
        handles.append(Circle((0, 0), 1, facecolor="white", edgecolor=INK, ls="--", label=text))
    if hub:
        text = wrap_lines(label("network_hub" if prefixes else "network_hub_unit", lang), 20)
        handles.append(
            plt.Line2D([], [], marker="o", ls="", color="white", mec="black", mew=2, label=text)
        )
    units = {str(u) for _, u in graph.nodes(data="business_unit", default="")}
    if prefixes and len(units) > 1:
        text = wrap_lines(label("network_links_between", lang), 20)
        handles.append(plt.Line2D([], [], color=INK, alpha=0.25, label=text))
    first = axes.legend(
        handles=handles,
        title=label("function", lang),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=9,
        handler_map={Circle: HandlerPatch(patch_func=_legend_dot)},
    )
    known = unit_prefixes(nodes) if prefixes else {}
    if known:
        axes.add_artist(first)
        first.set_clip_on(False)  # clipped to the axes, the layout would leave it out
        blank = [plt.Line2D([], [], ls="", color=INK, label=f"{p} = {u}") for p, u in known.items()]
        axes.legend(
            handles=blank,
            title=label("unit_prefixes", lang),
            loc="lower left",
            bbox_to_anchor=(1.0, 0.0),
            frameon=False,
            fontsize=8,
            handlelength=0,
            handletextpad=0,
        )


def _legend_dot(legend, orig_handle, xdescent, ydescent, width, height, fontsize) -> Ellipse:
    """A circle patch in a legend drawn as a dot, not as the usual box."""
    return Ellipse((width / 2 - xdescent, height / 2 - ydescent), height, height)


def _function_labels(present: set[str], lang: str) -> list[tuple[tuple, str]]:
    """Each colour of the functions of ``present`` with the functions it stands for, in
    words: one entry a colour (a swatch each for marketing and communications read as two
    colours), first the colours of their own, then the one the others share."""
    others = sorted(present - set(FUNCTION_COLOURS) - {""})
    named: dict[tuple, list[str]] = {}
    for function in [f for f in FUNCTION_COLOURS if f in present] + others:
        colour = _function_colour(function)
        named.setdefault(tuple(colour), []).append(function_name(function, lang))
    return [(colour, wrap_lines(", ".join(names), 22)) for colour, names in named.items()]


def unit_prefixes(nodes: pd.DataFrame) -> dict[str, str]:
    """The short prefix every department name of a unit begins with ("AM Marketing"),
    for each unit whose names all share one, in the order of the units.

    Examples
    --------
    >>> unit_prefixes(pd.DataFrame({"department": ["AM Sales", "AM Legal", "Ops"],
    ...                             "business_unit": ["Asset Management"] * 2 + ["South"]}))
    {'AM': 'Asset Management'}
    """
    found = {}
    for unit, names in nodes.groupby("business_unit", sort=True)["department"]:
        heads = {
            str(n).split(" ", 1)[0]
            for n in names
            if " " in str(n) and group_unit(n) == SMALL_GROUPS
        }
        if len(heads) == 1 and (head := heads.pop()).isupper() and len(head) <= 4 and head != unit:
            found[head] = str(unit)
    return found


def _unit_grid_layout(
    graph: nx.Graph,
) -> tuple[dict[str, np.ndarray], dict[str, tuple[float, float]]]:
    """Each business unit's departments laid out in their own cell of a grid, and the
    centre of each unit's cell."""
    units = sorted({str(unit) for _, unit in graph.nodes(data="business_unit", default="")})
    columns = max(1, math.ceil(math.sqrt(len(units))))
    centres = {unit: (2.0 * (i % columns), -1.55 * (i // columns)) for i, unit in enumerate(units)}
    layout: dict[str, np.ndarray] = {}
    for unit, (x, y) in centres.items():
        members = [n for n, u in graph.nodes(data="business_unit", default="") if str(u) == unit]
        members.sort(key=lambda n: (str(graph.nodes[n].get("function", "")), n))
        for node, position in nx.circular_layout(members, scale=0.42).items():
            layout[node] = np.asarray(position) + np.array([x, y])
    return layout, centres


def unit_connection_shares(departments: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """How each business unit's departments work together, as shares (0..1, NaN where
    there is nothing to count).

    Nodes are what privacy shows: departments not suppressed and the merged node of a
    unit's small departments (as a department of that unit, function ``other``); links
    with the organisation-wide merged node (of no one unit) are left out.

    Returns
    -------
    pandas.DataFrame
        ``business_unit``; ``customer_service``: of the unit's departments that are not
        customer service, the share with an interaction with a customer-service
        department of the unit (NaN without one); ``within``: of the pairs of the unit's
        departments, the share that interact (NaN with one department); ``between``: of
        the unit's interactions between departments (``edges`` hold no others), the share
        with departments of other units.
    """
    nodes, _ = _network_nodes(departments, edges, None)
    nodes = nodes.loc[nodes["business_unit"] != SMALL_GROUPS]
    unit = dict(zip(nodes["department"], nodes["business_unit"], strict=True))
    service = set(nodes.loc[nodes["function"] == "customer_service", "department"])
    links = edges.loc[edges["source"].isin(unit) & edges["target"].isin(unit)]
    links = links.assign(u=links["source"].map(unit), v=links["target"].map(unit))
    rows = []
    for name_, members in nodes.groupby("business_unit", sort=True)["department"]:
        mine = links.loc[(links["u"] == name_) | (links["v"] == name_)]
        inside = mine.loc[mine["u"] == mine["v"]]
        pairs = set(zip(inside["source"], inside["target"], strict=True))
        others = [m for m in members if m not in service]
        own = service & set(members)
        linked = {a for a, b in pairs if b in own} | {b for a, b in pairs if a in own}
        possible = len(members) * (len(members) - 1) / 2  # pairs of departments
        total = mine["weight"].sum()
        between = mine.loc[mine["u"] != mine["v"], "weight"].sum()
        rows.append(
            {
                "business_unit": name_,
                "customer_service": len(linked - own) / len(others) if own and others else np.nan,
                "within": len({frozenset(p) for p in pairs}) / possible if possible else np.nan,
                "between": float(between / total) if total > 0 else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=["business_unit", "customer_service", "within", "between"])


def unit_connections(
    departments: pd.DataFrame, edges: pd.DataFrame, lang: str = "en", period: str = ""
) -> Figure:
    """A leader's view of the department network: per business unit, the three shares of
    :func:`unit_connection_shares`, each written in its cell. ``period`` is named in the
    title."""
    title = with_period(label("connections_title", lang), period)
    shares = unit_connection_shares(departments, edges).set_index("business_unit")
    if shares.empty:
        return _empty(title, lang)
    columns = ["customer_service", "within", "between"]
    keys = ["connections_cs", "connections_within", "connections_between"]
    figure, axes = plt.subplots(figsize=(9, 0.42 * len(shares) + 2.6), dpi=DPI)
    values = shares[columns].to_numpy(dtype="float64")
    axes.imshow(np.ma.masked_invalid(values), cmap=SHARE_COLOURS, vmin=0, vmax=1.6, aspect="auto")
    for (row, col), value in np.ndenumerate(values):
        text = "–" if np.isnan(value) else percent(value)
        colour = "white" if not np.isnan(value) and value > 0.85 else INK
        axes.text(col, row, text, ha="center", va="center", fontsize=10, color=colour)
    axes.set_xticks(range(3), [wrap_lines(label(k, lang), 22) for k in keys], fontsize=9)
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(shares)), shares.index.tolist())
    axes.tick_params(length=0)
    axes.spines[:].set_visible(False)
    if np.isnan(values).any():  # the note says what a "–" means, where one is shown
        axes.set_xlabel(label("connections_none", lang), fontsize=8, color=INK)
    return _titled(figure, axes, title, despine=False, pad=12)


def response_times(
    responses: pd.DataFrame, business_unit: str | None = None, lang: str = "en", period: str = ""
) -> Figure:
    """Distribution of first-response times against the 1-hour and 24-hour marks
    (``period``: the period the responses cover, named in the title)."""
    title = with_period(label("response_title", lang), period)
    answered = responses.loc[responses["answered"].astype(bool)]
    if business_unit:
        answered = answered.loc[answered["business_unit"] == business_unit]
    if answered.empty:
        return _empty(title, lang)
    hours = answered.assign(hours=answered["response_minutes"].clip(lower=1) / 60.0)
    if business_unit:
        figure, axes = plt.subplots(figsize=(9, 3.5), dpi=DPI)
        sns.histplot(hours, x="hours", log_scale=True, ax=axes, color=RESPONSE, bins=30)
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
            color=RESPONSE,
            linecolor=INK,
            fliersize=1.5,
        )
    axes.set_ylabel("")
    above = axes.get_xaxis_transform()  # x in hours, y in the axes' height
    for value, key in ((1, "one_hour"), (24, "one_day")):
        axes.axvline(value, color=INK, ls="--", lw=1.2)
        axes.text(
            value, 1.01, label(key, lang), transform=above, ha="center", fontsize=9, color=INK
        )
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: axis_text(value, lang)))
    axes.set_xlabel(label("response_axis", lang))
    return _titled(figure, axes, title, pad=16)


#: The criteria chart's bars stop at this share of the threshold (the value is written).
CRITERIA_CAP = 1.5


def threshold_share(evidence: pd.DataFrame) -> pd.Series:
    """Each criterion's value as a share of its threshold (every criterion reads "at
    least the threshold", so 1 = met, as ``fulfilment`` 0.5 is); NaN without data.
    A threshold of 0 or less, or a yes/no criterion: 1 when the value reaches it, else 0.

    Examples
    --------
    >>> threshold_share(pd.DataFrame({"value": [0.25, 3.0, None, 0.0, 1.0],
    ...                               "threshold": [0.5, 2.5, 0.5, 0.0, 0.5],
    ...                               "indicator": ["a_share", "b", "c", "d", "x_is_marcom"]})
    ...                 ).round(2).tolist()
    [0.5, 1.2, nan, 1.0, 1.0]

    A count rule is read as the whole number it asks for, as the page writes it ("at
    least 3" has the soft threshold 2.5): 1 person of 3 is 33%, not 40%.

    >>> threshold_share(pd.DataFrame({"value": [1.0, 3.0], "threshold": [2.5, 2.5],
    ...                               "indicator": ["lead_department_active_employees"] * 2})
    ...                 ).round(2).tolist()
    [0.33, 1.0]
    """
    value = evidence["value"].astype("float64")
    threshold = evidence["threshold"].astype("float64")
    reached = (value >= threshold).astype("float64").where(value.notna())
    indicator = evidence.get("indicator", pd.Series("", index=evidence.index)).astype(str)
    yes_no = indicator.str.endswith("_is_marcom")  # met or not: 100% or 0%
    rule = threshold.where(~is_count_rule(indicator), np.ceil(threshold))
    return (value / rule).where((threshold > 0) & ~yes_no, reached)


def criteria_chart(evidence: pd.DataFrame, business_unit: str, lang: str = "en") -> Figure:
    """How far each criterion of phases 2-4 reaches its threshold (percent, 100% = met),
    under a heading per phase and in its phase's colour; bars stop at 150% with the value
    written beside; a criterion without data says so."""
    title = label("criteria_title", lang, unit=business_unit)
    mine = evidence.loc[evidence["business_unit"] == business_unit].copy()
    if mine.empty:
        return _empty(title, lang)
    mine["share"] = threshold_share(mine).to_numpy()
    mine["used"] = mine["used_for"].fillna("").ne("")
    phases = list(dict.fromkeys(int(p) for p in mine["phase"]))
    figure, axes = plt.subplots(figsize=(9, 0.3 * (len(mine) + len(phases)) + 2.0), dpi=DPI)
    ticks: list[str] = []
    for phase in phases:
        ticks.append(phase_name(phase, lang))  # the phase's heading row
        for record in mine.loc[mine["phase"] == phase].to_dict("records"):
            _criterion_bar(axes, len(ticks), record, lang)
            ticks.append(name(record["indicator"], lang))
    axes.set_yticks(range(len(ticks)), ticks)
    headings = np.cumsum([0] + [int((mine["phase"] == p).sum()) + 1 for p in phases[:-1]])
    for row in headings:
        axes.get_yticklabels()[row].set_fontweight("bold")
    # rows from the top, each a whole row high: the last keeps its room even when it holds
    # only text (a criterion without data), not a bar
    axes.set_ylim(len(ticks) - 0.5, -0.5)
    axes.axvline(1.0, color=INK, ls="--", lw=1)
    axes.set_xlim(0, CRITERIA_CAP + 0.3)
    axes.set_xticks([0, 0.5, 1, CRITERIA_CAP])
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: percent(value)))
    axes.set_xlabel(label("criteria_share_axis", lang))
    below = (0.0, -0.75 / (figure.get_figheight() - 1.2))  # under the axis' label
    # the hatched "not used" entry only where a hatched bar is drawn (one without data is
    # written "no data", not drawn)
    all_used = bool((mine["used"] | mine["share"].isna()).all())
    handles = _criteria_handles(phases, all_used, lang)
    legend = axes.legend(
        handles=handles, loc="upper left", bbox_to_anchor=below, ncols=2, frameon=False
    )
    for handle, drawn in zip(handles, legend.legend_handles, strict=True):
        drawn.set_gid(handle.get_gid())  # a phase swatch stays marked as one
    return _titled(figure, axes, title)


def _criteria_handles(phases: list[int], all_used: bool, lang: str) -> list:
    """The criteria chart's legend: each phase's colour, the 100% line, the hatched bar of
    a criterion that was not used."""
    handles = [
        plt.Rectangle(
            (0, 0), 1, 1, color=PHASE_COLOURS[p], label=phase_name(p, lang), gid=phase_gid(p)
        )
        for p in phases
    ]
    handles.append(
        plt.Line2D([], [], color=INK, ls="--", lw=1, label=label("threshold_met_line", lang))
    )
    if not all_used:
        unused = label("used_none", lang)
        handles.append(
            plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=INK, hatch="///", label=unused)
        )
    return handles


def _criterion_bar(axes, row: int, record: dict, lang: str) -> None:
    """One criterion's bar in its phase's colour (hatched, unfilled when it was not used),
    with its share of the threshold written beside, or "no data" (or "withheld for privacy"
    where privacy withholds its value)."""
    share, phase = record["share"], int(record["phase"])
    if pd.isna(share):
        withheld = bool(record.get("value_suppressed", False))
        said = label("criterion_withheld" if withheld else "no_data", lang)
        axes.text(0.02, row, said, va="center", fontsize=8, color=INK)
        return
    colour = PHASE_COLOURS[phase]
    axes.barh(
        row,
        min(share, CRITERIA_CAP),
        height=0.75,
        facecolor=colour if record["used"] else "white",
        edgecolor=colour,
        hatch=None if record["used"] else "///",
        gid=phase_gid(phase),
    )
    end = min(share, CRITERIA_CAP) + 0.02
    axes.text(end, row, percent(share), va="center", fontsize=8, color=INK)


def interaction_heatmap(edges: pd.DataFrame, lang: str = "en", top: int = 20) -> Figure:
    """Department-by-department interaction counts for the ``top`` busiest departments,
    on a log colour scale whose bar is labelled in words and real counts."""
    title = label("heatmap_title", lang, n=top)
    if edges.empty:
        return _empty(title, lang)
    sums = [edges.groupby(column)["weight"].sum() for column in ("source", "target")]
    busiest = pd.concat(sums).groupby(level=0).sum().sort_values(ascending=False).head(top).index
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
        np.log1p(matrix),
        cmap=HEATMAP_COLOURS,
        square=True,
        ax=axes,
        cbar_kws={"label": label("heatmap_scale", lang)},
    )
    counts = _count_ticks(float(matrix.to_numpy().max()))
    colour_bar = axes.collections[0].colorbar
    colour_bar.set_ticks(np.log1p(counts), labels=[count_text(n, lang) for n in counts])
    axes.set(xlabel="", ylabel="")
    axes.set_anchor("W")  # the square sits left: its title has the width beside it
    axes.tick_params(labelsize=8)
    _titled(figure, axes, title, despine=False)
    square, bar = axes.get_position(), colour_bar.ax.get_position()  # the bar beside the square
    colour_bar.ax.set_position((square.x1 + 0.02, bar.y0, bar.width, bar.height))
    return figure


def _count_ticks(top: float) -> list[int]:
    """Counts to mark on a log(1 + n) colour bar up to ``top``: 0, then 1, 10, 100 ...
    (1, 2, 5 ... while the top is small).

    Examples
    --------
    >>> _count_ticks(374), _count_ticks(9), _count_ticks(0)
    ([0, 1, 10, 100], [0, 1, 2, 5], [0])
    """
    steps = (1, 10) if top >= 30 else (1, 2, 5)
    found, power = [0], 1
    while True:
        more = [s * power for s in steps if s * power <= top]
        if not more:
            return found
        found += more
        power *= 10 if len(steps) == 3 else 100


def trend_lines(
    trend: pd.DataFrame, lang: str = "en", business_unit: str | None = None, note: object = ""
) -> Figure:
    """Each unit's phase per period: a neutral line per unit (dashed once it moved back),
    its dots in the colour of the phase in that period, its name written at the line's
    end. With ``business_unit`` the title names that unit (``trend`` then holds its rows);
    with one period there is nothing to compare, and title and legend name no change.
    ``note``: the results' ``headline_note``; for data without dates the one period an
    import gave them is named so (:func:`~orgsocial.reporting.text.shown_period`)."""
    title = label("trend_unit_title" if business_unit else "trend_title", lang, unit=business_unit)
    classified = trend.loc[trend["phase"].notna()] if len(trend) else trend
    if classified.empty:
        return _empty(title, lang)
    periods = sorted(classified["period"].unique())
    single = len(periods) == 1
    if single:
        title = label("trend_unit_one" if business_unit else "trend_one", lang, unit=business_unit)
    position = {period: i for i, period in enumerate(periods)}
    ends = _trend_ends(classified)
    crowd = int(ends["phase"].value_counts().max())
    figure, axes = plt.subplots(figsize=(9, max(4.5, 1.6 + 0.45 * crowd)), dpi=DPI)
    for unit, rows in classified.groupby("business_unit", sort=True):
        rows = rows.sort_values("period")
        xs = [position[p] for p in rows["period"]]
        ys = rows["phase"].astype(float) + ends.at[unit, "offset"]
        back = bool(rows["moved_back"].astype(bool).any())
        axes.plot(xs, ys, color=TREND_LINE, lw=1.3, ls="--" if back else "-", zorder=2)
        for x, y, phase in zip(xs, ys, rows["phase"].astype(int), strict=True):
            colour = PHASE_COLOURS[phase]
            axes.scatter(
                x, y, s=55, color=colour, edgecolors="white", zorder=3, gid=phase_gid(phase)
            )
        axes.annotate(
            unit,
            (xs[-1], ys.iloc[-1]),
            xytext=(max(position.values()) + 0.12, ends.at[unit, "phase"] + ends.at[unit, "label"]),
            textcoords="data",
            va="center",
            fontsize=8,
            color=INK,
            arrowprops={"arrowstyle": "-", "color": TREND_LINE, "lw": 0.5, "alpha": 0.5},
        )
    axes.set_xticks(range(len(periods)), [shown_period(p, note, lang) for p in periods])
    axes.set_xlim(-0.3, len(periods) - 0.7 + 0.9)
    axes.set_yticks([1, 2, 3, 4], [phase_name(p, lang) for p in (1, 2, 3, 4)])
    axes.set_ylim(0.45, 4.55)
    legend = label("trend_dot" if single else "trend_dashed", lang)
    axes.set_xlabel(label("trend_axis", lang) + "\n" + legend)
    axes.grid(axis="y", color="0.9")
    return _titled(figure, axes, title)


def _trend_ends(classified: pd.DataFrame) -> pd.DataFrame:
    """Per unit: its last phase, a small offset keeping lines that end in one phase apart,
    and the offset of its name there (further apart: one name per line of text)."""
    last = classified.sort_values("period").groupby("business_unit").tail(1)
    ends = last.set_index("business_unit")[["phase"]].astype(float).sort_index()
    rank = ends.groupby("phase").cumcount()
    size = ends.groupby("phase")["phase"].transform("size")
    middle = rank - (size - 1) / 2
    spacing = 0.8 / max(float(size.max()) - 1, 1) if size.max() > 5 else 0.16
    ends["offset"] = (-middle * min(0.05, 0.4 / max(float(size.max()), 1))).to_numpy()
    ends["label"] = (-middle * spacing).to_numpy()
    return ends


def validation_bars(validation: pd.DataFrame, lang: str = "en") -> Figure:
    """Per input file, the share of its rows used and set aside (each file a full bar, so
    an 83-row file reads as well as a 100,000-row one), with the counts written."""
    title = label("quality_title", lang)
    if validation.empty:
        return _empty(title, lang)
    figure, axes = plt.subplots(figsize=(9, 0.6 * len(validation) + 1.7), dpi=DPI)
    files = [name(file, lang) for file in validation["file"]]
    kept = validation["rows_kept"].to_numpy(dtype="float64")
    rejected = validation["rows_rejected"].to_numpy(dtype="float64")
    total = np.maximum(kept + rejected, 1)
    axes.barh(files, kept / total, color=KEPT, label=label("kept", lang))
    axes.barh(
        files, rejected / total, left=kept / total, color=SET_ASIDE, label=label("set_aside", lang)
    )
    for row, numbers in enumerate(zip(validation["rows_read"], kept, rejected, strict=True)):
        read, used, set_aside = (count_text(n, lang) for n in numbers)
        counts = label("quality_counts", lang, read=read, kept=used, rejected=set_aside)
        axes.text(1.02, row, counts, va="center", fontsize=9, color=INK)
    axes.set_ylim(len(files) - 0.5, -0.5)  # rows from the top, each a whole row high
    axes.set_xlim(0, 1)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1])
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: percent(value)))
    axes.set_xlabel(label("quality_axis", lang))
    axes.legend(loc="upper left", bbox_to_anchor=(1.06, 0.0), frameon=False)
    return _titled(figure, axes, title)
