"""Renderers: the same `ReportResult` as a terminal table, JSON, CSV or HTML."""
