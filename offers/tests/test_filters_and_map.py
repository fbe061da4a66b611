"""The offer filters as collapsible facet groups, and the district map agreeing with the list
(#12, findings 9 and 10)."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from offers.selectors import offer_list
from offers.tests.factories import OfferFactory
from places.models import Level
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db
# `demo` loaded once for the module (the root conftest).
DEMO_ONCE = True


def _group(body: str, name: str) -> str:
    match = re.search(rf'<details[^>]*id="facet-{name}".*?</details>', body, re.S)
    assert match, f"no collapsible group for {name}"
    return match.group(0)


def _map_table(body: str) -> dict[str, int]:
    section = re.search(r'<section class="bn-offer-map".*?</section>', body, re.S)
    if not section:
        return {}
    rows = re.findall(
        r'<td class="kern-table__cell">([^<]+)</td><td class="kern-table__cell">(\d+)</td>',
        section.group(0),
    )
    return {name: int(n) for name, n in rows}


def test_the_offer_filters_are_collapsible_groups_with_counts_and_the_selection(client, demo):
    body = client.get(
        reverse("offers:offer_list", query={"language": ["ar", "de"]})
    ).content.decode()
    languages = _group(body, "language")
    summary = re.search(r"<summary.*?</summary>", languages, re.S).group(0)
    assert "2 ausgewählt" in summary
    assert "Arabisch, Deutsch" in summary
    assert re.search(r'value="ar"[^>]* checked', languages)
    assert not re.search(r'value="tr"[^>]* checked', languages)
    assert re.search(r"Arabisch <span class=\"bn-count\"[^>]*>\(\d+<span", languages)
    # Groups start closed: the page is no longer a column of 75 checkboxes.
    assert " open" not in re.search(r"<details[^>]*>", languages).group(0)
    kinds = _group(body, "kind")
    assert "ausgewählt" not in re.search(r"<summary.*?</summary>", kinds, re.S).group(0)


def test_the_apply_button_is_also_at_the_top_of_the_filters(client, demo):
    body = client.get(reverse("offers:offer_list")).content.decode()
    facets = body[body.index('id="offer-facets"') :]
    first_group = facets.index("<details")
    assert "Filter anwenden" in facets[:first_group]


def test_htmx_answers_update_each_groups_summary_out_of_band(client, demo):
    body = client.get(
        reverse("offers:offer_list", query={"language": "ar"}), headers={"HX-Request": "true"}
    ).content.decode()
    status = re.search(r'<span class="bn-facet__status" id="facet-language-status"[^>]*>', body)
    assert status and 'hx-swap-oob="true"' in status.group(0)
    assert "Arabisch" in body[status.end() : status.end() + 300]


def test_filtering_for_erfurt_shows_no_berlin_map(client, demo):
    body = client.get(
        reverse("offers:offer_list", query={"district": "ags:16051000"})
    ).content.decode()
    assert "Erfurt" in body
    assert 'class="bn-map"' not in body
    assert "Angebote nach Bezirken in Berlin" not in body
    assert _map_table(body) == {}


def test_the_map_table_counts_the_offers_the_list_shows(client, demo):
    body = client.get(reverse("offers:offer_list", query={"district": "lor:08"})).content.decode()
    table = _map_table(body)
    assert table["Neukölln"] == 1
    assert table["Mitte"] == 0  # the Wedding offer is not in the list
    assert sum(table.values()) == 1
    assert "1 Lernangebot" in body


def test_a_map_of_one_city_needs_every_chosen_place_in_it(client, demo):
    body = client.get(
        reverse("offers:offer_list", query={"district": ["lor:08", "ags:16051000"]})
    ).content.decode()
    assert 'class="bn-map"' not in body
    body = client.get(
        reverse("offers:offer_list", query={"district": ["lor:08", "lor:01"]})
    ).content.decode()
    assert _map_table(body)["Mitte"] == 1


def test_near_a_district_offers_the_places_with_offers_in_a_styled_select(client, demo):
    body = client.get(
        reverse("offers:offer_list", query={"near": "lor:08", "radius": "3"})
    ).content.decode()
    select = re.search(
        r'<div class="kern-form-input__select-wrapper">\s*<select[^>]*id="id_near".*?</select>',
        body,
        re.S,
    )
    assert select and 'class="kern-form-input__select"' in select.group(0)
    assert '<option value="ags:16051000">Erfurt</option>' in select.group(0)
    assert "Neukölln, 3 km" in _group(body, "near")


def test_near_a_territory_without_boundary_keeps_the_offers_in_it_and_below_it(
    reference_territories,
):
    city = TerritoryFactory(name="Ohne Umriss")
    district = TerritoryFactory(parent=city, level=Level.DISTRICT, scheme="local", code="ou-1")
    elsewhere = TerritoryFactory(name="Anderswo")
    inside = OfferFactory(district=city)
    below = OfferFactory(district=district)
    OfferFactory(district=elsewhere)
    assert not city.boundary

    found = offer_list(filters=QueryDict(f"near={city.key}")).queryset
    assert set(found.values_list("pk", flat=True)) == {inside.pk, below.pk}
