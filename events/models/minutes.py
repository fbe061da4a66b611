"""Minutes of a meeting: a draft, amendments in review, approval by the chair, then frozen.

One `Minutes` per event. Its content is a rich-text body plus structured items: agenda items,
decisions (numbered per minutes) and action items (numbered per minutes, with owner, due date
and status; one may become a task of a work package). Every saved state of the content is kept
as a `MinutesVersion` (the text and the items as they were, who saved it and when); approval
records which version was approved, and from then on the content is frozen: the services
refuse every change of it (`MinutesFrozen`). What happens to an action item afterwards (its
status, the task it became) is follow-up, not content, and stays possible.

Amendments come from members (logged in) and from invitees without an account (a personal,
signed link per `MinutesInvitation`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actors.models import Person
from programme.models import PENDING_STATUSES, Task, TaskStatus

from .events import Event


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class AmendmentPart(models.TextChoices):
    BODY = "body", _("Text of the minutes")
    AGENDA = "agenda", _("Agenda item")
    DECISION = "decision", pgettext_lazy("minutes", "Decision")
    ACTION = "action", _("Action item")


class MinutesFrozen(ValidationError):
    """The minutes are approved: their content no longer changes."""

    def __init__(self):
        super().__init__(
            _("These minutes are approved and frozen: they can no longer be changed."),
            code="frozen",
        )


class MinutesQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MinutesStatus.APPROVED)


class Minutes(models.Model):
    event = models.OneToOneField(
        Event, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minute-taker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendees = models.TextField(
        _("present"), blank=True, help_text=_("Who took part, one per line or separated by commas.")
    )
    body = models.TextField(_("text of the minutes"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    review_opened_at = models.DateTimeField(_("review opened"), null=True, blank=True)
    approved_version = models.PositiveIntegerField(
        _("approved version"), null=True, blank=True, editable=False
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["-event__starts_at", "pk"]

    def __str__(self) -> str:
        return str(_("Minutes of “%(meeting)s”") % {"meeting": self.event.title})

    def get_absolute_url(self) -> str:
        return reverse("events:minutes_detail", kwargs={"slug": self.event.slug})

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    @property
    def in_review(self) -> bool:
        return self.status == MinutesStatus.REVIEW

    def ensure_not_frozen(self) -> None:
        if self.is_approved:
            raise MinutesFrozen()


class MinutesVersion(models.Model):
    """One saved state of the minutes' content, kept for ever."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=MinutesStatus.choices)
    attendees = models.TextField(_("present"), blank=True)
    body = models.TextField(_("text of the minutes"), blank=True)
    # The agenda items, decisions and action items as they were: {"agenda": [...], ...}.
    items = models.JSONField(_("items"), default=dict, blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_by_name = models.CharField(_("saved by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("version of minutes")
        verbose_name_plural = _("versions of minutes")
        ordering = ["minutes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="events_minutes_version")
        ]

    def __str__(self) -> str:
        return f"{self.minutes} v{self.number}"


class AgendaItem(models.Model):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("topic"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["minutes", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="events_agenda_number")
        ]

    def __str__(self) -> str:
        return f"TOP {self.number}: {self.title}"


class Decision(models.Model):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="decisions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text = models.TextField(pgettext_lazy("minutes", "decision"))
    vote_result = models.CharField(
        _("vote"),
        max_length=200,
        blank=True,
        help_text=_("e.g. unanimous, or 7 in favour, 1 against, 2 abstentions"),
    )

    class Meta:
        verbose_name = pgettext_lazy("minutes", "decision")
        verbose_name_plural = _("decisions")
        ordering = ["minutes", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="events_decision_number")
        ]

    def __str__(self) -> str:
        return str(_("Decision %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return self.minutes.get_absolute_url() + f"#beschluss-{self.number}"


def _task_live():
    return Q(task__isnull=False, task__deleted_at__isnull=True)


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        """Still to be done: its live task is pending, or (without one) it is open."""
        follows_task = _task_live() & Q(task__status__in=PENDING_STATUSES)
        own_status = ~_task_live() & Q(status=ActionStatus.OPEN)
        return self.filter(follows_task | own_status)

    def overdue(self, today=None):
        return self.open().filter(due__lt=today or timezone.localdate())

    def owned_by_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(owner_person__user=user) | Q(owner_user=user))


class ActionItem(models.Model):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="action_items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("from decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    text = models.TextField(_("action item"))
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (account)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("task in the work programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The day the owner was last reminded of it while overdue: at most one mail a day.
    last_reminded_on = models.DateField(
        _("last reminded on"), null=True, blank=True, editable=False
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["minutes", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="events_action_number")
        ]
        indexes = [models.Index(fields=["status", "due"], name="events_action_open_due")]

    def __str__(self) -> str:
        return str(_("Action item %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return self.minutes.get_absolute_url() + f"#aktionspunkt-{self.number}"

    @property
    def live_task(self):
        task = self.task
        return task if task is not None and task.deleted_at is None else None

    @property
    def effective_status(self) -> str:
        """The item's own status, or, once it became a task, its task's."""
        task = self.live_task
        if task is None:
            return self.status
        if task.status == TaskStatus.DONE:
            return ActionStatus.DONE
        if task.status == TaskStatus.CANCELLED:
            return ActionStatus.CANCELLED
        return ActionStatus.OPEN

    def get_effective_status_display(self) -> str:
        return str(ActionStatus(self.effective_status).label)

    @property
    def is_open(self) -> bool:
        return self.effective_status == ActionStatus.OPEN

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due is not None and self.due < (today or timezone.localdate())

    @property
    def owner_email(self) -> str:
        if self.owner_user_id and self.owner_user.email:
            return self.owner_user.email
        if self.owner_person_id:
            if self.owner_person.user_id and self.owner_person.user.email:
                return self.owner_person.user.email
            return self.owner_person.email
        return ""


class MinutesInvitation(models.Model):
    """An attendee without an account (or with one) asked to review the minutes by a personal
    link; the link is a signed token of this row (events.services_minutes.invitation_token)."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="invitations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    personal_data = {
        "name": (
            _("Ask an attendee to review the minutes"),
            _("Art. 6(1)(e) GDPR (cooperation of public bodies)"),
            _("until the minutes are approved"),
        ),
        "email": (
            _("Send the personal review link"),
            _("Art. 6(1)(e) GDPR (cooperation of public bodies)"),
            _("until the minutes are approved"),
        ),
    }

    class Meta:
        verbose_name = _("invitation to review minutes")
        verbose_name_plural = _("invitations to review minutes")
        ordering = ["minutes", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "email"], name="events_invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Amendment(models.Model):
    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    part = models.CharField(_("part"), max_length=10, choices=AmendmentPart.choices)
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decision = models.ForeignKey(
        Decision, verbose_name=pgettext_lazy("minutes", "decision"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    action_item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    text = models.TextField(_("proposed wording"))
    reason = models.TextField(_("reason"), blank=True)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by (account)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    invitation = models.ForeignKey(
        MinutesInvitation, verbose_name=_("proposed by (invitee)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="amendments",
    )  # fmt: skip
    author_name = models.CharField(_("proposed by"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=AmendmentStatus.choices,
        default=AmendmentStatus.PROPOSED,
    )  # fmt: skip
    response = models.TextField(_("reason for the rejection"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    applied_version = models.PositiveIntegerField(_("applied in version"), null=True, blank=True)
    created = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)

    # Read by the record of processing activities (Art. 30 GDPR).
    personal_data = {
        "author_name": (
            _("Say who proposed an amendment to the minutes"),
            _("Art. 6(1)(e) GDPR (cooperation of public bodies)"),
            _("as long as the minutes are kept"),
        ),
    }

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["minutes", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="events_amendment_number")
        ]

    def __str__(self) -> str:
        return str(_("Amendment %(number)s") % {"number": self.number})

    @property
    def target(self):
        return {
            AmendmentPart.AGENDA: self.agenda_item,
            AmendmentPart.DECISION: self.decision,
            AmendmentPart.ACTION: self.action_item,
        }.get(self.part)

    @property
    def part_label(self) -> str:
        target = self.target
        label = str(self.get_part_display())
        return f"{label} {target.number}" if target is not None else label

    def clean(self) -> None:
        if self.part != AmendmentPart.BODY and self.target is None:
            raise ValidationError({"part": _("Choose the item the amendment is about.")})
