"""The single report (``orgsocial-report.html``, see docs/outputs.md): the summary, every unit
page and the organisation pages in one self-contained HTML file to forward and print."""

from __future__ import annotations

import re
from dataclasses import dataclass

from orgsocial.reporting import html as report_html
from orgsocial.reporting.text import label

#: Its anchor for the summary (what a page's link back to index.html points to).
SUMMARY_ANCHOR = "summary"

#: A4 sheets with the title and period (``{header}``) on top and page numbers below, every
#: page of the report on a new sheet, wide tables wrapped.
PRINT_CSS = """
@page { size: A4; margin: 17mm 12mm 15mm 12mm;
  @top-left { content: "{header}"; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages);
    font: 8pt system-ui, sans-serif; color: #555; } }
section.orgsocial-page { margin-bottom: 3rem; }
@media print {
  html, body { font-size: 10pt; }
  body.jp-Notebook, body.orgsocial-index { max-width: none; margin: 0; padding: 0; }
  section.orgsocial-page { break-before: page; margin: 0; }
  section.orgsocial-page:first-of-type { break-before: auto; }
  table { width: 100% !important; max-width: 100% !important; table-layout: auto; }
  th, td { white-space: normal !important; overflow-wrap: anywhere; font-size: 8pt; }
  .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { max-width: none !important;
    padding: .2em .35em !important; }
  img { width: auto !important; height: auto !important; max-width: 100% !important;
    max-height: 240mm !important; break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
"""


@dataclass(frozen=True)
class Page:
    """A written report page: its file stem and its HTML."""

    stem: str
    html: str


_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)
_BODY = re.compile(r"<body\b([^>]*)>(.*)</body>", re.S | re.I)


def css_string(text: str) -> str:
    r"""``text`` as the content of a CSS string (quotes, backslashes and tags escaped).

    Examples
    --------
    >>> css_string('a "b" </style>')
    'a \\"b\\" \\3c /style>'
    """
    cleaned = " ".join(text.split())
    return cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")


def _links_inside(body: str, stems: set[str]) -> str:
    """Links to index.html and to the pages of the file become links inside the file."""

    def local(match: re.Match[str]) -> str:
        target = match.group(2)
        if target == "index.html":
            return f'{match.group(1)}"#{SUMMARY_ANCHOR}"'
        stem = target.removesuffix(".html")
        return f'{match.group(1)}"#{stem}"' if stem in stems else match.group(0)

    return re.sub(r'(href=)"([^"#:/]+\.html)"', local, body)


def page_parts(page_html: str, styles: bool) -> tuple[list[str], str, str]:
    """A page's style blocks (none looked for without ``styles``), its body's attributes
    and its body's content (every page has a body: nbconvert's lab template writes it)."""
    found = _BODY.search(page_html)
    blocks = _STYLE.findall(page_html, 0, found.start()) if styles else []
    return blocks, found.group(1), found.group(2)


def single_report(summary: dict[str, object], pages: list[Page]) -> str:
    """The single self-contained report.

    Parameters
    ----------
    summary
        The summary's context (:func:`orgsocial.reporting.html.summary_context` and
        ``phase_map``, ``organisation``), its links already pointing inside the file;
        its ``lang``, ``title`` and ``period`` name the file and its printed pages.
    pages
        The written pages in the order they appear.
    """
    stems = {page.stem for page in pages}
    styles: list[str] = []
    attributes = ' class="orgsocial-index"'
    sections = []
    for page in pages:
        # every notebook page carries the same style sheet: the first one's serves
        page_styles, body_attributes, body = page_parts(page.html, styles=not styles)
        if page_styles:
            styles, attributes = page_styles, body_attributes
        sections.append({"stem": page.stem, "body": _links_inside(body, stems)})
    title, period = str(summary["title"]), str(summary.get("period") or "")
    lang = str(summary["lang"])
    header = label("summary_pdf_header", lang, title=title, period=period) if period else title
    context = {
        **summary,
        "styles": "\n".join(styles),
        "body_attributes": attributes,
        "css": report_html.pages_css(),
        "print_css": PRINT_CSS.replace("{header}", css_string(header)),
        "sections": sections,
        "anchor": SUMMARY_ANCHOR,
    }
    return report_html.pages_environment().get_template("single.html.j2").render(context)
