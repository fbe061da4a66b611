"""The data behind a report's indicator blocks, fetched in bulk for all blocks of a report, and
what a block shows: a table (also the text alternative of every chart), a key figure with its
change against the previous period and the comparison territories, and a chart as inline SVG
made by vl-convert from the Vega-Lite specification monitoring's pages use.

Block data is plain JSON (`block_data`): an edition stores it as it was when published.
"""

from __future__ import annotations

import vl_convert
from django.db.models import Q
from django.utils.html import escape
from django.utils.translation import gettext as _

from monitoring import charts
from monitoring.figures import shown, symbol_meaning
from monitoring.importer import period_date
from monitoring.models import Indicator, IndicatorValue
from places.models import Territory

from .blocks_more import MORE_KINDS, more_data
from .blocks_survey import survey_data
from .figures import _territory_q
from .models import Block, BlockKind, Report

INDICATOR_KINDS = (BlockKind.CHART, BlockKind.TABLE, BlockKind.KEY_FIGURE)
MAX_PERIODS = 8
CHART_WIDTH = 560


def _territory_keys(block: Block, report: Report, comparisons: list[str]) -> list[str]:
    keys = block.params.get("territories") or [report.territory.key, *comparisons]
    return list(dict.fromkeys(keys))


def blocks_data(report: Report, blocks: list[Block]) -> dict[int, dict]:
    """{block pk: data} for every block: the indicator blocks in four queries whatever their
    number, the other kinds by `blocks_more`."""
    comparisons = [t.key for t in report.comparison_territories.all()]
    indicator_blocks = [b for b in blocks if b.kind in INDICATOR_KINDS]
    codes = {b.params.get("indicator", "") for b in indicator_blocks}
    keys = {k for b in indicator_blocks for k in _territory_keys(b, report, comparisons)}
    indicators = {i.code: i for i in Indicator.objects.public().filter(code__in=codes)}
    territories = {t.key: t for t in Territory.objects.filter(_territory_q(keys))} if keys else {}
    values: dict[tuple[int, int], list[IndicatorValue]] = {}
    if indicators and territories:
        rows = IndicatorValue.objects.filter(
            Q(indicator__in=indicators.values()) & Q(territory__in=territories.values())
        ).select_related("dataset")
        for value in rows.order_by("period_date"):
            values.setdefault((value.indicator_id, value.territory_id), []).append(value)
    out = more_data(report, [b for b in blocks if b.kind in MORE_KINDS], comparisons)
    for block in blocks:
        if block.kind in MORE_KINDS:
            continue
        if block.kind == BlockKind.SURVEY:
            out[block.pk] = survey_data(block)
            continue
        if block.kind not in INDICATOR_KINDS:
            out[block.pk] = {"kind": block.kind, "title": block.title, "error": "not_available"}
            continue
        out[block.pk] = _indicator_data(
            block, report, indicators, territories, values,
            _territory_keys(block, report, comparisons),
        )  # fmt: skip
    return out


def _indicator_data(block, report, indicators, territories, values, keys) -> dict:
    indicator = indicators.get(block.params.get("indicator", ""))
    data = {"kind": block.kind, "title": block.title, "error": ""}
    if indicator is None:
        return {**data, "error": "unknown_indicator", "indicator": block.params.get("indicator")}
    chosen = [territories[k] for k in keys if k in territories]
    series = [v for t in chosen for v in values.get((indicator.pk, t.pk), [])]
    # Periods up to the report's, the latest MAX_PERIODS (or those the block names), compared
    # as dates: the school year 2015/16 ends after the year 2015, June 2015 within it (as
    # strings, "2015-06" would come after "2015" and "2015/16" before "2016").
    cutoff = period_date(report.period)
    dated = sorted({(v.period_date, v.period) for v in series if v.period_date <= cutoff})
    periods = block.params.get("periods") or [p for _d, p in dated][-MAX_PERIODS:]
    sources = {}
    rows = []
    for v in series:
        if v.period not in periods:
            continue
        rows.append({
            "territory": territories_name(chosen, v.territory_id),
            "period": v.period, "date": v.period_date.isoformat(), "value": v.value,
            "symbol": v.symbol,
        })  # fmt: skip
        if v.dataset is not None:
            d = v.dataset
            sources[d.code] = {
                "source": d.source, "publisher": d.publisher, "dataset": d.code,
                "licence": d.licence, "licence_url": d.licence_url,
            }  # fmt: skip
    return {
        **data,
        "title": block.title or indicator.name,
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "period": report.period,
        "territories": [t.name for t in chosen],
        "periods": list(periods),
        "rows": rows,
        "sources": list(sources.values())
        or [
            {
                "source": indicator.sources,
                "publisher": "",
                "dataset": "",
                "licence": "",
                "licence_url": "",
            }
        ],
        "missing_territories": [k for k in keys if k not in territories],
    }


def territories_name(territories, pk) -> str:
    return next((t.name for t in territories if t.pk == pk), "")


# --- what a block shows ----------------------------------------------------------------------
def table(data: dict, *, language: str) -> dict:
    """Territories × periods, each cell the number or its symbol (never 0 for a missing one)."""
    cells = {(r["territory"], r["period"]): r for r in data["rows"]}
    body = []
    for territory in data["territories"]:
        row = []
        for period in data["periods"]:
            r = cells.get((territory, period))
            if r is None:
                row.append(
                    {"text": ".", "meaning": _("no value in the monitoring for this period")}
                )
            else:
                text = shown(r["value"], data["decimals"], r["symbol"], language=language)
                row.append({"text": text, "meaning": symbol_meaning(r["symbol"])})
        body.append({"territory": territory, "cells": row})
    return {"periods": data["periods"], "rows": body}


def key_figure(data: dict, *, language: str) -> dict:
    """The value of the first territory in the report's period, its change against the previous
    period and the comparison territories' values in the same period."""
    cells = {(r["territory"], r["period"]): r for r in data["rows"]}
    period = data["period"] if data["period"] in data["periods"] else (data["periods"] or [""])[-1]
    # The periods come in time order: the earlier ones stand before the shown one.
    earlier = data["periods"][: data["periods"].index(period)] if period in data["periods"] else []

    def cell(territory, when):
        r = cells.get((territory, when))
        if r is None:
            return {"text": ".", "value": None, "meaning": _("no value")}
        text = shown(r["value"], data["decimals"], r["symbol"], language=language)
        number = r["value"] if r["symbol"] in ("", "()") else None
        return {"text": text, "value": number, "meaning": symbol_meaning(r["symbol"])}

    if not data["territories"]:
        return {}
    main, *others = data["territories"]
    now = cell(main, period)
    change = None
    if earlier:
        before = cell(main, earlier[-1])
        if now["value"] is not None and before["value"] is not None:
            delta = now["value"] - before["value"]
            sign = "+" if delta > 0 else ("±" if delta == 0 else "−")
            change = {
                "text": sign + shown(abs(delta), data["decimals"], language=language),
                "since": earlier[-1],
            }
        else:
            change = {"text": ".", "since": earlier[-1]}
    return {
        "territory": main, "period": period, "value": now, "change": change,
        "comparisons": [{"territory": t, **cell(t, period)} for t in others],
    }  # fmt: skip


def alt_text(data: dict) -> str:
    periods = data["periods"]
    span = f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else "".join(periods)
    return _(
        "Line chart: %(indicator)s for %(territories)s, %(span)s. The table below holds the values."
    ) % {
        "indicator": data["indicator_name"],
        "territories": ", ".join(data["territories"]),
        "span": span,
    }


def chart_svg(data: dict, *, language: str, alt: str) -> str:
    """The chart as SVG from monitoring's time-series specification, numbers in the page's
    locale; values without a number are left out of the chart (the table shows their symbols)."""
    rows = [
        {"territory": r["territory"], "period": r["period"], "date": r["date"],
         "value": r["value"] if r["symbol"] not in (".", "...", "x", "/") else None}
        for r in data["rows"]
    ]  # fmt: skip
    spec = charts.time_series(
        rows, title=data["title"], unit=data["unit"], decimals=data["decimals"]
    )
    spec["width"] = CHART_WIDTH
    locale = "de-DE" if language.startswith("de") else "en-US"
    svg = vl_convert.vegalite_to_svg(spec, format_locale=locale, time_format_locale=locale)
    # One image to assistive technology, named by its alt text; the table holds the values.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(alt)}" focusable="false" ', 1)
