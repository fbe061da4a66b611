"""/api/v1/monitoring/: datasets, indicators, indicator values, observations (read-only).

Anonymous calls see the public data; a token also shows its user's unpublished datasets (those
about territories the user coordinates) and, to the platform's admins, draft indicators."""

from datetime import date

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from .models import Dataset, Indicator, IndicatorValue, Observation
from .services import territory_ids

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


def _provenance(dataset, name: str):
    """A provenance field of the dataset a value comes from (None without a dataset)."""
    if dataset is None:
        return None
    value = getattr(dataset, name)
    return value.date() if hasattr(value, "date") else value


class ProvenanceOut(Schema):
    """Source and licence of the table a value comes from, on every value: a figure taken out
    of an answer can still be cited."""

    source: str | None = None
    publisher: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    stand: date | None = None
    retrieved: date | None = None

    @staticmethod
    def resolve_source(obj):
        return _provenance(obj.dataset, "source")

    @staticmethod
    def resolve_publisher(obj):
        return _provenance(obj.dataset, "publisher")

    @staticmethod
    def resolve_licence(obj):
        return _provenance(obj.dataset, "licence")

    @staticmethod
    def resolve_licence_url(obj):
        return _provenance(obj.dataset, "licence_url")

    @staticmethod
    def resolve_stand(obj):
        return _provenance(obj.dataset, "stand")

    @staticmethod
    def resolve_retrieved(obj):
        return _provenance(obj.dataset, "retrieved_at")


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
    return Dataset.objects.visible_to(request.user).order_by("code")


@router.get("/datasets/{code}", response=DatasetOut)
def get_dataset(request, code: str):
    return get_object_or_404(Dataset.objects.visible_to(request.user), code=code)


@router.get("/indicators", response=list[IndicatorOut])
@paginate
def list_indicators(request):
    return Indicator.objects.visible_to(request.user).order_by("area", "order", "code")


@router.get("/indicators/{code}", response=IndicatorOut)
def get_indicator(request, code: str):
    return get_object_or_404(Indicator.objects.visible_to(request.user), code=code)


@router.get("/indicators/{code}/values", response=list[ValueOut])
@paginate
def indicator_values(request, code: str, filters: Query[ValueFilter]):
    indicator = get_object_or_404(Indicator.objects.visible_to(request.user), code=code)
    qs = IndicatorValue.objects.filter(indicator=indicator).select_related(
        "indicator", "territory", "dataset"
    )
    if filters.territory:
        qs = qs.filter(territory_id__in=territory_ids(filters.territory))
    if filters.period:
        qs = qs.filter(period__in=filters.period)
    return qs.order_by("territory__scheme", "territory__code", "period_date")


@router.get("/observations", response=list[ObservationOut])
@paginate
def observations(request, filters: Query[ObservationFilter]):
    visible = Q(dataset__is_public=True)
    if request.user.is_authenticated:
        visible |= Q(dataset__in=Dataset.objects.visible_to(request.user).values("pk"))
    qs = Observation.objects.filter(visible).select_related(
        "dataset", "measure", "territory", "dimension_key"
    )
    if filters.dataset:
        qs = qs.filter(dataset__code=filters.dataset)
    if filters.measure:
        qs = qs.filter(measure__code=filters.measure)
    if filters.unit is not None:
        qs = qs.filter(measure__unit=filters.unit)
    if filters.territory:
        qs = qs.filter(territory_id__in=territory_ids(filters.territory))
    if filters.period:
        qs = qs.filter(period__in=filters.period)
    if filters.dimensions is not None:
        qs = qs.filter(dimension_key__key=filters.dimensions)
    return qs.order_by("id")
