from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bildungsnetz import pagecache


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Learning offers")
    periodic_tasks = {
        "offers.tasks.notify_stale_offers": timedelta(days=1),
        "offers.tasks.notify_saved_searches": timedelta(hours=1),
    }

    def ready(self):
        # A withdrawn offer leaves the public pages at once (bildungsnetz/pagecache.py).
        pagecache.withdraw_when(self.get_model("Offer"), public=lambda o: o.is_public)

    def organisation_sections(self, organisation):
        """The provider's listed offers on its organisation page."""
        from .models import Offer  # not at the top: apps.py loads before models

        offers = Offer.objects.listed().filter(provider=organisation).order_by("title_de")[:50]
        if not offers:
            return []
        return [
            {
                "title": _("Learning offers"),
                "template": "offers/_organisation_offers.html",
                "items": offers,
            }
        ]
