"""What cooperation contributes to other apps' detail pages (see AppConfig hooks).

Each function returns `[{"title", "template", "items"}]`; a section without items is left out.
Other apps extend the partnership page the same way: an AppConfig method
`partnership_sections(partnership)` (the events app lists the partnership's events there).
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from .models import (
    ExchangeProgramme,
    Partnership,
    PartnershipKind,
    PartnershipParty,
    Project,
)
from .models.partnerships import TWINNING_KINDS

GROUPS = [
    (_("Town twinnings and memoranda"), TWINNING_KINDS),
    (_("Professional exchange partners"), (PartnershipKind.PROFESSIONAL_EXCHANGE,)),
    (_("Cooperations and networks"), (PartnershipKind.COOPERATION, PartnershipKind.NETWORK)),
]


def partner_rows(territory, kinds) -> list[dict]:
    """One row per partner of `territory` in partnerships of the given kinds (public only)."""
    partnerships = (
        Partnership.objects.public()
        .of_territory(territory)
        .filter(kind__in=kinds)
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=PartnershipParty.objects.select_related("territory", "organisation"),
            )
        )
    )
    rows = []
    for partnership in partnerships:
        for party in partnership.partners_of(territory):
            rows.append({"partner": party, "partnership": partnership})
    rows.sort(key=lambda row: str(row["partner"]))
    return rows


def territory_sections(territory) -> list[dict]:
    sections = []
    for title, kinds in GROUPS:
        rows = partner_rows(territory, kinds)
        if rows:
            sections.append(
                {"title": title, "template": "cooperation/_partner_rows.html", "items": rows}
            )
    return sections


def organisation_sections(organisation) -> list[dict]:
    sections = []
    partnerships = list(
        Partnership.objects.public()
        .filter(parties__organisation=organisation)
        .distinct()
        .with_listing_relations()
    )
    if partnerships:
        sections.append(
            {
                "title": _("Partnerships"),
                "template": "cooperation/_partnership_items.html",
                "items": partnerships,
            }
        )
    projects = list(
        Project.objects.public()
        .filter(participants__organisation=organisation)
        .distinct()
        .select_related("partnership")
    )
    if projects:
        sections.append(
            {
                "title": _("Joint projects"),
                "template": "cooperation/_project_items.html",
                "items": projects,
            }
        )
    programmes = list(
        ExchangeProgramme.objects.public()
        .filter(Q(organisations=organisation) | Q(coordinator=organisation))
        .distinct()
    )
    if programmes:
        sections.append(
            {
                "title": _("Exchange programmes"),
                "template": "cooperation/_programme_items.html",
                "items": programmes,
            }
        )
    return sections


def partnership_sections(partnership) -> list[dict]:
    """Sections other apps add to a partnership page (events, knowledge, …)."""
    sections = []
    for config in apps.get_app_configs():
        hook = getattr(config, "partnership_sections", None)
        if hook:
            sections.extend(hook(partnership))
    return sections


def goal_sections(goal) -> list[dict]:
    """Sections other apps add to an agreement goal's page (programme: the work packages
    serving the goal, with their progress)."""
    sections = []
    for config in apps.get_app_configs():
        hook = getattr(config, "goal_sections", None)
        if hook:
            sections.extend(hook(goal))
    return sections
