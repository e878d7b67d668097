"""Small helpers the notebooks call: open results, pick a unit, show a figure with its reading.

Everything shown is HTML-escaped: a unit called ``<script>`` is shown as text.
"""

from __future__ import annotations

import base64
import html
import io
from functools import lru_cache
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display
from matplotlib.figure import Figure

from orgsocial.analysis.advice import format_threshold, format_value, is_count_rule
from orgsocial.analysis.period import parse_period
from orgsocial.analysis.results import AnalysisResults
from orgsocial.errors import ParameterError
from orgsocial.io.outputs import read_results
from orgsocial.reporting import tables
from orgsocial.reporting.readings import (
    confidence_shown,
    merge_reading,
    merge_warning,
    provisional_reading,
    window_phase,
    window_reading,
)
from orgsocial.reporting.style import FIGURE_TYPE
from orgsocial.reporting.text import (
    label,
    name,
    phase_name,
    shown_period,
    spoken_period,
    why_text,
)
from orgsocial.reporting.views import unit_view as unit_view  # the notebooks call nb.unit_view


def open_results(
    dataset: str = "",
    results_dir: str = "",
    min_group_size: int | None = None,
    lang: str = "en",
    period: str = "",
) -> AnalysisResults:
    """Read results from ``results_dir`` (as the report batch passes it) or, when it is empty,
    analyse ``dataset`` now for ``period`` (empty: the whole window), its verdicts, reasons
    and next steps in ``lang``: :func:`orgsocial.load` with the same options."""
    if results_dir:
        meta = Path(results_dir).resolve() / "meta.json"
        results = _read_once(meta.parent, meta.stat().st_mtime if meta.exists() else 0.0)
        analysed = str(results.meta.get("period", ""))
        if period and parse_period(period).label != analysed:
            raise ParameterError(
                f"{results_dir} holds the results for {analysed or 'the whole window'}, not "
                f"{period}: leave results_dir empty to analyse {period} here"
            )
        written_in = results.meta.get("lang", lang)
        if written_in != lang:
            raise ParameterError(
                f"{results_dir} holds results written in {written_in!r} (verdicts, risks, next "
                f"steps), not {lang!r}: run orgsocial analyse --lang {lang}, or leave "
                "results_dir empty to analyse here"
            )
        return results
    if not dataset:
        raise ParameterError("give a dataset folder or a results folder")
    from orgsocial.app import load

    minimum = int(min_group_size) if min_group_size is not None else None
    return load(dataset, period=period or None, lang=lang, min_group_size=minimum)


@lru_cache(maxsize=1)
def _read_once(folder: Path, stamp: float) -> AnalysisResults:
    """Results read once per kernel (``stamp``: when ``meta.json`` was written): a warm
    kernel running many reports reads them once."""
    return read_results(folder)


def window_of(results: AnalysisResults) -> str:
    """The period the organisation-wide tables cover (the whole window, or ``--period``), as
    a reader writes it ("1 Apr – 5 Oct 2026") in the results' language; "data without
    dates" when the data carry none (not the one time an import gave them)."""
    return spoken_period(results.meta, "window", str(results.meta.get("lang") or "en"))


def choose_unit(results: AnalysisResults, business_unit: str = "") -> str:
    """``business_unit`` when it exists; the first unit by name when it is empty."""
    units = sorted(results.units["business_unit"])
    if not business_unit:
        if not units:
            raise ParameterError("the results hold no business units")
        return units[0]
    if business_unit not in units:
        raise ParameterError(f"unknown business unit {business_unit!r}; known: {', '.join(units)}")
    return business_unit


def heading(text: str, level: int = 1) -> None:
    """Show a heading."""
    display(HTML(f"<h{level}>{html.escape(text)}</h{level}>"))


#: The tag of the cells at the end of a notebook that the report shows in a closed
#: "For analysts" section (the template's ``<details class="orgsocial-appendix">``).
APPENDIX_TAG = "analyst-appendix"
#: The output metadata key whose value the template takes as that section's summary.
APPENDIX_MARK = "orgsocial_appendix"


def appendix(lang: str = "en") -> None:
    """Begin the analysts' appendix (call it in the first cell tagged :data:`APPENDIX_TAG`):
    a heading "For analysts" in ``lang``, which the report's template makes the summary of
    the closed section (marked with :data:`APPENDIX_MARK`) holding the appendix cells."""
    title = label("appendix_summary", lang)
    display(
        HTML(f'<h2 class="orgsocial-appendix-title">{html.escape(title)}</h2>'),
        metadata={APPENDIX_MARK: title},
    )


def paragraph(text: str) -> None:
    """Show a sentence as a reading paragraph."""
    display(HTML(f'<p class="orgsocial-reading">{html.escape(text)}</p>'))


#: A figure is also shown as PNG: JupyterLab hides the SVG of a notebook it does not
#: trust (one run by papermill or nbconvert) and shows the PNG instead. The report's
#: kernels turn it off (``reporting/kernels.py``): their pages show the SVG.
WITH_PNG = True


def figure_svg(figure: Figure) -> str:
    """The figure as SVG text, the same bytes for the same figure (no date, fixed ids)."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.hashsalt": "orgsocial"}):  # ids from content, not at random
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def figure_alt(figure: Figure, reading: str) -> str:
    """A figure's alternative text: its title and its one-line reading."""
    title = figure.axes[0].get_title(loc="left") if figure.axes else ""
    return f"{title}. {reading}" if title else reading


def show(figure: Figure, reading: str) -> None:
    """Show a figure as an embedded SVG image (and PNG, see :data:`WITH_PNG`) and, under
    it, its one-line reading, which is also the figure's alternative text."""
    alt = figure_alt(figure, reading)
    data = {FIGURE_TYPE: figure_svg(figure)}
    if WITH_PNG:
        png = io.BytesIO()
        figure.savefig(png, format="png")
        data["image/png"] = base64.b64encode(png.getvalue()).decode("ascii")
    # raw: IPython's SVG class would parse the whole drawing to find its <svg> element
    display(data, raw=True, metadata={kind: {"alt": alt} for kind in data})
    plt.close(figure)
    paragraph(reading)


def merge_note(costs: pd.DataFrame, meta: dict, lang: str = "en") -> None:
    """Say what privacy merging hides in a network (``costs``: the ``privacy`` output, or
    the unit's row of it) and warn, with what to do, where most departments are merged."""
    minimum = int(meta.get("min_group_size", 5))
    if reading := merge_reading(costs, minimum, lang):
        paragraph(reading)
    warning(merge_warning(costs, minimum, lang))


def warning(text: str) -> None:
    """Show a warning, set apart from the readings (nothing for an empty text)."""
    if text:
        display(HTML(f'<p class="orgsocial-provisional">{html.escape(text)}</p>'))


def import_warnings(meta: dict, lang: str = "en") -> None:
    """Warn when the dataset's imports were pseudonymised with different secrets."""
    if names := meta.get("imports_with_different_secrets"):
        warning(label("warning_mixed_secrets", lang, imports=", ".join(names)))


#: The columns of the privacy output the data-quality page shows (the flags are in its sentences).
PRIVACY_TABLE = (
    "business_unit",
    "departments",
    "departments_merged",
    "merged_into",
    "pairs_merged",
    "interactions_merged",
    "interactions_hidden",
)


def privacy_table(costs: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """What the data-quality page shows of the ``privacy`` output: what was merged, per unit;
    "withheld" under merged into where small departments are too few even merged."""
    shown = costs[[c for c in PRIVACY_TABLE if c in costs.columns]]
    if "merged_into" not in shown.columns:
        return shown
    withheld = shown["departments_merged"].fillna(0).gt(0) & shown["merged_into"].fillna("").eq("")
    return shown.assign(merged_into=shown["merged_into"].mask(withheld, label("withheld", lang)))


def table(frame: pd.DataFrame, lang: str = "en") -> None:
    """Show a frame as a plain HTML table: its values as :func:`tables.displayed` writes them
    in ``lang``, escaped and aligned by :func:`tables.html_table`."""
    display(HTML(tables.html_table(tables.displayed(frame, lang))))


def _capitalised(text: str) -> str:
    """``text`` with a capital first letter, as the overview's other headers."""
    return text[:1].upper() + text[1:]


#: The key indicators the overview's table shows, as percentages.
UNITS_TABLE_SHARES = ("active_share", "customer_facing_active_share", "answered_within_1h_share")


def units_table(units: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The overview's table: unit, verdict now (phase and period), confidence, why it is
    provisional, the whole window's phase, runner-up, key indicators (percentages)."""
    verdict = units["verdict"] if "verdict" in units.columns else units["phase_name"]
    reasons = units.get("provisional_reasons", pd.Series("", index=units.index))
    records = units.to_dict("records")
    out = pd.DataFrame(
        {
            label("unit_axis", lang): units["business_unit"],
            label("phase_now", lang): verdict.fillna(""),
            label("confidence", lang): [confidence_shown(r, lang) for r in records],
            label("provisional", lang): reasons.fillna("").str.replace(" | ", "; "),
            label("whole_window", lang): [
                window_phase(r.get("phase_window"), r.get("at_least_window"), lang) for r in records
            ],
            label("runner_up", lang): [
                phase_name(p, lang) if isinstance(b, str) and b and not pd.isna(p) else ""
                for p, b in zip(units["runner_up"], units["between"], strict=True)
            ],
            **{
                _capitalised(name(indicator, lang)): [
                    tables.cell_text(v, False, lang, share=True) for v in units[indicator]
                ]
                for indicator in UNITS_TABLE_SHARES
            },
        }
    )
    return out.sort_values(label("unit_axis", lang), ignore_index=True)


#: The measures per unit the overview's appendix shows.
UNIT_MEASURES = (
    "business_unit",
    "headcount",
    "active_share",
    "departments_active_share",
    "cross_department_share",
    "inquiries",
    "response_rate",
    "response_minutes_median",
)


def trend_table(trend: pd.DataFrame, lang: str = "en", note: object = "") -> pd.DataFrame:
    """The trend's rows as the appendix shows them: a confidence that privacy withholds is
    its band in words, marked so (:func:`~orgsocial.reporting.readings.confidence_shown`).
    ``note``: the results' ``headline_note``; for data without dates the one period an
    import gave them is named so (:func:`~orgsocial.reporting.text.shown_period`). An "at
    least" verdict's phase reads so, as everywhere else."""
    columns = ["business_unit", "period", "phase_name", "confidence", "between", "change"]
    shown = trend[[*columns, "moved_back"]].copy()
    records = trend.to_dict("records")
    shown["period"] = [shown_period(period, note, lang) for period in trend["period"]]
    shown["phase_name"] = [
        window_phase(r["phase"], r.get("at_least"), lang) or r["phase_name"] for r in records
    ]
    shown["confidence"] = [confidence_shown(r, lang) for r in records]
    return shown


def unit_measures(units: pd.DataFrame) -> pd.DataFrame:
    """The key figures per unit behind the overview (:data:`UNIT_MEASURES`, by unit name);
    a suppressed unit's figures are missing, so shown as a dash."""
    columns = [column for column in UNIT_MEASURES if column in units.columns]
    return units[columns].sort_values("business_unit", ignore_index=True)


def evidence_table(evidence: pd.DataFrame, business_unit: str, lang: str = "en") -> pd.DataFrame:
    """The unit's evidence: phase, what people do or say, whether it must be met, criterion,
    value and threshold as a reader expects them (percentages, people, a count rule as
    "≥ 3"), the score the verdict weighs (percent, 50% at the threshold), weight, why; all
    in ``lang`` (a why a settings file changed, as written)."""
    mine = evidence.loc[evidence["business_unit"] == business_unit]

    def shown(column: str) -> list[str]:
        return [
            f"≥ {format_threshold(i, value)}"
            if column == "threshold" and is_count_rule(i)
            else format_value(i, value, lang)
            for i, value in zip(mine["indicator"], mine[column], strict=True)
        ]

    return pd.DataFrame(
        {
            label("phase_axis", lang): mine["phase"].map(lambda p: phase_name(p, lang)),
            label("evidence_kind", lang): mine["source"].map(lambda s: label(s, lang)),
            label("role", lang): mine["role"].map(lambda r: label(r, lang)),
            label("indicator", lang): mine["indicator"].map(lambda i: name(i, lang)),
            label("value", lang): shown("value"),
            label("threshold", lang): shown("threshold"),
            # the soft score the verdict weighs, not the chart's share of the threshold
            label("fulfilment_score", lang): mine["fulfilment"].map(
                lambda f: "–" if pd.isna(f) else f"{f:.0%}"
            ),
            label("weight", lang): mine["weight"].map(
                lambda w: f"{w:g}".replace(".", ",") if lang == "nl" else f"{w:g}"
            ),
            label("why", lang): [
                why_text(p, i, w, lang)
                for p, i, w in zip(mine["phase"], mine["indicator"], mine["why"], strict=True)
            ],
            label("used_for", lang): mine.get("used_for", pd.Series("verdict", index=mine.index))
            .fillna("")
            .map(lambda u: label(f"used_{u or 'none'}", lang)),
        }
    )


def findings(row: pd.Series, lang: str = "en") -> None:
    """Show why the verdict is provisional, the whole window's phase beside it, the unit's
    risk, say-do finding and next steps (escaped), where it has them."""
    parts = []
    if provisional := provisional_reading(row, lang):
        parts.append(
            f'<p class="orgsocial-provisional"><strong>{html.escape(provisional)}</strong></p>'
        )
    if context := window_reading(row, lang):
        parts.append(f'<p class="orgsocial-reading">{html.escape(context)}</p>')
    for key in ("risk", "say_do"):
        if isinstance(row.get(key), str) and row[key]:
            parts.append(f"<h3>{html.escape(label(key, lang))}</h3><p>{html.escape(row[key])}</p>")
    if isinstance(row.get("next_steps"), str) and row["next_steps"]:
        items = "".join(f"<li>{html.escape(step)}</li>" for step in row["next_steps"].split(" | "))
        parts.append(f"<h3>{html.escape(label('next_steps', lang))}</h3><ol>{items}</ol>")
    if parts:
        display(HTML("".join(parts)))


def top_brokers(departments: pd.DataFrame) -> pd.DataFrame:
    """The ten departments with the highest betweenness (not suppressed)."""
    columns = [
        "department",
        "business_unit",
        "betweenness",
        "constraint",
        "effective_size",
        "connectors",
    ]
    shown = departments.loc[~departments["suppressed"].astype(bool), columns]
    return shown.sort_values("betweenness", ascending=False).head(10)


def answering_departments(departments: pd.DataFrame) -> pd.DataFrame:
    """The fifteen departments that gave the most first answers to customers."""
    columns = [
        "department",
        "business_unit",
        "answers_given",
        "answer_minutes_median",
        "answers_within_1h_share",
    ]
    shown = departments.loc[departments["answers_given"].fillna(0) > 0, columns]
    return shown.sort_values("answers_given", ascending=False).head(15)
