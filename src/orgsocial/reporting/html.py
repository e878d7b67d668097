"""HTML export of executed notebooks (no code, images embedded, nothing fetched online)
and the leadership index page.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import TagRemovePreprocessor

from orgsocial.reporting.readings import reason_text, window_phase
from orgsocial.reporting.text import label, phase_name

TEMPLATES = Path(__file__).parent / "templates"
#: Cells tagged so are notes for analysts in JupyterLab, left out of HTML reports.
ANALYST_NOTE_TAG = "analyst-note"


def safe_stem(name: str, prefix: str = "unit") -> str:
    """A file name stem made of ``[a-z0-9-]`` only, unique per ``name``.

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
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that would leave ``folder``."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise ValueError(f"refusing to write outside {folder}: {name!r}")
    return target


class _Exporter(HTMLExporter):
    """nbconvert's HTML exporter without its final pass over the page.

    ``HTMLExporter.from_notebook_node`` re-parses every page with BeautifulSoup to
    add missing alternative texts and tab stops (about 0.2 s per report); our
    template writes each figure's reading as its alt text, so that pass is skipped.
    """

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


def exporter() -> HTMLExporter:
    """An HTML exporter without code, prompts or analyst notes, using the offline template
    (one per thread: building one loads every template)."""
    cached = getattr(_LOCAL, "exporter", None)
    if cached is not None:
        return cached
    export = _Exporter(
        template_name="orgsocial",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    remover = TagRemovePreprocessor(remove_cell_tags={ANALYST_NOTE_TAG}, enabled=True)
    export.register_preprocessor(remover, enabled=True)
    _LOCAL.exporter = export
    return export


def notebook_to_html(notebook: nbformat.NotebookNode, title: str, back: str = "") -> str:
    """Render an executed notebook to a self-contained HTML page; ``back``: the words of a
    link to the summary (``index.html``) at the top, so a forwarded page is no dead end."""
    notebook.metadata["title"] = title
    body, _ = exporter().from_notebook_node(notebook)
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


def _organisation_item(entry: IndexEntry, lang: str) -> str:
    if entry.status == "ok":
        return f'<li><a href="{html.escape(entry.file_name)}">{html.escape(entry.title)}</a></li>'
    failed = html.escape(label("failed", lang))
    return (
        f'<li class="failed">{html.escape(entry.title)} — {failed}: {html.escape(entry.error)}</li>'
    )


def index_page(
    units: pd.DataFrame,
    entries: list[IndexEntry],
    facts: dict[str, object],
    lang: str = "en",
    phase_map_png: str | None = None,
) -> str:
    """The leadership entry page: the phase map, a sortable table of units (phase,
    confidence, main risk, trend, link), the organisation reports, and the run's facts.

    Every text from the data is escaped; a failed report is listed with its error
    and not linked.
    """
    by_unit = {entry.business_unit: entry for entry in entries if entry.business_unit}
    rows = []
    for record in units.sort_values("business_unit").to_dict("records"):
        unit = record["business_unit"]
        entry = by_unit.get(unit)
        link = (
            f'<a href="{html.escape(entry.file_name)}">{html.escape(unit)}</a>'
            if entry and entry.status == "ok"
            else html.escape(unit)
        )
        phase = record["phase"]
        confidence = record["confidence"]
        between = (
            f" ({html.escape(_cell(record.get('between')))})"
            if _cell(record.get("between"))
            else ""
        )
        verdict = _cell(record.get("verdict")) or phase_name(
            None if pd.isna(phase) else int(phase), lang
        )
        reasons = _cell(record.get("provisional_reasons"))
        provisional = (
            f'<div class="provisional">{html.escape(label("provisional", lang))}: '
            f"{html.escape('; '.join(reasons.split(' | ')))}</div>"
            if reasons
            else ""
        )
        window = window_phase(record.get("phase_window"), record.get("at_least_window"), lang)
        note = _cell(record.get("risk")) or reason_text(_cell(record.get("reason")), lang)
        failure = (
            f'<div class="failed">{html.escape(label("failed", lang))}: '
            f"{html.escape(entry.error)}</div>"
            if entry is not None and entry.status != "ok"
            else ""
        )
        rows.append(
            "<tr>"
            f"<td>{link}{failure}</td>"
            f"<td data-sort='{'' if pd.isna(phase) else int(phase)}'>"
            f"{html.escape(verdict)}{between}{provisional}</td>"
            f"<td data-sort='{'' if pd.isna(confidence) else f'{confidence:.3f}'}'>"
            f"{'–' if pd.isna(confidence) else f'{confidence:.0%}'}</td>"
            f"<td>{html.escape(window)}</td>"
            f"<td>{html.escape(note)}</td>"
            f"<td>{html.escape(_cell(record.get('trend')))}</td>"
            "</tr>"
        )
    organisation = "".join(_organisation_item(e, lang) for e in entries if not e.business_unit)
    fact_rows = "".join(
        f"<tr><th>{html.escape(str(key))}</th><td>{html.escape(str(value))}</td></tr>"
        for key, value in facts.items()
    )
    image = (
        f'<img alt="{html.escape(label("phase_map_title", lang))}" '
        f'src="data:image/png;base64,{phase_map_png}">'
        if phase_map_png
        else ""
    )
    title = html.escape(label("overview_title", lang))
    headers = "".join(
        f"<th>{html.escape(text)}</th>"
        for text in (
            label("unit_axis", lang),
            label("phase_now", lang),
            label("confidence", lang),
            label("whole_window", lang),
            label("main_risk", lang),
            label("trend", lang),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2rem auto;
       padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; }}
th, td {{ text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd;
         vertical-align: top; overflow-wrap: break-word; }}
th {{ overflow-wrap: anywhere; hyphens: auto; }}
#units th {{ cursor: pointer; }} img {{ max-width: 100%; }}
.failed {{ color: #a00; }}
.provisional {{ color: #8a5a00; font-size: .9em; margin-top: .2rem; }}
@media print {{ #units th {{ cursor: auto; }} a {{ color: inherit; text-decoration: none; }} }}
</style></head><body>
<h1>{title}</h1>
{image}
<h2>{html.escape(label("units_table", lang))}</h2>
<table id="units"><thead><tr>{headers}</tr></thead><tbody>
{"".join(rows)}
</tbody></table>
<h2>{html.escape(label("org_reports", lang))}</h2>
<ul>{organisation}</ul>
<h2>{html.escape(label("run", lang))}</h2><table>{fact_rows}</table>
<script>
document.querySelectorAll("#units th").forEach(function (th, col) {{
  th.addEventListener("click", function () {{
    var body = th.closest("table").tBodies[0];
    var rows = Array.from(body.rows);
    var asc = th.dataset.asc !== "1"; th.dataset.asc = asc ? "1" : "0";
    rows.sort(function (a, b) {{
      var x = a.cells[col].dataset.sort || a.cells[col].textContent;
      var y = b.cells[col].dataset.sort || b.cells[col].textContent;
      return (asc ? 1 : -1) * x.localeCompare(y, undefined, {{numeric: true}});
    }});
    rows.forEach(function (r) {{ body.appendChild(r); }});
  }});
}});
</script>
</body></html>
"""
