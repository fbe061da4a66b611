from django import template

from actors.privacy import person_visible_fields

register = template.Library()

VARIANTS = {
    "active": "success", "in_force": "success", "achieved": "success", "completed": "success",
    "running": "info", "in_progress": "info", "evaluated": "success",
    "pending_approval": "warning", "draft": "info", "planned": "info", "dormant": "warning",
    "expired": "danger", "terminated": "danger", "ended": "danger", "dropped": "danger",
    "cancelled": "danger", "withdrawn": "danger", "rejected": "danger",
}  # fmt: skip


@register.filter
def badge_variant(status: str) -> str:
    """KERN badge colour for a status value; the text label always says it in words."""
    return VARIANTS.get(status, "info")


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def shown_name(person, user) -> str:
    """The person's name if `user` may see it (actors.privacy), else an empty string."""
    if person is None:
        return ""
    return person_visible_fields(person, user).get("name", "")
