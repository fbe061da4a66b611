"""Choosing areas on the indicator and comparison pages: checkbox groups by level with the
selection in each summary and a hint, no bare multi-select (#12, finding 9)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
# `genesis` imported once for the module (monitoring/tests/conftest.py).
GENESIS_ONCE = True


def _summary(body: str, key: str) -> str:
    group = re.search(rf'<details[^>]*id="facet-{key}".*?</details>', body, re.S)
    assert group, f"no group {key}"
    return re.search(r"<summary.*?</summary>", group.group(0), re.S).group(0)


def test_the_comparison_offers_areas_grouped_by_level_with_the_choice_shown(genesis, client):
    body = client.get(
        reverse("monitoring:compare"), {"gebiet": ["ags:16051000", "gkz:90001"]}
    ).content.decode()
    assert "multiple" not in body
    cities = _summary(body, "gebiet-city")
    assert "Städte" in cities and "2 ausgewählt" in cities and "Erfurt, Wien" in cities
    assert re.search(r'type="checkbox" name="gebiet" value="ags:16051000"[^>]* checked', body)
    assert 'id="gebiet-hint"' in body and "bis zu 12 Gebiete" in body
    assert re.search(r'<fieldset class="kern-fieldset" aria-describedby="gebiet-hint">', body)


def test_the_peer_group_select_is_styled_and_says_what_empty_means(genesis, client):
    body = client.get(reverse("monitoring:compare")).content.decode()
    select = re.search(
        r'<div class="kern-form-input__select-wrapper"><select[^>]*id="id_gruppe".*?</select>',
        body,
        re.S,
    )
    assert select
    assert '<option value="">– keine Vergleichsgruppe –</option>' in select.group(0)


def test_the_indicator_page_offers_its_areas_by_level(genesis, client):
    body = client.get(
        reverse(
            "monitoring:indicator_detail", kwargs={"code": "abgaenger-ohne-hauptschulabschluss"}
        ),
        {"gebiet": "ags:16051000"},
    ).content.decode()
    assert "multiple" not in body
    assert "Erfurt" in _summary(body, "gebiet-city")
    assert re.search(
        r'<div class="kern-form-input__select-wrapper"><select[^>]*id="id_zeitraum"', body
    )
