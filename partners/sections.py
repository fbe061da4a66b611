"""What partner finding contributes to other apps' pages (AppConfig hooks)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import PartnerListing


def organisation_sections(organisation) -> list[dict]:
    """The organisation's current offers and needs (a hook has no user: public ones only)."""
    listings = list(
        PartnerListing.objects.public()
        .filter(organisation=organisation)
        .order_by("direction", "title", "pk")
    )
    if not listings:
        return []
    return [
        {
            "title": _("Offers and needs for partnerships"),
            "template": "partners/_organisation_listings.html",
            "items": {"listings": listings, "organisation": organisation},
        }
    ]
