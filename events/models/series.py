"""Recurring meetings (a jour fixe): an RFC 5545 rule, exceptions and moved dates.

The rule is kept as text (`FREQ=MONTHLY;BYDAY=1TU`) and read with python-dateutil; the times
are wall-clock times in the series' time zone, so a meeting at 10:00 stays at 10:00 across
the change to and from summer time. `events.services_series.series_materialise` turns the
occurrences of a horizon into Event rows.
"""

from __future__ import annotations

from datetime import date, datetime, time

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.models import Organisation, TargetGroup, Topic
from bildungsnetz.invariants import not_before, not_before_errors
from places.models import Territory

from .choices import (
    DEFAULT_TIME_ZONE,
    AttendanceMode,
    EventKind,
    ExceptionAction,
    TimeZoneName,
    validate_time_zone,
)
from .groups import WorkingGroup


def validate_rrule(value: str) -> None:
    """An RRULE value (without DTSTART) that python-dateutil can read."""
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text or "\n" in text or "DTSTART" in text.upper():
        raise ValidationError(_("Enter a recurrence rule such as FREQ=MONTHLY;BYDAY=1TU."))
    try:
        rrulestr("RRULE:" + text, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("Enter a recurrence rule such as FREQ=MONTHLY;BYDAY=1TU.")) from exc


class SeriesQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Series(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.JOUR_FIXE
    )
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(
        _("recurrence rule (RFC 5545)"),
        max_length=300,
        validators=[validate_rrule],
        help_text=_("e.g. FREQ=MONTHLY;BYDAY=1TU for every first Tuesday"),
    )
    rule_text = models.CharField(
        _("recurrence in words"), max_length=200, blank=True, help_text=_("every first Tuesday")
    )
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), default=time(10, 0))
    end_time = models.TimeField(_("end time"), default=time(11, 30))
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TimeZoneName.choices,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
    )
    horizon_days = models.PositiveSmallIntegerField(_("meetings created ahead (days)"), default=180)
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="series",
    )
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organisers"), related_name="event_series"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_series",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=8,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
    )
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["title", "pk"]
        constraints = [not_before("first_date", "last_date", name="events_series_dates")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:series_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = not_before_errors(self, "first_date", "last_date")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def rrule_value(self) -> str:
        text = self.rule.strip()
        return text[6:] if text.upper().startswith("RRULE:") else text

    def occurrence_dates(self, start: date, end: date) -> list[date]:
        """The dates the rule gives between `start` and `end` (inclusive), within the series'
        first and last date; exceptions are not applied here."""
        first = datetime.combine(self.first_date, self.start_time)
        rule = rrulestr("RRULE:" + self.rrule_value, dtstart=first)
        lower = datetime.combine(max(start, self.first_date), time.min)
        upper_day = min(end, self.last_date) if self.last_date else end
        upper = datetime.combine(upper_day, time.max)
        if upper < lower:
            return []
        return [moment.date() for moment in rule.between(lower, upper, inc=True)]


class SeriesException(models.Model):
    """One date of a series that does not take place as the rule says: cancelled or moved."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField(_("date by the rule"))
    action = models.CharField(_("change"), max_length=10, choices=ExceptionAction.choices)
    moved_start = models.DateTimeField(_("moved to (start)"), null=True, blank=True)
    moved_end = models.DateTimeField(_("moved to (end)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exception of a series")
        verbose_name_plural = _("exceptions of a series")
        ordering = ["series", "date"]
        constraints = [
            models.UniqueConstraint(fields=["series", "date"], name="events_exception_date"),
            not_before("moved_start", "moved_end", name="events_exception_moved_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.date} ({self.get_action_display()})"

    def clean(self) -> None:
        errors = not_before_errors(self, "moved_start", "moved_end")
        if self.action == ExceptionAction.MOVED and not (self.moved_start and self.moved_end):
            errors["moved_start"] = _("Give the new start and end of a moved meeting.")
        if errors:
            raise ValidationError(errors)
