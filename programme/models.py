"""Work programmes: a programme (funder, period, budget lines) with numbered work packages
("AP 3"), their tasks, milestones and deliverables.

Deleting is undoable: each shared model keeps `deleted_at`, its default manager leaves deleted
rows out (so reverse relations such as `package.tasks` do too) and `all_objects` still sees
them for the undo. What a task came from and what a deliverable produced are generic links
(content types) with a stored label and URL, so `programme` imports none of the apps they
point to and still names them when such an app is not installed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import RoleLevel
from accounts.scopes import scope_q
from actors.models import Organisation, Person
from bildungsnetz.invariants import check_not_before, not_before
from cooperation.models import Goal
from places.models import Territory


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses of a task that still has to be done (overdue once its due date has passed).
PENDING_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


class LiveManager(models.Manager):
    """Leaves deleted rows out; `all_objects` (a plain manager) keeps them for the undo."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class AllObjectsManager(models.Manager):
    """Every row, deleted ones too: the base manager (foreign keys, the undo)."""


class SoftDeletable(models.Model):
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# --- Programme ------------------------------------------------------------------------------
class ProgrammeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        """Public programmes and those of the user's territories and organisations (the rule
        `programme.view_programme` as one query)."""
        condition = scope_q(
            user, territory_paths=["territory"], organisation_paths=["lead_organisation"]
        )
        if condition is None:
            return self
        return self.filter(Q(is_public=True) | condition)

    def managed_by(self, user):
        """Programmes the user may change (`programme.change_programme`): coordinators of the
        territory, editors of the lead organisation."""
        territory = scope_q(
            user, territory_paths=["territory"], organisation_paths=[], level=RoleLevel.COORDINATOR
        )
        organisation = scope_q(
            user,
            territory_paths=[],
            organisation_paths=["lead_organisation"],
            level=RoleLevel.EDITOR,
        )
        if territory is None or organisation is None:
            return self
        return self.filter(territory | organisation)


class Programme(SoftDeletable):
    """A work programme, e.g. a city's education-management programme under a federal fund."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    funder = models.CharField(_("funder"), max_length=300, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("Its coordinators manage the programme."),
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_programmes",
        help_text=_("Its editors manage the programme."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = LiveManager.from_queryset(ProgrammeQuerySet)()
    all_objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("work programme")
        verbose_name_plural = _("work programmes")
        ordering = ["title"]
        base_manager_name = "all_objects"
        constraints = [not_before("start", "end", name="programme_end_after_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:programme_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        check_not_before(self, "start", "end")
        if self.territory_id is None and self.lead_organisation_id is None:
            raise ValidationError(
                _("Name the territory or the lead organisation that manages the programme.")
            )


class BudgetLine(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("work programme"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    label = models.CharField(_("budget line"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount} {self.currency}"


# --- Work package ---------------------------------------------------------------------------
def _count(model, *, relation: str, condition: Q | None = None):
    """A correlated COUNT(*) of live `model` rows pointing at the outer row through
    `relation`: one subquery per column, no join fan-out between tasks and milestones."""
    rows = model._base_manager.filter(**{relation: models.OuterRef("pk")}, deleted_at__isnull=True)
    if condition is not None:
        rows = rows.filter(condition)
    counted = rows.order_by().values(relation).annotate(n=models.Count("pk")).values("n")
    return Coalesce(models.Subquery(counted), 0)


class WorkPackageQuerySet(models.QuerySet):
    def with_progress(self, today=None):
        """Counts the progress roll-up needs, computed by the database for every package at
        once (see programme/progress.py for the rule)."""
        today = today or timezone.localdate()
        overdue = Q(status__in=PENDING_STATUSES, due__lt=today)
        return self.annotate(
            tasks_counted=_count(
                Task, relation="package", condition=~Q(status=TaskStatus.CANCELLED)
            ),
            tasks_done=_count(Task, relation="package", condition=Q(status=TaskStatus.DONE)),
            tasks_overdue=_count(Task, relation="package", condition=overdue),
            milestones_total=_count(Milestone, relation="package"),
            milestones_reached=_count(
                Milestone, relation="package", condition=Q(reached_at__isnull=False)
            ),
            milestones_overdue=_count(
                Milestone, relation="package", condition=Q(reached_at__isnull=True, due__lt=today)
            ),
            deliverables_overdue=_count(
                Deliverable,
                relation="package",
                condition=Q(delivered_at__isnull=True, due__lt=today),
            ),
        )


class WorkPackage(SoftDeletable):
    """A numbered work package ("AP 3 Bildungskonferenzen") of a programme."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("work programme"),
        on_delete=models.CASCADE,
        related_name="packages",
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("For example “AP 3”."))
    position = models.PositiveSmallIntegerField(_("position"), default=0, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_work_packages",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    goals = models.ManyToManyField(
        Goal, verbose_name=_("agreement goals served"), blank=True, related_name="work_packages"
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = LiveManager.from_queryset(WorkPackageQuerySet)()
    all_objects = WorkPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["programme", "position", "number"]
        base_manager_name = "all_objects"
        constraints = [
            not_before("start", "end", name="work_package_end_after_start"),
            models.UniqueConstraint(
                fields=["programme", "number"],
                condition=Q(deleted_at__isnull=True),
                name="work_package_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:package_detail", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    def clean(self) -> None:
        check_not_before(self, "start", "end")
        if self.programme_id and self.number:
            clash = WorkPackage.objects.filter(programme_id=self.programme_id, number=self.number)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"number": _("The programme already has a work package with this number.")}
                )


# --- Task, milestone, deliverable -----------------------------------------------------------
class TaskQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def overdue(self, today=None):
        return self.pending().filter(due__lt=today or timezone.localdate())

    def owned_by_user(self, user):
        """Tasks of the user: owned by their person in the directory or by their account."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(owner__user=user) | Q(owner_user=user))


class Task(SoftDeletable):
    """A task of a work package, perhaps an action item of a meeting (its origin)."""

    package = models.ForeignKey(
        WorkPackage, verbose_name=_("work package"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_tasks",
    )
    # An account without an entry in the directory can own a task too (set by services only).
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (account)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_tasks",
        editable=False,
    )
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    origin_type = models.ForeignKey(
        ContentType,
        verbose_name=_("origin type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    origin_id = models.CharField(_("origin id"), max_length=64, blank=True, editable=False)
    origin = GenericForeignKey("origin_type", "origin_id")
    origin_label = models.CharField(_("origin"), max_length=300, blank=True, editable=False)
    origin_url = models.CharField(_("origin address"), max_length=500, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = LiveManager.from_queryset(TaskQuerySet)()
    all_objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due", "pk"]
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["package", "status"]),
            models.Index(fields=["origin_type", "origin_id"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:task_detail", kwargs={"pk": self.pk})

    def is_overdue(self, today=None) -> bool:
        return (
            self.status in PENDING_STATUSES
            and self.due is not None
            and self.due < (today or timezone.localdate())
        )


class Milestone(SoftDeletable):
    package = models.ForeignKey(
        WorkPackage,
        verbose_name=_("work package"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=300)
    due = models.DateField(_("due"), null=True, blank=True)
    reached_at = models.DateField(_("reached on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = LiveManager()
    all_objects = AllObjectsManager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "pk"]
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.package.get_absolute_url() + f"#meilenstein-{self.pk}"

    def is_overdue(self, today=None) -> bool:
        return (
            self.reached_at is None
            and self.due is not None
            and self.due < (today or timezone.localdate())
        )


class Deliverable(SoftDeletable):
    """What a work package delivers: linked to what it produced (an event, a report, an
    agreement, a dataset, a page …) through content types, or to an address elsewhere."""

    package = models.ForeignKey(
        WorkPackage,
        verbose_name=_("work package"),
        on_delete=models.CASCADE,
        related_name="deliverables",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    delivered_at = models.DateField(_("delivered on"), null=True, blank=True)
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.CharField(_("result id"), max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(_("result"), max_length=300, blank=True, editable=False)
    target_url = models.CharField(_("result address"), max_length=500, blank=True, editable=False)
    url = models.URLField(_("external address"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = LiveManager()
    all_objects = AllObjectsManager()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["due", "pk"]
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.package.get_absolute_url() + f"#ergebnis-{self.pk}"

    def is_overdue(self, today=None) -> bool:
        return (
            self.delivered_at is None
            and self.due is not None
            and self.due < (today or timezone.localdate())
        )
