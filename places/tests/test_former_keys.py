"""A place that official statistics list under a former key (a county dissolved by a regional
reform) is told apart from today's place of the same name, and lists of current places leave
it out unless asked."""

import pytest
from django.urls import reverse
from django.utils import translation

from places.history import valid_until
from places.models import Level, Territory
from places.tests.factories import TerritoryFactory


@pytest.fixture
def chemnitz_twice(reference_territories):
    saxony = Territory.objects.get_by_key("ags:14")
    old = TerritoryFactory(
        code="14161000", name_de="Chemnitz", level=Level.CITY, county_free=True, parent=saxony
    )
    new = TerritoryFactory(
        code="14511000", name_de="Chemnitz", level=Level.CITY, county_free=True, parent=saxony
    )
    return old, new


def test_saxony_and_saxony_anhalt_reform_keys_are_former():
    assert valid_until("ags", "14161000", county_free=True) == 2008  # Chemnitz
    assert valid_until("ags", "14262000", county_free=True) == 2008  # Dresden
    assert valid_until("ags", "14365000", county_free=True) == 2008  # Leipzig
    assert valid_until("ags", "15202000", county_free=True) == 2007  # Halle (Saale)
    assert valid_until("ags", "15303000", county_free=True) == 2007  # Magdeburg
    assert valid_until("ags", "15101000", county_free=True) == 2007  # Dessau
    assert valid_until("ags", "14272") == 2008  # Landkreis Bautzen (old)
    assert valid_until("ags", "14511000", county_free=True) is None  # Chemnitz today
    assert valid_until("ags", "16051000", county_free=True) is None  # Erfurt
    assert valid_until("gkz", "90001") is None


@pytest.mark.django_db
def test_a_former_county_key_says_its_level_key_and_last_year(chemnitz_twice):
    old, new = chemnitz_twice
    with translation.override("de"):
        assert old.label == "Chemnitz (Kreis 14161, bis 2008)"
        assert str(old) == old.label
        assert new.label == "Chemnitz"
    with translation.override("en"):
        assert old.label == "Chemnitz (County 14161, until 2008)"


@pytest.mark.django_db
def test_the_place_list_shows_one_chemnitz_unless_former_keys_are_asked_for(client, chemnitz_twice):
    html = client.get(reverse("places:territory_list"), {"q": "Chemnitz"}).content.decode()
    assert html.count(reverse("places:territory_detail", kwargs={"key": "ags:14511000"})) == 1
    assert reverse("places:territory_detail", kwargs={"key": "ags:14161000"}) not in html
    html = client.get(
        reverse("places:territory_list"), {"q": "Chemnitz", "former": "1"}
    ).content.decode()
    assert reverse("places:territory_detail", kwargs={"key": "ags:14511000"}) in html
    assert "Chemnitz (Kreis 14161, bis 2008)" in html


@pytest.mark.django_db
def test_a_former_place_page_says_until_when_its_key_was_used(client, chemnitz_twice):
    html = client.get(
        reverse("places:territory_detail", kwargs={"key": "ags:14161000"})
    ).content.decode()
    assert "<title>Chemnitz (Kreis 14161, bis 2008)" in html
    assert "bis 2008" in html and "Gebietsreform" in html


@pytest.mark.django_db
def test_city_selects_tell_the_two_chemnitz_apart(chemnitz_twice):
    from actors.forms import OrganisationFilterForm

    labels = [label for _value, label in OrganisationFilterForm().fields["city"].choices]
    assert labels.count("Chemnitz") == 1
    assert "Chemnitz (Kreis 14161, bis 2008)" in labels


@pytest.mark.django_db
def test_current_and_former_querysets_split_the_territories(chemnitz_twice):
    old, new = chemnitz_twice
    assert old not in Territory.objects.current()
    assert new in Territory.objects.current()
    assert list(Territory.objects.former()) == [old]
    assert new in Territory.objects.cities() and old not in Territory.objects.cities()


@pytest.mark.django_db
def test_the_api_gives_a_former_place_its_label_and_last_year(client, chemnitz_twice):
    body = client.get(reverse("api-v1:get_place", kwargs={"key": "ags:14161000"})).json()
    assert body["valid_until"] == 2008
    assert body["label"] == "Chemnitz (Kreis 14161, bis 2008)"
    assert (
        client.get(reverse("api-v1:get_place", kwargs={"key": "ags:14511000"})).json()[
            "valid_until"
        ]
        is None
    )
