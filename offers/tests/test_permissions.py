"""Who may edit an offer is a table: offers/tests/matrix.py (every role of the matrix world x
own/foreign tenant x rules, page, API, admin). Here only what that world has no role for."""

import pytest

from accounts.models import RoleLevel
from accounts.tests.factories import member
from offers.tests.factories import OfferFactory
from places.models import Territory

pytestmark = pytest.mark.django_db


def test_it_rejects_an_editor_of_the_city(reference_territories):
    """A role in a territory below coordinator covers no offer held there."""
    offer = OfferFactory()
    erfurt = Territory.objects.get_by_key("ags:16051000")
    user = member(erfurt, RoleLevel.EDITOR)
    assert not user.has_perm("offers.change_offer", offer)
