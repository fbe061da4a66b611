"""The RSS feed of the knowledge base: the latest published public entries of a filtered
list (/wissen/feed/?topic=…). Every link is absolute on SITE_URL (as offers' feeds)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from bildungsnetz.listing import FilterError, valid_filters
from offers.feeds import XmlSafeRssFeed, absolute
from offers.jsonld import plain_text

from .forms import EntryFilterForm
from .selectors import entry_list


class EntryFeed(Feed):
    feed_type = XmlSafeRssFeed

    def get_object(self, request):
        return request.GET

    def title(self, data):
        return _("Knowledge base: new entries")

    def link(self, data):
        return absolute(reverse("knowledge:entry_list"))

    def description(self, data):
        return _("New practice examples, lessons learned and studies on Bildungsnetz.")

    def items(self, data):
        try:
            filters = valid_filters(EntryFilterForm(data))
        except FilterError:
            return []
        # Only what everyone may read: a feed reader has no session.
        entries = entry_list(user=AnonymousUser(), filters=filters)
        return entries.order_by("-published_at", "-pk")[:50]

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return absolute(entry.get_absolute_url())

    def item_description(self, entry):
        return plain_text(entry.summary, 400)

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return [t.name for t in entry.topics.all()]
