"""Words that mean two things in English are translated by their meaning (#12, finding 7)."""

import re

import pytest
from django.urls import reverse

from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


def test_a_state_is_a_land_and_its_surface_a_flaeche(client):
    TerritoryFactory(scheme="ags", code="16000000", name_de="Thüringen", level="state",
                     area_m2=16_202_000_000)  # fmt: skip
    text = " ".join(
        re.sub(
            r"<[^>]+>",
            " ",
            client.get(
                reverse("places:territory_detail", kwargs={"key": "ags:16000000"})
            ).content.decode(),
        ).split()
    )
    assert "Land Thüringen" in text
    assert "Fläche 16.202.000.000 m²" in text
