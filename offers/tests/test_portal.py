"""The public offer pages: list with facets and HTMX, detail with JSON-LD, feeds."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer

pytestmark = pytest.mark.django_db
# `demo` loaded once for the module (the root conftest).
DEMO_ONCE = True


def test_the_list_answers_the_parents_search_without_javascript(client, demo):
    response = client.get(
        reverse(
            "offers:offer_list",
            query={
                "q": "Lesen",
                "age": "10",
                "cost": "free",
                "access": "step_free",
                "language": ["ar", "de"],
            },
        )
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "für Kinder auf Deutsch und Arabisch" in body
    assert "Bewerbungstraining" not in body
    assert "<mark>" in body


def test_htmx_requests_get_the_results_and_out_of_band_counts(client, demo):
    response = client.get(
        reverse("offers:offer_list", query={"language": "ar"}), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'hx-swap-oob="true"' in body


def test_the_district_map_is_inline_svg_with_links(client, demo):
    body = client.get(reverse("offers:offer_list")).content.decode()
    assert "<svg" in body and "?district=lor%3A08" in body


def test_near_a_district_keeps_offers_within_the_radius(client, demo):
    body = client.get(
        reverse("offers:offer_list", query={"near": "lor:08", "radius": "3"})
    ).content.decode()
    assert "Hausaufgabenhilfe" in body
    assert "Elterncafé" not in body  # Wedding is about 9 km from Neukölln


def test_the_detail_page_carries_schema_org_json_ld(client, demo):
    response = client.get(
        reverse("offers:offer_detail", kwargs={"slug": "demo-lesewerkstatt-deutsch-arabisch"})
    )
    body = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Course"
    assert data["hasCourseInstance"]["@type"] == "CourseInstance"
    assert data["isAccessibleForFree"] is True
    assert set(data["inLanguage"]) == {"de", "ar"}
    # The CSP allows scripts from 'self' only; a JSON-LD data block is never executed,
    # so it needs no nonce and no 'unsafe-inline'.
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_events_are_education_events(client, demo):
    body = client.get(
        reverse("offers:offer_detail", kwargs={"slug": "demo-elterncafe-mitte"})
    ).content.decode()
    assert '"@type": "EducationEvent"' in body


def test_json_ld_cannot_close_its_script_element(demo):
    from offers.jsonld import jsonld_script_content

    assert "</script>" not in jsonld_script_content({"name": "</script><script>alert(1)"})


def test_stale_offers_leave_the_public_results(client, demo):
    offer = Offer.objects.get(slug="demo-weiterbildung-buchhaltung-vhs-erfurt")
    offer.confirmed_at = timezone.now() - timezone.timedelta(days=400)
    offer.save()
    assert (
        "Grundlagen der"
        not in client.get(reverse("offers:offer_list", query={"q": "Buchhaltung"})).content.decode()
    )
    assert client.get(offer.get_absolute_url()).status_code == 404
    from search import engine

    assert engine.search("Buchhaltung").counts.get("offer", 0) == 0


def test_rss_and_atom_feeds_follow_the_search(client, demo):
    rss = client.get(reverse("offers:feed_rss", query={"language": "ar"})).content.decode()
    assert "<rss" in rss and "Lesewerkstatt" in rss and "Buchhaltung" not in rss
    atom = client.get(reverse("offers:feed_atom", query={"q": "Weiterbildungen"})).content.decode()
    assert "<feed" in atom and "Buchhaltung" in atom


def test_the_provider_page_lists_its_offers(client, demo):
    body = client.get(
        reverse("actors:organisation_detail", kwargs={"slug": "stadtbibliothek-erfurt"})
    ).content.decode()
    assert "für Kinder auf Deutsch und Arabisch" in body


def test_the_demo_loader_is_idempotent(demo):
    from offers import demo as offers_demo

    before = list(Offer.objects.order_by("pk").values_list("pk", "updated"))
    offers_demo.load()
    assert list(Offer.objects.order_by("pk").values_list("pk", "updated")) == before


def test_csv_and_xlsx_exports(client, demo):
    assert client.get(reverse("offers:offer_list", query={"format": "csv"})).status_code == 200
    response = client.get(reverse("offers:offer_list", query={"format": "xlsx"}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
