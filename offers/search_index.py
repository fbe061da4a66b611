"""Learning offers in the full-text index (see search/sources.py)."""

from django.utils.translation import gettext_lazy as _

from actors.models import Language, Organisation, TargetGroup, Topic
from search.sources import SearchSource
from search.tags import tag

from .models import ACCESSIBILITY, Offer

ACCESS_NAMES = [name for name, _label in ACCESSIBILITY]


def offer_tags(*, kind, format, stage, cost, access, languages, target_groups, topics):
    """The facet values of an offer as index tags (the list page filters by them): `access`
    is the accessibility features present, the last three are language codes, target group
    and topic slugs. One function for the index and the bulk generator."""
    return [
        tag("kind", kind),
        tag("format", format),
        tag("stage", stage),
        tag("cost", cost),
        *(tag("access", name) for name in access),
        *(tag("lang", code) for code in languages),
        *(tag("group", slug) for slug in target_groups),
        *(tag("topic", slug) for slug in topics),
    ]


def _tags(offer: Offer) -> list[str]:
    return offer_tags(
        kind=offer.kind,
        format=offer.format,
        stage=offer.stage,
        cost=offer.cost,
        access=[name for name in ACCESS_NAMES if getattr(offer, name)],
        languages=[x.code for x in offer.languages.all()],
        target_groups=[x.slug for x in offer.target_groups.all()],
        topics=[x.slug for x in offer.topics.all()],
    )


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
        code=2,
        label=_("Learning offers"),
        # Title and description in the active language (the index stores German and English).
        title=lambda offer: offer.title,
        body=lambda offer: offer.description,
        url=lambda offer: offer.get_absolute_url(),
        is_public=_is_listed,
        public_until=lambda offer: offer.listed_until,
        freshness=lambda offer: (
            offer.start_date,
            offer.confirmed_at.date() if offer.confirmed_at else None,
        ),
        keywords=_keywords,
        tags=_tags,
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
