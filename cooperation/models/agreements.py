from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scopes import scope_q
from actors.models import Organisation, Person, Topic
from actors.privacy import person_visible_fields
from bildungsnetz.invariants import check_not_before, not_before
from places.models import Territory

from .base import StateChange, done_by
from .choices import ProjectStatus
from .partnerships import Partnership


class AgreementKind(models.TextChoices):
    COOPERATION = "cooperation", _("Cooperation agreement")
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    TARGET = "target", _("Target agreement")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_APPROVAL = "pending_approval", _("Pending committee approval")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


# The lifecycle: from each status, where it may go next. Everything else is refused.
AGREEMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    AgreementStatus.DRAFT: (AgreementStatus.PENDING_APPROVAL, AgreementStatus.IN_FORCE),
    AgreementStatus.PENDING_APPROVAL: (AgreementStatus.IN_FORCE, AgreementStatus.DRAFT),
    AgreementStatus.IN_FORCE: (AgreementStatus.EXPIRED, AgreementStatus.TERMINATED),
    AgreementStatus.EXPIRED: (),
    AgreementStatus.TERMINATED: (),
}

EXPIRY_WARNING_DAYS = 90
DOCUMENT_EXTENSIONS = ["pdf", "odt", "docx", "txt"]


class AgreementQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, partnership__is_public=True)

    def visible_to(self, user):
        condition = scope_q(
            user,
            territory_paths=["partnership__parties__territory"],
            organisation_paths=["partnership__parties__organisation"],
        )
        if condition is None:
            return self
        return self.filter(Q(is_public=True, partnership__is_public=True) | condition).distinct()

    def in_force(self):
        return self.filter(status=AgreementStatus.IN_FORCE)

    def awaiting_council(self):
        """Under committee reservation with a council paper to check."""
        return self.filter(status=AgreementStatus.PENDING_APPROVAL).exclude(council_paper_url="")

    def expiring_soon(self, *, days: int = EXPIRY_WARNING_DAYS, today=None):
        """In force and ending within `days`: the coordinators' warning list."""
        today = today or timezone.localdate()
        return self.in_force().filter(
            valid_until__gte=today, valid_until__lte=today + timedelta(days=days)
        )

    def with_goal_counts(self):
        return self.annotate(
            goal_count=Count("goals", distinct=True),
            goals_achieved=Count(
                "goals", filter=Q(goals__status=GoalStatus.ACHIEVED), distinct=True
            ),
        )


def agreement_document_path(instance, filename: str) -> str:
    return f"cooperation/agreements/{instance.slug}/{filename}"


class Agreement(models.Model):
    """A signed text that puts a partnership into words, with numbered goals."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
        editable=False,
        help_text=_("Changed only through recorded status changes."),
    )
    signed_place = models.ForeignKey(
        Territory,
        verbose_name=_("place of signing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField(_("date of signing"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty for an open term.")
    )
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(
        _("text"), blank=True, help_text=_("The current wording; earlier wordings are versions.")
    )
    document = models.FileField(
        _("document"),
        upload_to=agreement_document_path,
        blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    council_paper_url = models.URLField(
        _("council paper (OParl)"),
        max_length=500,
        blank=True,
        help_text=_(
            "The address of the council paper in the council information system's OParl "
            "interface (an OParl “Paper”). While the agreement awaits committee approval, "
            "Bildungsnetz checks it for the council's decision."
        ),
    )
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "title"]
        indexes = [models.Index(fields=["status", "valid_until"])]
        constraints = [
            not_before("valid_from", "valid_until", name="agreement_until_after_from"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:agreement_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        check_not_before(self, "valid_from", "valid_until")

    @property
    def is_open_ended(self) -> bool:
        return self.valid_until is None

    def expires_soon(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == AgreementStatus.IN_FORCE
            and self.valid_until is not None
            and today <= self.valid_until <= today + timedelta(days=EXPIRY_WARNING_DAYS)
        )

    def next_statuses(self) -> list[tuple[str, str]]:
        return [(s, AgreementStatus(s).label) for s in AGREEMENT_TRANSITIONS[self.status]]


class AgreementSignatory(models.Model):
    """Who signed the agreement, in which function for which organisation, where and when.

    The name is kept as signed (a public act); a signatory may also be linked to a person of
    the register, whose own visibility rules then apply to the name shown.
    """

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("As in the signature block; shown with the agreement."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    function = models.CharField(_("function"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    signed_place = models.ForeignKey(
        Territory,
        verbose_name=_("place of signature"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField(_("date of signature"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"],
                condition=Q(person__isnull=False),
                name="signatory_unique",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="signatory_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.person} – {self.function}"

    def clean(self) -> None:
        errors = {}
        if not self.name.strip() and self.person_id is None:
            errors["name"] = _("Give the name of the person who signed.")
        if self.signed_on is not None:
            agreement = self._agreement_or_none()
            if self.signed_on > timezone.localdate():
                errors["signed_on"] = _("A date of signature cannot be in the future.")
            elif (
                agreement is not None
                and agreement.signed_on
                and (self.signed_on > agreement.signed_on)
            ):
                errors["signed_on"] = _(
                    "The agreement was signed on %(date)s; a signature cannot come after it. "
                    "Correct one of the two dates."
                ) % {"date": date_format(agreement.signed_on, "SHORT_DATE_FORMAT")}
            elif (
                agreement is not None
                and agreement.valid_until
                and (self.signed_on > agreement.valid_until)
            ):
                errors["signed_on"] = _(
                    "The agreement ended on %(date)s; a signature cannot come after its end."
                ) % {"date": date_format(agreement.valid_until, "SHORT_DATE_FORMAT")}
        if errors:
            raise ValidationError(errors)

    def _agreement_or_none(self):
        try:
            return self.agreement
        except Agreement.DoesNotExist:
            return None

    def shown_name(self, user) -> str:
        """The name as signed; for a linked person without one, the name that person shows."""
        if self.name:
            return self.name
        if self.person_id is None:
            return ""
        return person_visible_fields(self.person, user).get("name", "")


class AgreementTransition(StateChange):
    """One recorded status change: who moved the agreement, when, from where to where, why."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(
        _("from"), max_length=20, blank=True, choices=AgreementStatus.choices
    )
    to_state = models.CharField(_("to"), max_length=20, choices=AgreementStatus.choices)

    class Meta(StateChange.Meta):
        verbose_name = _("status change of an agreement")
        verbose_name_plural = _("status changes of agreements")

    def __str__(self) -> str:
        return f"{self.agreement}: {self.from_state} → {self.to_state}"


class AgreementVersion(models.Model):
    """A wording of the agreement text; consecutive versions are compared with a diff."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    created_by = done_by()

    class Meta:
        verbose_name = _("version of the agreement text")
        verbose_name_plural = _("versions of the agreement text")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "cooperation:agreement_version",
            kwargs={"slug": self.agreement.slug, "number": self.number},
        )


class GoalStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class GoalQuerySet(models.QuerySet):
    def with_rollup(self):
        """What has come of each goal, counted by the database (no per-row Python)."""
        return self.annotate(
            project_count=Count("projects", distinct=True),
            projects_running=Count(
                "projects", filter=Q(projects__status=ProjectStatus.RUNNING), distinct=True
            ),
            projects_completed=Count(
                "projects", filter=Q(projects__status=ProjectStatus.COMPLETED), distinct=True
            ),
            project_progress=Avg(
                "projects__progress",
                filter=~Q(projects__status=ProjectStatus.CANCELLED),
            ),
        )


class Goal(models.Model):
    """A numbered goal of an agreement ("Ziel 4"), with its status and progress."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress in per cent"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0 to 100; leave empty while unknown."),
    )
    is_demo = models.BooleanField(_("demo content"), default=False)

    history = HistoricalRecords()
    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="goal_unique_number"),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100),
                name="goal_progress_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return _("Goal %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse(
            "cooperation:goal_detail",
            kwargs={"slug": self.agreement.slug, "number": self.number},
        )


class GoalOwner(models.Model):
    """Who takes care of a goal on one side of the partnership."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="owners"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("goal owner")
        verbose_name_plural = _("goal owners")
        constraints = [
            models.UniqueConstraint(fields=["goal", "organisation"], name="goal_owner_unique"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)
