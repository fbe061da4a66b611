"""Words that mean two things in English are translated by their meaning (#12, finding 7)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_an_indicators_field_of_education_is_a_bereich_not_a_flaeche(catalogue, client):
    text = _text(
        client.get(
            reverse("monitoring:indicator_detail", kwargs={"code": "kita-krippenplatzanteil"})
        )
    )
    assert "Bereich Frühkindliche Bildung" in text
    assert "Fläche" not in text


def test_the_segregation_table_names_its_territory_an_gebiet(genesis, client):
    text = _text(client.get(reverse("monitoring:segregation")))
    assert "Gebiet Zeitraum" in text
    assert "Fläche" not in text
