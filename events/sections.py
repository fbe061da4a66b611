"""What events contributes to other apps' detail pages (see AppConfig hooks)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .selectors import organisation_events


def organisation_sections(organisation) -> list[dict]:
    events = list(organisation_events(organisation))
    if not events:
        return []
    return [
        {"title": _("Upcoming events"), "template": "events/_organisation_events.html",
         "items": events}
    ]  # fmt: skip
