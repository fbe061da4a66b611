"""What the system does with learning offers and saved searches."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import sanitize_html, unique_slug
from search.indexing import index_object
from search.registry import sources

from .models import Offer, SavedSearch
from .selectors import offer_list

M2M_FIELDS = ("target_groups", "languages", "topics")


def _clean_text(data: dict) -> dict:
    data = dict(data)
    for field in ("description", "description_de", "description_en"):
        if field in data:
            data[field] = sanitize_html(data[field] or "")
    return data


@transaction.atomic
def offer_create(*, data: dict, m2m: dict | None = None) -> Offer:
    data = _clean_text(data)
    data.setdefault("slug", unique_slug(Offer, data.get("title_de") or data["title"]))
    offer = Offer(**data)
    offer.full_clean()
    offer.save()
    for field, values in (m2m or {}).items():
        getattr(offer, field).set(values)
    return offer


@transaction.atomic
def offer_update(
    *, offer: Offer, data: dict, m2m: dict | None = None, expected: Expected | None = None
) -> Offer:
    """Change an offer; with `expected`, only over the version its editor started from."""
    model_update(instance=offer, data=_clean_text(data), m2m=m2m, expected=expected)
    return offer


@transaction.atomic
def offer_confirm(*, offer: Offer) -> Offer:
    """The provider says the offer is still current: it is listed again for a year."""
    offer.confirmed_at = timezone.now()
    offer.stale_notified_at = None
    offer.save(update_fields=["confirmed_at", "stale_notified_at", "updated"])
    return offer


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def offers_notify_stale(*, now=None) -> int:
    """Tell each provider once about its offers that left the public results.

    Idempotent: an offer is reported once (stale_notified_at) until it is confirmed again.
    Returns the number of e-mails sent.
    """
    now = now or timezone.now()
    pending = (
        Offer.objects.stale()
        .filter(stale_notified_at__isnull=True)
        .select_related("provider", "district")
        .order_by("provider_id", "pk")
    )
    by_recipient: dict[str, list[Offer]] = defaultdict(list)
    unreachable: list[int] = []
    for offer in pending:
        recipient = offer.contact_email or offer.provider.email
        if recipient:
            by_recipient[recipient].append(offer)
        else:
            unreachable.append(offer.pk)
    sent = 0
    source = sources()["offer"]
    for recipient, offers in by_recipient.items():
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "offers/email/stale.txt",
                {"offers": offers, "links": [_absolute(o.get_absolute_url()) for o in offers]},
            )
            ids = [o.pk for o in offers]
            Offer.objects.filter(pk__in=ids).update(stale_notified_at=now)
            for offer in offers:
                index_object(source, offer)  # leaves the public index too
            send_mail(
                translation.gettext("Your learning offers on Bildungsnetz need an update"),
                body,
                None,
                [recipient],
            )
            sent += 1
    if unreachable:
        with transaction.atomic():
            Offer.objects.filter(pk__in=unreachable).update(stale_notified_at=now)
            for offer in Offer.objects.filter(pk__in=unreachable).select_related("provider"):
                index_object(source, offer)
    return sent


# --- saved searches -----------------------------------------------------------------------

SAVED_KEYS = ("q", "kind", "format", "stage", "age", "cost", "access", "language",
              "target_group", "topic", "district", "near", "radius")  # fmt: skip


def saved_query_string(data) -> str:
    """The search part of a request's parameters, in a stable order."""
    pairs = []
    for key in SAVED_KEYS:
        for value in data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]:
            if value not in (None, ""):
                pairs.append((key, value))
    return urlencode(pairs)


@transaction.atomic
def saved_search_create(*, email: str, query: str, user=None) -> SavedSearch:
    """Double opt-in: a confirmation link is e-mailed unless the user's own verified address
    is used."""
    email = email.strip().lower()
    saved = SavedSearch.objects.create(email=email, query=query, user=user)
    if user is not None and user.is_authenticated and user.email.lower() == email:
        saved.confirmed_at = timezone.now()
        saved.save(update_fields=["confirmed_at"])
        return saved
    confirm = _absolute(reverse("offers:saved_search_confirm", args=[saved.token]))
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            translation.gettext("Please confirm your saved search"),
            render_to_string("offers/email/confirm.txt", {"saved": saved, "confirm_url": confirm}),
            None,
            [email],
        )
    return saved


@transaction.atomic
def saved_search_confirm(*, token: str) -> SavedSearch | None:
    saved = SavedSearch.objects.filter(token=token, unsubscribed_at__isnull=True).first()
    if saved is not None and saved.confirmed_at is None:
        saved.confirmed_at = timezone.now()
        saved.last_checked_at = saved.confirmed_at
        saved.save(update_fields=["confirmed_at", "last_checked_at"])
    return saved


@transaction.atomic
def saved_search_unsubscribe(*, token: str) -> SavedSearch | None:
    saved = SavedSearch.objects.filter(token=token).first()
    if saved is not None and saved.unsubscribed_at is None:
        saved.unsubscribed_at = timezone.now()
        saved.save(update_fields=["unsubscribed_at"])
    return saved


def saved_searches_notify(*, now=None) -> int:
    """E-mail each confirmed saved search the offers listed since it was last checked."""
    now = now or timezone.now()
    sent = 0
    for saved in SavedSearch.objects.active().order_by("pk"):
        search = offer_list(filters=QueryDict(saved.query))
        new = list(
            search.queryset.filter(created__gt=saved.last_checked_at, created__lte=now).order_by(
                "-created", "pk"
            )[:50]
        )
        with transaction.atomic():
            if new:
                with translation.override(settings.LANGUAGE_CODE):
                    body = render_to_string(
                        "offers/email/new_matches.txt",
                        {
                            "offers": [(o, _absolute(o.get_absolute_url())) for o in new],
                            "search_url": _absolute(reverse("offers:offer_list"))
                            + "?"
                            + saved.query,
                            "unsubscribe_url": _absolute(
                                reverse("offers:saved_search_unsubscribe", args=[saved.token])
                            ),
                        },
                    )
                    send_mail(
                        translation.gettext("New learning offers for your search"),
                        body,
                        None,
                        [saved.email],
                    )
                sent += 1
            SavedSearch.objects.filter(pk=saved.pk).update(last_checked_at=now)
    return sent
