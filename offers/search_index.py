"""Learning offers in the full-text index (see search/sources.py)."""

from django.utils.translation import gettext_lazy as _

from actors.models import Language, Organisation, TargetGroup, Topic
from search.sources import SearchSource

from .models import Offer


def _keywords(offer: Offer) -> str:
    parts = [
        offer.provider.name_de or "",
        offer.provider.short_name,
        offer.get_kind_display(),
        offer.get_format_display(),
        offer.get_stage_display(),
        offer.get_cost_display(),
        offer.locality,
        offer.schedule,
        *offer.accessibility,
    ]
    if offer.district_id:
        parts.append(offer.district.name_de or "")
    for manager in (offer.topics, offer.target_groups, offer.languages):
        for item in manager.all():
            parts.extend([item.name_de or "", item.name_en or ""])
    return " ".join(p for p in parts if p)


def _is_listed(offer: Offer) -> bool:
    return offer.is_public and offer.provider.is_public and not offer.is_stale


SOURCES = [
    SearchSource(
        model=Offer,
        kind="offer",
        label=_("Learning offers"),
        title=lambda offer: offer.title_de or offer.title,
        body=lambda offer: " ".join(
            p for p in (offer.description_de, offer.title_en, offer.description_en) if p
        ),
        url=lambda offer: offer.get_absolute_url(),
        is_public=_is_listed,
        keywords=_keywords,
        territory_ids=lambda offer: [offer.district_id],
        queryset=lambda: Offer.objects.select_related("provider", "district").prefetch_related(
            "topics", "target_groups", "languages"
        ),
        depends_on=(
            (Organisation, "offers"),
            (Topic, "offers"),
            (TargetGroup, "offers"),
            (Language, "offers"),
        ),
    )
]
