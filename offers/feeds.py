"""RSS and Atom feeds of any offer search: /angebote/feed/rss/?q=…&language=ar"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .filters import search_offers
from .services import saved_query_string


class OfferSearchFeed(Feed):
    def get_object(self, request):
        return request.GET

    def title(self, data):
        q = data.get("q")
        return _("Learning offers: %(q)s") % {"q": q} if q else _("New learning offers")

    def link(self, data):
        query = saved_query_string(data)
        return reverse("offers:offer_list") + (f"?{query}" if query else "")

    def description(self, data):
        return _("New learning offers on Bildungsnetz that match this search.")

    def items(self, data):
        return (
            search_offers(data).queryset.select_related("provider").order_by("-created", "-pk")[:50]
        )

    def item_title(self, offer):
        return offer.title

    def item_description(self, offer):
        return f"{offer.provider.name}: {strip_tags(offer.description)[:400]}"

    def item_pubdate(self, offer):
        return offer.created

    def item_updateddate(self, offer):
        return offer.updated


class OfferSearchAtomFeed(OfferSearchFeed):
    feed_type = Atom1Feed
    subtitle = OfferSearchFeed.description
