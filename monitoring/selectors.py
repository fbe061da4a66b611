"""Reads that the monitoring pages (and the API, exports) share: built on the models'
querysets, no writes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q

from accounts.models import RoleLevel
from accounts.scopes import territories_with_role
from places.keys import split_key
from places.models import Level, Territory

from .models import (
    Dataset,
    DatasetRegion,
    ImportLog,
    Indicator,
    IndicatorValue,
    Measure,
    Observation,
    PeerGroup,
)

# At most this many territories are compared or highlighted at once.
MAX_CHOSEN = 12
COMPARABLE_LEVELS = [Level.CITY, Level.STATE, Level.COUNTY, Level.DISTRICT]


def chosen_territories(keys, *, group: str = "") -> list[Territory]:
    """The territories of the first MAX_CHOSEN keys ("ags:16051000"), in their order, then
    those of the peer group `group` (a slug) that are not among them."""
    found = []
    for key in keys[:MAX_CHOSEN]:
        scheme, code = split_key(key)
        found.extend(Territory.objects.filter(scheme=scheme, code=code))
    if group:
        peer = PeerGroup.objects.filter(slug=group).first()
        if peer:
            found.extend(t for t in peer.territories.all() if t not in found)
    return found


def datasets_of(values) -> list[Dataset]:
    """The tables some indicator values were computed from (for a legend's sources)."""
    ids = {v.dataset_id for v in values if v.dataset_id}
    return list(Dataset.objects.filter(pk__in=ids)) if ids else []


def comparable_territories():
    """The territories one may choose on the comparison page, by name."""
    return (
        Territory.objects.filter(level__in=COMPARABLE_LEVELS)
        .order_by("name_de")
        .only("scheme", "code", "name_de", "name_en", "level", "county_free")
    )


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


def indicator_comparison_table(*, territories: list[Territory], codes=()) -> dict:
    """The comparison of `territories`: the latest value of each public indicator (those of
    `codes` if given) per territory. Without `codes`, an indicator without any value for them
    is left out.

    Returns `rows` (per indicator: `indicator`, `cells` with one `{"value": IndicatorValue or
    None}` per territory, `mixed_periods` where the values are of different periods),
    `datasets` (the tables of the values shown) and `cross_country` (territories of more than
    one country, whose statistics differ in definitions)."""
    indicators = list(Indicator.objects.public())
    if codes:
        indicators = [i for i in indicators if i.code in codes]
    latest = indicator_comparison(territories=territories, indicators=indicators)
    rows = []
    for indicator in indicators:
        cells = [latest.get((indicator.pk, t.pk)) for t in territories]
        if not any(cells) and not codes:
            continue
        rows.append(
            {
                "indicator": indicator,
                "cells": [{"value": c} for c in cells],
                "mixed_periods": len({c.period for c in cells if c}) > 1,
            }
        )
    shown = [cell["value"] for row in rows for cell in row["cells"] if cell["value"]]
    return {
        "rows": rows,
        "datasets": datasets_of(shown),
        "cross_country": len({t.country for t in territories}) > 1,
    }


def indicators_fed_by(dataset: Dataset, user) -> list[Indicator]:
    """The indicators (those the user may see) computed from the table: a numerator or
    denominator whose measure, unit, breakdown and table the table's public observations
    match (`ObservationQuerySet.for_spec`), checked per candidate with one EXISTS."""
    codes = set(
        Measure.objects.filter(
            pk__in=Observation.objects.filter(dataset=dataset).values("measure_id")
        ).values_list("code", flat=True)
    )
    fed = []
    for indicator in Indicator.objects.visible_to(user).order_by("area", "order", "code"):
        specs = [s for s in (indicator.numerator, indicator.denominator) if s]
        if any(
            s.get("measure") in codes
            and (s.get("dataset") or dataset.code) == dataset.code
            and Observation.objects.for_spec(s).filter(dataset=dataset).exists()
            for s in specs
        ):
            fed.append(indicator)
    return fed


def import_results(log: ImportLog, user) -> list[dict]:
    """What a successful import wrote, for its result page: per table the table, whether the
    user may open it, the indicators it feeds and a query naming the user's own territories
    among its regions (`?gebiet=…`, so an indicator opens at them)."""
    if log.status != ImportLog.Status.SUCCEEDED:
        return []
    own = territories_with_role(user, RoleLevel.COORDINATOR) or []
    datasets = list(log.datasets.all())
    visible = set(
        Dataset.objects.visible_to(user)
        .filter(pk__in=[d.pk for d in datasets])
        .values_list("pk", flat=True)
    )
    results = []
    for dataset in datasets:
        regions = DatasetRegion.objects.filter(
            dataset=dataset, territory_id__in=[pk for pk, _path in own]
        ).values("territory_id")
        keys = [t.key for t in Territory.objects.filter(pk__in=regions).order_by("name_de")[:12]]
        results.append(
            {
                "dataset": dataset,
                "visible": dataset.pk in visible,
                "indicators": indicators_fed_by(dataset, user),
                "query": urlencode([("gebiet", key) for key in keys]),
            }
        )
    return results
