"""What the monitoring system reads, for its pages, the API, the exports and other apps: built
on the models' querysets, no writes.

Other apps (cooperation: goals with baseline/target; reports) read indicators only through
`indicator_values`, `indicator_latest` and `Indicator.objects`; they never query observations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, Max, Min, Q, QuerySet

from accounts.models import RoleLevel
from accounts.scopes import territories_with_role
from places.keys import split_key
from places.models import Level, Territory

from .models import (
    Area,
    Dataset,
    DatasetRegion,
    ImportLog,
    Indicator,
    IndicatorValue,
    Measure,
    Observation,
    PeerGroup,
    SavedMapping,
    Variable,
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
    codes = dataset_measure_codes(dataset)
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


# Every export row names its table's source, publisher and licence, so a file or API answer
# taken out of context can still be cited; `value` is a number (JSON) or its shortest text (CSV).
PROVENANCE_HEADER = ["source", "publisher", "licence", "licence_url", "stand", "retrieved"]
EXPORT_HEADER = [
    "dataset", "measure", "unit", "territory_code", "period", "dimensions", "value", "symbol",
    "quality", *PROVENANCE_HEADER,
]  # fmt: skip


def _indicator(indicator: Indicator | str) -> Indicator:
    if isinstance(indicator, Indicator):
        return indicator
    return Indicator.objects.get(code=indicator)


def territory_ids(territories: Iterable) -> list[int]:
    ids, keys = [], []
    for item in territories:
        if isinstance(item, Territory):
            ids.append(item.pk)
        elif isinstance(item, int):
            ids.append(item)
        else:
            keys.append(str(item))
    for key in keys:
        scheme, code = split_key(key)
        found = Territory.objects.filter(scheme=scheme, code=code).values_list("pk", flat=True)
        ids.extend(found)
    return ids


def indicator_values(
    indicator: Indicator | str,
    territories: Iterable | None = None,
    periods: Iterable[str] | None = None,
) -> QuerySet[IndicatorValue]:
    """Computed values of one indicator, oldest period first.

    `territories`: Territory objects, ids or keys ("ags:16051000"); `periods`: normalised period
    texts ("2015", "2024-12-31"). Each value carries `value` (None where the sources have a
    symbol), `symbol`, `numerator`, `denominator`, `period`, `period_date` and `dataset`.
    """
    qs = IndicatorValue.objects.filter(indicator=_indicator(indicator)).select_related(
        "territory", "dataset"
    )
    if territories is not None:
        qs = qs.filter(territory_id__in=territory_ids(territories))
    if periods is not None:
        qs = qs.filter(period__in=[str(p) for p in periods])
    return qs.order_by("period_date", "territory__name_de")


def indicator_latest(indicator: Indicator | str, territory: Territory) -> IndicatorValue | None:
    """The most recent value of an indicator for one territory (e.g. a goal's baseline)."""
    return (
        IndicatorValue.objects.filter(indicator=_indicator(indicator), territory=territory)
        .select_related("dataset")
        .order_by("-period_date")
        .first()
    )


def level_q(level: str, prefix: str = "territory__") -> Q:
    """Territories of one level; counties include the county-free cities, as in official
    statistics (Erfurt is a city, and a Kreis of its own)."""
    q = Q(**{f"{prefix}level": level})
    if level == Level.COUNTY:
        q |= Q(**{f"{prefix}level": Level.CITY, f"{prefix}county_free": True})
    return q


def is_ranked(value: IndicatorValue) -> bool:
    """A value takes part in a ranking only if it is a number the source counted: not a
    symbol, and not "-" (nothing: in practice territories dissolved long ago, or not yet
    founded, which would otherwise sit at the bottom with 0)."""
    return value.value is not None and value.symbol != "-"


def indicator_ranking_parts(
    indicator: Indicator, period: str, *, level: str | None = None
) -> tuple[list[IndicatorValue], list[IndicatorValue]]:
    """(ranked, left out) values of one period: ranked best first by the indicator's
    direction; left out are those without a number (see `is_ranked`), by name."""
    qs = IndicatorValue.objects.filter(indicator=indicator, period=period).select_related(
        "territory", "dataset"
    )
    if level:
        qs = qs.filter(level_q(level))
    descending = indicator.direction != "lower_better"
    values = list(qs)
    ranked = [v for v in values if is_ranked(v)]
    ranked.sort(key=lambda v: (-v.value if descending else v.value, v.territory.name))
    left_out = sorted((v for v in values if not is_ranked(v)), key=lambda v: v.territory.name)
    return ranked, left_out


def indicator_ranking(indicator: Indicator, period: str, *, level: str | None = None):
    """Values of one period, best first (by the indicator's direction); territories without
    a number are left out (`indicator_ranking_parts` returns them too)."""
    return indicator_ranking_parts(indicator, period, level=level)[0]


def format_number(value: float | None) -> str:
    """Numbers for machine-readable files: integers without '.0', others in shortest form."""
    if value is None or value != value:  # None or NaN
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def export_number(value: float | None) -> int | float | None:
    """A value as a JSON-ready number: integers as integers, missing as None."""
    if value is None or value != value:
        return None
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def dataset_provenance(dataset: Dataset) -> list:
    """The PROVENANCE_HEADER cells of a dataset (dates as ISO dates)."""
    return [
        dataset.source,
        dataset.publisher,
        dataset.licence,
        dataset.licence_url,
        dataset.stand.date().isoformat() if dataset.stand else "",
        dataset.retrieved_at.date().isoformat() if dataset.retrieved_at else "",
    ]


def observation_rows(dataset: Dataset | None = None) -> Iterator[list]:
    """The export rows (EXPORT_HEADER) of one dataset, or of all public ones, streamed.

    `territory_code` is the regional key as the source wrote it (Erfurt as a Kreis: 16051);
    `unit` the unit of the measure (a table may hold one measure as a count and as a share);
    `value` is a number, None where the source had a symbol other than "-" ("-" is a true
    zero, "()" keeps its number); `symbol` and `quality` are the source's own markers.
    """
    if dataset is not None:
        datasets = {dataset.pk: dataset_provenance(dataset)}
    else:
        datasets = {d.pk: dataset_provenance(d) for d in Dataset.objects.public()}
    sql = (
        "SELECT o.dataset_id, d.code, m.code, m.unit, r.key, o.period, k.key, o.value, "
        "o.symbol, o.quality "
        "FROM monitoring_observation o "
        "JOIN monitoring_dataset d ON d.id = o.dataset_id "
        "JOIN monitoring_measure m ON m.id = o.measure_id "
        "JOIN monitoring_dimensionkey k ON k.id = o.dimension_key_id "
        "LEFT JOIN monitoring_datasetregion r "
        "  ON r.dataset_id = o.dataset_id AND r.territory_id = o.territory_id "
    )
    if dataset is not None:
        sql += "WHERE o.dataset_id = %s "
        params = [dataset.pk]
    else:
        sql += "WHERE d.is_public = %s "
        params = [True]
    sql += "ORDER BY d.code, m.code, m.unit, r.key, o.period_date, k.key"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            for dataset_id, code, measure, unit, key, period, dims, value, symbol, quality in rows:
                shown = value if symbol in ("", "-", "()") else None
                yield [
                    code,
                    measure,
                    unit,
                    key or "",
                    period,
                    dims,
                    export_number(shown),
                    symbol,
                    quality,
                    *datasets.get(dataset_id, [""] * len(PROVENANCE_HEADER)),
                ]


INDICATOR_HEADER = [
    "indicator", "territory_key", "territory", "period", "value", "symbol", "numerator",
    "denominator", "unit", "dataset", "licence", "licence_url", "source", "publisher",
    "retrieved",
]  # fmt: skip


def indicator_rows(indicator: Indicator) -> Iterator[list]:
    """The export rows (INDICATOR_HEADER) of one indicator: numbers as numbers, and the
    source and licence of the table each value was computed from."""
    for v in indicator_values(indicator).iterator(chunk_size=2000):
        d = v.dataset
        yield [
            indicator.code,
            v.territory.key,
            v.territory.name,
            v.period,
            export_number(v.value),
            v.symbol,
            export_number(v.numerator),
            export_number(v.denominator),
            indicator.unit,
            d.code if d else "",
            d.licence if d else "",
            d.licence_url if d else "",
            d.source if d else "",
            d.publisher if d else "",
            d.retrieved_at.date().isoformat() if d and d.retrieved_at else "",
        ]


def dataset_measure_codes(dataset: Dataset) -> set[str]:
    return set(
        Measure.objects.filter(
            pk__in=Observation.objects.filter(dataset=dataset).values("measure_id")
        ).values_list("code", flat=True)
    )


# --- what the pages show ---------------------------------------------------------------------


def indicator_list(*, user):
    """The indicators the user may see: the public ones, drafts too for the platform's admins."""
    return Indicator.objects.visible_to(user)


def indicator_public_list():
    return Indicator.objects.public()


def indicator_catalogue() -> list[tuple[str, str, list[Indicator]]]:
    """The public indicators as (area label, area, indicators) per area that has any, each
    indicator with `value_count` and the date of its `last` period."""
    indicators = Indicator.objects.public().annotate(
        value_count=Count("values"), last=Max("values__period_date")
    )
    by_area = {area: [] for area in Area.values}
    for indicator in indicators:
        by_area[indicator.area].append(indicator)
    return [(Area(a).label, a, items) for a, items in by_area.items() if items]


def default_level(levels) -> str:
    """The level a ranking shows when none is asked for: the first of these with values."""
    for level in (Level.COUNTY, Level.CITY, Level.DISTRICT, Level.STATE, Level.PLANNING_AREA):
        if level in levels:
            return level
    return ""


def indicator_territories(indicator: Indicator):
    """The territories with values of the indicator that one may choose on its page, by name."""
    return (
        Territory.objects.filter(
            pk__in=IndicatorValue.objects.filter(indicator=indicator).values("territory_id"),
            level__in=[Level.COUNTRY, Level.STATE, Level.CITY, Level.COUNTY, Level.DISTRICT],
        )
        .order_by("name_de")
        .only("scheme", "code", "name_de", "name_en", "level", "county_free")
    )


def indicator_map_values(indicator: Indicator, period: str) -> list[IndicatorValue]:
    """The values of a period for a map: of the level with most values among the territories
    with stored boundaries (Berlin boroughs, forecast areas); Kreise have none yet."""
    values = list(
        IndicatorValue.objects.filter(
            indicator=indicator, period=period, territory__boundary__isnull=False
        ).select_related("territory")
    )
    if not values:
        return []
    counts = {}
    for v in values:
        counts[v.territory.level] = counts.get(v.territory.level, 0) + 1
    level = max(counts, key=lambda lv: (counts[lv], lv == Level.DISTRICT))
    return [v for v in values if v.territory.level == level]


def indicator_page(indicator: Indicator, *, territories, period: str = "", level: str = "") -> dict:
    """What the page of one indicator shows for `territories`: their `series`, the `periods`
    (newest first), the `period` and `level` shown (asked for, else the newest period and
    `default_level` of those present in it), the `levels_present`, the `ranking` and the
    values `left_out` of it, the values of the `map`, the tables behind the values
    (`datasets`, `series_datasets`, `ranking_datasets`), the denominator's symbols
    (`den_symbols`), `no_data` and the territories one may choose (`territory_options`)."""
    series = list(indicator_values(indicator, territories))
    periods = list(
        IndicatorValue.objects.filter(indicator=indicator)
        .values_list("period", flat=True)
        .order_by("-period_date")
        .distinct()
    )
    period = period or (periods[0] if periods else "")
    levels_present = set(
        IndicatorValue.objects.filter(indicator=indicator, period=period).values_list(
            "territory__level", flat=True
        )
    )
    level = level or default_level(levels_present)
    ranking, left_out = ([], [])
    if period:
        ranking, left_out = indicator_ranking_parts(indicator, period, level=level)
    return {
        "series": series,
        "periods": periods,
        "period": period,
        "level": level,
        "levels_present": levels_present,
        "ranking": ranking,
        "left_out": left_out,
        "map": indicator_map_values(indicator, period),
        "datasets": datasets_of([*series, *ranking]),
        "series_datasets": datasets_of(series),
        "ranking_datasets": datasets_of(ranking),
        "den_symbols": denominator_symbols(indicator, series),
        "no_data": not IndicatorValue.objects.filter(indicator=indicator).exists(),
        "territory_options": indicator_territories(indicator),
    }


def dataset_list(*, user):
    """The tables the user may see: the public ones and the unpublished ones they manage."""
    return Dataset.objects.visible_to(user)


def dataset_public_list():
    return Dataset.objects.public()


def dataset_overview(*, user):
    """The tables the user may see, each with its `observation_count` and `first` and `last`
    period date."""
    return dataset_list(user=user).annotate(
        observation_count=Count("observations"),
        first=Min("observations__period_date"),
        last=Max("observations__period_date"),
    )


def dataset_summary(dataset: Dataset) -> dict:
    """What the page of a table shows about its observations: `stats` (count, first and last
    period date), `periods`, its `measures`, the `variables` of its breakdowns and its
    `region_count`."""
    observations = dataset.observations
    stats = observations.aggregate(
        count=Count("id"), first=Min("period_date"), last=Max("period_date")
    )
    measure_ids = observations.values("measure_id").distinct()
    periods = list(observations.values_list("period", flat=True).order_by("period_date").distinct())
    dims = set()
    for key in observations.values_list("dimension_key__key", flat=True).distinct():
        dims.update(p.split("=", 1)[0] for p in key.split(";") if p)
    return {
        "stats": stats,
        "periods": periods,
        "measures": Measure.objects.filter(pk__in=measure_ids),
        "variables": Variable.objects.filter(code__in=dims).prefetch_related("attributes"),
        "region_count": dataset.regions.count(),
    }


def peer_group_list():
    return PeerGroup.objects.all()


def peer_group_keys(group: PeerGroup) -> list[str]:
    """The keys of a peer group's territories ("ags:16051000")."""
    return [t.key for t in group.territories.all()]


def import_log_list(*, user):
    """The user's own imports and those about territories the user coordinates, newest first
    (the model's order)."""
    return ImportLog.objects.visible_to(user)


def saved_mapping_list():
    return SavedMapping.objects.all()


# --- what the API answers --------------------------------------------------------------------


def indicator_value_list(indicator: Indicator, *, territories=None, periods=None):
    """The values of one indicator with their indicator, territory and table, by territory
    key and period; only `territories` (Territory objects) and `periods` where given."""
    qs = IndicatorValue.objects.filter(indicator=indicator).select_related(
        "indicator", "territory", "dataset"
    )
    if territories:
        qs = qs.filter(territory__in=territories)
    if periods:
        qs = qs.filter(period__in=periods)
    return qs.order_by("territory__scheme", "territory__code", "period_date")


def observation_list(
    *,
    user,
    dataset: str | None = None,
    measure: str | None = None,
    unit: str | None = None,
    territories=None,
    periods=None,
    dimensions: str | None = None,
):
    """The observations of the public tables and of those the user may see, in the order
    they were stored; narrowed by table code, measure code, unit (even empty), territories,
    periods and breakdown (`dimensions`, "" is the total) where given."""
    visible = Q(dataset__is_public=True)
    if user.is_authenticated:
        visible |= Q(dataset__in=Dataset.objects.visible_to(user).values("pk"))
    qs = Observation.objects.filter(visible).select_related(
        "dataset", "measure", "territory", "dimension_key"
    )
    if dataset:
        qs = qs.filter(dataset__code=dataset)
    if measure:
        qs = qs.filter(measure__code=measure)
    if unit is not None:
        qs = qs.filter(measure__unit=unit)
    if territories:
        qs = qs.filter(territory__in=territories)
    if periods:
        qs = qs.filter(period__in=periods)
    if dimensions is not None:
        qs = qs.filter(dimension_key__key=dimensions)
    return qs.order_by("id")
