"""Read API: reports and their published editions with every frozen figure (value, symbol,
source, period, licence). Without a token the published reports; with one what its user may
see (the pages' rules)."""

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.access import object_for
from bildungsnetz.apikit import DETAIL_ERRORS

from . import selectors
from .models import Report

router = Router(tags=["reports"])


class ReportOut(Schema):
    slug: str
    title: str
    kind: str
    status: str
    territory: str = Field(description="official key of the territory")
    period: str
    url: str

    @staticmethod
    def resolve_territory(obj):
        return obj.territory.key

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class FigureOut(Schema):
    placeholder: str
    indicator: str
    territory: str
    period: str
    value: float | None
    symbol: str = Field(description="statistical symbol standing instead of or beside the value")
    unit: str
    source: str
    publisher: str
    dataset: str
    licence: str
    licence_url: str


class EditionOut(Schema):
    number: int
    published_at: str
    figures: list[FigureOut]

    @staticmethod
    def resolve_published_at(obj) -> str:
        return obj.published_at.isoformat()


class ReportDetailOut(ReportOut):
    editions: list[EditionOut]

    @staticmethod
    def resolve_editions(obj):
        return list(obj.editions.all())


@router.get("/reports", response=list[ReportOut])
@paginate
def list_reports(request):
    return selectors.report_list(user=request.user)


@router.get("/reports/{slug}", response={200: ReportDetailOut, **DETAIL_ERRORS})
def get_report(request, slug: str):
    return object_for(request.user, Report.objects.select_related("territory"), slug=slug)
