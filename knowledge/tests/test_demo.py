"""The demo from the documents: the Wolgograd workshop's model projects and findings, the
BiSMit studies, Berlin's MYM and EVA; searching "Schulpartnerschaft" finds the Wolgograd
entries with facets by city and topic; loading twice changes nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from knowledge import demo
from knowledge.models import Entry, EntryKind, EvidenceLink, Lesson


@pytest.fixture
def loaded(knowledge_demo, db):
    """The demo, loaded once for this module (see conftest)."""


def _state():
    return {
        "entries": (Entry.objects.count(), Entry.history.count()),
        "evidence": EvidenceLink.objects.count(),
        "topics": Entry.topics.through.objects.count(),
    }


def test_every_demo_entry_names_its_source_document(loaded):
    entries = Entry.objects.filter(is_demo=True)
    assert entries.count() == len(demo.ENTRIES)
    sources = {demo.SOURCE_WOLGOGRAD, demo.SOURCE_BISMIT, demo.SOURCE_BERLIN}
    assert {e.source for e in entries} <= sources
    assert all(e.source for e in entries)


def test_the_five_wolgograd_model_projects_and_the_findings_are_there(loaded):
    wolgograd = Entry.objects.filter(source=demo.SOURCE_WOLGOGRAD)
    assert wolgograd.filter(kind=EntryKind.PRACTICE).count() == 5
    lessons = wolgograd.filter(kind=EntryKind.LESSON)
    assert lessons.count() == 2 and set(lessons.values_list("lesson", flat=True)) == {Lesson.GOOD}
    findings = lessons.get(slug="erkenntnisse-modellpartnerschaften-wolgograd")
    assert "auf gleicher Augenhöhe" in findings.transferability
    hamburg = Entry.objects.get(slug="schulprojekt-hamburg-st-petersburg")
    assert hamburg.projects.filter(slug="schulprojekt-hamburg-st-petersburg").exists()
    assert hamburg.events.exists()


def test_the_bismit_studies_and_berlin_exchanges_are_there(loaded):
    studies = Entry.objects.filter(kind=EntryKind.STUDY, organisations__slug="bismit")
    assert set(studies.values_list("title_de", flat=True)) >= {
        "Strukturwandel braucht Bildung", "Berufsbezogene Weiterbildung im Strukturwandel",
    }  # fmt: skip
    assert studies.count() == 4
    assert studies.get(slug="studie-berufsorientierung-bismit").in_progress
    assert "März 2023" in studies.get(slug="berufsbezogene-weiterbildung-im-strukturwandel").summary
    mym = Entry.objects.get(slug="move-your-mind-verwaltungsaustausch")
    assert "2012" in mym.title and "EU-Kommission" in mym.summary
    assert mym.evidence.exists()
    assert Entry.objects.filter(slug="europaeischer-verwaltungsaustausch-eva").exists()


def test_searching_schulpartnerschaft_finds_the_wolgograd_entries_with_city_and_topic_facets(
    loaded, client
):
    # German, the entries' language (the English page shows their English titles).
    response = client.get(reverse("knowledge:entry_list"), {"q": "Schulpartnerschaft"})
    page = response.content.decode()
    assert "Modellprojekt zur Gestaltung von Schulpartnerschaften" in page
    assert "Hamburg – St. Petersburg" in page
    assert "Strukturwandel braucht Bildung" not in page
    facets = {group.name: group for group in response.context["facets"]}
    cities = {v.label: v.count for v in facets["city"].values if v.value}
    assert cities["Wolgograd"] >= 2 and cities["Hamburg"] == 1
    topics = {v.label: v.count for v in facets["topic"].values if v.value}
    assert topics["Schulpartnerschaften"] == 3
    narrowed = client.get(
        reverse("knowledge:entry_list"),
        {"q": "Schulpartnerschaft", "city": facets["city"].values[1].value},
    )
    assert len(narrowed.context["page_obj"].object_list) == facets["city"].values[1].count


def test_the_demo_entries_are_in_the_api(loaded, client):
    response = client.get(
        reverse("api-v1:list_knowledge_entries"), {"topic": "schulpartnerschaften"}
    )
    slugs = {row["slug"] for row in response.json()["items"]}
    assert "schulprojekt-hamburg-st-petersburg" in slugs
    detail = client.get(
        reverse("api-v1:get_knowledge_entry", args=["erkenntnisse-modellpartnerschaften-wolgograd"])
    ).json()
    assert detail["similar"] and "gleicher Augenhöhe" in detail["transferability"]
    assert json.dumps(detail)


def test_loading_the_demo_twice_changes_nothing(loaded):
    before = _state()
    call_command("demo", only=["knowledge"], stdout=StringIO())
    assert _state() == before


def test_every_demo_entry_page_shows_its_source_and_describes_itself(loaded, client):
    for entry in Entry.objects.filter(is_demo=True).select_related("territory"):
        response = client.get(entry.get_absolute_url())
        page = response.content.decode()
        assert response.status_code == 200, entry.slug
        assert escape(entry.source) in page and '"@type": ' in page, entry.slug
