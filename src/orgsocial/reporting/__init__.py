"""Plots, texts, the papermill batch and HTML export: everything a report is made of."""
