"""An offer's dates and ages are ordered: the service says so at the field, in the user's words.

Before, only the database's check refused them, and a form showed "Constraint
“offer_end_after_start” is violated." above the form instead of a message at the field.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from offers.services import offer_update

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def _refused(call) -> dict:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        call()
    with translation.override("en"):
        return caught.value.message_dict


def test_an_offer_ending_before_it_starts_is_refused_at_the_end_date(reference_territories):
    offer = OfferFactory(start_date=None, end_date=None)
    errors = _refused(
        lambda: offer_update(
            offer=offer,
            data={"start_date": dt.date(2030, 6, 1), "end_date": dt.date(2030, 5, 1)},
        )
    )
    assert errors == {"end_date": ["The end cannot be before the start."]}
    offer.refresh_from_db()
    assert offer.end_date is None


def test_an_offer_whose_upper_age_is_below_its_lower_age_is_refused_at_the_upper_age(
    reference_territories,
):
    offer = OfferFactory(age_min=None, age_max=None)
    errors = _refused(lambda: offer_update(offer=offer, data={"age_min": 12, "age_max": 10}))
    assert errors == {"age_max": ["The upper age cannot be below the lower age."]}
    offer.refresh_from_db()
    assert offer.age_max is None


def test_the_german_page_says_why_the_upper_age_is_refused(reference_territories):
    offer = OfferFactory(age_min=12, age_max=None)
    offer.age_max = 10
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        offer.full_clean()
    with translation.override("de"):
        assert caught.value.message_dict["age_max"] != [
            "The upper age cannot be below the lower age."
        ]
