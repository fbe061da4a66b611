"""Minutes on other events pages (#15): the open action items of a working group or a series,
the link from a meeting to its minutes, and an owner's visible name."""

from __future__ import annotations

from django import template
from django.db.models import F

from ..models import Minutes
from ..selectors_minutes import open_items, open_items_rows, owner_name

register = template.Library()
SHOWN = 20


@register.inclusion_tag("events/minutes/_open_items.html", takes_context=True)
def open_items_of(context, group=None, series=None):
    """The open items of `group` or `series` that the visitor may see (at most 20 here; the
    full list is linked)."""
    user = context["request"].user
    # Due first, items without a due date last (on SQLite and PostgreSQL alike).
    items = open_items(user=user, group=group, series=series).order_by(
        F("due").asc(nulls_last=True), "minutes__event__starts_at", "number"
    )
    rows = open_items_rows(items, user=user, limit=SHOWN + 1)
    return {
        "items": rows[:SHOWN],
        "more": len(rows) > SHOWN,
        "group": group,
        "series": series,
        "request": context["request"],
    }


@register.inclusion_tag("events/minutes/_event_minutes.html", takes_context=True)
def minutes_of(context, event):
    """The meeting's minutes as a section of its page: a link and their status, or the button
    to start them for those who write minutes."""
    user = context["request"].user
    minutes = Minutes.objects.filter(event=event).first()
    visible = minutes is not None and user.has_perm("events.view_minutes", minutes)
    return {
        "event": event,
        "minutes": minutes if visible else None,
        "can_start": minutes is None and user.has_perm("events.add_minutes", event),
    }


@register.filter
def owner_for(item, user) -> str:
    return owner_name(item, user)
