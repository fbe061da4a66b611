"""Work programmes in the full-text index (see search/sources.py).

Code 20: codes 1–6 are taken by actors, offers and cooperation; the codes just above them are
left to the apps built beside this one (events), so that no two kinds ever share a code.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.sources import SearchSource

from .models import Programme, WorkPackage


def _body(programme: Programme) -> str:
    return strip_tags(programme.description)


def _keywords(programme: Programme) -> str:
    parts = [programme.funder]
    if programme.territory_id:
        parts.append(programme.territory.name)
    if programme.lead_organisation_id:
        parts.append(programme.lead_organisation.name)
    for package in programme.packages.all():
        parts += [package.number, package.title, strip_tags(package.description)]
    return " ".join(p for p in parts if p)


SOURCES = [
    SearchSource(
        model=Programme,
        kind="workprogramme",
        code=20,
        label=_("Work programmes"),
        title=lambda programme: programme.title,
        body=_body,
        url=lambda programme: programme.get_absolute_url(),
        is_public=lambda programme: programme.is_public and programme.deleted_at is None,
        keywords=_keywords,
        territory_ids=lambda programme: [programme.territory_id] if programme.territory_id else [],
        freshness=lambda programme: (programme.start, programme.updated.date()),
        queryset=lambda: Programme.objects.select_related(
            "territory", "lead_organisation"
        ).prefetch_related("packages"),
        depends_on=((WorkPackage, "programme"),),
    )
]
