"""RSS and Atom feeds of any offer search: /angebote/feed/rss/?q=…&language=ar

Every link is absolute on `settings.SITE_URL`, never on the Sites framework's domain (which
nobody sets, so it would say example.com) nor on the request's host."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from bildungsnetz.text import strip_control_characters

from .jsonld import plain_text
from .selectors import offer_list
from .services import saved_query_string


def absolute(url: str) -> str:
    """`url` on SITE_URL, if it is a path."""
    return settings.SITE_URL + url if url and url.startswith("/") else url


def _xml_safe(value):
    """`value` without characters XML 1.0 cannot carry (a title with U+000B would otherwise
    fail the whole feed); lists and tuples of strings likewise."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(v) for v in value)
    return value


class _XmlSafeFeedMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_safe, args), **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        kwargs = {k: _xml_safe(v) for k, v in kwargs.items()}
        if kwargs.get("enclosures"):
            kwargs["enclosures"] = [
                Enclosure(absolute(e.url), e.length, e.mime_type) for e in kwargs["enclosures"]
            ]
        super().add_item(*map(_xml_safe, args), **kwargs)


class XmlSafeRssFeed(_XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class XmlSafeAtomFeed(_XmlSafeFeedMixin, Atom1Feed):
    pass


@dataclass(frozen=True)
class FeedRequest:
    data: QueryDict
    path: str

    @property
    def query(self) -> str:
        return saved_query_string(self.data)

    def with_query(self, path: str) -> str:
        return absolute(path) + (f"?{self.query}" if self.query else "")


class OfferSearchFeed(Feed):
    feed_type = XmlSafeRssFeed

    def get_object(self, request):
        return FeedRequest(data=request.GET, path=request.path)

    def title(self, search):
        q = search.data.get("q")
        return _("Learning offers: %(q)s") % {"q": q} if q else _("New learning offers")

    def link(self, search):
        return search.with_query(reverse("offers:offer_list"))

    def feed_url(self, search):
        # The feed itself, filters included: Atom's rel="self" must name this very feed.
        return search.with_query(search.path)

    def description(self, search):
        return _("New learning offers on Bildungsnetz that match this search.")

    def items(self, search):
        return (
            offer_list(filters=search.data)
            .queryset.select_related("provider")
            .order_by("-created", "-pk")[:50]
        )

    def item_title(self, offer):
        return offer.title

    def item_link(self, offer):
        return absolute(offer.get_absolute_url())

    def item_description(self, offer):
        return f"{offer.provider.name}: {plain_text(offer.description, 400)}"

    def item_pubdate(self, offer):
        return offer.created

    def item_updateddate(self, offer):
        return offer.updated


class OfferSearchAtomFeed(OfferSearchFeed):
    feed_type = XmlSafeAtomFeed
    subtitle = OfferSearchFeed.description
