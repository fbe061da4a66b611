"""One list kit (#13, finding 2): every list page filters, sorts, paginates, exports and
answers HTMX through bildungsnetz.listing.ListPage, so the pages cannot drift apart again."""

import ast
import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

from actors.tests.factories import OrganisationFactory
from bildungsnetz.listing import export_format, filter_data
from offers.tests.factories import OfferFactory

ROOT = Path(settings.BASE_DIR)
# The kit's list functions; only bildungsnetz/listing.py calls them.
KIT_CALLS = {"paginate", "export_table", "export_response"}
KIT = {"bildungsnetz/listing.py", "bildungsnetz/exports.py"}
# Modules that export a fixed table, not a list of objects: no filters, no sorting, no pages.
FIXED_TABLES = {
    "surveys/views_exports.py": "a wave's coded answers and codebook (one row per respondent "
    "or variable, for statistics software)",
}


def _app_modules():
    local = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()]
    assert "offers" in local and "cooperation" in local
    for app in local:
        for path in sorted((ROOT / app).rglob("*.py")):
            skip = {"tests", "testing", "migrations"} & set(path.parts)
            name = path.relative_to(ROOT).as_posix()
            if not skip and name not in KIT and name not in FIXED_TABLES:
                yield path


def test_no_app_paginates_or_exports_a_list_by_hand():
    offenders = []
    for path in _app_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in KIT_CALLS:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "list pages go through bildungsnetz.listing.ListPage: " + ", ".join(
        offenders
    )


def test_the_export_request_is_not_a_filter():
    request = RequestFactory().get("/", {"format": ["course", "csv"], "q": "Tanz"})
    assert export_format(request) == "csv"
    data = filter_data(request)
    assert data.getlist("format") == ["course"] and data["q"] == "Tanz"
    plain = filter_data(RequestFactory().get("/", {"format": "json"}))
    assert plain == QueryDict()


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.django_db
def test_an_export_lists_the_rows_in_the_order_the_page_shows(client, reference_territories):
    for name in ("Alpha-Verein", "Beta-Verein", "Gamma-Verein"):
        OrganisationFactory(name_de=name, is_public=True)
    url = reverse("actors:organisation_list")
    rows = _csv(client.get(url, {"sort": "-name", "format": "csv"}))
    names = [row["name"] for row in rows]
    assert names == sorted(names, reverse=True) and len(names) >= 3


@pytest.mark.django_db
def test_an_offer_export_filtered_by_format_keeps_that_filter(client, reference_territories):
    OfferFactory(title_de="Nähkurs", format="course")
    OfferFactory(title_de="Tanzabend", format="event")
    url = reverse("offers:offer_list")
    rows = _csv(client.get(url + "?format=course&format=csv"))
    assert [row["title"] for row in rows] == ["Nähkurs"]


@pytest.mark.django_db
def test_an_invalid_offer_filter_lists_nothing_and_says_why(client, reference_territories):
    OfferFactory(title_de="Nähkurs")
    response = client.get(reverse("offers:offer_list"), {"district": "ags:00000000"})
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 0
    assert "Nähkurs" not in html
    assert "nichts aufgelistet" in html  # includes/filter_errors.html
    assert html.count("kern-alert--danger") == 1  # said once, above the (empty) results


@pytest.mark.django_db
def test_an_invalid_place_level_lists_nothing_instead_of_cities(client, reference_territories):
    response = client.get(reverse("places:territory_list"), {"level": "galaxy"})
    assert response.context["page_obj"].paginator.count == 0
    assert "nichts aufgelistet" in response.content.decode()
    cities = client.get(reverse("places:territory_list"))
    assert cities.context["page_obj"].paginator.count > 0


@pytest.mark.django_db
def test_the_places_page_and_api_find_the_same_places(client, reference_territories):
    page = client.get(reverse("places:territory_list"), {"q": "Berl", "level": ""})
    api = client.get(reverse("api-v1:list_places"), {"q": "Berl", "limit": 100}).json()
    shown = {t.key for t in page.context["page_obj"].object_list}
    assert shown and shown == {item["key"] for item in api["items"]}
    # The level chooser says "all levels" for that query, so sending it again keeps it.
    assert '<option value="" selected>Alle Ebenen</option>' in page.content.decode()
