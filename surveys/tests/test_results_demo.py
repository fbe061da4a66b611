"""The results pages on the demo: both cities' waves side by side, every page renders."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from surveys import demo
from surveys.models import Wave
from surveys.selectors_results import breakdown_choices

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(reference_territories):
    for city in demo.CITIES:
        UserFactory(email=city.coordinator)
    demo.load(io.StringIO())


def test_the_demo_comparison_shows_erfurt_and_wien_side_by_side_with_their_index(loaded, client):
    waves = list(Wave.objects.filter(slug__in=[c.slug for c in demo.CITIES]).order_by("slug"))
    assert len(waves) == 2
    slugs = ",".join(w.slug for w in waves)
    response = client.get(reverse("surveys:results_compare"), {"wellen": slugs})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Erfurt" in page and "Wien" in page
    assert {w.territory.name for w in response.context["waves"]} == {"Erfurt", "Wien"}
    values = response.context["index_rows"][0]["values"]
    assert all(v.mean is not None for v in values)


def test_every_demo_results_page_renders(loaded, client):
    for wave in Wave.objects.filter(is_demo=True):
        assert client.get(reverse("surveys:results_wave", args=[wave.slug])).status_code == 200
        rows, groups = breakdown_choices(wave)
        url = reverse("surveys:results_breakdown", args=[wave.slug])
        for variable in rows:
            by = next(g for g in groups if g.code != variable.code)
            response = client.get(url, {"frage": variable.code, "nach": by.code})
            assert response.status_code == 200, variable.code
