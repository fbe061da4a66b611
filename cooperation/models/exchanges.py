from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import RoleLevel
from accounts.scopes import scope_q
from actors.models import Organisation, Person, Topic
from bildungsnetz.invariants import check_not_before, not_before, not_before_errors
from places.models import Territory, within_q

from .base import StateChange
from .partnerships import Partnership


class ExchangeProgrammeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        """Public programmes, and those whose coordinating or participating members ask."""
        condition = scope_q(
            user,
            territory_paths=["cities"],
            organisation_paths=["coordinator", "organisations"],
        )
        if condition is None:
            return self
        return self.filter(pk__in=self.filter(Q(is_public=True) | condition).values("pk"))

    def active_in_year(self, year: int):
        return self.filter(
            Q(start_year__isnull=True) | Q(start_year__lte=year),
            Q(end_year__isnull=True) | Q(end_year__gte=year),
        )


# Organisations of these kinds seated in a participating city are part of its administration:
# their staff may apply for a placement of the programme.
ADMINISTRATION_KINDS = ("administration", "unit")


class ExchangeProgramme(models.Model):
    """A staff-exchange programme (e.g. "Move Your Mind" 2012–2014, its successor EVA)."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("short name"), max_length=30, blank=True)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    funder = models.CharField(_("funding programme"), max_length=300, blank=True)
    recognition = models.CharField(_("recognition"), max_length=300, blank=True)
    # Years, not dates: the sources usually name only "2012 to 2014".
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    coordinator = models.ForeignKey(
        Organisation,
        verbose_name=_("coordinating organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_programmes",
    )
    cities = models.ManyToManyField(
        Territory, verbose_name=_("participating cities"), blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating organisations"),
        blank=True,
        related_name="exchange_programmes",
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = ExchangeProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange programme")
        verbose_name_plural = _("exchange programmes")
        ordering = ["-start_year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:programme_detail", kwargs={"slug": self.slug})

    def participating_organisations(self):
        """The coordinating and participating organisations, and the administrations (and their
        units) seated in a participating city: those whose staff may apply for a placement."""
        condition = Q(pk__in=self.organisations.values("pk"))
        if self.coordinator_id:
            condition |= Q(pk=self.coordinator_id)
        cities = list(self.cities.all())
        if cities:
            condition |= Q(kind__in=ADMINISTRATION_KINDS) & within_q("seat", cities)
        return Organisation.objects.filter(condition)

    @property
    def period(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return f"{self.start_year}–"
        return ""


class ExchangeCall(models.Model):
    """A call for applications within a programme."""

    programme = models.ForeignKey(
        ExchangeProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="calls",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens = models.DateField(_("opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["-deadline", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return (not self.opens or self.opens <= today) and (
            not self.deadline or self.deadline >= today
        )


class PlacementState(models.TextChoices):
    APPLIED = "applied", _("Application received")
    APPROVED = "approved", _("Application approved")
    MATCHED = "matched", _("Matched to a host unit")
    AGREED = "agreed", _("Placement agreed")
    STARTED = "started", _("Placement under way")
    INTERIM_REPORTED = "interim_reported", _("Interim report filed")
    FINAL_REPORTED = "final_reported", _("Final report filed")
    EVALUATED = "evaluated", _("Evaluated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Not selected")
    CANCELLED = "cancelled", _("Cancelled")


S = PlacementState
# The lifecycle of a placement: from each state, where it may go next.
PLACEMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.APPLIED: (S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.APPROVED: (S.MATCHED, S.WITHDRAWN),
    S.MATCHED: (S.AGREED, S.APPROVED, S.WITHDRAWN),
    S.AGREED: (S.STARTED, S.CANCELLED),
    S.STARTED: (S.INTERIM_REPORTED, S.FINAL_REPORTED, S.CANCELLED),
    S.INTERIM_REPORTED: (S.FINAL_REPORTED, S.CANCELLED),
    S.FINAL_REPORTED: (S.EVALUATED,),
    S.EVALUATED: (),
    S.WITHDRAWN: (),
    S.REJECTED: (),
    S.CANCELLED: (),
}
# An application is decided by the coordinators of both sides (`placement_decide`), never by a
# plain step: it is approved once both have approved, and rejected as soon as one rejects.
DECIDED_STATES = (S.APPROVED, S.REJECTED)
# The main path of a placement, in order: a step to an earlier state here goes back.
PLACEMENT_PATH = (S.APPLIED, S.APPROVED, S.MATCHED, S.AGREED, S.STARTED, S.INTERIM_REPORTED,
                  S.FINAL_REPORTED, S.EVALUATED)  # fmt: skip


def is_step_back(from_state: str, to_state: str) -> bool:
    """True if the step returns to an earlier state of the main path (e.g. matched → approved)."""
    if from_state not in PLACEMENT_PATH or to_state not in PLACEMENT_PATH:
        return False
    return PLACEMENT_PATH.index(to_state) < PLACEMENT_PATH.index(from_state)


class PlacementSide(models.TextChoices):
    """The two sides that decide on an application."""

    HOME = "home", _("sending side")
    HOST = "host", _("host side")


class PlacementDecision(models.TextChoices):
    APPROVE = "approve", _("approved")
    REJECT = "reject", _("rejected")


# States reached only after the placement has begun.
AFTER_START = (S.STARTED, S.INTERIM_REPORTED, S.FINAL_REPORTED, S.EVALUATED)
# Fields a transition needs: filled in by the form on the same step.
PLACEMENT_REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    S.MATCHED: ("host_organisation",),
    S.AGREED: ("host_organisation", "start", "end"),
    S.STARTED: ("start",),
    S.INTERIM_REPORTED: ("interim_report", "interim_report_date"),
    S.FINAL_REPORTED: ("final_report", "final_report_date"),
    S.EVALUATED: ("evaluation",),
}


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Placements whose personal data the user may see (public ones show no person)."""
        condition = scope_q(
            user,
            territory_paths=["home_organisation__seat", "host_organisation__seat", "wished_city"],
            organisation_paths=[],
            level=RoleLevel.COORDINATOR,
        )
        if condition is None:
            return self
        if user.is_authenticated:
            condition |= Q(person__user=user)
        return self.filter(condition).distinct()


class Placement(models.Model):
    """A staff member's stay of usually several months in a host administration.

    Personal data (who, learning goals, reports) is private by default: visible only to
    coordinators of the home and host city and to the person.
    """

    programme = models.ForeignKey(
        ExchangeProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    call = models.ForeignKey(
        ExchangeCall,
        verbose_name=_("call for applications"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=PlacementState.choices,
        default=PlacementState.APPLIED,
        editable=False,
    )
    person = models.ForeignKey(
        Person, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="placements"
    )
    home_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("home administration"),
        on_delete=models.PROTECT,
        related_name="outgoing_placements",
    )
    home_unit = models.CharField(_("home unit"), max_length=200, blank=True)
    wished_city = models.ForeignKey(
        Territory,
        verbose_name=_("wished host city"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    wished_field = models.CharField(_("wished field of work"), max_length=200, blank=True)
    learning_goals = models.TextField(_("learning goals"), blank=True)
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host administration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_placements",
    )
    host_unit = models.CharField(_("host unit"), max_length=200, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    interim_report = models.TextField(_("interim report"), blank=True)
    interim_report_date = models.DateField(_("date of the interim report"), null=True, blank=True)
    final_report = models.TextField(_("final report"), blank=True)
    final_report_date = models.DateField(_("date of the final report"), null=True, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = PlacementQuerySet.as_manager()

    personal_fields = ("person", "home_unit", "learning_goals", "interim_report", "final_report",
                       "evaluation")  # fmt: skip

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created"]
        indexes = [models.Index(fields=["state"])]
        constraints = [
            not_before("start", "end", name="placement_end_after_start"),
        ]

    def __str__(self) -> str:
        return _("Placement %(pk)s: %(home)s → %(city)s") % {
            "pk": self.pk,
            "home": self.home_organisation,
            "city": self.host_organisation or self.wished_city,
        }

    def get_absolute_url(self) -> str:
        return reverse("cooperation:placement_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = not_before_errors(self, "start", "end")
        for field, message in (
            ("interim_report_date", _("The interim report cannot be dated before the placement "
                                      "starts (%(start)s).")),
            ("final_report_date", _("The final report cannot be dated before the placement "
                                    "starts (%(start)s).")),
        ):  # fmt: skip
            value = getattr(self, field)
            if value and self.start and value < self.start:
                errors[field] = ValidationError(
                    message,
                    code="before_start",
                    params={"start": date_format(self.start, "SHORT_DATE_FORMAT")},
                )
        if errors:
            raise ValidationError(errors)

    def decisions(self) -> dict[str, PlacementTransition]:
        """The latest decision of each side on the current application: side -> record."""
        latest = {}
        for record in self.transitions.exclude(decision="").select_related("user"):
            latest[record.side] = record
        return latest

    def next_states(self) -> list[str]:
        return list(PLACEMENT_TRANSITIONS[self.state])

    def home_territories(self) -> list[Territory]:
        return [self.home_organisation.seat]

    def host_territories(self) -> list[Territory]:
        places = [self.wished_city]
        if self.host_organisation_id:
            places.append(self.host_organisation.seat)
        return places


class PlacementTransition(StateChange):
    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(
        _("from"), max_length=20, blank=True, choices=PlacementState.choices
    )
    to_state = models.CharField(_("to"), max_length=20, choices=PlacementState.choices)
    # A coordinator's decision on the application, for one side (blank for other steps).
    side = models.CharField(_("side"), max_length=10, blank=True, choices=PlacementSide.choices)
    decision = models.CharField(
        _("decision"), max_length=10, blank=True, choices=PlacementDecision.choices
    )

    class Meta(StateChange.Meta):
        verbose_name = _("status change of a placement")
        verbose_name_plural = _("status changes of placements")

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.from_state} → {self.to_state}"


class StudyVisitKind(models.TextChoices):
    STUDY_VISIT = "study_visit", _("Study visit")
    DELEGATION = "delegation", _("Delegation trip")


class StudyVisit(models.Model):
    """The lighter kind of exchange: a study visit or delegation trip of a few days."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=StudyVisitKind.choices, default=StudyVisitKind.STUDY_VISIT
    )
    title = models.CharField(_("title"), max_length=300)
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="study_visits",
    )
    programme = models.ForeignKey(
        ExchangeProgramme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="study_visits",
    )
    origin = models.ForeignKey(
        Territory, verbose_name=_("travelling from"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        Territory, verbose_name=_("visiting"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    participant_count = models.PositiveSmallIntegerField(
        _("number of participants"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")
        ordering = ["-start", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_not_before(self, "start", "end")
