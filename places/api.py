"""Read endpoints for territories (places). Every territory is public: official keys and names."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.apikit import DETAIL_ERRORS, READ_ERRORS
from bildungsnetz.listing import filters_or_error

from . import selectors
from .forms import TerritoryFilterForm
from .keys import split_key
from .models import Level, Territory

router = Router(tags=["places"])


class TerritoryRef(Schema):
    key: str
    name: str
    level: str


class TerritoryOut(Schema):
    key: str
    scheme: str
    code: str
    name: str
    label: str = Field(description="the name, with level, key and last year for a former key")
    valid_until: int | None = Field(description="last year of a former key (regional reform)")
    level: str
    country: str
    parent: TerritoryRef | None
    ars: str
    nuts: str
    lau: str
    county_free: bool

    @staticmethod
    def resolve_parent(obj):
        return obj.parent


class TerritoryFilter(Schema):
    q: str | None = Field(None, max_length=200, description="words in the name")
    level: Level | None = Field(None, description="e.g. city, district, planning_area")
    country: str | None = Field(None, pattern="^[A-Za-z]{2}$", description="ISO 3166 alpha-2")
    parent: str | None = Field(
        None, max_length=60, description="official key of the parent, e.g. ags:11000000"
    )
    former: bool = Field(False, description="include keys given up in a regional reform")


@router.get("/", response={200: list[TerritoryOut], **READ_ERRORS})
@paginate
def list_places(request, filters: Query[TerritoryFilter]):
    """Territories, ordered by name then key; filters combine. An unknown parent key is a 422."""
    data = {k: v for k, v in filters.dict().items() if v is not None}
    filters = filters_or_error(TerritoryFilterForm, data)
    return selectors.SORTING.apply(selectors.territory_list(filters=filters))


@router.get("/{key}", response={200: TerritoryOut, **DETAIL_ERRORS})
def get_place(request, key: str):
    """One territory by its official key, e.g. `ags:16051000` (Erfurt) or `gkz:90001` (Wien)."""
    scheme, code = split_key(key)
    return get_object_or_404(Territory.objects.select_related("parent"), scheme=scheme, code=code)
