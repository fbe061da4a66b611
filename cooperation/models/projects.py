from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scopes import scope_q
from actors.models import Organisation, Person, Topic
from bildungsnetz.invariants import check_not_before, not_before

from .agreements import Goal
from .choices import ProjectStatus
from .partnerships import Partnership, PartnershipParty


class ProjectKind(models.TextChoices):
    JOINT_PROJECT = "joint_project", _("Joint project")
    MODEL_PARTNERSHIP = "model_partnership", _("Model partnership")


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, partnership__is_public=True)

    def visible_to(self, user):
        condition = scope_q(
            user,
            territory_paths=["partnership__parties__territory"],
            organisation_paths=["partnership__parties__organisation", "participants__organisation"],
        )
        if condition is None:
            return self
        return self.filter(Q(is_public=True, partnership__is_public=True) | condition).distinct()

    def with_contact_counts(self):
        """Participants with and without a fixed contact person, counted in the database."""
        return self.annotate(
            participant_count=Count("participants", distinct=True),
            participants_without_contact=Count(
                "participants", filter=Q(participants__contact__isnull=True), distinct=True
            ),
        )

    def active_in_year(self, year: int):
        start, end = f"{year}-01-01", f"{year}-12-31"
        return self.filter(
            Q(start__isnull=True) | Q(start__lte=end),
            Q(end__isnull=True) | Q(end__gte=start),
        )


class Project(models.Model):
    """A joint project or model partnership of a partnership, serving agreement goals."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProjectKind.choices, default=ProjectKind.JOINT_PROJECT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals served"), blank=True, related_name="projects"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    funding = models.TextField(_("funding"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress in per cent"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0 to 100; leave empty while unknown."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title"]
        indexes = [models.Index(fields=["status", "kind"])]
        constraints = [
            not_before("start", "end", name="project_end_after_start"),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100),
                name="project_progress_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:project_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        check_not_before(self, "start", "end")

    def clean_goals(self, goals) -> None:
        """A project serves only goals of its own partnership's agreements.

        A relation `clean()` cannot see before it is set: `model_update` and `ProjectForm` ask
        this before setting it, `goal_project_link` before adding one goal.
        """
        if self.partnership_id is None:
            return  # no partnership yet: `partnership` is the error then
        if any(goal.agreement.partnership_id != self.partnership_id for goal in goals):
            raise ValidationError(
                _("A project can only serve goals of its own partnership's agreements."),
                code="foreign_goal",
            )

    def sides(self) -> list[dict]:
        """Each party of the partnership with the participants on its side.

        The Wolgograd workshop named fixed contact persons on both sides as a condition of a
        model partnership, so a side without one is flagged (`missing_contact`).
        """
        participants = list(
            self.participants.select_related(
                "organisation__seat", "organisation__parent", "contact"
            )
        )
        result = []
        for party in self.partnership.parties.select_related("territory", "organisation"):
            mine = [p for p in participants if party.covers(p.organisation)]
            result.append(
                {
                    "party": party,
                    "participants": mine,
                    "missing_contact": not any(p.contact_id for p in mine),
                }
            )
        return result

    def sides_missing_contact(self) -> list[PartnershipParty]:
        return [side["party"] for side in self.sides() if side["missing_contact"]]


class ProjectParticipant(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="project_participations",
    )
    role = models.CharField(_("role in the project"), max_length=200, blank=True)
    contact = models.ForeignKey(
        Person,
        verbose_name=_("fixed contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_contacts",
    )
    benefit = models.TextField(_("benefit for this side"), blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="participant_unique_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})" if self.role else str(self.organisation)

    def clean(self) -> None:
        if self.project_id is None or self.organisation_id is None:
            return
        sides = self.project.partnership.parties.select_related("territory", "organisation")
        if not any(side.covers(self.organisation) for side in sides):
            raise ValidationError(
                {"organisation": _("The organisation belongs to none of the partnership's sides.")}
            )


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=300)
    due = models.DateField(_("due"), null=True, blank=True)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title
