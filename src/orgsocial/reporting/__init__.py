"""Plots, texts, the report batch and HTML export: everything a report is made of."""

import sys

# nbformat imports jsonschema, which imports the optional IRI checker rfc3987_syntax when it
# is installed (a JupyterLab dependency); that import builds a grammar and costs about 2 s on
# every report run. nbformat never checks IRIs, so the checker is left out here.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
