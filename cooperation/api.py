"""Read API: partnerships, agreements with goals, projects, exchange programmes.

Lists are the list pages' selectors (cooperation/selectors.py) with the same filter forms,
checked the same way (an invalid filter is a 422 with the field's message), and details the
pages' rules, so the page and the API answer alike for the same user: without a token the
public objects, with one what its user may see. Ordering is stable (name or date, then id).
Placements are not in the API: they hold personal data.
"""

import datetime as dt

from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.access import object_for
from bildungsnetz.listing import filters_or_error

from . import selectors
from .forms import (
    AgreementFilterForm,
    PartnershipFilterForm,
    ProgrammeFilterForm,
    ProjectFilterForm,
)
from .indicators import goal_indicator_progress
from .models import Agreement, ExchangeProgramme, Partnership, Project

router = Router(tags=["cooperation"])


class PartyOut(Schema):
    name: str
    kind: str = Field(description="territory or organisation")
    key: str = Field(description="official key of the territory, or the organisation's slug")

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_kind(obj) -> str:
        return "territory" if obj.territory_id else "organisation"

    @staticmethod
    def resolve_key(obj) -> str:
        return obj.territory.key if obj.territory_id else obj.organisation.slug


class PartnershipOut(Schema):
    slug: str
    name: str
    kind: str
    status: str
    since: dt.date | None
    until: dt.date | None
    description: str
    parties: list[PartyOut]
    topics: list[str]

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]


class GoalIndicatorOut(Schema):
    indicator: str = Field(description="code of the monitoring indicator")
    name: str
    territory: str = Field(description="official key of the territory measured")
    baseline_value: float | None
    baseline_period: str
    target_value: float | None
    target_period: str
    latest_value: float | None
    latest_period: str | None
    source: str | None = Field(description="source of the latest value")
    licence: str | None = Field(description="licence of the latest value")
    progress: float | None = Field(
        description="per cent of the way from baseline to target the latest value has come"
    )


def _goal_indicators(goal) -> list[dict]:
    rows = []
    for row in goal_indicator_progress(goal):
        link, latest = row["link"], row["latest"]
        dataset = latest.dataset if latest is not None else None
        rows.append(
            {
                "indicator": link.indicator.code,
                "name": link.indicator.name,
                "territory": link.territory.key,
                "baseline_value": link.baseline_value,
                "baseline_period": link.baseline_period,
                "target_value": link.target_value,
                "target_period": link.target_period,
                "latest_value": latest.value if latest is not None else None,
                "latest_period": latest.period if latest is not None else None,
                "source": (dataset.source or dataset.title) if dataset else None,
                "licence": dataset.licence if dataset else None,
                "progress": row["progress"],
            }
        )
    return rows


class GoalOut(Schema):
    number: int
    text: str
    status: str
    progress: int | None
    topics: list[str]
    projects: list[str] = Field(description="slugs of the public projects serving the goal")
    indicators: list[GoalIndicatorOut] = Field(
        description="public monitoring indicators measuring the goal, with progress"
    )

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_projects(obj) -> list[str]:
        return [p.slug for p in obj.projects.all() if p.is_public]

    @staticmethod
    def resolve_indicators(obj) -> list[dict]:
        return _goal_indicators(obj)


class SignatoryOut(Schema):
    name: str = Field(
        description="the name as signed; for a signatory linked to a person of the register "
        "without one, that person's name, empty where it is not shown to the caller"
    )
    function: str
    organisation: str | None
    signed_place: str | None = Field(description="official key of the place of signature")
    signed_on: dt.date | None = Field(description="date of signature")

    @staticmethod
    def resolve_name(obj, context) -> str:
        return obj.shown_name(context["request"].user)

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        return obj.organisation.name if obj.organisation_id else None

    @staticmethod
    def resolve_signed_place(obj) -> str | None:
        return obj.signed_place.key if obj.signed_place_id else None


class AgreementOut(Schema):
    slug: str
    title: str
    kind: str
    status: str
    partnership: str
    signed_place: str | None
    signed_on: dt.date | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    summary: str

    @staticmethod
    def resolve_partnership(obj) -> str:
        return obj.partnership.slug

    @staticmethod
    def resolve_signed_place(obj) -> str | None:
        return obj.signed_place.key if obj.signed_place_id else None


class CouncilDecisionOut(Schema):
    """What the council information system says about the agreement's council paper."""

    checked_at: dt.datetime | None
    result: str
    decided_on: dt.date | None
    meeting: str = Field(alias="meeting_name")
    url: str = Field(alias="web_url")
    proposed_step: str = Field(alias="open_proposal")


class AgreementDetailOut(AgreementOut):
    text: str
    signatories: list[SignatoryOut]
    goals: list[GoalOut]
    council_paper_url: str
    council_decision: CouncilDecisionOut | None

    @staticmethod
    def resolve_council_decision(obj):
        return selectors.agreement_council_decision(obj)

    @staticmethod
    def resolve_signatories(obj):
        return list(obj.signatories.all())

    @staticmethod
    def resolve_goals(obj):
        return list(obj.goals.all())


class ParticipantOut(Schema):
    organisation: str
    role: str
    has_contact: bool

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_has_contact(obj) -> bool:
        return obj.contact_id is not None


class ProjectOut(Schema):
    slug: str
    title: str
    kind: str
    status: str
    partnership: str
    start: dt.date | None
    end: dt.date | None
    progress: int | None
    description: str
    participants: list[ParticipantOut]
    goals: list[str] = Field(description="agreement slug and goal number, e.g. 'slug#4'")

    @staticmethod
    def resolve_partnership(obj) -> str:
        return obj.partnership.slug

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())

    @staticmethod
    def resolve_goals(obj) -> list[str]:
        return [f"{g.agreement.slug}#{g.number}" for g in obj.goals.all()]


class ProgrammeOut(Schema):
    slug: str
    name: str
    acronym: str
    description: str
    funder: str
    start_year: int | None
    end_year: int | None
    cities: list[str]
    predecessor: str | None

    @staticmethod
    def resolve_cities(obj) -> list[str]:
        return [c.key for c in obj.cities.all()]

    @staticmethod
    def resolve_predecessor(obj) -> str | None:
        return obj.predecessor.slug if obj.predecessor_id else None


class ListFilter(FilterSchema):
    q: str | None = Field(None, description="words in title, name or description")
    kind: str | None = None
    status: str | None = None
    city: str | None = Field(None, description="official code of a city, e.g. 16051000")
    topic: str | None = Field(None, description="topic slug")
    year: int | None = Field(None, description="active in this year")


def _data(filters) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


@router.get("/partnerships", response=list[PartnershipOut])
@paginate
def list_partnerships(request, filters: Query[ListFilter]):
    queryset = selectors.partnership_list(
        user=request.user, filters=filters_or_error(PartnershipFilterForm, _data(filters))
    )
    return selectors.PARTNERSHIP_SORTING.apply(queryset)


@router.get("/partnerships/{slug}", response=PartnershipOut)
def get_partnership(request, slug: str):
    return object_for(
        request.user,
        Partnership.objects.with_listing_relations(),
        slug=slug,
    )


@router.get("/agreements", response=list[AgreementOut])
@paginate
def list_agreements(request, filters: Query[ListFilter]):
    queryset = selectors.agreement_list(
        user=request.user, filters=filters_or_error(AgreementFilterForm, _data(filters))
    )
    return selectors.AGREEMENT_SORTING.apply(queryset)


@router.get("/agreements/{slug}", response=AgreementDetailOut)
def get_agreement(request, slug: str):
    return object_for(
        request.user,
        Agreement.objects.select_related("partnership", "signed_place").prefetch_related(
            "signatories__person",
            "signatories__organisation",
            "signatories__signed_place",
            "goals__topics",
            "goals__projects",
        ),
        slug=slug,
    )


@router.get("/projects", response=list[ProjectOut])
@paginate
def list_projects(request, filters: Query[ListFilter]):
    queryset = selectors.project_list(
        user=request.user, filters=filters_or_error(ProjectFilterForm, _data(filters))
    )
    return selectors.PROJECT_SORTING.apply(
        queryset.prefetch_related("participants__organisation", "goals__agreement")
    )


@router.get("/projects/{slug}", response=ProjectOut)
def get_project(request, slug: str):
    return object_for(
        request.user,
        Project.objects.select_related("partnership").prefetch_related(
            "participants__organisation", "goals__agreement"
        ),
        slug=slug,
    )


@router.get("/programmes", response=list[ProgrammeOut])
@paginate
def list_programmes(request, filters: Query[ListFilter]):
    queryset = selectors.programme_list(
        user=request.user, filters=filters_or_error(ProgrammeFilterForm, _data(filters))
    )
    return selectors.PROGRAMME_SORTING.apply(queryset)


@router.get("/programmes/{slug}", response=ProgrammeOut)
def get_programme(request, slug: str):
    return object_for(
        request.user,
        ExchangeProgramme.objects.prefetch_related("cities"),
        slug=slug,
    )
