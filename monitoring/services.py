"""What the monitoring system does, and the public query functions other apps use.

Other apps (cooperation: goals with baseline/target; reports) read indicators only through
`indicator_values`, `indicator_latest` and `Indicator.objects`; they never query observations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.core.files.base import File
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from places.keys import split_key
from places.models import Level, Territory

from .importer import observations_import  # noqa: F401  (public entry point)
from .indicators import indicator_compute, indicators_compute, indicators_load_catalogue  # noqa: F401
from .models import (
    Dataset,
    ImportLog,
    Indicator,
    IndicatorValue,
    Measure,
    Observation,
    SavedMapping,
)

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


def dataset_figures_refresh(*, measures: set[str]) -> int:
    """Recompute the indicators over `measures` after a table was published, withdrawn or
    deleted (indicators take public tables only); returns how many were recomputed."""
    return indicators_compute(measures=measures) if measures else 0


@transaction.atomic
def saved_mapping_create(*, name: str, mapping: dict, user=None) -> SavedMapping:
    """A column mapping for the files of one source, made by `user`; checked by the model
    (`full_clean`: a name that exists is refused) before it is saved."""
    saved = SavedMapping(name=name, mapping=mapping, created_by=user)
    saved.full_clean()
    saved.save()
    return saved


def import_log_create(
    *,
    user,
    file: File,
    name: str,
    size: int,
    dry_run: bool,
    mapping: SavedMapping | None = None,
    table_code: str = "",
) -> ImportLog:
    """A pending import of `file` (stored under `name`, copied in chunks) by `user`: the one
    way an upload, or the real run of a checked dry run, becomes an import log. It is run
    by `import_log_run`, in the request or in the worker."""
    log = ImportLog(
        user=user,
        filename=name[:255],
        size=size,
        dry_run=dry_run,
        mapping=mapping,
        table_code=table_code,
    )
    log.upload.save(name, file, save=False)
    log.save()
    return log


def import_log_run(
    log: ImportLog,
    *,
    data: bytes | None = None,
    path: str | None = None,
    progress=None,
) -> ImportLog:
    """Import the file of a pending log, read from `data` or from a local `path`, as its user
    with their rights (`import_authoriser`), through its saved mapping and table code."""
    source = {"data": data} if data is not None else {"path": path}
    return observations_import(
        **source,
        filename=log.filename,
        user=log.user,
        dry_run=log.dry_run,
        mapping=log.mapping.mapping if log.mapping else None,
        table_code=log.table_code,
        log=log,
        authorise=import_authoriser(log.user),
        progress=progress,
    )


def import_authoriser(user):
    """`authorise` callback for `observations_import`.

    Official statistics (a table of a statistical office, `provenance.official_table`) are
    shared public facts: whoever may import official statistics may bring in and revise such a
    table whatever territories it covers (new ones included, under their official keys), as
    long as the stored table of that code is official too. A city's own figures stay with its
    coordinators: the user must coordinate every territory in the file (for new territories:
    their country), and may write into a stored table of the same code only if they manage it
    (it has data about their territories only)."""
    if user is None or user.is_superuser:
        return None
    shares_official = user.has_perm("monitoring.import_official_statistics")

    def authorise(
        territory_ids: list[int], new_items: list[dict], dataset=None, *, official: bool = False
    ) -> list[str]:
        if official and shares_official and (dataset is None or dataset.is_official):
            return []
        if dataset is not None and not user.has_perm("monitoring.change_dataset", dataset):
            return [_refused_table(dataset)]
        territories = list(Territory.objects.filter(pk__in=territory_ids))
        denied = [
            t for t in territories if not user.has_perm("monitoring.import_into_territory", t)
        ]
        if new_items and not denied:
            # Only coordinators of the whole country (or admins) may add territories, so an
            # Erfurt coordinator cannot create Kreise elsewhere through an import.
            for code in sorted({item["country"] for item in new_items}):
                country = Territory.objects.filter(scheme="iso", code=code).first()
                if not user.has_perm("monitoring.import_into_territory", country):
                    return [
                        _("You may not add new territories (%(count)d in the file).")
                        % {"count": len(new_items)}
                    ]
        return [
            _("You may not import data about %(name)s (%(key)s).") % {"name": t.name, "key": t.key}
            for t in denied[:20]
        ]

    return authorise


def _refused_table(dataset: Dataset) -> str:
    """Why a file may not go into a stored table, and what to do instead."""
    if dataset.is_official:
        return _(
            "The table %(code)s is official statistics: only the statistical office's own file "
            "updates it. To import your own figures, enter a table code of your own in the "
            "field “Table code” and upload the file again."
        ) % {"code": dataset.code}
    return _(
        "The table %(code)s already holds data about territories you do not coordinate. To "
        "import your figures, enter a table code of your own in the field “Table code” and "
        "upload the file again."
    ) % {"code": dataset.code}
