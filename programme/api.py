"""Read API: work programmes with their packages and progress, tasks with filters.

Lists are the list pages' selectors with the same filter forms (an invalid filter is a 422),
details the pages' rules: without a token the public programmes, with one what its user may
see. Progress is per cent (programme/progress.py states the rule); None where nothing can be
counted yet. Owners of tasks are named only where the caller may see the person's name.
"""

import datetime as dt

from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from actors.privacy import person_visible_fields
from bildungsnetz.access import object_for
from bildungsnetz.apikit import DETAIL_ERRORS
from bildungsnetz.listing import filters_or_error

from . import selectors
from .forms import ProgrammeFilterForm, TaskFilterForm
from .models import Programme

router = Router(tags=["programme"])


class PackageOut(Schema):
    id: int
    number: str
    title: str
    description: str
    lead: str | None = Field(description="slug of the lead organisation")
    start: dt.date | None
    end: dt.date | None
    progress: int | None = Field(description="per cent of tasks done and milestones reached")
    tasks_counted: int = Field(description="tasks not cancelled")
    tasks_done: int
    tasks_overdue: int
    milestones_total: int
    milestones_reached: int
    goals: list[str] = Field(description="agreement goals served, as “<agreement slug>#<number>”")
    url: str

    @staticmethod
    def resolve_lead(obj):
        return obj.lead_organisation.slug if obj.lead_organisation_id else None

    @staticmethod
    def resolve_progress(obj):
        return obj.progress_shown

    @staticmethod
    def resolve_goals(obj) -> list[str]:
        return [f"{g.agreement.slug}#{g.number}" for g in obj.goals.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ProgrammeOut(Schema):
    slug: str
    title: str
    funder: str
    start: dt.date | None
    end: dt.date | None
    territory: str | None = Field(description="official key of the territory")
    lead_organisation: str | None = Field(description="slug of the lead organisation")
    is_demo: bool
    url: str

    @staticmethod
    def resolve_territory(obj):
        return obj.territory.key if obj.territory_id else None

    @staticmethod
    def resolve_lead_organisation(obj):
        return obj.lead_organisation.slug if obj.lead_organisation_id else None

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class BudgetLineOut(Schema):
    label: str
    amount: float
    currency: str


class ProgrammeDetailOut(ProgrammeOut):
    description: str
    progress: int | None = Field(description="mean progress of the packages")
    budget_lines: list[BudgetLineOut]
    packages: list[PackageOut]

    @staticmethod
    def resolve_progress(obj):
        return obj.progress_shown

    @staticmethod
    def resolve_budget_lines(obj):
        return list(obj.budget_lines.all())

    @staticmethod
    def resolve_packages(obj):
        return obj.package_rows


class TaskOut(Schema):
    id: int
    title: str
    status: str
    programme: str = Field(description="slug of the programme")
    package: str = Field(description="number of the work package")
    owner: str | None = Field(description="the owner's name, where the caller may see it")
    due: dt.date | None
    done_at: dt.datetime | None
    origin_label: str
    origin_url: str
    url: str

    @staticmethod
    def resolve_programme(obj) -> str:
        return obj.package.programme.slug

    @staticmethod
    def resolve_package(obj) -> str:
        return obj.package.number

    @staticmethod
    def resolve_owner(obj, context):
        if not obj.owner_id:
            return None
        return person_visible_fields(obj.owner, context["request"].user).get("name")

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ProgrammeFilter(FilterSchema):
    q: str | None = Field(None, description="words in title or description")
    city: str | None = Field(None, description="official code of a city, e.g. 16051000")
    funder: str | None = None
    year: int | None = Field(None, description="running in this year")


class TaskFilter(FilterSchema):
    status: str | None = Field(None, description="open, in_progress, done or cancelled")
    owner: int | None = Field(None, description="id of the owner (a person of the directory)")
    open: bool | None = Field(None, description="only open and in-progress tasks")
    overdue: bool | None = Field(None, description="only tasks past their due date")
    mine: bool | None = Field(None, description="only the caller's own tasks")


def _data(filters) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "", False)}


@router.get("/programmes", response=list[ProgrammeOut])
@paginate
def list_work_programmes(request, filters: Query[ProgrammeFilter]):
    data = _data(filters)
    form_filters = filters_or_error(
        ProgrammeFilterForm, data, funders=selectors.funders(user=request.user)
    )
    queryset = selectors.programme_list(user=request.user, filters=form_filters)
    return selectors.PROGRAMME_SORTING.apply(queryset)


@router.get("/programmes/{slug}", response={200: ProgrammeDetailOut, **DETAIL_ERRORS})
def get_work_programme(request, slug: str):
    programme = object_for(
        request.user, Programme.objects.select_related("territory", "lead_organisation"), slug=slug
    )
    # Computed once here (a fixed number of queries), read by the schema's resolvers.
    packages = selectors.programme_packages(programme)
    programme.package_rows = packages
    programme.progress_shown = selectors.progress.rounded(
        selectors.progress.programme_progress(p.progress for p in packages)
    )
    return programme


@router.get("/tasks", response=list[TaskOut])
@paginate
def list_tasks(request, filters: Query[TaskFilter]):
    form_filters = filters_or_error(TaskFilterForm, _data(filters), user=request.user)
    queryset = selectors.task_list(user=request.user, filters=form_filters)
    return selectors.TASK_SORTING.apply(queryset)
