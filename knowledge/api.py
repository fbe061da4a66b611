"""Read API of the knowledge base: entries with the list page's filters (an invalid filter is
a 422) and one entry with its sections, links and files. Without a token the published public
entries, with one what its user may see. The contact person is named only as far as the caller
may see the person's name, e-mail and phone."""

import datetime as dt

from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.access import object_for
from bildungsnetz.apikit import DETAIL_ERRORS
from bildungsnetz.listing import filters_or_error

from . import selectors
from .forms import EntryFilterForm
from .models import Entry

router = Router(tags=["knowledge"])


class KnowledgeEntryOut(Schema):
    slug: str
    kind: str = Field(description="practice, lesson, study or document")
    title: str
    summary: str
    lesson: str = Field(description="good, mixed, bad or empty")
    status: str = Field(description="draft, review or published")
    city: str | None = Field(description="official key of the city")
    organisations: list[str] = Field(description="slugs of the organisations")
    topics: list[str]
    target_groups: list[str]
    stage: str
    has_evidence: bool
    review_due: dt.date
    review_overdue: bool
    source: str
    is_demo: bool
    url: str

    @staticmethod
    def resolve_city(obj):
        return obj.territory.key if obj.territory_id else None

    @staticmethod
    def resolve_organisations(obj):
        return [o.slug for o in obj.organisations.all()]

    @staticmethod
    def resolve_topics(obj):
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_target_groups(obj):
        return [g.slug for g in obj.target_groups.all()]

    @staticmethod
    def resolve_has_evidence(obj):
        return bool(getattr(obj, "has_evidence", False))

    @staticmethod
    def resolve_review_overdue(obj):
        return obj.is_review_overdue()

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class KnowledgeFileOut(Schema):
    title: str
    licence: str
    url: str
    text_status: str

    @staticmethod
    def resolve_url(obj):
        return obj.file.url


class KnowledgeContactOut(Schema):
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class KnowledgeEntryDetailOut(KnowledgeEntryOut):
    context: str
    approach: str
    results: str
    failures: str
    transferability: str
    resources_staff: str
    resources_money: str
    resources_time: str
    authors: str
    publisher: str
    published_on: dt.date | None
    in_progress: bool
    licence: str
    source_url: str
    contact: KnowledgeContactOut | None
    files: list[KnowledgeFileOut]
    evidence: list[str] = Field(description="labels and addresses of the evidence")
    similar: list[str] = Field(description="slugs of similar entries, the most similar first")

    @staticmethod
    def resolve_contact(obj, context):
        fields = selectors.entry_contact(obj, context["request"].user)
        return fields or None

    @staticmethod
    def resolve_files(obj):
        return list(obj.attachments.all())

    @staticmethod
    def resolve_evidence(obj):
        return [f"{e.label} {e.url}".strip() for e in obj.evidence.all()]

    @staticmethod
    def resolve_similar(obj, context):
        return [e.slug for e in selectors.similar_entries(obj, user=context["request"].user)]


class KnowledgeEntryFilter(FilterSchema):
    q: str | None = Field(None, description="words in the entry or its files' text")
    kind: str | None = Field(None, description="practice, lesson, study or document")
    topic: str | None = Field(None, description="slug of a topic")
    city: int | None = Field(None, description="id of a city")
    target_group: str | None = Field(None, description="slug of a target group")
    stage: str | None = None
    lesson: str | None = Field(None, description="good, mixed or bad")
    evidence: str | None = Field(None, description="“yes”: only entries with evidence")
    status: str | None = Field(None, description="draft, review or published")
    overdue: bool | None = Field(None, description="only entries past their review date")


@router.get("/entries", response=list[KnowledgeEntryOut])
@paginate
def list_knowledge_entries(request, filters: Query[KnowledgeEntryFilter]):
    data = {k: v for k, v in filters.dict().items() if v not in (None, "", False)}
    form_filters = filters_or_error(EntryFilterForm, data)
    queryset = selectors.entry_list(user=request.user, filters=form_filters)
    return selectors.ENTRY_SORTING.apply(queryset)


@router.get("/entries/{slug}", response={200: KnowledgeEntryDetailOut, **DETAIL_ERRORS})
def get_knowledge_entry(request, slug: str):
    return object_for(
        request.user,
        Entry.objects.with_evidence().select_related("territory", "contact"),
        slug=slug,
    )
