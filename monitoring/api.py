"""/api/v1/monitoring/: datasets, indicators, indicator values, observations (read-only).

Anonymous calls see the public data; a token also shows its user's unpublished datasets (those
about territories the user coordinates) and, to the platform's admins, draft indicators."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.listing import filters_or_error

from .forms import ValueFilterForm
from .selectors import dataset_list, indicator_list, indicator_value_list, observation_list
from .spatial import CI_LEVEL, MIN_UNITS, N_BOOT, SERIES, few_units_caveat, series_report
from .spatial import INDICES as SEGREGATION_INDICES

router = Router(tags=["monitoring"])


class DatasetOut(Schema):
    code: str
    title: str
    is_public: bool
    source: str
    publisher: str
    licence: str
    licence_url: str
    licence_iri: str
    stand: date | None = None
    retrieved_at: date | None = None

    @staticmethod
    def resolve_retrieved_at(obj):
        return obj.retrieved_at.date() if obj.retrieved_at else None

    @staticmethod
    def resolve_stand(obj):
        return obj.stand.date() if obj.stand else None


def _from_dataset(name: str) -> staticmethod:
    """A resolver of one provenance field of the dataset a value comes from (None without a
    dataset; dates as dates)."""

    def resolve(obj):
        if obj.dataset is None:
            return None
        value = getattr(obj.dataset, name)
        return value.date() if hasattr(value, "date") else value

    return staticmethod(resolve)


class ProvenanceOut(Schema):
    """Source and licence of the table a value comes from, on every value: a figure taken out
    of an answer can still be cited."""

    source: str | None = None
    publisher: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    stand: date | None = None
    retrieved: date | None = None

    resolve_source = _from_dataset("source")
    resolve_publisher = _from_dataset("publisher")
    resolve_licence = _from_dataset("licence")
    resolve_licence_url = _from_dataset("licence_url")
    resolve_stand = _from_dataset("stand")
    resolve_retrieved = _from_dataset("retrieved_at")


class IndicatorOut(Schema):
    code: str
    area: str
    name: str
    is_public: bool
    definition: str
    numerator: dict
    denominator: dict | None
    scale: float
    unit: str
    direction: str
    periodicity: str
    sources: str
    caveats: str
    comparability: str


class ValueOut(ProvenanceOut):
    indicator: str = Field(..., alias="indicator.code")
    territory_key: str = Field(..., alias="territory.key")
    territory: str = Field(..., alias="territory.name")
    period: str
    value: float | None
    symbol: str
    numerator: float | None
    denominator: float | None
    dataset: str | None = None

    @staticmethod
    def resolve_dataset(obj):
        return obj.dataset.code if obj.dataset_id else None


class ObservationOut(ProvenanceOut):
    dataset: str = Field(..., alias="dataset.code")
    measure: str = Field(..., alias="measure.code")
    unit: str = Field(..., alias="measure.unit")
    territory_key: str = Field(..., alias="territory.key")
    territory: str = Field(..., alias="territory.name")
    period: str
    dimensions: str = Field(..., alias="dimension_key.key")
    value: float | None
    symbol: str
    quality: str


class ValueFilter(Schema):
    territory: list[str] | None = Field(None, description="territory keys, e.g. ags:16051000")
    period: list[str] | None = Field(None, description="periods, e.g. 2015 or 2024-12-31")


class ObservationFilter(Schema):
    dataset: str | None = None
    measure: str | None = None
    unit: str | None = Field(None, description="unit of the measure, e.g. Anzahl or %")
    territory: list[str] | None = Field(None, description="territory keys, e.g. ags:16051000")
    period: list[str] | None = None
    dimensions: str | None = Field(None, description="breakdown, e.g. GES=GESW; empty = total")


@router.get("/datasets", response=list[DatasetOut])
@paginate
def list_datasets(request):
    return dataset_list(user=request.user).order_by("code")


@router.get("/datasets/{code}", response=DatasetOut)
def get_dataset(request, code: str):
    return get_object_or_404(dataset_list(user=request.user), code=code)


@router.get("/indicators", response=list[IndicatorOut])
@paginate
def list_indicators(request):
    return indicator_list(user=request.user).order_by("area", "order", "code")


@router.get("/indicators/{code}", response=IndicatorOut)
def get_indicator(request, code: str):
    return get_object_or_404(indicator_list(user=request.user), code=code)


@router.get("/indicators/{code}/values", response=list[ValueOut])
@paginate
def indicator_values(request, code: str, filters: Query[ValueFilter]):
    indicator = get_object_or_404(indicator_list(user=request.user), code=code)
    territories = filters_or_error(ValueFilterForm, {"territory": filters.territory})["territory"]
    return indicator_value_list(indicator, territories=territories, periods=filters.period)


@router.get("/observations", response=list[ObservationOut])
@paginate
def observations(request, filters: Query[ObservationFilter]):
    territories = filters_or_error(ValueFilterForm, {"territory": filters.territory})["territory"]
    return observation_list(
        user=request.user,
        dataset=filters.dataset,
        measure=filters.measure,
        unit=filters.unit,
        territories=territories,
        periods=filters.period,
        dimensions=filters.dimensions,
    )


# Segregation: each index with its bootstrap interval, per series, parent area and period.


class SegregationIndexOut(Schema):
    value: float | None = Field(None, description="the index on the populated units")
    low: float | None = Field(None, description="lower bound of the bootstrap interval")
    high: float | None = Field(None, description="upper bound of the bootstrap interval")


class SegregationRowOut(Schema):
    parent_key: str = Field(..., description="the area the units lie in, e.g. ags:11000000")
    parent: str
    period: str
    units: int = Field(..., description="populated units the indices rest on")
    left_out: int = Field(..., description="units left out: no_data + suppressed + empty")
    no_data: int = Field(..., description="units where the group or the total is missing")
    suppressed: int = Field(..., description="units with a count that is not a number (., x, /)")
    empty: int = Field(..., description="units with a total of zero")
    share: float = Field(..., description="the group's share of the total over the units used")
    caveat: str | None = Field(None, description="why to read the row with care, if so")
    indices: dict[str, SegregationIndexOut]


class SegregationDatasetOut(Schema):
    code: str
    title: str
    source: str
    licence: str
    licence_url: str


class SegregationSeriesOut(Schema):
    code: str
    title: str
    source: str
    ci_level: float = Field(..., description="coverage of the intervals, e.g. 0.95")
    n_boot: int = Field(..., description="bootstrap resamples of the units (fixed seed)")
    min_units: int = Field(..., description="below this many populated units a row has a caveat")
    datasets: list[SegregationDatasetOut]
    rows: list[SegregationRowOut]


class SegregationFilter(Schema):
    series: str | None = Field(None, description="series code, e.g. auslaender-berlin")
    parent: list[str] | None = Field(None, description="area keys, e.g. ags:11000000")


@router.get("/segregation", response=list[SegregationSeriesOut])
def segregation(request, filters: Query[SegregationFilter]):
    """Segregation indices (PySAL definitions) with percentile bootstrap intervals over the
    populated units; only public tables go into them, as on the page."""
    caveat = few_units_caveat()
    answer = []
    for series in SERIES:
        if filters.series and series.code != filters.series:
            continue
        report = series_report(series)
        rows = [
            {
                "parent_key": r["parent"].key,
                "parent": r["parent"].name,
                "period": r["period"],
                **{k: r[k] for k in ("units", "left_out", "no_data", "suppressed", "empty")},
                "share": r["share"],
                "caveat": caveat if r["caveat"] else None,
                "indices": {name: _segregation_index(r, name) for name in SEGREGATION_INDICES},
            }
            for r in report["rows"]
            if not filters.parent or r["parent"].key in filters.parent
        ]
        answer.append(
            {
                "code": series.code,
                "title": series.title,
                "source": series.source,
                "ci_level": CI_LEVEL,
                "n_boot": N_BOOT,
                "min_units": MIN_UNITS,
                "datasets": report["datasets"],
                "rows": rows,
            }
        )
    return answer


def _segregation_index(row: dict, name: str) -> dict:
    low, high = row[f"{name}_ci"] or (None, None)
    return {"value": row[name], "low": low, "high": high}
