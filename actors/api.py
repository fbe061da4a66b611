from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from .models import Organisation

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
    description: str
    verified: bool
    topics: list[str]
    languages: list[str]

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return [lang.code for lang in obj.languages.all()]


class OrganisationFilter(FilterSchema):
    q: str | None = Field(None, description="words in name or description")
    kind: str | None = None
    city: str | None = Field(None, description="official key of the seat, e.g. 16051000")
    topic: str | None = None
    language: str | None = None


@router.get("/", response=list[OrganisationOut])
@paginate
def list_organisations(request, filters: Query[OrganisationFilter]):
    from .views import filter_organisations

    data = {k: v for k, v in filters.dict().items() if v}
    _form, queryset = filter_organisations(request.user, data)
    return queryset.order_by("name_de", "pk")


@router.get("/{slug}", response=OrganisationOut)
def get_organisation(request, slug: str):
    organisation = get_object_or_404(
        Organisation.objects.public().with_listing_relations(), slug=slug
    )
    return organisation
