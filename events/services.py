"""What the system does with events and working groups.

Every change of an event goes through `event_save` or `event_cancel`: a change of what a
calendar shows (MATERIAL_FIELDS: time, place, status …) raises the event's `sequence`, which the
iCal feed sends as SEQUENCE, so subscribed calendars replace their copy (RFC 5545 3.8.7.4).
Cancelling is a status, never a deletion: the feed keeps the event as STATUS:CANCELLED.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bildungsnetz.access import require
from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import sanitize_html, unique_slug

from .models import (
    MATERIAL_FIELDS,
    Event,
    EventDocument,
    EventPhoto,
    EventStatus,
    ExceptionAction,
    GroupMembership,
    Session,
    WorkingGroup,
)
from .models.series import SeriesException
from .services_registration import registrants_notify, registrations_fill

RICH_TEXT = ("description", "outcomes")
# What those registered are told about: whether, when and where it takes place (a new title
# or description raises the calendar's SEQUENCE but mails nobody).
NOTIFY_FIELDS = frozenset(
    {"status", "starts_at", "ends_at", "time_zone", "attendance_mode", "territory", "venue",
     "street", "postcode", "locality", "online_url"}
)  # fmt: skip
# Paths beside an object's page under the same URL root (events/urls.py, group_urls.py).
RESERVED_SLUGS = {"neu", "reihen", "anmeldung", "abmelden", "kalender-ics"}
# Minutes (#15): the personal review link, the decisions and open items across groups.
RESERVED_SLUGS |= {"protokoll-abstimmung", "beschluesse", "offene-punkte"}


def free_slug(model, text: str) -> str:
    """A unique slug for `text` that is not one of the URL roots' own paths."""
    slug = unique_slug(model, text, max_length=120)
    if slug in RESERVED_SLUGS:
        slug = unique_slug(model, f"{text} {model._meta.verbose_name}", max_length=120)
    return slug


def _material_change(event: Event, data: dict) -> bool:
    """Whether `data` changes a field a calendar shows, compared with the stored event."""
    if event.pk is None:
        return False
    stored = Event.objects.get(pk=event.pk)
    for name in MATERIAL_FIELDS:
        if name not in data:
            continue
        field = Event._meta.get_field(name)
        value = data[name]
        current = getattr(stored, field.attname)
        if field.is_relation:
            value = getattr(value, "pk", value)
        if current != value:
            return True
    return False


@transaction.atomic
def event_save(
    *,
    event: Event,
    data: dict,
    m2m: dict | None = None,
    user=None,
    expected: Expected | None = None,
) -> Event:
    """Create or update an event. `user` (when given) must be able to change the result: an
    editor cannot create an event only for organisations they have no role in."""
    data = dict(data)
    for name in RICH_TEXT:
        if name in data:
            data[name] = sanitize_html(data[name])
    if event.pk is None and not event.slug and not data.get("slug"):
        data["slug"] = free_slug(Event, data.get("title") or event.title)
    if _material_change(event, data):
        stored = Event.objects.select_for_update().get(pk=event.pk)
        data["sequence"] = stored.sequence + 1
    existed = event.pk is not None
    event, changed = model_update(instance=event, data=data, m2m=m2m, expected=expected)
    if existed and NOTIFY_FIELDS.intersection(changed) and not event.is_past:
        registrants_notify(event=event)
    if "capacity" in changed or "registration_enabled" in changed:
        # More places (or no limit any more): the waiting list moves up into them.
        registrations_fill(event=event)
    if user is not None:
        require(
            user,
            "events.change_event",
            event,
            _("You may only add events of organisations you edit."),
        )
    return event


@transaction.atomic
def event_cancel(*, event: Event, note: str = "", expected: Expected | None = None) -> Event:
    """Cancel an event (a status change that raises SEQUENCE). A meeting of a series is
    recorded as an exception of the series, so materialising the series keeps it cancelled."""
    if event.status == EventStatus.CANCELLED:
        return event
    if event.series_id and event.series_date:
        SeriesException.objects.update_or_create(
            series_id=event.series_id,
            date=event.series_date,
            defaults={"action": ExceptionAction.CANCELLED, "note": note},
        )
    return event_save(
        event=event,
        data={"status": EventStatus.CANCELLED, "status_note": note},
        expected=expected,
    )


@transaction.atomic
def session_save(*, session: Session, data: dict, speakers=None) -> Session:
    data = dict(data)
    if "description" in data:
        data["description"] = sanitize_html(data["description"])
    m2m = {"speakers": speakers} if speakers is not None else None
    session, _changed = model_update(instance=session, data=data, m2m=m2m)
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    session.delete()


@transaction.atomic
def event_outcomes_save(*, event: Event, outcomes: str, expected=None) -> Event:
    event, _changed = model_update(
        instance=event, data={"outcomes": sanitize_html(outcomes)}, expected=expected
    )
    return event


@transaction.atomic
def event_document_add(*, event: Event, title: str, file) -> EventDocument:
    document = EventDocument(event=event, title=title, file=file)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def event_photo_add(*, event: Event, image, alt_text: str, caption="", credit="") -> EventPhoto:
    if not (alt_text or "").strip():
        raise ValidationError({"alt_text": _("Describe what the photo shows.")})
    photo = EventPhoto(event=event, image=image, alt_text=alt_text, caption=caption, credit=credit)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def event_attachment_delete(*, attachment) -> None:
    stored = attachment.file if isinstance(attachment, EventDocument) else attachment.image
    attachment.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


# --- Working groups -------------------------------------------------------------------------


@transaction.atomic
def group_save(
    *,
    group: WorkingGroup,
    data: dict,
    user=None,
    expected: Expected | None = None,
) -> WorkingGroup:
    data = dict(data)
    if "description" in data:
        data["description"] = sanitize_html(data["description"])
    if group.pk is None and not group.slug and not data.get("slug"):
        data["slug"] = free_slug(WorkingGroup, data.get("name") or group.name)
    group, _changed = model_update(instance=group, data=data, expected=expected)
    if user is not None:
        require(
            user,
            "events.change_workinggroup",
            group,
            _("You may only add working groups of organisations you edit."),
        )
    return group


@transaction.atomic
def group_member_save(*, membership: GroupMembership, data: dict) -> GroupMembership:
    membership, _changed = model_update(instance=membership, data=data)
    return membership


@transaction.atomic
def group_member_remove(*, membership: GroupMembership) -> None:
    membership.delete()
