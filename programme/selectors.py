"""What the programme app reads for a user: lists (pages, exports, API alike), the programme
and package pages, and the progress roll-ups, each computed in bulk by the database (a fixed
number of queries whatever the number of packages, tasks or milestones)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from bildungsnetz.listing import Sorting
from cooperation.models import Goal
from places.models import within_q
from search import engine

from . import progress
from .models import (
    Deliverable,
    Milestone,
    Programme,
    Task,
    WorkPackage,
)

PROGRAMME_SORTING = Sorting(
    orders={
        "title": ("title", "pk"),
        "-title": ("-title", "-pk"),
        "start": ("-start", "title", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("title", gettext_lazy("Title A–Z")),
        ("-title", gettext_lazy("Title Z–A")),
        ("start", gettext_lazy("Newest first")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="title",
)
TASK_SORTING = Sorting(
    orders={
        "due": ("due", "pk"),
        "-due": ("-due", "-pk"),
        "title": ("title", "pk"),
        "status": ("status", "due", "pk"),
        "package": ("package__programme__title", "package__position", "package__number", "pk"),
        "updated": ("-updated", "pk"),
    },
    labels=[
        ("due", gettext_lazy("Due first")),
        ("-due", gettext_lazy("Due last")),
        ("title", gettext_lazy("Title A–Z")),
        ("status", gettext_lazy("Status")),
        ("package", gettext_lazy("Work package")),
        ("updated", gettext_lazy("Recently updated")),
    ],
    default="due",
)


# --- Progress, in bulk ------------------------------------------------------------------------
def package_counts(package) -> progress.Counts:
    """The counts `WorkPackage.objects.with_progress()` annotated on `package`."""
    return progress.Counts(
        tasks_counted=package.tasks_counted,
        tasks_done=package.tasks_done,
        milestones_total=package.milestones_total,
        milestones_reached=package.milestones_reached,
    )


def with_progress_values(packages) -> list:
    """The packages (annotated by `with_progress`) with `progress` (float or None) and
    `progress_shown` (whole per cent) set: no query per package."""
    packages = list(packages)
    for package in packages:
        package.progress = progress.package_progress(package_counts(package))
        package.progress_shown = progress.rounded(package.progress)
        package.overdue_count = (
            package.tasks_overdue + package.milestones_overdue + package.deliverables_overdue
        )
    return packages


def programme_progress_map(programme_ids) -> dict[int, float | None]:
    """Programme id -> progress from its packages, for many programmes in one query."""
    by_programme: dict[int, list] = defaultdict(list)
    packages = with_progress_values(
        WorkPackage.objects.filter(programme_id__in=list(programme_ids)).with_progress()
    )
    for package in packages:
        by_programme[package.programme_id].append(package.progress)
    return {pk: progress.programme_progress(values) for pk, values in by_programme.items()}


def goal_packages(goal, *, user) -> list:
    """The work packages serving `goal` that the user may see, with their progress, and the
    goal's contribution from them: one query for the packages."""
    visible = Programme.objects.visible_to(user).values("pk")
    return with_progress_values(
        WorkPackage.objects.filter(goals=goal, programme__in=visible)
        .with_progress()
        .select_related("programme", "lead_organisation")
        .order_by("programme__title", "position", "number")
    )


def goal_progress(packages) -> int | None:
    return progress.rounded(progress.goal_contribution(p.progress for p in packages))


# --- Lists ----------------------------------------------------------------------------------
def programme_list(*, user, filters: dict | None = None):
    filters = filters or {}
    queryset = Programme.objects.visible_to(user)
    if filters.get("q"):
        queryset = engine.filter_queryset(queryset, filters["q"], kind="workprogramme")
    if filters.get("city"):
        queryset = queryset.filter(
            within_q("territory", [(filters["city"].pk, filters["city"].path)])
            | within_q("lead_organisation__seat", [(filters["city"].pk, filters["city"].path)])
        )
    if filters.get("year"):
        first, last = f"{filters['year']}-01-01", f"{filters['year']}-12-31"
        queryset = queryset.filter(
            Q(start__isnull=True) | Q(start__lte=last), Q(end__isnull=True) | Q(end__gte=first)
        )
    if filters.get("funder"):
        queryset = queryset.filter(funder=filters["funder"])
    return Programme.objects.filter(pk__in=queryset.values("pk")).select_related(
        "territory", "lead_organisation"
    )


def funders(*, user) -> list[str]:
    return list(
        Programme.objects.visible_to(user)
        .exclude(funder="")
        .order_by("funder")
        .values_list("funder", flat=True)
        .distinct()
    )


def task_list(*, user, filters: dict | None = None, package=None):
    """Tasks of programmes the user may see, filtered by status, owner, package, programme,
    overdue and "mine" (owned by the user's person or account)."""
    filters = filters or {}
    visible = Programme.objects.visible_to(user).values("pk")
    queryset = Task.objects.filter(package__programme__in=visible, package__deleted_at__isnull=True)
    if package is not None:
        queryset = queryset.filter(package=package)
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("open"):
        queryset = queryset.pending()
    if filters.get("owner"):
        queryset = queryset.filter(owner=filters["owner"])
    if filters.get("mine"):
        queryset = queryset.owned_by_user(user)
    if filters.get("programme"):
        queryset = queryset.filter(package__programme=filters["programme"])
    if filters.get("overdue"):
        queryset = queryset.overdue()
    return queryset.select_related("package__programme", "owner", "owner_user")


# --- Pages ----------------------------------------------------------------------------------
@dataclass
class Timeline:
    """Packages, milestones and deliverables over a period, as rows for the table and bars
    for the chart (offsets and widths in per cent of the period)."""

    start: object
    end: object
    rows: list
    years: list


def _offset(timeline_start, days, day) -> float:
    return round(max(0, min(days, (day - timeline_start).days)) / days * 100, 2)


def programme_timeline(programme, packages) -> Timeline | None:
    """The programme period (or the span of what is dated) with one row per package and its
    dated milestones and deliverables; None when nothing is dated."""
    dates = [d for d in (programme.start, programme.end) if d]
    for package in packages:
        dates += [d for d in (package.start, package.end) if d]
        dates += [m.due for m in package.milestone_list if m.due]
        dates += [d.due for d in package.deliverable_list if d.due]
    if len(dates) < 2 and not (programme.start and programme.end):
        return None
    start = programme.start or min(dates)
    end = programme.end or max(dates)
    if end <= start:
        return None
    days = max((end - start).days, 1)
    rows = []
    for index, package in enumerate(packages):
        bar = None
        if package.start or package.end:
            first = _offset(start, days, package.start or start)
            last = _offset(start, days, package.end or end)
            bar = {"x": first, "width": max(last - first, 0.5)}
        # A mark is 0.8 wide: one on the last day still ends inside the track.
        marks = [
            {"kind": "milestone", "item": m, "x": min(_offset(start, days, m.due), 99.2)}
            for m in package.milestone_list
            if m.due
        ] + [
            {"kind": "deliverable", "item": d, "x": min(_offset(start, days, d.due), 99.2)}
            for d in package.deliverable_list
            if d.due
        ]
        rows.append({"package": package, "bar": bar, "marks": marks, "y": index * 28 + 24})
    years = [
        {"year": year, "x": _offset(start, days, start.replace(year=year, month=1, day=1))}
        for year in range(start.year + 1, end.year + 1)
    ]
    return Timeline(start=start, end=end, rows=rows, years=years)


def programme_packages(programme) -> list:
    """The programme's packages with progress, overdue counts, lead, goals, milestones and
    deliverables: a fixed number of queries."""
    return with_progress_values(
        programme.packages.with_progress()
        .select_related("lead_organisation")
        .prefetch_related(
            Prefetch("milestones", to_attr="milestone_list"),
            Prefetch("deliverables", to_attr="deliverable_list"),
            Prefetch("goals", queryset=Goal.objects.select_related("agreement")),
        )
    )


def overdue_items(programme, today=None) -> dict:
    """What is overdue in the programme: pending tasks, milestones not reached, deliverables
    not delivered, each past its due date (three queries)."""
    today = today or timezone.localdate()
    in_programme = {"package__programme": programme, "package__deleted_at__isnull": True}
    return {
        "tasks": list(
            Task.objects.overdue(today)
            .filter(**in_programme)
            .select_related("package", "owner", "owner_user")
        ),
        "milestones": list(
            Milestone.objects.filter(
                reached_at__isnull=True, due__lt=today, **in_programme
            ).select_related("package")
        ),
        "deliverables": list(
            Deliverable.objects.filter(
                delivered_at__isnull=True, due__lt=today, **in_programme
            ).select_related("package")
        ),
    }


def package_page(package, *, user) -> dict:
    package = WorkPackage.objects.with_progress().get(pk=package.pk)
    (package,) = with_progress_values([package])
    goals = [
        goal
        for goal in package.goals.select_related("agreement__partnership")
        if user.has_perm("cooperation.view_goal", goal)
    ]
    return {
        "package": package,
        "milestones": list(package.milestones.all()),
        "deliverables": list(package.deliverables.select_related("target_type")),
        "goals": goals,
    }


def deleted_items(programme) -> list[dict]:
    """What was deleted in the programme and can be restored: packages, and the tasks,
    milestones and deliverables of its packages (four queries), newest first."""
    in_programme = {"package__programme": programme, "deleted_at__isnull": False}
    found = [
        (
            "arbeitspaket",
            WorkPackage.all_objects.filter(programme=programme, deleted_at__isnull=False),
        ),
        ("aufgabe", Task.all_objects.filter(**in_programme).select_related("package")),
        ("meilenstein", Milestone.all_objects.filter(**in_programme).select_related("package")),
        ("ergebnis", Deliverable.all_objects.filter(**in_programme).select_related("package")),
    ]
    items = [{"kind": kind, "object": obj} for kind, rows in found for obj in rows]
    return sorted(items, key=lambda item: item["object"].deleted_at, reverse=True)


def deleted_object(model, pk):
    """A deleted row for the undo page (None if it is not deleted)."""
    return model.all_objects.filter(pk=pk, deleted_at__isnull=False).first()
