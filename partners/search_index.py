"""Partner listings in the full-text index (see search/sources.py).

Code 12: codes 1–11 and 20 are taken; 13–19 are left to the apps built beside this one.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Organisation
from search.sources import SearchSource

from .models import PartnerListing


def _keywords(listing: PartnerListing) -> str:
    parts = [
        listing.get_direction_display(),
        listing.get_format_display(),
        listing.organisation.name,
        listing.organisation.seat.name,
    ]
    parts += [t.name for t in listing.topics.all()]
    parts += [g.name for g in listing.target_groups.all()]
    parts += [c.name for c in listing.cities.all()]
    return " ".join(p for p in parts if p)


def _public_until(listing: PartnerListing):
    """A listing with a date leaves the public index after its last day."""
    if listing.valid_until is None:
        return None
    return timezone.make_aware(
        dt.datetime.combine(listing.valid_until + dt.timedelta(days=1), dt.time.min)
    )


SOURCES = [
    SearchSource(
        model=PartnerListing,
        kind="partnerlisting",
        code=12,
        label=_("Offers and needs for partnerships"),
        title=lambda listing: listing.title,
        body=lambda listing: listing.description,
        url=lambda listing: listing.get_absolute_url(),
        is_public=lambda listing: listing.is_current and listing.organisation.is_public,
        public_until=_public_until,
        keywords=_keywords,
        territory_ids=lambda listing: [listing.organisation.seat_id],
        freshness=lambda listing: (None, listing.updated.date()),
        queryset=lambda: PartnerListing.objects.select_related(
            "organisation__seat"
        ).prefetch_related("topics", "target_groups", "cities"),
        depends_on=((Organisation, "partner_listings"),),
    )
]
