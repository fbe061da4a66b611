"""Template helpers of the programme pages."""

from django import template

from actors.privacy import person_visible_fields

from .. import selectors

register = template.Library()


@register.simple_tag
def programme_progress(programmes) -> dict:
    """Programme id -> shown progress for a page of programmes, in one query."""
    values = selectors.programme_progress_map(p.pk for p in programmes)
    return {pk: selectors.progress.rounded(value) for pk, value in values.items()}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def owner_name(task, user) -> str:
    """The task's owner as far as `user` may see the name ("" when hidden or nobody)."""
    if task.owner_id:
        return person_visible_fields(task.owner, user).get("name", "")
    if task.owner_user_id and user.is_authenticated:
        return task.owner_user.display_name or ""
    return ""


@register.filter
def status_variant(status: str) -> str:
    return {"open": "info", "in_progress": "warning", "done": "success", "cancelled": "danger"}.get(
        status, "info"
    )


@register.filter
def verbose_name(obj) -> str:
    return str(obj._meta.verbose_name)
