"""Reads that the monitoring pages (and the API, exports) share: built on the models'
querysets, no writes."""

from __future__ import annotations

from django.db.models import Q

from .models import Indicator, IndicatorValue, Observation


def denominator_symbols(indicator: Indicator, values) -> dict[tuple[int, str], str]:
    """The source's symbol of the denominator where an indicator value has neither numerator
    nor denominator (both sides had symbols; the value shows the numerator's), keyed by
    (territory_id, period). Only for the few values of a page."""
    spec = indicator.denominator or {}
    wanted = [v for v in values if v.numerator is None and v.denominator is None]
    if not spec.get("measure") or not wanted:
        return {}
    cells = Q()
    for v in wanted:
        cells |= Q(territory_id=v.territory_id, period=v.period)
    qs = Observation.objects.for_spec(spec).filter(cells)
    return {
        (territory_id, period): symbol
        for territory_id, period, symbol in qs.order_by("dataset_id").values_list(
            "territory_id", "period", "symbol"
        )
    }


def indicator_comparison(*, territories, indicators) -> dict[tuple[int, int], IndicatorValue]:
    """The latest value of each indicator for each territory, keyed by
    (indicator_id, territory_id); a pair without any value is absent."""
    latest = {}
    for value in (
        IndicatorValue.objects.filter(territory__in=territories, indicator__in=indicators)
        .select_related("dataset")
        .order_by("period_date")
    ):
        latest[(value.indicator_id, value.territory_id)] = value
    return latest
