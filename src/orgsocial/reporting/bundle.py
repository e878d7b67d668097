"""The single report (``orgsocial-report.html``, see docs/outputs.md): the summary, every unit
page and the organisation pages in one self-contained HTML file to forward and print."""

from __future__ import annotations

import re

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


def single_report(summary: dict[str, object], pages: dict[str, str]) -> str:
    """The single self-contained report.

    Parameters
    ----------
    summary
        The summary's context (:func:`orgsocial.reporting.html.summary_context` and
        ``phase_map``, ``organisation``), its links already pointing inside the file;
        its ``lang``, ``title`` and ``period`` name the file and its printed pages.
    pages
        The written pages' HTML by file stem, in the order they appear.
    """
    styles: list[str] = []
    attributes = ' class="orgsocial-index"'
    sections = []
    for stem, page in pages.items():
        body = _BODY.search(page)  # every page has one: nbconvert's lab template writes it
        # every notebook page carries the same style sheet: the first one's serves
        if not styles and (found := _STYLE.findall(page, 0, body.start())):
            styles, attributes = found, body.group(1)
        sections.append({"stem": stem, "body": _links_inside(body.group(2), set(pages))})
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
