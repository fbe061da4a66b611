"""Words that mean two things in English are translated by their meaning (#12, finding 7)."""

import re

import pytest
from django.utils import translation

from cooperation.forms import PlacementFilterForm


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_placement_page_labels_its_status_not_a_federal_state(world, client):
    client.force_login(world.users["coordinator_a"])
    text = _text(client.get(world.placement.get_absolute_url()))
    assert "Status: Bewerbung eingegangen" in text
    assert "Land:" not in text


@pytest.mark.django_db
def test_the_placement_filter_labels_its_status_not_a_federal_state():
    with translation.override("de"):
        assert str(PlacementFilterForm().fields["state"].label) == "Status"
