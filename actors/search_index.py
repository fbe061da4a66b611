"""Organisations in the full-text index (see search/sources.py)."""

from django.utils.translation import gettext_lazy as _

from search.sources import SearchSource

from .models import Language, Organisation, TargetGroup, Topic


def _keywords(org: Organisation) -> str:
    parts = [org.short_name, org.get_kind_display(), org.locality, org.street]
    if org.seat_id:
        parts.append(org.seat.name_de or "")
        parts.append(org.seat.name_en or "")
    for manager in (org.topics, org.target_groups, org.languages):
        for item in manager.all():
            parts.extend([item.name_de or "", item.name_en or ""])
    return " ".join(p for p in parts if p)


SOURCES = [
    SearchSource(
        model=Organisation,
        kind="organisation",
        code=1,
        label=_("Organisations"),
        # Name and description in the active language (the index stores German and English).
        title=lambda org: org.name,
        body=lambda org: org.description,
        url=lambda org: org.get_absolute_url(),
        is_public=lambda org: org.is_public,
        keywords=_keywords,
        territory_ids=lambda org: [org.seat_id],
        queryset=lambda: Organisation.objects.select_related("seat").prefetch_related(
            "topics", "target_groups", "languages"
        ),
        depends_on=(
            (Topic, "organisation_set"),
            (TargetGroup, "organisation_set"),
            (Language, "organisation_set"),
        ),
    )
]
