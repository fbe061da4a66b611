"""The learning offers in the API: the portal's search and filters, one offer, and writes with a
personal access token (the same rules and services as the pages).

The list asks exactly what the offers page asks (offers.selectors.offer_list): listed offers,
the same filters, and with search words the engine's exact ranking ("relevance", counted
exactly up to engine.COUNT_LIMIT matches; docs/search.md). Sorted lists count at most
LIST_LIMIT offers.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from actors.models import Language, Organisation, TargetGroup, Topic
from bildungsnetz.access import object_for, require
from bildungsnetz.apikit import DETAIL_ERRORS, PATCH_ERRORS, READ_ERRORS, WRITE_ERRORS, write_auth
from bildungsnetz.concurrency import etag, expected_from_request
from bildungsnetz.listing import capped_count, valid_filters
from places.models import Territory
from search import engine

from .models import ACCESSIBILITY, Cost, Offer, OfferFormat, OfferKind, Stage
from .selectors import LIST_LIMIT, SORTING, offer_list
from .services import offer_confirm, offer_create, offer_update

router = Router(tags=["offers"])

ACCESS_NAMES = [name for name, _label in ACCESSIBILITY]


class PlaceRef(Schema):
    key: str
    name: str


class ProviderRef(Schema):
    slug: str
    name: str


class OfferOut(Schema):
    slug: str
    url: str
    title: str
    description: str = Field(description="HTML, sanitised")
    provider: ProviderRef
    kind: OfferKind
    format: OfferFormat
    stage: Stage
    target_groups: list[str] = Field(description="slugs")
    languages: list[str] = Field(description="ISO 639 codes")
    topics: list[str] = Field(description="slugs")
    age_min: int | None
    age_max: int | None
    is_online: bool
    street: str
    postcode: str
    locality: str
    district: PlaceRef | None
    latitude: float | None
    longitude: float | None
    start_date: date | None
    end_date: date | None
    schedule: str
    cost: Cost
    price: Decimal | None
    cost_note: str
    accessibility: list[str] = Field(description=f"of {', '.join(ACCESS_NAMES)}")
    registration_url: str
    contact_email: str
    source: str
    licence: str
    is_public: bool
    confirmed_at: datetime
    listed: bool = Field(
        description="shown on the public portal (public, current, provider public)"
    )

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title_de

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.description_de or ""

    @staticmethod
    def resolve_provider(obj):
        return {"slug": obj.provider.slug, "name": obj.provider.name}

    @staticmethod
    def resolve_district(obj):
        return {"key": obj.district.key, "name": obj.district.name} if obj.district else None

    @staticmethod
    def resolve_target_groups(obj) -> list[str]:
        return [t.slug for t in obj.target_groups.all()]

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return [lang.code for lang in obj.languages.all()]

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_accessibility(obj) -> list[str]:
        return [name for name in ACCESS_NAMES if getattr(obj, name)]

    @staticmethod
    def resolve_listed(obj) -> bool:
        return obj.is_public and obj.provider.is_public and not obj.is_stale


class OfferFilter(Schema):
    """The filters of the offers page; a list parameter may repeat (`language=de&language=ar`)
    and matches any of its values, different parameters must all match."""

    q: str | None = Field(None, max_length=200, description="search words")
    kind: list[OfferKind] = Field([], description="kind of learning")
    format: list[OfferFormat] = []
    stage: list[Stage] = []
    age: int | None = Field(None, ge=0, le=120, description="age of the learner")
    cost: list[Cost] = []
    access: list[Literal[tuple(ACCESS_NAMES)]] = Field(  # type: ignore[valid-type]
        [], description="accessibility features, all required"
    )
    language: list[str] = Field([], description="ISO 639 codes")
    target_group: list[str] = Field([], description="slugs")
    topic: list[str] = Field([], description="slugs")
    district: list[str] = Field([], description="official keys, e.g. lor:08 or ags:16051000")
    near: str | None = Field(None, max_length=40, description="official key of a district")
    radius: int | None = Field(None, ge=1, le=100, description="km around `near`")
    ordering: Literal["relevance", "title", "start", "new"] | None = Field(
        None, description="default: relevance with search words, else title"
    )


class OfferIn(Schema):
    provider: str = Field(description="slug of the organisation that offers it")
    title: str = Field(min_length=1, max_length=200)
    title_en: str = Field("", max_length=200)
    description: str = Field("", max_length=20000, description="HTML, sanitised on input")
    description_en: str = Field("", max_length=20000)
    kind: OfferKind
    format: OfferFormat
    stage: Stage
    target_groups: list[str] = []
    languages: list[str] = []
    topics: list[str] = []
    age_min: int | None = Field(None, ge=0, le=120)
    age_max: int | None = Field(None, ge=0, le=120)
    is_online: bool = False
    street: str = Field("", max_length=200)
    postcode: str = Field("", max_length=10)
    locality: str = Field("", max_length=100)
    district: str | None = Field(None, description="official key, e.g. lor:08")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    start_date: date | None = None
    end_date: date | None = None
    schedule: str = Field("", max_length=200)
    cost: Cost = Cost.FREE
    price: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    cost_note: str = Field("", max_length=200)
    accessibility: list[Literal[tuple(ACCESS_NAMES)]] = []  # type: ignore[valid-type]
    registration_url: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    is_public: bool = True


REQUIRED = ("provider", "title", "kind", "format", "stage")


class OfferPatch(OfferIn):
    """Fields to change; omitted fields stay as they are, null empties a field."""

    provider: str | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    kind: OfferKind | None = None
    format: OfferFormat | None = None
    stage: Stage | None = None


def _query_dict(filters: OfferFilter) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in filters.dict().items():
        if name == "ordering" or value in (None, "", []):
            continue
        for item in value if isinstance(value, list) else [value]:
            data.appendlist(name, str(item))
    return data


class _Capped:
    """A sorted queryset as the paginator sees it: counted up to LIST_LIMIT."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __len__(self):
        return min(capped_count(self.queryset, LIST_LIMIT), LIST_LIMIT)

    def __getitem__(self, item):
        return self.queryset[item]


@router.get("/", response={200: list[OfferOut], **READ_ERRORS})
@paginate
def list_offers(request, filters: Query[OfferFilter]):
    """Listed offers, filtered like the offers page. With search words (`q`) the best match
    comes first (docs/search.md) and matches are counted up to 10,000; sorted lists count at
    most 10,000."""
    search = offer_list(filters=_query_dict(filters))
    valid_filters(search.form)  # an unknown language, topic or district: 422 with its message
    words = engine.parse(search.query)
    ordering = filters.ordering or ("relevance" if words else "title")
    if ordering == "relevance" and words:
        return search.ranked()
    queryset = search.queryset.with_listing_relations()
    return _Capped(SORTING.apply(queryset, ordering))


def _offer_for(request, slug: str, perm: str | None = None) -> Offer:
    return object_for(request.user, Offer.objects.with_detail_relations(), perm, slug=slug)


@router.get("/{slug}", response={200: OfferOut, **DETAIL_ERRORS})
def get_offer(request, slug: str, response: HttpResponse):
    """One offer: listed ones for everybody, the others for the provider's members.

    The `ETag` names this version: send it as `If-Match` with a PATCH."""
    offer = _offer_for(request, slug)
    response["ETag"] = etag(offer)
    return offer


def _references(data: dict) -> dict:
    """Slugs, codes and keys of the payload as objects; unknown ones are field errors."""
    problems: dict[str, list[str]] = {}
    m2m = {}
    for name, model, key in (
        ("target_groups", TargetGroup, "slug"),
        ("languages", Language, "code"),
        ("topics", Topic, "slug"),
    ):
        if name not in data:
            continue
        wanted = set(data.pop(name))
        found = list(model.objects.filter(**{f"{key}__in": wanted}))
        missing = wanted - {getattr(obj, key) for obj in found}
        if missing:
            problems[name] = [f"Unknown: {', '.join(sorted(missing))}"]
        m2m[name] = found
    if "provider" in data:
        provider = Organisation.objects.filter(slug=data["provider"]).first()
        if provider is None:
            problems["provider"] = ["No organisation with this slug."]
        data["provider"] = provider
    if data.get("district"):
        try:
            data["district"] = Territory.objects.get_by_key(data["district"])
        except Territory.DoesNotExist:
            problems["district"] = ["No district or city with this key."]
    if "accessibility" in data:
        chosen = set(data.pop("accessibility"))
        data.update({name: name in chosen for name in ACCESS_NAMES})
    for plain in ("title", "description"):
        if plain in data:
            data[f"{plain}_de"] = data.pop(plain)
    if problems:
        raise ValidationError(problems)
    return m2m


def _check_provider(request, provider) -> None:
    require(
        request.user,
        "offers.offer_for_organisation",
        provider,
        "You may not publish offers for this organisation.",
    )


@router.post("/", response={201: OfferOut, **WRITE_ERRORS}, auth=write_auth)
def create_offer(request, payload: OfferIn):
    """Publish an offer: the token's user needs the editor role for the provider."""
    require(request.user, "offers.add_offer")
    data = payload.dict()
    m2m = _references(data)
    _check_provider(request, data["provider"])
    offer = offer_create(data=data, m2m=m2m)
    return 201, _offer_for(request, offer.slug)


@router.patch("/{slug}", response={200: OfferOut, **PATCH_ERRORS}, auth=write_auth)
def patch_offer(request, slug: str, payload: OfferPatch, response: HttpResponse):
    """Change an offer: the token's user needs the editor role for its provider (and for
    the new provider when moving it).

    With `If-Match: <ETag of the GET>` the change is made only if nobody changed the offer
    since: else 412 and nothing is written. The answer carries the new `ETag`."""
    offer = _offer_for(request, slug, "offers.change_offer")
    data = payload.dict(exclude_unset=True)
    for name in REQUIRED:
        if name in data and data[name] is None:
            raise ValidationError({name: ["This field cannot be empty."]})
    m2m = _references(data)
    if "provider" in data:
        _check_provider(request, data["provider"])
    offer_update(offer=offer, data=data, m2m=m2m, expected=expected_from_request(request))
    offer = _offer_for(request, slug)
    response["ETag"] = etag(offer)
    return offer


@router.post("/{slug}/confirm", response={200: OfferOut, **WRITE_ERRORS},
             auth=write_auth)  # fmt: skip
def confirm_offer(request, slug: str):
    """The provider confirms the offer is current: it is listed for another 12 months."""
    offer = _offer_for(request, slug, "offers.change_offer")
    offer_confirm(offer=offer)
    return _offer_for(request, slug)
