"""Vega-Lite specifications (one spec: rendered in the page by vega-embed, to SVG for print)."""

from __future__ import annotations

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"


def time_series(rows: list[dict], *, title: str, unit: str) -> dict:
    """rows: {"territory", "period", "date", "value"} (values None are left out)."""
    return {
        "$schema": SCHEMA,
        "description": title,
        "width": "container",
        "height": 260,
        "data": {"values": [r for r in rows if r["value"] is not None]},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": None},
            "y": {"field": "value", "type": "quantitative", "title": unit or None},
            "color": {"field": "territory", "type": "nominal", "title": None},
            "tooltip": [
                {"field": "territory", "type": "nominal"},
                {"field": "period", "type": "nominal"},
                {"field": "value", "type": "quantitative", "format": ",.1f"},
            ],
        },
    }


def ranking(rows: list[dict], *, title: str, unit: str, highlight: str = "") -> dict:
    """rows: {"territory", "value"} already sorted."""
    values = [r for r in rows if r["value"] is not None]
    return {
        "$schema": SCHEMA,
        "description": title,
        "width": "container",
        "height": {"step": 14},
        "data": {"values": values},
        "mark": "bar",
        "encoding": {
            "y": {"field": "territory", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "value", "type": "quantitative", "title": unit or None},
            "color": {
                "condition": {"test": f"datum.territory === {highlight!r}", "value": "#b3003b"},
                "value": "#2f5c8a",
            },
            "tooltip": [
                {"field": "territory", "type": "nominal"},
                {"field": "value", "type": "quantitative", "format": ",.1f"},
            ],
        },
    }


def comparison_bars(rows: list[dict], *, title: str, unit: str) -> dict:
    return {
        "$schema": SCHEMA,
        "description": title,
        "width": "container",
        "height": {"step": 22},
        "data": {"values": [r for r in rows if r["value"] is not None]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "territory", "type": "nominal", "title": None},
            "x": {"field": "value", "type": "quantitative", "title": unit or None},
            "tooltip": [
                {"field": "territory", "type": "nominal"},
                {"field": "period", "type": "nominal"},
                {"field": "value", "type": "quantitative", "format": ",.1f"},
            ],
        },
    }
