"""Public pages of the education monitoring: catalogue, indicator, datasets, comparison,
segregation. Thin: parse the request, ask `selectors.py`, render."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bildungsnetz.facets import territory_groups
from bildungsnetz.pagecache import public_page
from places.models import Level, Territory

from . import charts, selectors
from .downloads import download
from .figures import shown as shown_figure
from .figures import symbol_meaning
from .maps import choropleth
from .selectors import (
    EXPORT_HEADER,
    INDICATOR_HEADER,
    chosen_territories,
    comparable_territories,
    dataset_overview,
    dataset_summary,
    indicator_catalogue,
    indicator_comparison_table,
    indicator_page,
    indicator_rows,
    observation_rows,
    peer_group_keys,
    peer_group_list,
)
from .spatial import CI_LEVEL, INDICES, N_BOOT, SERIES, few_units_caveat, series_report

DEFAULT_TERRITORIES = ["ags:16051000"]
COMPARE_DEFAULT = ["ags:16051000", "gkz:90001"]
RANKING_CHART_TOP = 40
LEVEL_CHOICES = [Level.STATE, Level.COUNTY, Level.CITY, Level.DISTRICT, Level.FORECAST_AREA,
                 Level.DISTRICT_REGION, Level.PLANNING_AREA]  # fmt: skip


def shown(value, decimals: int = 1, symbol: str = "") -> str:
    """A figure as shown in the page's language, or its symbol (`figures.shown`)."""
    return shown_figure(value, decimals, symbol, language=get_language() or "de")


def _territories(request, default=DEFAULT_TERRITORIES) -> list[Territory]:
    keys = [k for k in request.GET.getlist("gebiet") if ":" in k] or default
    return chosen_territories(keys, group=request.GET.get("gruppe", ""))


@public_page
def indicator_list(request):
    return render(request, "monitoring/indicator_list.html", {"areas": indicator_catalogue()})


@public_page
def indicator_detail(request, code: str):
    indicator = get_object_or_404(selectors.indicator_list(user=request.user), code=code)
    fmt = request.GET.get("format")
    if fmt in ("csv", "json"):
        return download(fmt, indicator.code, INDICATOR_HEADER, indicator_rows(indicator))
    territories = _territories(request)
    page = indicator_page(
        indicator,
        territories=territories,
        period=request.GET.get("zeitraum") or "",
        level=request.GET.get("ebene") or "",
    )
    series, ranking, left_out = page["series"], page["ranking"], page["left_out"]
    level_options = [(lv, _level_label(lv)) for lv in LEVEL_CHOICES if lv in page["levels_present"]]
    highlight = {t.pk for t in territories}
    series_rows = [
        {"territory": v.territory.name, "period": v.period, "date": v.period_date.isoformat(),
         "value": v.value}
        for v in series
    ]  # fmt: skip
    ranked_ids = {v.territory_id for v in ranking}
    highlighted = [t for t in territories if t.pk in ranked_ids]
    # The top of the ranking, and the highlighted territory wherever it ranks.
    ranking_rows = [
        {"rank": rank, "territory": v.territory.name, "value": v.value}
        for rank, v in enumerate(ranking, 1)
        if rank <= RANKING_CHART_TOP or v.territory_id in highlight
    ]
    map_items = [(v.territory, v.value, _map_label(v, indicator)) for v in page["map"]]
    context = {
        "indicator": indicator,
        "territories": territories,
        "series": series,
        "periods": page["periods"],
        "period": page["period"],
        "level": page["level"],
        "level_options": level_options,
        "ranking": ranking,
        "left_out": left_out,
        "left_out_symbols": _symbol_counts(left_out),
        "highlight": highlight,
        "datasets": page["datasets"],
        "series_datasets": page["series_datasets"],
        "ranking_datasets": page["ranking_datasets"],
        "den_symbols": page["den_symbols"],
        "series_chart": charts.time_series(
            series_rows, title=indicator.name, unit=indicator.unit, decimals=indicator.decimals
        ),
        "ranking_chart": charts.ranking(
            ranking_rows,
            title=indicator.name,
            unit=indicator.unit,
            highlight=highlighted[0].name if highlighted else "",
            decimals=indicator.decimals,
        ),  # fmt: skip
        "map": choropleth(map_items, unit=indicator.unit, decimals=indicator.decimals)
        if map_items
        else None,
        "no_data": page["no_data"],
        "area_groups": territory_groups(
            "gebiet", page["territory_options"], [t.key for t in territories]
        ),
    }
    return render(request, "monitoring/indicator_detail.html", context)


def _symbol_counts(values) -> list[tuple[str, str, int]]:
    """(glyph, meaning, how many) of the values left out of a ranking, most frequent first."""
    counts = {}
    for v in values:
        counts[v.symbol] = counts.get(v.symbol, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: -item[1])
    return [(shown(None, 0, symbol), symbol_meaning(symbol), n) for symbol, n in ordered]


def _level_label(level: str) -> str:
    # The county ranking includes the county-free cities (`selectors.level_q`).
    if level == Level.COUNTY:
        return _("Counties and county-free cities")
    return Level(level).label


def _map_label(value, indicator) -> str:
    """The shape's text: the number with its unit, or the symbol with its meaning."""
    text = shown(value.value, indicator.decimals, value.symbol)
    if value.value is None:
        return f"{text} ({symbol_meaning(value.symbol) or _('unknown or secret')})"
    return f"{text} {indicator.unit}".strip()


def dataset_list(request):
    datasets = dataset_overview(user=request.user)
    return render(request, "monitoring/dataset_list.html", {"datasets": datasets})


def dataset_detail(request, code: str):
    dataset = get_object_or_404(selectors.dataset_list(user=request.user), code=code)
    fmt = request.GET.get("format")
    if fmt in ("csv", "json", "xlsx"):
        return download(fmt, dataset.code, EXPORT_HEADER, observation_rows(dataset))
    context = {
        "dataset": dataset,
        **dataset_summary(dataset),
        "notes": [n for n in dataset.notes.split("\n\n") if n.strip()],
    }
    return render(request, "monitoring/dataset_detail.html", context)


def compare(request):
    return _comparison(request, _territories(request, default=COMPARE_DEFAULT))


def peer_group_detail(request, slug: str):
    group = get_object_or_404(peer_group_list(), slug=slug)
    keys = peer_group_keys(group)
    if not keys:
        raise Http404
    territories = chosen_territories(keys, group=request.GET.get("gruppe", ""))
    return _comparison(request, territories)


def _comparison(request, territories: list[Territory]):
    """The comparison page for these territories (`?indikator=` names the indicators)."""
    table = indicator_comparison_table(
        territories=territories, codes=request.GET.getlist("indikator")
    )
    context = {
        "territories": territories,
        **table,
        "peer_groups": peer_group_list(),
        "area_groups": territory_groups(
            "gebiet", comparable_territories(), [t.key for t in territories]
        ),
        "group": request.GET.get("gruppe", ""),
    }
    return render(request, "monitoring/compare.html", context)


def segregation_page(request):
    sections = []
    for series in SERIES:
        report = series_report(series)
        rows = report["rows"]
        sections.append(
            {
                "series": series,
                "rows": rows,
                "datasets": report["datasets"],
                "periods": sorted({r["period"] for r in rows}),
                "caveat": any(r["caveat"] for r in rows),
                "chart": _segregation_chart(series, rows),
            }
        )
    context = {
        "sections": sections,
        "indices": INDICES,
        "caveat_text": few_units_caveat(),
        "n_boot": N_BOOT,
        "ci_label": _("%(level)d %% CI") % {"level": round(CI_LEVEL * 100)},
    }
    return render(request, "monitoring/segregation.html", context)


def _segregation_chart(series, rows):
    """D per area with one bar per period side by side (never stacked) and its interval."""
    level = round(CI_LEVEL * 100)
    data = []
    for r in rows:
        low, high = r["dissimilarity_ci"] or (None, None)
        data.append(
            {
                "territory": r["parent"].name,
                "group": str(r["period"]),
                "value": r["dissimilarity"],
                "low": low,
                "high": high,
            }
        )
    return charts.interval_bars(
        data,
        title=series.title,
        unit=_("Dissimilarity index D"),
        group_title=_("Period"),
        low_title=_("%(level)d %% CI, lower bound") % {"level": level},
        high_title=_("%(level)d %% CI, upper bound") % {"level": level},
    )
