"""The printable questionnaire: a tagged PDF (PDF/UA-1) in the page's language with sections,
questions and options with their codes, and conditions as "Nur wenn TH06 = 1"."""

import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from surveys.tests import exports_world


@pytest.fixture
def wave(db):
    return exports_world.build()


def _pdf(response) -> pypdf.PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def _text(reader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.django_db
def test_the_printed_questionnaire_holds_questions_options_codes_and_conditions(client, wave):
    reader = _pdf(client.get(reverse("surveys:export_instrument_pdf", args=[wave.slug])))
    text = _text(reader)
    assert "TH01 In welcher Rolle antworten Sie?" in text
    assert "Elternteil (1)" in text and "Weiß nicht (99)" in text
    assert "Sportverein (TH03_1)" in text
    assert "TH05a Ich erfahre davon." in text
    assert "Nur wenn TH06 = 1" in text
    assert "Über Sie" in text and "Hindernisse" in text


@pytest.mark.django_db
def test_the_printed_questionnaire_is_tagged_for_accessibility_in_the_pages_language(client, wave):
    with translation.override("en"):
        url = reverse("surveys:export_instrument_pdf", args=[wave.slug])
    reader = _pdf(client.get(url))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    text = _text(reader)
    assert "In which role are you answering?" in text and "Only if TH06 = 1" in text


@pytest.mark.django_db
def test_a_draft_waves_questionnaire_is_not_public(client, wave):
    wave.status = "draft"
    wave.save()
    response = client.get(reverse("surveys:export_instrument_pdf", args=[wave.slug]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_instrument_version_prints_for_those_who_may_see_the_instrument(client, wave):
    instrument = wave.version.instrument
    url = reverse("surveys:export_version_pdf", args=[instrument.code, 1])
    assert client.get(url).status_code == 404
    client.force_login(member(instrument.territory, RoleLevel.EDITOR))
    assert "TH01" in _text(_pdf(client.get(url)))
    missing = reverse("surveys:export_version_pdf", args=[instrument.code, 9])
    assert client.get(missing).status_code == 404
