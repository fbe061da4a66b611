"""Finding entries: similar entries, facets, CSV export, RSS, JSON-LD, the API, and the
contact person shown per the person's visibility."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from actors.models import Visibility
from actors.tests.factories import PersonFactory, TopicFactory
from knowledge.models import EntryKind, EntryStatus, EvidenceLink
from knowledge.selectors import similar_entries
from places.tests.factories import TerritoryFactory

from .factories import EntryFactory


@pytest.fixture
def topics(db):
    return TopicFactory(slug="schulpartnerschaften", name_de="Schulpartnerschaften"), TopicFactory(
        slug="inklusion", name_de="Inklusion"
    )


def test_similar_entries_share_topics_and_city_best_first(city, topics):
    school, inclusion = topics
    other_city = TerritoryFactory()
    entry = EntryFactory(territory=city, topics=[school, inclusion])
    both = EntryFactory(title="Beide Themen", territory=other_city, topics=[school, inclusion])
    one_here = EntryFactory(
        title="Ein Thema hier", territory=city, topics=[school], kind=EntryKind.STUDY
    )
    city_only = EntryFactory(title="Nur die Stadt", territory=city, kind=EntryKind.STUDY)
    EntryFactory(title="Nichts gemeinsam", territory=other_city, kind=EntryKind.STUDY)
    EntryFactory(title="Entwurf", territory=city, topics=[school], status=EntryStatus.DRAFT)
    similar = similar_entries(entry, user=AnonymousUser())
    # 2 per shared topic, 2 for the city, 1 for the kind: 5, 4, 2; the others share nothing.
    assert similar == [both, one_here, city_only]


def test_the_detail_page_shows_similar_entries(client, city, topics):
    entry = EntryFactory(territory=city, topics=[topics[0]])
    EntryFactory(title="Verwandtes Beispiel", territory=city, topics=[topics[0]])
    with translation.override("en"):
        page = client.get(entry.get_absolute_url()).content.decode()
    assert page.index("Verwandtes Beispiel") > page.index("Similar entries")


def test_the_evidence_facet_counts_and_filters(client, city):
    with_evidence = EntryFactory(title="Belegt", territory=city)
    EvidenceLink.objects.create(entry=with_evidence, label="Elternbefragung 2024", kind="survey")
    EntryFactory(title="Unbelegt", territory=city)
    with translation.override("en"):
        response = client.get(reverse("knowledge:entry_list"))
        facets = {g.name: g for g in response.context["facets"]}
        assert [(v.value, v.count) for v in facets["evidence"].values] == [("", 2), ("yes", 1)]
        filtered = client.get(reverse("knowledge:entry_list"), {"evidence": "yes"})
    assert list(filtered.context["page_obj"].object_list) == [with_evidence]


def test_an_unknown_topic_lists_nothing_instead_of_everything(client, city):
    EntryFactory(territory=city)
    with translation.override("en"):
        response = client.get(reverse("knowledge:entry_list"), {"topic": "gibt-es-nicht"})
    assert list(response.context["page_obj"].object_list) == []
    assert client.get(reverse("api-v1:list_knowledge_entries"), {"topic": "x"}).status_code == 422


def test_the_csv_export_has_the_filtered_entries_with_codes(client, city, topics):
    EntryFactory(title="Im Export", territory=city, topics=[topics[0]], stage="school")
    EntryFactory(title="Nicht im Export", territory=city)
    with translation.override("en"):
        response = client.get(
            reverse("knowledge:entry_list"), {"topic": "schulpartnerschaften", "format": "csv"}
        )
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [r["title"] for r in rows] == ["Im Export"]
    assert rows[0]["stage_code"] == "school" and rows[0]["kind_code"] == "practice"


def test_the_rss_feed_lists_published_public_entries_only(client, city):
    EntryFactory(title="Im Feed", territory=city, summary="Kurz gesagt.")
    EntryFactory(title="Entwurf nicht im Feed", territory=city, status=EntryStatus.DRAFT)
    EntryFactory(title="Intern nicht im Feed", territory=city, is_public=False)
    response = client.get(reverse("knowledge:entry_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Im Feed</title>" in body
    assert "nicht im Feed" not in body


def test_the_page_describes_the_entry_as_schema_org_creative_work(client, city):
    entry = EntryFactory(
        title="Studie X", kind=EntryKind.STUDY, territory=city, authors="A. Autor; B. Autorin",
        publisher="Netzwerkbüro", licence="CC BY 4.0",
    )  # fmt: skip
    with translation.override("en"):
        page = client.get(entry.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "ScholarlyArticle" and data["name"] == "Studie X"
    assert [a["name"] for a in data["author"]] == ["A. Autor", "B. Autorin"]
    assert data["publisher"]["name"] == "Netzwerkbüro" and data["license"] == "CC BY 4.0"


def test_the_contact_person_is_shown_per_their_visibility(client, city, author):
    person = PersonFactory(
        given_name="Erika", family_name="Kontakt", name_visibility=Visibility.PUBLIC,
        email="erika@example.org", email_visibility=Visibility.MEMBERS,
    )  # fmt: skip
    entry = EntryFactory(territory=city, contact=person)
    with translation.override("en"):
        anonymous = client.get(entry.get_absolute_url()).content.decode()
        client.force_login(author)
        member = client.get(entry.get_absolute_url()).content.decode()
    assert "Erika Kontakt" in anonymous and "erika@example.org" not in anonymous
    assert "erika@example.org" in member
    api = client.get(reverse("api-v1:get_knowledge_entry", args=[entry.slug])).json()
    assert api["contact"]["name"] == "Erika Kontakt"


def test_the_api_lists_only_what_the_caller_may_see(client, city):
    EntryFactory(title="Öffentlich", slug="oeffentlich", territory=city)
    EntryFactory(title="Entwurf", slug="entwurf", territory=city, status=EntryStatus.DRAFT)
    rows = client.get(reverse("api-v1:list_knowledge_entries")).json()["items"]
    assert [r["slug"] for r in rows] == ["oeffentlich"]
    assert client.get(reverse("api-v1:get_knowledge_entry", args=["entwurf"])).status_code == 404


def test_an_organisation_page_lists_its_published_entries(client, city, org):
    EntryFactory(title="Beispiel des Vereins", organisations=[org])
    EntryFactory(title="Entwurf des Vereins", organisations=[org], status=EntryStatus.DRAFT)
    with translation.override("en"):
        page = client.get(org.get_absolute_url()).content.decode()
    assert "Beispiel des Vereins" in page and "Entwurf des Vereins" not in page
