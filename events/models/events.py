"""Events (conferences, workshops, jour fixes, working-group meetings …) and their programme."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Language, Organisation, Person, TargetGroup, Topic
from bildungsnetz.invariants import not_before, not_before_errors
from places.models import Territory
from places.validators import validate_latitude, validate_longitude

from .choices import (
    DEFAULT_TIME_ZONE,
    AttendanceMode,
    EventKind,
    EventStatus,
    TimeZoneName,
    validate_time_zone,
)
from .groups import WorkingGroup
from .series import Series

# Accessibility of the venue: (field name, label); the order is the order shown.
ACCESSIBILITY = [
    ("step_free", _("Step-free access")),
    ("accessible_toilet", _("Accessible toilet")),
    ("induction_loop", _("Induction loop")),
    ("sign_language_on_request", _("Sign language interpreting on request")),
]

# What changes an event for those who put it in their calendar: a change here raises the
# iCal SEQUENCE (RFC 5545 3.8.7.4).
MATERIAL_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "time_zone",
    "status",
    "attendance_mode",
    "territory",
    "venue",
    "street",
    "postcode",
    "locality",
    "online_url",
    "description",
)


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def with_listing_relations(self):
        return (
            self.select_related("territory", "series", "working_group")
            .defer("territory__boundary")
            .prefetch_related("organisers")
        )

    def with_detail_relations(self):
        return self.select_related("territory", "series", "working_group").prefetch_related(
            "organisers", "topics", "target_groups", "languages"
        )


class Event(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TimeZoneName.choices,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("note on the status"),
        max_length=300,
        blank=True,
        help_text=_("e.g. why the event was cancelled or where it moved"),
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=8,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[validate_longitude]
    )
    online_url = models.URLField(_("online link"), blank=True)
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organisers"), related_name="events"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="events"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="events"
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="events"
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    sign_language_on_request = models.BooleanField(
        _("sign language interpreting on request"), default=False
    )
    accessibility_note = models.CharField(_("more on accessibility"), max_length=500, blank=True)
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    # The date the series' rule gives this meeting (it stays when the meeting is moved):
    # materialising the series again finds the row by it instead of creating a second one.
    series_date = models.DateField(_("date in the series"), null=True, blank=True, editable=False)
    # Registration
    registration_enabled = models.BooleanField(_("registration"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # Documentation after the event
    outcomes = models.TextField(_("outcomes"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    # Raised by the services on every change of MATERIAL_FIELDS (iCal SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["is_public", "starts_at"], name="event_public_start"),
            models.Index(fields=["ends_at"], name="event_end"),
        ]
        constraints = [
            not_before("starts_at", "ends_at", name="events_event_end_after_start"),
            not_before(
                "registration_opens", "registration_closes", name="events_registration_period"
            ),
            models.UniqueConstraint(
                fields=["series", "series_date"],
                condition=models.Q(series__isnull=False, series_date__isnull=False),
                name="events_event_series_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = not_before_errors(self, "starts_at", "ends_at") | not_before_errors(
            self, "registration_opens", "registration_closes"
        )
        online = self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)
        if online and not self.online_url and self.status != EventStatus.CANCELLED:
            errors.setdefault("online_url", _("An online event needs its link."))
        if (self.latitude is None) != (self.longitude is None):
            errors.setdefault("longitude", _("Give both latitude and longitude, or neither."))
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def address(self) -> str:
        place = " ".join(p for p in [self.postcode, self.locality] if p)
        return ", ".join(p for p in [self.venue, self.street, place] if p)

    @property
    def accessibility(self) -> list[str]:
        return [str(label) for name, label in ACCESSIBILITY if getattr(self, name)]

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_place(self) -> bool:
        return self.attendance_mode != AttendanceMode.ONLINE

    @property
    def has_online(self) -> bool:
        return self.attendance_mode != AttendanceMode.OFFLINE

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.registration_enabled or self.status in (
            EventStatus.CANCELLED,
            EventStatus.POSTPONED,
        ):
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        closes = self.registration_closes or self.starts_at
        return now < closes


class Session(models.Model):
    """One item of an event's programme."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    speakers = models.ManyToManyField(
        Person, verbose_name=_("speakers"), blank=True, related_name="event_sessions"
    )
    # Speakers outside the directory (a guest from a partner city), as the programme names
    # them; people from the directory go in `speakers` and are shown by their visibility.
    other_speakers = models.CharField(_("other speakers"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["event", "starts_at", "pk"]
        constraints = [not_before("starts_at", "ends_at", name="events_session_end_after_start")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = not_before_errors(self, "starts_at", "ends_at")
        if errors:
            raise ValidationError(errors)
