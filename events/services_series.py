"""Series of meetings: save a series, record exceptions, and materialise its occurrences into
Event rows for a horizon (`series_materialise`, daily through `events.tasks`).

Occurrences are computed in wall-clock time of the series' time zone (python-dateutil's rrule
over naive local datetimes), then made aware with that zone: the first Tuesday at 10:00 is
10:00 in Berlin in winter and in summer. Meetings that have ended are never changed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import sanitize_html, unique_slug

from .models import Event, EventStatus, ExceptionAction, Series, SeriesException
from .services import event_save, free_slug


@dataclass
class MaterialiseResult:
    created: int = 0
    updated: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


@transaction.atomic
def series_save(
    *, series: Series, data: dict, m2m: dict | None = None, expected: Expected | None = None
) -> Series:
    data = dict(data)
    if "description" in data:
        data["description"] = sanitize_html(data["description"])
    if series.pk is None and not series.slug and not data.get("slug"):
        data["slug"] = free_slug(Series, data.get("title") or series.title)
    series, _changed = model_update(instance=series, data=data, m2m=m2m, expected=expected)
    return series


@transaction.atomic
def series_exception_save(
    *, series: Series, date, action: str, moved_start=None, moved_end=None, note=""
) -> SeriesException:
    exception = SeriesException.objects.filter(series=series, date=date).first()
    exception = exception or SeriesException(series=series, date=date)
    exception.action = action
    exception.moved_start = moved_start if action == ExceptionAction.MOVED else None
    exception.moved_end = moved_end if action == ExceptionAction.MOVED else None
    exception.note = note
    exception.full_clean()
    exception.save()
    return exception


@transaction.atomic
def series_exception_delete(*, exception: SeriesException) -> None:
    exception.delete()


def _planned(series: Series, day, zone: ZoneInfo, exception: SeriesException | None) -> dict:
    """Start, end and status of the meeting on `day` by the rule and its exception."""
    start = datetime.combine(day, series.start_time, tzinfo=zone)
    end = datetime.combine(day, series.end_time, tzinfo=zone)
    status = EventStatus.SCHEDULED
    note = ""
    if exception is not None:
        note = exception.note
        if exception.action == ExceptionAction.CANCELLED:
            status = EventStatus.CANCELLED
        else:
            start, end = exception.moved_start, exception.moved_end
            status = EventStatus.RESCHEDULED
    return {"starts_at": start, "ends_at": end, "status": status, "status_note": note}


def _new_event(series: Series, day, planned: dict) -> Event:
    title = series.title
    event = Event(
        series=series,
        series_date=day,
        kind=series.kind,
        title=title,
        slug=unique_slug(Event, f"{title} {day.isoformat()}", max_length=120),
        description=series.description,
        time_zone=series.time_zone,
        attendance_mode=series.attendance_mode,
        territory=series.territory,
        venue=series.venue,
        street=series.street,
        postcode=series.postcode,
        locality=series.locality,
        online_url=series.online_url,
        working_group=series.working_group,
        is_public=series.is_public,
        is_demo=series.is_demo,
        **planned,
    )
    event.full_clean(exclude=["organisers"])
    event.save()
    event.organisers.set(series.organisers.all())
    event.topics.set(series.topics.all())
    event.target_groups.set(series.target_groups.all())
    return event


@transaction.atomic
def series_materialise(*, series: Series, now=None, horizon_days: int | None = None):
    """Create or update the meetings of `series` from its first date up to the horizon
    (`horizon_days`, default the series' own) after `now`. Meetings already over stay as they
    were; upcoming meetings the rule no longer gives are cancelled. Idempotent."""
    now = now or timezone.now()
    series = Series.objects.select_for_update().get(pk=series.pk)
    zone = ZoneInfo(series.time_zone)
    today = timezone.localtime(now, zone).date()
    horizon = today + timedelta(days=series.horizon_days if horizon_days is None else horizon_days)
    exceptions = {e.date: e for e in series.exceptions.all()}
    existing = {e.series_date: e for e in series.events.filter(series_date__isnull=False)}
    result = MaterialiseResult()
    days = series.occurrence_dates(series.first_date, horizon)
    for day in days:
        planned = _planned(series, day, zone, exceptions.get(day))
        event = existing.get(day)
        if event is None:
            if planned["status"] == EventStatus.CANCELLED and planned["ends_at"] < now:
                continue  # a past meeting that never took place: nothing to show
            _new_event(series, day, planned)
            result.created += 1
        elif event.ends_at >= now:
            changes = {
                k: v
                for k, v in planned.items()
                if getattr(event, k) != v and not (k == "status_note" and not v)
            }
            if changes:
                event_save(event=event, data=changes)
                result.updated += 1
    given = set(days)
    for day, event in existing.items():
        outside = day not in given and day <= horizon
        if outside and event.ends_at >= now and event.status != EventStatus.CANCELLED:
            event_save(event=event, data={"status": EventStatus.CANCELLED})
            result.updated += 1
    return result


def series_materialise_all(*, now=None) -> MaterialiseResult:
    total = MaterialiseResult()
    for series in Series.objects.order_by("pk"):
        result = series_materialise(series=series, now=now)
        total.created += result.created
        total.updated += result.updated
    return total
