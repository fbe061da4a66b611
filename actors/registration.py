"""E-mails of the self-registration: to the coordinators of the seat (a registration waits for
them) and to the person who registered (verified or rejected, with the reason)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Organisation


def notify_coordinators(organisation: Organisation, addresses: list[str]) -> None:
    if not addresses:
        return
    context = {
        "organisation": organisation,
        "queue_url": settings.SITE_URL + reverse("actors:registration_queue"),
    }
    send_mail(
        _("New organisation to verify: %(name)s") % {"name": organisation.name},
        render_to_string("actors/email/registration_pending.txt", context),
        None,
        addresses,
    )


def notify_registrant(organisation: Organisation) -> None:
    user = organisation.registered_by
    if user is None or not user.email:
        return
    verified = organisation.verified
    subject = (
        _("Your organisation is now listed: %(name)s")
        if verified
        else _("Your registration was not accepted: %(name)s")
    ) % {"name": organisation.name}
    context = {
        "organisation": organisation,
        "url": settings.SITE_URL + organisation.get_absolute_url(),
    }
    send_mail(
        subject,
        render_to_string(
            "actors/email/registration_verified.txt"
            if verified
            else "actors/email/registration_rejected.txt",
            context,
        ),
        None,
        [user.email],
    )
