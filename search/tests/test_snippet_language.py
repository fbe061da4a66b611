"""Titles and snippets in the language of the page (#12, finding 7): a German page shows the
German text of an object, an English page its English text, and words of either language find
it."""

import re

import pytest
from django.urls import reverse, translate_url

pytestmark = pytest.mark.django_db

GERMAN = "Wir üben Gitarrenakkorde gemeinsam im Stadtteilzentrum."
ENGLISH = "We practise guitar chords together in the community centre."


@pytest.fixture
def guitar_offer(reference_territories):
    from offers.tests.factories import OfferFactory

    return OfferFactory(
        title_de="Gitarrenkurs für Anfänger",
        title_en="Guitar course for beginners",
        description_de=GERMAN,
        description_en=ENGLISH,
    )


@pytest.fixture
def german_only_offer(reference_territories):
    from offers.tests.factories import OfferFactory

    return OfferFactory(title_de="Töpferkurs", description_de="Wir töpfern Schalen aus Ton.")


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def test_a_german_page_shows_only_the_german_text(client, guitar_offer):
    for q in ("Gitarrenakkorde", "chords"):
        text = _text(client.get(reverse("search:global"), {"q": q}))
        assert "Gitarrenkurs für Anfänger" in text, q
        assert GERMAN in text, q
        assert "guitar" not in text.lower(), q


def test_an_english_page_shows_the_english_text(client, guitar_offer):
    text = _text(
        client.get(translate_url(reverse("search:global"), "en"), {"q": "Gitarrenakkorde"})
    )
    assert "Guitar course for beginners" in text
    assert ENGLISH in text
    assert "Stadtteilzentrum" not in text


def test_an_english_page_falls_back_to_german_without_english_text(client, german_only_offer):
    text = _text(client.get(translate_url(reverse("search:global"), "en"), {"q": "Ton"}))
    assert "Töpferkurs" in text and "Wir töpfern Schalen aus Ton." in text


def test_the_offer_list_shows_the_snippet_in_the_pages_language(client, guitar_offer):
    german = _text(client.get(reverse("offers:offer_list"), {"q": "chords"}))
    assert "Gitarrenakkorde" in german and "guitar chords" not in german
    english = _text(
        client.get(translate_url(reverse("offers:offer_list"), "en"), {"q": "Gitarrenakkorde"})
    )
    assert "guitar chords" in english
