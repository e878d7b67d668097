"""HTML export of executed notebooks (no code, images embedded, nothing fetched online)
and the leadership index page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import nbformat
import pandas as pd
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import TagRemovePreprocessor

from orgsocial.reporting.readings import confidence_shown, percent, reason_text, window_phase
from orgsocial.reporting.style import PHASE_COLOURS
from orgsocial.reporting.tables import unbroken_quarters
from orgsocial.reporting.text import any_undated, label, phase_name

if TYPE_CHECKING:
    from orgsocial.reporting.summary import ExecutiveSummary

TEMPLATES = Path(__file__).parent / "templates"
#: Cells tagged so are notes for analysts in JupyterLab, left out of HTML reports.
ANALYST_NOTE_TAG = "analyst-note"


def safe_stem(name: str) -> str:
    """A unit page's file name stem, made of ``[a-z0-9-]`` only, unique per ``name``.

    A readable slug plus a short hash of the exact name, so that ``"R&D"`` and
    ``"R D"`` do not collide and nothing like ``../`` survives.

    Examples
    --------
    >>> safe_stem("../../x")
    'unit-x-9cdf6a50'
    >>> safe_stem("<script>")
    'unit-script-5b63e5b2'
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"unit-{slug}-{digest}" if slug else f"unit-{digest}"


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that would leave ``folder``."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise ValueError(f"refusing to write outside {folder}: {name!r}")
    return target


class _Exporter(HTMLExporter):
    """nbconvert's HTML exporter without its final pass over the page, which re-parses it
    with BeautifulSoup to add missing alternative texts and tab stops (about 0.2 s per
    report): our template writes each figure's reading as its alt text."""

    def from_notebook_node(self, nb, resources=None, **kw):
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        self.register_filter("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        self.register_filter(
            "filter_data_type",
            WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            ),
        )
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


_LOCAL = threading.local()


def base64_text(text: str) -> str:
    """``text`` (UTF-8) in base64, for a data URL."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def notebook_to_html(
    notebook: nbformat.NotebookNode, title: str, back: str = "", lang: str = "en"
) -> str:
    """Render an executed notebook to a self-contained HTML page; ``back``: the words of a
    link to the summary (``index.html``) at the top, so a forwarded page is no dead end;
    ``lang``: the page's language (``<html lang>``, for screen readers and hyphenation)."""
    notebook.metadata["title"] = title
    if getattr(_LOCAL, "exporter", None) is None:
        # without code, prompts or analyst notes, with the offline template; one per thread
        # (building one loads every template), so setting its language is safe
        _LOCAL.exporter = _Exporter(
            template_name="orgsocial",
            extra_template_basedirs=[str(TEMPLATES)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
        _LOCAL.exporter.register_filter("base64_text", base64_text)
        remover = TagRemovePreprocessor(remove_cell_tags={ANALYST_NOTE_TAG}, enabled=True)
        _LOCAL.exporter.register_preprocessor(remover, enabled=True)
    export = _LOCAL.exporter
    export.language_code = lang
    body, _ = export.from_notebook_node(notebook)
    if not back:
        return body
    link = f'<nav class="orgsocial-back"><a href="index.html">{html.escape(back)}</a></nav>'
    return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + link, body, count=1)


@dataclass(frozen=True)
class IndexEntry:
    """One line of the index: a report and its status."""

    title: str
    file_name: str
    status: str
    error: str = ""
    business_unit: str | None = None


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


@lru_cache(maxsize=1)
def pages_environment() -> jinja2.Environment:
    """The Jinja environment of the index and the single report (autoescaping on; the
    filter ``unbroken`` keeps each quarter in a text on one line)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "pages"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["unbroken"] = lambda value: Markup(unbroken_quarters(value))
    return environment


@lru_cache(maxsize=1)
def pages_css() -> str:
    """The style sheet of the summary (index page and single report), read once."""
    return (TEMPLATES / "pages" / "summary.css").read_text("utf-8")


def phase_colour(phase: object) -> str:
    """A phase's colour as CSS (the figures' colour), empty for no phase."""
    if phase is None or pd.isna(phase):
        return ""
    return PHASE_COLOURS[int(phase)]


def trend_words(trend: object, lang: str) -> str:
    """A unit's phases per period in words, oldest first.

    Examples
    --------
    >>> trend_words("2026-Q2: 1 | 2026-Q3: 2", "en")
    '2026-Q2 Pilot → 2026-Q3 Centralisation'
    """
    parts = []
    for item in _cell(trend).split(" | "):
        period, _, phase = item.partition(": ")
        if period:
            known = phase.strip().isdigit()
            parts.append(f"{period} {phase_name(int(phase) if known else None, lang)}")
    return " → ".join(parts)


def summary_context(
    units: pd.DataFrame,
    entries: list[IndexEntry],
    lang: str,
    trend: pd.DataFrame | None = None,
    minimum: int = 5,
    period: str = "",
    link: Callable[[str], str] = lambda file_name: file_name,
    summary: ExecutiveSummary | None = None,
) -> dict[str, object]:
    """What the summary template shows (:func:`orgsocial.reporting.summary.executive_summary`
    in words and links); ``link`` turns a page's file name into its address.
    ``summary``: the executive summary when the caller has made it already (the report
    batch shows one summary on two pages)."""
    from orgsocial.reporting.summary import executive_summary

    if summary is None:
        if trend is None:
            trend = pd.DataFrame(columns=["business_unit", "period", "phase", "confidence"])
        summary = executive_summary(units, trend, minimum, lang)
    by_unit = {entry.business_unit: entry for entry in entries if entry.business_unit}
    reasons = units.set_index("business_unit").get("reason", pd.Series(dtype=object))
    rows = []  # one per unit, with the link to its page when it was made
    for record in summary.units.to_dict("records"):
        unit, change = record["business_unit"], record["change"]
        entry = by_unit.get(unit)
        rows.append(
            {
                "rank": record["rank"],
                "unit": unit,
                "href": link(entry.file_name) if entry and entry.status == "ok" else "",
                "failed": f"{label('failed', lang)}: {entry.error}"
                if entry and entry.status != "ok"
                else "",
                "phase": "" if pd.isna(record["phase"]) else int(record["phase"]),
                "colour": phase_colour(record["phase"]),
                "phase_text": record["phase_text"],
                "change_text": record["change_text"],
                "change_class": ""
                if pd.isna(change) or change == 0
                else ("up" if change > 0 else "down"),
                "confidence_text": record["confidence_text"],
                "basis_text": record["basis_text"],
                "risk": record["risk"] or reason_text(_cell(reasons.get(unit)), lang),
                "say_do": record["say_do"],
                "next_step": record["next_step"],
            }
        )
    if any_undated(units):  # the verdicts are for the data as a whole
        period_line = label("summary_period_undated", lang)
    else:  # "Verdicts for <period>"
        period_line = label("summary_period", lang, period=period) if period else ""
    return {
        "lang": lang,
        "title": label("summary_title", lang),
        "period": period,
        "period_line": period_line,
        "headline": summary.headline,
        "rows": rows,
        "phases": [{"colour": phase_colour(p), "name": phase_name(p, lang)} for p in (1, 2, 3, 4)],
        "actions": [
            {"text": text, "serves": label("summary_serves", lang, units=", ".join(served))}
            for text, served in summary.actions
        ],
        "words": _summary_words(lang, summary.previous_period),
    }


def _summary_words(lang: str, since: str) -> dict[str, str]:
    """The summary page's headings and labels."""
    return {
        "units": label("summary_units", lang),
        "legend": label("phase_colours", lang),
        "rank": label("summary_rank", lang),
        "unit": label("unit_axis", lang),
        "phase_now": label("phase_now", lang),
        "change": label("summary_since", lang, period=since)
        if since
        else label("summary_change", lang),
        "sure": label("summary_sure", lang),
        "matters": label("summary_matters", lang),
        "first_step": label("summary_first_step", lang),
        "actions": label("summary_actions", lang),
        "org_reports": label("org_reports", lang),
        "appendix": label("appendix_summary", lang),
        "units_table": label("units_table", lang),
        "rules": label("summary_rules", lang),
        "run": label("run", lang),
    }


def organisation_links(
    entries: list[IndexEntry],
    lang: str,
    link: Callable[[str], str] = lambda file_name: file_name,
) -> list[dict[str, str]]:
    """The organisation pages for the summary's list: a failed one with its error, unlinked;
    ``link`` turns a page's file name into its address."""
    return [
        {
            "title": entry.title,
            "href": link(entry.file_name) if entry.status == "ok" else "",
            "failed": f"{label('failed', lang)}: {entry.error}",
        }
        for entry in entries
        if not entry.business_unit
    ]


def appendix_context(
    units: pd.DataFrame,
    entries: list[IndexEntry],
    facts: dict[str, object],
    lang: str,
) -> dict[str, object]:
    """What the analysts' appendix of the summary shows: every unit's verdict with its
    confidence as a number, the rules of the summary and the run's facts."""
    from orgsocial.reporting import summary

    by_unit = {entry.business_unit: entry for entry in entries if entry.business_unit}
    rows = []
    for record in units.sort_values("business_unit").to_dict("records"):
        entry = by_unit.get(record["business_unit"])
        phase, confidence = record.get("phase"), record.get("confidence")
        reasons = _cell(record.get("provisional_reasons"))
        rows.append(
            {
                "unit": record["business_unit"],
                "href": entry.file_name if entry and entry.status == "ok" else "",
                "phase": "" if pd.isna(phase) else int(phase),
                "verdict": _cell(record.get("verdict"))
                or phase_name(None if pd.isna(phase) else int(phase), lang),
                "provisional": f"{label('provisional', lang)}: {'; '.join(reasons.split(' | '))}"
                if reasons
                else "",
                "confidence_sort": "" if pd.isna(confidence) else f"{confidence:.3f}",
                "confidence": confidence_shown(record, lang),
                "window": window_phase(
                    record.get("phase_window"), record.get("at_least_window"), lang
                ),
                "trend": trend_words(record.get("trend"), lang),
            }
        )
    high, moderate = summary.CONFIDENCE_WORDS
    return {
        "unit_headers": [
            label(key, lang)
            for key in ("unit_axis", "phase_now", "confidence", "whole_window", "trend")
        ],
        "unit_rows": rows,
        "rules": [
            label("summary_rule_change", lang, firm=percent(summary.FIRM_CONFIDENCE)),
            label("summary_rule_sure", lang, high=percent(high), moderate=percent(moderate)),
            label("summary_rule_order", lang),
            label("summary_rule_actions", lang),
        ],
        "facts": [(str(key), str(value)) for key, value in facts.items()],
    }


def index_page(
    units: pd.DataFrame,
    entries: list[IndexEntry],
    facts: dict[str, object],
    lang: str = "en",
    phase_map: tuple[str, str] = ("", ""),
    period: str = "",
    single_file: str = "",
    summary: ExecutiveSummary | None = None,
) -> str:
    """The leadership entry page (what it shows: docs/outputs.md, ``DIR/index.html``); a failed
    report is listed with its error and not linked. ``phase_map``: the figure as base64 SVG
    and its alternative text; ``single_file``: the name of the single report beside the
    page, linked when given; ``summary``: see :func:`summary_context`."""
    context = {
        **summary_context(units, entries, lang, period=period, summary=summary),
        **appendix_context(units, entries, facts, lang),
        "css": pages_css(),
        "phase_map": phase_map[0],
        "phase_map_alt": phase_map[1],
        "organisation": organisation_links(entries, lang),
        "single_file": {"href": single_file, "text": label("single_file_link", lang)}
        if single_file
        else None,
    }
    return pages_environment().get_template("index.html.j2").render(context)
