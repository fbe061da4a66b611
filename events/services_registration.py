"""Registration for events: register, cancel (also by a personal link without an account),
the waiting list that moves up by itself, attendance.

Every change of an event's registrations locks the event row first (`select_for_update`), so
two cancellations at the same moment are served one after the other: each counts the confirmed
places anew and the waiting list's first entry is promoted once, never twice, and never beyond
the capacity. (SQLite takes the database's write lock at the start of the transaction,
`transaction_mode = IMMEDIATE`, which serialises them just the same.) Mails leave after the
commit, so a rolled-back change mails nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import (
    Event,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    RegistrationStatus,
)

CANCEL_SALT = "events.registration.cancel"


def cancel_token(registration: Registration) -> str:
    """The signed token of a registration's personal cancel link (no account needed)."""
    return signing.dumps({"r": registration.pk}, salt=CANCEL_SALT, compress=True)


def registration_for_token(token: str) -> Registration | None:
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        Registration.objects.select_related("event").filter(pk=data.get("r")).first()
        if isinstance(data.get("r"), int)
        else None
    )


def cancel_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "events:registration_cancel", kwargs={"token": cancel_token(registration)}
    )


def _mail(registration: Registration, template: str, subject: str) -> None:
    """Send after the commit; the text in the site's language (German)."""
    context = {
        "registration": registration,
        "event": registration.event,
        "event_url": settings.SITE_URL + registration.event.get_absolute_url(),
        "cancel_url": cancel_url(registration),
    }
    recipient = registration.email

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(template, context)
            send_mail(translation.gettext(subject), body, None, [recipient])

    transaction.on_commit(send)


def registrants_notify(*, event: Event) -> int:
    """Mail everyone registered for `event` (confirmed or waiting) that it was cancelled or
    that its time or place changed; after the commit, so a change that rolls back mails no
    one. Returns how many will be mailed."""
    registrations = list(
        event.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by("pk")
    )
    subject = (
        gettext_noop("Event cancelled") if event.is_cancelled else gettext_noop("Event changed")
    )
    for registration in registrations:
        registration.event = event
        _mail(registration, "events/email/event_changed.txt", subject)
    return len(registrations)


def _locked_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _free_places(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - event.registrations.confirmed().count(), 0)


def registration_counts(event: Event) -> dict:
    confirmed = event.registrations.confirmed().count()
    return {
        "confirmed": confirmed,
        "waiting": event.registrations.waiting().count(),
        "free": None if event.capacity is None else max(event.capacity - confirmed, 0),
    }


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    answers: dict | None = None,
    user=None,
    now=None,
) -> Registration:
    """Register for `event`: a confirmed place while places are free, else the waiting list
    (if the event keeps one). `answers` maps question ids to the given answers."""
    event = _locked_event(event.pk)
    if not event.registration_is_open(now):
        raise ValidationError(_("Registration for this event is not open."))
    email = email.strip()
    if event.registrations.active().filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This e-mail address is already registered for this event.")}
        )
    free = _free_places(event)
    if free is None or free > 0:
        status = RegistrationStatus.CONFIRMED
    elif event.waiting_list:
        status = RegistrationStatus.WAITING
    else:
        raise ValidationError(_("The event is fully booked."))
    registration = Registration(
        event=event,
        user=user if user is not None and user.is_authenticated else None,
        name=name.strip(),
        email=email,
        organisation_name=organisation_name.strip(),
        status=status,
    )
    registration.full_clean()
    registration.save()
    questions = {q.pk: q for q in event.registration_questions.all()}
    for question_id, value in (answers or {}).items():
        if question_id in questions and value not in (None, ""):
            RegistrationAnswer.objects.create(
                registration=registration, question=questions[question_id], value=str(value)
            )
    if status == RegistrationStatus.CONFIRMED:
        _mail(registration, "events/email/confirmed.txt", "Your registration is confirmed")
    else:
        _mail(registration, "events/email/waiting.txt", "You are on the waiting list")
    return registration


@dataclass
class CancelResult:
    registration: Registration
    promoted: list[Registration] = field(default_factory=list)
    changed: bool = True


def _promote(event: Event, now) -> list[Registration]:
    """Move the waiting list up into the free places (the event row is locked)."""
    promoted = []
    free = _free_places(event)
    while free is None or free > 0:
        first = event.registrations.waiting_order().select_for_update().first()
        if first is None:
            break
        first.status = RegistrationStatus.CONFIRMED
        first.promoted_at = now
        first.save(update_fields=["status", "promoted_at"])
        _mail(first, "events/email/promoted.txt", "A place has become free for you")
        promoted.append(first)
        if free is not None:
            free -= 1
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, now=None) -> CancelResult:
    """Cancel a registration; a freed place goes to the first on the waiting list (with a mail),
    in the same transaction."""
    now = now or timezone.now()
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return CancelResult(registration, changed=False)
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    _mail(registration, "events/email/cancelled.txt", "Your registration is cancelled")
    promoted = _promote(event, now) if event.registration_enabled else []
    return CancelResult(registration, promoted)


@transaction.atomic
def registrations_fill(*, event: Event, now=None) -> list[Registration]:
    """After the capacity was raised: promote from the waiting list into the new places."""
    return _promote(_locked_event(event.pk), now or timezone.now())


@transaction.atomic
def attendance_set(*, event: Event, present_ids) -> int:
    """Record who came (the others of the confirmed list as absent); returns the count present."""
    present = {int(pk) for pk in present_ids}
    confirmed = list(event.registrations.confirmed().select_for_update())
    for registration in confirmed:
        attended = registration.pk in present
        if registration.attended != attended:
            registration.attended = attended
            registration.save(update_fields=["attended"])
    return sum(1 for r in confirmed if r.pk in present)


@transaction.atomic
def registration_question_save(*, question: RegistrationQuestion, data: dict):
    for name, value in data.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def registration_question_delete(*, question: RegistrationQuestion) -> None:
    """Remove a question; the answers given to it go with it (the export no longer has them)."""
    question.delete()
