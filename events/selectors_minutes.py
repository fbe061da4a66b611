"""What the minutes pages read: minutes a user may see (the rule `events.view_minutes` as one
query), a minutes page with its items, open action items (of a group, a series, an owner),
the decisions compiled across a group or a series, and the work packages a user may add
tasks to."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils.translation import gettext, gettext_lazy

from accounts.models import RoleLevel
from accounts.scopes import organisation_scope_q, scope_q
from actors.models import Person
from actors.privacy import person_visible_fields
from bildungsnetz.listing import Sorting
from programme.models import Programme, Task, WorkPackage
from search.engine import filter_queryset

from .models import ActionItem, Amendment, Decision, Minutes, MinutesStatus

DECISION_SORTING = Sorting(
    orders={
        "-date": ("-minutes__event__starts_at", "number", "pk"),
        "date": ("minutes__event__starts_at", "number", "pk"),
    },
    labels=[
        ("-date", gettext_lazy("Latest first")),
        ("date", gettext_lazy("Oldest first")),
    ],
    default="-date",
)
OPEN_ITEM_SORTING = Sorting(
    orders={
        "due": ("due", "minutes__event__starts_at", "number", "pk"),
        "-date": ("-minutes__event__starts_at", "number", "pk"),
    },
    labels=[
        ("due", gettext_lazy("Due first")),
        ("-date", gettext_lazy("Latest meeting first")),
    ],
    default="due",
)


def minutes_visible_q(user, prefix: str = "") -> Q | None:
    """Minutes `user` may see, as a filter on a path to Minutes (`prefix`, e.g. "minutes__");
    None for a superuser."""
    member = scope_q(
        user,
        territory_paths=[f"{prefix}event__territory", f"{prefix}event__working_group__territory"],
        organisation_paths=[
            f"{prefix}event__organisers",
            f"{prefix}event__working_group__lead_organisation",
            f"{prefix}event__working_group__memberships__organisation",
        ],
        level=RoleLevel.VIEWER,
    )
    if member is None:
        return None
    public = Q(**{f"{prefix}status": MinutesStatus.APPROVED, f"{prefix}event__is_public": True})
    condition = public | member
    if user is not None and user.is_authenticated:
        condition |= Q(**{f"{prefix}event__working_group__chair__user": user})
        condition |= Q(
            **{
                f"{prefix}event__working_group__memberships__role": "chair",
                f"{prefix}event__working_group__memberships__person__user": user,
            }
        )
    return condition


def minutes_visible_to(user):
    condition = minutes_visible_q(user)
    if condition is None:
        return Minutes.objects.all()
    return Minutes.objects.filter(pk__in=Minutes.objects.filter(condition).values("pk"))


def account_name(user) -> str:
    """How a page names an account: its display name or its person's name, never its e-mail
    (versions and approvals are shown on public pages)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    if getattr(user, "display_name", ""):
        return user.display_name
    person = Person.objects.filter(user=user).first()
    return person.full_name if person is not None else gettext("a member of the platform")


def person_name(person, user) -> str:
    return person_visible_fields(person, user).get("name", "") if person is not None else ""


def owner_name(item: ActionItem, user) -> str:
    """The owner's name as far as `user` may see it ("" if hidden or none)."""
    if item.owner_person_id:
        return person_visible_fields(item.owner_person, user).get("name", "")
    if item.owner_user_id and user is not None and user.is_authenticated:
        return item.owner_user.display_name or ""
    return ""


def _items_with_relations(queryset):
    return queryset.select_related(
        "owner_person", "owner_user", "task__package__programme", "decision",
        "minutes__event__working_group", "minutes__event__series",
    )  # fmt: skip


def minutes_page(minutes: Minutes, *, user) -> dict:
    """Everything the minutes page shows beside the minutes."""
    actions = list(_items_with_relations(minutes.action_items.order_by("number")))
    for item in actions:
        item.owner_display = owner_name(item, user)
    by_decision: dict[int, list[ActionItem]] = {}
    for item in actions:
        if item.decision_id:
            by_decision.setdefault(item.decision_id, []).append(item)
    decisions = list(minutes.decisions.select_related("agenda_item").order_by("number"))
    for decision in decisions:
        decision.actions = by_decision.get(decision.pk, [])
    approved = None
    if minutes.approved_version:
        approved = minutes.versions.filter(number=minutes.approved_version).first()
    return {
        "agenda": list(minutes.agenda_items.order_by("number")),
        "decisions": decisions,
        "actions": actions,
        "versions": list(minutes.versions.order_by("-number")),
        "approved_version": approved,
        "approved_by_name": account_name(minutes.approved_by),
    }


def amendments_for(minutes: Minutes, *, user=None, invitation=None):
    """The amendments `user` may see: all for those who decide on them, else one's own."""
    rows = Amendment.objects.filter(minutes=minutes).select_related(
        "agenda_item", "decision", "action_item"
    )
    if invitation is not None:
        return rows.filter(invitation=invitation)
    if user is not None and user.has_perm("events.view_amendment", Amendment(minutes=minutes)):
        return rows
    if user is not None and user.is_authenticated:
        return rows.filter(author_user=user)
    return rows.none()


# --- Open action items ----------------------------------------------------------------------
def open_items(*, user, group=None, series=None, owner_person=None, owner_user=None):
    """Open action items (not done or cancelled, following their task) of minutes `user` may
    see, of a group, a series or an owner (a Person, or an account: its own and its person's)."""
    rows = ActionItem.objects.open()
    condition = minutes_visible_q(user, prefix="minutes__")
    if condition is not None:
        rows = rows.filter(pk__in=ActionItem.objects.filter(condition).values("pk"))
    if group is not None:
        rows = rows.filter(minutes__event__working_group=group)
    if series is not None:
        rows = rows.filter(minutes__event__series=series)
    if owner_person is not None:
        rows = rows.filter(owner_person=owner_person)
    if owner_user is not None:
        rows = rows.owned_by_user(owner_user)
    return _items_with_relations(rows)


def open_items_rows(items, *, user, limit: int | None = None) -> list[ActionItem]:
    """The items with the owner's visible name (for templates)."""
    rows = list(items[:limit] if limit else items)
    for item in rows:
        item.owner_display = owner_name(item, user)
    return rows


# --- Decisions compiled across a group or a series -----------------------------------------
def decision_list(*, user, filters: dict | None = None):
    """Every decision of minutes `user` may see, filtered by the cleaned data of
    `DecisionFilterForm` (group, series, words, period)."""
    filters = filters or {}
    rows = Decision.objects.all()
    condition = minutes_visible_q(user, prefix="minutes__")
    if condition is not None:
        rows = rows.filter(pk__in=Decision.objects.filter(condition).values("pk"))
    if filters.get("group"):
        rows = rows.filter(minutes__event__working_group=filters["group"])
    if filters.get("series"):
        rows = rows.filter(minutes__event__series=filters["series"])
    if filters.get("start"):
        rows = rows.filter(minutes__event__starts_at__date__gte=filters["start"])
    if filters.get("end"):
        end = filters["end"] + timedelta(days=1)
        rows = rows.filter(minutes__event__starts_at__date__lt=end)
    if filters.get("approved_only"):
        rows = rows.filter(minutes__status=MinutesStatus.APPROVED)
    # Words through the full-text index (events/search_index.py: kind "decision"); the rows
    # are already those the user may see, drafts included.
    rows = filter_queryset(rows, filters.get("q") or "", kind="decision")
    return rows.select_related(
        "minutes__event__working_group", "minutes__event__series", "agenda_item"
    ).prefetch_related(Prefetch("action_items", queryset=ActionItem.objects.order_by("number")))


# --- Work packages for the "as a task" button ----------------------------------------------
def packages_for_tasks(user) -> list[WorkPackage]:
    """The work packages `user` may add tasks to (`programme.add_task`), numbered order."""
    if not user.is_authenticated:
        return []
    candidates = WorkPackage.objects.select_related("programme", "lead_organisation").order_by(
        "programme__title", "position", "number"
    )
    lead = organisation_scope_q(user, RoleLevel.EDITOR, lookup="lead_organisation")
    if lead is not None:
        managed = Programme.objects.managed_by(user).values("pk")
        candidates = candidates.filter(Q(programme__in=managed) | lead)
    return [
        package
        for package in candidates[:500]
        if user.has_perm("programme.add_task", Task(package=package))
    ]
