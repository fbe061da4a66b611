"""Read API of partner finding: the offers and needs (the list page's selector and filters),
one listing, and the suggestions for an organisation (for its members only), each with its
reasons as codes and as text in the request's language."""

import datetime as dt

from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from actors.models import Organisation
from bildungsnetz.access import object_for
from bildungsnetz.apikit import DETAIL_ERRORS
from bildungsnetz.listing import filters_or_error

from . import selectors
from .forms import ListingFilterForm
from .models import PartnerListing
from .reasons import reason_text

router = Router(tags=["partners"])


class ListingOut(Schema):
    id: int
    direction: str = Field(description="offer or seek")
    format: str
    title: str
    description: str
    organisation: str = Field(description="slug of the organisation")
    seat: str = Field(description="official key of the organisation's seat")
    topics: list[str]
    target_groups: list[str]
    languages: list[str]
    cities: list[str] = Field(description="official keys of the cities sought (empty: anywhere)")
    valid_until: dt.date | None
    is_demo: bool
    url: str

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_seat(obj) -> str:
        return obj.organisation.seat.key

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_target_groups(obj) -> list[str]:
        return [t.slug for t in obj.target_groups.all()]

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return [lang.code for lang in obj.languages.all()]

    @staticmethod
    def resolve_cities(obj) -> list[str]:
        return [c.key for c in obj.cities.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ReasonOut(Schema):
    code: str
    text: str


class SuggestionOut(Schema):
    listing: int = Field(description="id of the suggested listing")
    organisation: str = Field(description="slug of its organisation")
    score: int
    reasons: list[ReasonOut]


class ListingFilter(FilterSchema):
    q: str | None = Field(None, description="words in title, description, topics")
    direction: str | None = Field(None, description="offer or seek")
    format: str | None = Field(None, description="school_partnership, exchange, …")
    city: str | None = Field(None, description="official code of a city, e.g. 90001")
    topic: str | None = Field(None, description="slug of a topic")
    target_group: str | None = Field(None, description="slug of a target group")


def _data(filters) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


@router.get("/listings", response=list[ListingOut])
@paginate
def list_partner_listings(request, filters: Query[ListingFilter]):
    form_filters = filters_or_error(ListingFilterForm, _data(filters))
    queryset = selectors.listing_list(user=request.user, filters=form_filters)
    return selectors.LISTING_SORTING.apply(queryset)


@router.get("/listings/{listing_id}", response={200: ListingOut, **DETAIL_ERRORS})
def get_partner_listing(request, listing_id: int):
    return object_for(
        request.user,
        PartnerListing.objects.with_listing_relations(),
        pk=listing_id,
    )


@router.get("/organisations/{slug}/suggestions", response=list[SuggestionOut])
@paginate
def list_partner_suggestions(request, slug: str):
    organisation = object_for(
        request.user,
        Organisation.objects.select_related("seat"),
        "partners.view_suggestions",
        slug=slug,
    )
    found, city = selectors.suggestions_for(organisation)
    names = selectors.taxonomy_names()
    city_name = city.name if city else organisation.seat.name
    slugs = dict(
        Organisation.objects.filter(pk__in={s.organisation_id for s in found}).values_list(
            "pk", "slug"
        )
    )
    return [
        {
            "listing": s.listing_id,
            "organisation": slugs[s.organisation_id],
            "score": s.score,
            "reasons": [
                {"code": r.code, "text": reason_text(r, names=names, city_name=city_name)}
                for r in s.reasons
            ],
        }
        for s in found
    ]
