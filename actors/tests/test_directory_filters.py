"""The directory's filters: styled groups with counts, no bare selects (#12, finding 9)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_territories, settings):
    from actors import demo

    settings.DEMO_OPEN_DATA = False  # the demo organisations; the open data is tested apart
    demo.load()


def _group(body: str, name: str) -> str:
    match = re.search(rf'<details[^>]*id="facet-{name}".*?</details>', body, re.S)
    assert match, f"no collapsible group for {name}"
    return match.group(0)


def test_the_filters_are_collapsible_groups_with_counts_and_no_unstyled_select(client, demo):
    body = client.get(reverse("actors:organisation_list"), {"city": "16051000"}).content.decode()
    assert "<select" not in body
    cities = _group(body, "city")
    summary = re.search(r"<summary.*?</summary>", cities, re.S).group(0)
    assert "1 ausgewählt" in summary and "Erfurt" in summary
    assert re.search(r'type="radio" name="city" value="16051000"[^>]* checked', cities)
    kinds = _group(body, "kind")
    # The counts are those of the other filters: libraries in Erfurt.
    library = re.search(r'value="library".*?<span class="bn-count"[^>]*>\((\d+)', kinds, re.S)
    assert library and int(library.group(1)) == 1
    assert re.search(r'type="radio" name="kind" value=""[^>]* checked', kinds)


def test_an_option_nobody_has_is_left_out_unless_chosen(client, demo):
    body = client.get(reverse("actors:organisation_list"), {"city": "90001"}).content.decode()
    kinds = _group(body, "kind")
    assert 'value="library"' not in kinds  # no library in Vienna
    body = client.get(
        reverse("actors:organisation_list"), {"city": "90001", "kind": "library"}
    ).content.decode()
    assert re.search(r'value="library"[^>]* checked', _group(body, "kind"))
    assert "Keine Organisation passt" in body


def test_htmx_answers_update_the_counts_and_summaries(client, demo):
    body = client.get(
        reverse("actors:organisation_list"), {"kind": "library"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert re.search(r'id="facet-kind-status" hx-swap-oob="true"', body)
    assert re.search(r'id="count-city-16051000" hx-swap-oob="true"', body)


def test_an_unknown_city_lists_no_organisation_and_says_why(client, db):
    # #13, finding 2: the page listed every organisation for an invalid filter, the API none;
    # both now use bildungsnetz.listing.valid_filters (the API answers 422).
    from actors.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    assert organisation.name in client.get(reverse("actors:organisation_list")).content.decode()
    body = client.get(reverse("actors:organisation_list"), {"city": "99999999"}).content.decode()
    assert organisation.name not in body
    assert "kern-alert--danger" in body and "bn-empty-state" in body
    export = client.get(reverse("actors:organisation_list"), {"city": "99999999", "format": "json"})
    assert export.json() == []
