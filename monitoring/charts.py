"""Vega-Lite specifications (one spec: rendered in the page by vega-embed, to SVG for print).

Specs hold no language: numbers and dates are formatted by the page's Vega locale
(`static/monitoring/vega_locale.js` sets de-DE on German pages), so a format such as ",.1f"
gives 1.234,5 in German and 1,234.5 in English, and "%x" the local date.
"""

from __future__ import annotations

import math

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
MAX_YEAR_TICKS = 12


def number_format(decimals: int = 1) -> str:
    return f",.{max(int(decimals), 0)}f"


def is_yearly(rows: list[dict]) -> bool:
    """One value per territory and year (annual figures, whatever their reference day)."""
    seen = set()
    for r in rows:
        key = (r["territory"], str(r["date"])[:4])
        if key in seen:
            return False
        seen.add(key)
    return True


def time_axis(rows: list[dict]) -> dict:
    """The x encoding of a series: yearly data on a year axis ("2015", "2016": never month or
    week labels), in UTC so that a period date never slips into the previous year in a
    browser west of Greenwich; other data on dates in the locale's format."""
    if not is_yearly(rows):
        return {"field": "date", "type": "temporal", "title": None, "axis": {"format": "%x"}}
    years = sorted({int(str(r["date"])[:4]) for r in rows}) or [0]
    step = max(1, math.ceil((years[-1] - years[0] + 1) / MAX_YEAR_TICKS))
    return {
        "field": "date",
        "type": "temporal",
        "timeUnit": "utcyear",
        "title": None,
        "axis": {"format": "%Y", "tickCount": {"interval": "year", "step": step}},
    }


def time_series(rows: list[dict], *, title: str, unit: str, decimals: int = 1) -> dict:
    """rows: {"territory", "period", "date", "value"} (values None are left out)."""
    values = [r for r in rows if r["value"] is not None]
    return {
        "$schema": SCHEMA,
        "description": title,
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": time_axis(values),
            "y": {"field": "value", "type": "quantitative", "title": unit or None},
            "color": {"field": "territory", "type": "nominal", "title": None},
            "tooltip": [
                {"field": "territory", "type": "nominal"},
                {"field": "period", "type": "nominal"},
                {"field": "value", "type": "quantitative", "format": number_format(decimals)},
            ],
        },
    }


def ranking(
    rows: list[dict], *, title: str, unit: str, highlight: str = "", decimals: int = 1
) -> dict:
    """rows: {"territory", "value"} already sorted, optionally with their "rank"."""
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
                *([{"field": "rank", "type": "ordinal"}] if values and "rank" in values[0] else []),
                {"field": "territory", "type": "nominal"},
                {"field": "value", "type": "quantitative", "format": number_format(decimals)},
            ],
        },
    }


def interval_bars(
    rows: list[dict], *, title: str, unit: str, group_title: str, low_title: str, high_title: str
) -> dict:
    """One bar per territory and group (e.g. year), side by side, never stacked, each with its
    interval as a rule. rows: {"territory", "group", "value", "low", "high"} (values None are
    left out; an interval with a None bound gets no rule)."""
    values = [r for r in rows if r["value"] is not None]
    number = {"type": "quantitative", "format": number_format(3)}
    return {
        "$schema": SCHEMA,
        "description": title,
        "width": "container",
        "height": {"step": 14, "for": "offset"},
        "data": {"values": values},
        "encoding": {
            "y": {"field": "territory", "type": "nominal", "sort": None, "title": None},
            "yOffset": {"field": "group", "type": "nominal", "sort": None},
        },
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "x": {"field": "value", "type": "quantitative", "title": unit or None},
                    "color": {"field": "group", "type": "nominal", "title": group_title},
                    "tooltip": [
                        {"field": "territory", "type": "nominal", "title": None},
                        {"field": "group", "type": "nominal", "title": group_title},
                        {"field": "value", "title": unit or None, **number},
                        {"field": "low", "title": low_title, **number},
                        {"field": "high", "title": high_title, **number},
                    ],
                },
            },
            {
                "transform": [{"filter": "isValid(datum.low) && isValid(datum.high)"}],
                "mark": {"type": "rule", "color": "#1b1b1b"},
                "encoding": {
                    "x": {"field": "low", "type": "quantitative"},
                    "x2": {"field": "high"},
                },
            },
        ],
    }
