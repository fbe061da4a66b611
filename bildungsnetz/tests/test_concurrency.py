"""The one optimistic-concurrency mechanism every edit form and PATCH uses (#11, finding 6)."""

import pytest
from django.test import RequestFactory

from bildungsnetz.concurrency import (
    EditConflict,
    Expected,
    ensure_current,
    expected_from_request,
    tracked_fields,
    version_token,
)
from offers.models import Offer
from offers.tests.factories import OfferFactory


def test_if_match_names_the_accepted_versions_and_a_star_or_nothing_checks_nothing():
    request = RequestFactory().patch("/", HTTP_IF_MATCH='"abc", W/"def"')
    assert expected_from_request(request) == Expected(("abc", "def"))
    assert expected_from_request(RequestFactory().patch("/", HTTP_IF_MATCH="*")) is None
    assert expected_from_request(RequestFactory().patch("/")) is None


def test_the_token_ignores_the_language_dependent_original_and_bookkeeping():
    fields = tracked_fields(Offer)
    assert "title_de" in fields and "title_en" in fields and "topics" in fields
    assert "title" not in fields and "updated" not in fields and "confirmed_at" not in fields


def test_a_stale_version_is_refused_inside_the_transaction_and_a_current_one_passes(
    reference_territories,
):
    from django.db import transaction

    offer = OfferFactory(title_de="Alt")
    token = version_token(offer)
    with transaction.atomic():
        assert ensure_current(offer, Expected((token,))).pk == offer.pk
    Offer.objects.filter(pk=offer.pk).update(title_de="Neu")
    with pytest.raises(EditConflict) as caught, transaction.atomic():
        ensure_current(offer, Expected((token,)))
    assert caught.value.stored.title_de == "Neu"
    assert caught.value.token == version_token(Offer.objects.get(pk=offer.pk))


def test_a_token_over_some_fields_ignores_changes_elsewhere(reference_territories):
    offer = OfferFactory(title_de="Alt", cost_note="")
    token = version_token(offer, ["title_de"])
    Offer.objects.filter(pk=offer.pk).update(cost_note="Ermäßigt")
    assert version_token(Offer.objects.get(pk=offer.pk), ["title_de"]) == token
    assert version_token(Offer.objects.get(pk=offer.pk)) != version_token(offer)


def test_an_empty_text_is_one_version_whether_stored_as_null_or_as_empty_string(
    reference_territories,
):
    # A missing translation is NULL; the same form saved unchanged writes "". A second editor
    # who opened the page before must not get a conflict for that.
    offer = OfferFactory()
    Offer.objects.filter(pk=offer.pk).update(title_en=None)
    offer.refresh_from_db()
    before = version_token(offer)
    Offer.objects.filter(pk=offer.pk).update(title_en="")
    offer.refresh_from_db()
    assert version_token(offer) == before
