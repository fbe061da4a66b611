from django.http import HttpResponse
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.access import object_for
from bildungsnetz.apikit import DETAIL_ERRORS, PATCH_ERRORS, READ_ERRORS, write_auth
from bildungsnetz.concurrency import etag, expected_from_request
from bildungsnetz.listing import filters_or_error

from .forms import OrganisationFilterForm
from .models import Organisation, OrganisationKind
from .selectors import SORTING, organisation_list, organisation_people
from .services import organisation_update

router = Router(tags=["organisations"])


class TerritoryRef(Schema):
    key: str
    name: str


class OrganisationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    seat: TerritoryRef
    street: str
    postcode: str
    locality: str
    website: str
    email: str
    phone: str
    description: str
    verified: bool
    is_public: bool
    source: str
    licence: str
    topics: list[str]
    languages: list[str]

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return [lang.code for lang in obj.languages.all()]


class ContactOut(Schema):
    """A person as far as the caller may see them: hidden fields are null."""

    name: str
    email: str | None = None
    phone: str | None = None
    function: str
    is_contact: bool


class OrganisationDetailOut(OrganisationOut):
    people: list[ContactOut]


class OrganisationFilter(FilterSchema):
    q: str | None = Field(None, max_length=200, description="words in name or description")
    kind: OrganisationKind | None = None
    city: str | None = Field(
        None, max_length=20, description="official key of the seat, e.g. 16051000"
    )
    topic: str | None = Field(None, max_length=60)
    language: str | None = Field(None, max_length=3)


class OrganisationPatch(Schema):
    """Fields a token holder may change; omitted fields stay as they are."""

    name: str | None = Field(None, min_length=1, max_length=255)
    short_name: str | None = Field(None, max_length=60)
    kind: OrganisationKind | None = None
    street: str | None = Field(None, max_length=200)
    postcode: str | None = Field(None, max_length=10)
    locality: str | None = Field(None, max_length=100)
    website: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    description: str | None = Field(None, max_length=20000)
    is_public: bool | None = None


@router.get("/", response={200: list[OrganisationOut], **READ_ERRORS})
@paginate
def list_organisations(request, filters: Query[OrganisationFilter]):
    """Organisations the caller may see, ordered by name; filters combine."""
    data = {k: v for k, v in filters.dict().items() if v}
    # An unknown city, topic or language: 422 with the field's message.
    return SORTING.apply(
        organisation_list(user=request.user, filters=filters_or_error(OrganisationFilterForm, data))
    )


@router.get("/{slug}", response={200: OrganisationDetailOut, **DETAIL_ERRORS})
def get_organisation(request, slug: str, response: HttpResponse):
    """One organisation with its public roles; people's fields as their visibility allows.

    The `ETag` names this version: send it as `If-Match` with a PATCH."""
    organisation = object_for(
        request.user, Organisation.objects.with_listing_relations(), slug=slug
    )
    response["ETag"] = etag(organisation)
    organisation.people = [
        {
            "name": entry["fields"]["name"],
            "email": entry["fields"].get("email"),
            "phone": entry["fields"].get("phone"),
            "function": entry["role"].function,
            "is_contact": entry["role"].is_contact,
        }
        for entry in organisation_people(organisation, request.user)
    ]
    return organisation


@router.patch("/{slug}", response={200: OrganisationOut, **PATCH_ERRORS}, auth=write_auth)
def patch_organisation(request, slug: str, payload: OrganisationPatch, response: HttpResponse):
    """Change an organisation: the token's user needs the editor role for it.

    With `If-Match: <ETag of the GET>` only if nobody changed it since: else 412 and nothing
    is written. The answer carries the new `ETag`."""
    organisation = object_for(
        request.user,
        Organisation.objects.with_listing_relations(),
        "actors.change_organisation",
        slug=slug,
    )
    data = payload.dict(exclude_unset=True)
    data = {k: v for k, v in data.items() if v is not None}
    for plain, translated in (("name", "name_de"), ("description", "description_de")):
        if plain in data:
            data[translated] = data.pop(plain)
    organisation_update(
        organisation=organisation, data=data, expected=expected_from_request(request)
    )
    organisation = object_for(
        request.user, Organisation.objects.with_listing_relations(), slug=slug
    )
    response["ETag"] = etag(organisation)
    return organisation
