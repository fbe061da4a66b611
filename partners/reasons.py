"""The reasons of a suggestion (`matching.Reason` codes) as sentences in the page language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actors.models import OrganisationKind
from cooperation.models import PartnershipKind

from . import matching
from .models import ListingFormat


def _names(ids, names: dict[int, str]) -> str:
    return ", ".join(sorted(names.get(i, "?") for i in ids))


def reason_text(reason: matching.Reason, *, names: dict, city_name: str) -> str:
    code = reason.code
    if code == matching.COMPLEMENTS_SEEK:
        return _("offers what you seek: %(format)s") % {
            "format": ListingFormat(reason.format).label
        }
    if code == matching.COMPLEMENTS_OFFER:
        return _("seeks what you offer: %(format)s") % {
            "format": ListingFormat(reason.format).label
        }
    if code == matching.KIND_FITS:
        return _("%(kind)s, can be asked about: %(format)s") % {
            "kind": OrganisationKind(reason.kind).label,
            "format": ListingFormat(reason.format).label,
        }
    if code == matching.PARTNER_CITY:
        return _("partner city of %(city)s (%(kind)s)") % {
            "city": city_name,
            "kind": PartnershipKind(reason.kind).label,
        }
    if code == matching.NAMES_YOUR_CITY:
        return _("looks for partners in %(city)s") % {"city": city_name}
    if code == matching.SHARED_TOPICS:
        count = len(reason.items)
        return ngettext(
            "%(count)d shared topic: %(names)s", "%(count)d shared topics: %(names)s", count
        ) % {"count": count, "names": _names(reason.items, names["topics"])}
    if code == matching.SHARED_TARGET_GROUPS:
        count = len(reason.items)
        return ngettext(
            "shared target group: %(names)s", "shared target groups: %(names)s", count
        ) % {"names": _names(reason.items, names["target_groups"])}
    if code == matching.SHARED_LANGUAGES:
        return _("speaks %(languages)s") % {"languages": _names(reason.items, names["languages"])}
    return code


def reason_texts(suggestion: matching.Suggestion, *, names: dict, city_name: str) -> list[str]:
    return [reason_text(r, names=names, city_name=city_name) for r in suggestion.reasons]
