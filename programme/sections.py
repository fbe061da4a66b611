"""What the programme app contributes to other apps' pages (AppConfig hooks)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Programme, WorkPackage


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


def organisation_sections(organisation) -> list[dict]:
    """The public work programmes an organisation leads, and the work packages it leads."""
    programmes = list(Programme.objects.public().filter(lead_organisation=organisation))
    packages = list(
        WorkPackage.objects.filter(lead_organisation=organisation, programme__is_public=True)
        .exclude(programme__deleted_at__isnull=False)
        .select_related("programme")
    )
    if not (programmes or packages):
        return []
    return [
        {
            "title": _("Work programme"),
            "template": "programme/_organisation_items.html",
            "items": {"programmes": programmes, "packages": packages},
        }
    ]
