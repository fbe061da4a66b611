"""What the programme app contributes to other apps' pages (AppConfig hooks)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from . import selectors


def goal_sections(goal) -> list[dict]:
    """The work packages of public programmes serving an agreement goal, with their progress
    and the goal's progress from them (a hook has no user: public programmes only)."""
    packages = selectors.goal_packages(goal, user=AnonymousUser())
    if not packages:
        return []
    return [
        {
            "title": _("Work packages serving this goal"),
            "template": "programme/_goal_packages.html",
            "items": {"packages": packages, "progress": selectors.goal_progress(packages)},
        }
    ]
