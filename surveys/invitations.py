"""Personal invitations to a wave: imported from a table of e-mail addresses, mailed with a
personal link, reminded.

Tokens are never stored: an invitation keeps only `sha256(token)` (`token_hash`). The import
gives every row a token (so every invitation has a hash from the start); the mail that sends
the link issues a fresh token and replaces the hash, because the plain token of the import is
gone by then. A reminder does the same: it cannot repeat the first link, so it sends a NEW
token and the old link stops working (only the latest mail's link opens the questionnaire; a
response already started stays attached to its invitation). No token is ever written to the
task queue, the database or a log.

The panel key (`panel_key`) is HMAC-SHA256 of `"<instrument code>:<panel_id>"` under the
site's SECRET_KEY, kept only when the wave links waves: the same person gets the same key in
every wave of the instrument, and the key does not say who they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bildungsnetz.imports import ImportResult, RowProblems, import_rows, read_table

from .models import Invitation, ResponseStatus, Wave, WaveStatus

COLUMNS = ["email", "panel_id"]
REQUIRED = ["email"]
MAX_REMINDERS = 2
REMINDER_GAP = dt.timedelta(days=7)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh token and its hash."""
    token = secrets.token_urlsafe(24)
    return token, token_hash(token)


def panel_key(instrument_code: str, panel_id: str) -> str:
    message = f"{instrument_code}:{panel_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


# --- import ---------------------------------------------------------------------------------


def invitations_import(*, wave: Wave, filename: str, content: bytes, dry_run: bool) -> ImportResult:
    """Import invitees (`email`, optional `panel_id`): every row checked, all or nothing.
    A bad address or one already invited (in the file or in the wave) names its row."""
    rows = read_table(filename, content)
    known = {e.lower() for e in wave.invitations.exclude(email="").values_list("email", flat=True)}
    seen: dict[str, int] = {}
    instrument_code = wave.version.instrument.code

    def check(row: dict[str, str], problems: RowProblems):
        address = row["email"].strip()
        problems.email("email", address)
        lowered = address.lower()
        if lowered in known:
            problems.add("email", _("%(v)s is already invited to this wave.") % {"v": address})
        elif lowered in seen:
            problems.add(
                "email",
                _("%(v)s appears twice (first in row %(row)d).")
                % {"v": address, "row": seen[lowered]},
            )
        else:
            seen[lowered] = problems.row
        key = ""
        if wave.links_waves and row.get("panel_id", "").strip():
            key = panel_key(instrument_code, row["panel_id"].strip())
        return address, key

    def write(prepared):
        address, key = prepared
        _token, hashed = new_token()
        Invitation.objects.create(wave=wave, email=address, token_hash=hashed, panel_key=key)

    return import_rows(
        rows, columns=COLUMNS, required=REQUIRED, check=check, write=write, dry_run=dry_run
    )


# --- mail -----------------------------------------------------------------------------------


def _mail(invitation: Invitation, *, reminder: bool) -> None:
    """Issue a fresh token for the invitation and mail its link (the caller saves)."""
    token, hashed = new_token()
    invitation.token_hash = hashed
    wave = invitation.wave
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL.rstrip("/") + reverse("surveys:answer_invitation", args=[token])
        body = render_to_string(
            "surveys/invitation_mail.txt",
            {"wave": wave, "link": link, "reminder": reminder, "closes": wave.closes},
        )
        subject = (_("Reminder: %(title)s") if reminder else _("Invitation: %(title)s")) % {
            "title": wave.title
        }
        send_mail(subject, body, None, [invitation.email])


@dataclass
class Sent:
    mails: int = 0


def invitations_send(*, wave_id: int) -> Sent:
    """Mail every invitation of a running wave that was not sent yet."""
    result = Sent()
    with transaction.atomic():
        wave = Wave.objects.filter(pk=wave_id, status=WaveStatus.OPEN).first()
        if wave is None:
            return result
        pending = (
            wave.invitations.filter(sent_at=None)
            .exclude(email="")
            .select_related("wave")
            .select_for_update(of=("self",))
        )
        now = timezone.now()
        for invitation in pending:
            _mail(invitation, reminder=False)
            invitation.sent_at = now
            invitation.save(update_fields=["token_hash", "sent_at"])
            result.mails += 1
    return result


def invitations_remind(*, now=None) -> Sent:
    """Remind invitees of running waves who have not completed: at most MAX_REMINDERS times,
    at least REMINDER_GAP after the last mail. Each reminder carries a new token (see the
    module's docstring)."""
    now = now or timezone.now()
    result = Sent()
    with transaction.atomic():
        due = (
            Invitation.objects.filter(
                wave__status=WaveStatus.OPEN,
                sent_at__isnull=False,
                reminders__lt=MAX_REMINDERS,
            )
            .exclude(email="")
            .exclude(response__status=ResponseStatus.COMPLETE)
            .filter(
                Q(reminded_at__isnull=True, sent_at__lte=now - REMINDER_GAP)
                | Q(reminded_at__lte=now - REMINDER_GAP)
            )
            .select_related("wave")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        for invitation in due:
            _mail(invitation, reminder=True)
            invitation.reminded_at = now
            invitation.reminders += 1
            invitation.save(update_fields=["token_hash", "reminded_at", "reminders"])
            result.mails += 1
    return result
