"""Reminders of review dates: an entry past its review date is marked on its pages and its
owner is mailed (knowledge.tasks.remind_review_due, daily)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Entry, EntryStatus


@dataclass
class Reminded:
    mails: int = 0
    entries: int = 0


def entries_remind_review(*, today=None) -> Reminded:
    """Mail the owner of each entry whose review date has passed, at most once per entry and
    review date (`reminded_for`): running it again sends nothing new, a new review date (after
    confirming) is reminded again when it passes."""
    today = today or timezone.localdate()
    result = Reminded()
    with transaction.atomic():
        due = (
            Entry.objects.review_overdue(today)
            .exclude(status=EntryStatus.DRAFT)
            .filter(owner__isnull=False)
            .exclude(owner__email="")
            .select_related("owner")
            .select_for_update(of=("self",))
            .order_by("review_due", "pk")
        )
        by_owner: dict[str, list[Entry]] = {}
        for entry in due:
            if entry.reminded_for == entry.review_due:
                continue
            by_owner.setdefault(entry.owner.email.lower(), []).append(entry)
        for address, entries in by_owner.items():
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "knowledge/email/review_due.txt",
                    {"entries": entries, "site": settings.SITE_URL, "today": today},
                )
                send_mail(_("Knowledge entries to review"), body, None, [address])
            for entry in entries:
                Entry.objects.filter(pk=entry.pk).update(reminded_for=entry.review_due)
            result.mails += 1
            result.entries += len(entries)
    return result
