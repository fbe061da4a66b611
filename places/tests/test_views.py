import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_city_page_shows_keys_and_a_map_of_the_boroughs(client, reference_territories):
    response = client.get(reverse("places:territory_detail", kwargs={"key": "ags:11000000"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "11000000" in html and "DE300" in html
    assert html.count('class="bn-map__shape"') == 12
    assert "Charlottenburg-Wilmersdorf" in html


@pytest.mark.django_db
def test_unknown_key_is_404(client, reference_territories):
    assert (
        client.get(reverse("places:territory_detail", kwargs={"key": "ags:99999999"})).status_code
        == 404
    )


@pytest.mark.django_db
def test_place_list_filters_by_key(client, reference_territories):
    response = client.get(reverse("places:territory_list"), {"q": "90001"})
    assert "Wien" in response.content.decode()
    assert "Erfurt" not in response.content.decode()
