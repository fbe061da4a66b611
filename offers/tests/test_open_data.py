"""Leipzig's STEM learning offers ("Lernen vor Ort", MINT-Broschüre 2014) in the portal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from actors import opendata as directory
from actors.services import taxonomies_load
from bildungsnetz.testing.module_data import loaded_for_the_module
from offers import opendata
from offers.jsonld import offer_jsonld
from offers.models import Offer
from places.services import territories_load_reference


def test_a_grade_range_becomes_ages_school_and_children():
    who = opendata.audience("Schüler/-innen - vor allem der Klassen 2 bis 4")
    assert (who.age_min, who.age_max, who.stage) == (7, 10, "school")
    assert who.target_groups == ["kinder"]


def test_from_a_grade_on_means_young_people_up_to_school_leaving_age():
    who = opendata.audience("Schüler/-innen ab Klasse 9")
    assert (who.age_min, who.age_max) == (14, 19)
    assert who.target_groups == ["jugendliche"]


def test_day_care_groups_and_teachers_are_recognised():
    assert opendata.audience("Kita- und Hortgruppen").stage == "early_childhood"
    assert "lehrkraefte" in opendata.audience("Lehrer/-innen, Erzieher/-innen").target_groups


def test_cost_is_free_when_the_brochure_says_so_and_a_fee_when_it_names_an_amount():
    assert opendata.cost_of("kostenfrei (eigene Anreise)") == (
        "free",
        "kostenfrei (eigene Anreise)",
    )
    assert opendata.cost_of("bisher nicht")[0] == "free"
    assert opendata.cost_of("2 - 5 Euro pro Veranstaltung") == (
        "paid",
        "2 - 5 Euro pro Veranstaltung",
    )


def test_a_venue_with_postcode_is_split_into_an_address():
    assert directory.parse_venue("Engelsdorfer Straße 377 in 04319 Leipzig") == (
        "Engelsdorfer Straße 377",
        "04319",
        "Leipzig",
    )
    assert directory.parse_venue("Auwaldstation") == ("", "", "")


needs_data = pytest.mark.skipif(
    not directory.available(directory.LEIPZIG_MINT),
    reason="the open data files (../shared/data) are not on this machine",
)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with loaded_for_the_module(django_db_blocker):
        territories_load_reference()
        taxonomies_load()
        directory.load(cities=("leipzig",))
        yield opendata.load_mint_offers()


def _offers():
    return Offer.objects.filter(source=directory.LEIPZIG_MINT.source)


@needs_data
def test_the_portal_lists_the_64_learning_offers_each_by_its_place(loaded, db):
    assert _offers().count() == 64
    assert Offer.objects.listed().filter(source=directory.LEIPZIG_MINT.source).count() == 64
    fish = _offers().get(external_id__endswith="/AnglerverbandLeipzig.HeimischeFische")
    # the association already in the directory (same website) stands for the place
    assert fish.provider.name == "Anglerverband Leipzig e.V."
    assert (fish.age_min, fish.age_max, fish.cost) == (7, 10, "free")
    assert (fish.street, fish.postcode) == ("Engelsdorfer Straße 377", "04319")
    assert "Kennenlernen der heimischen Fischfauna" in fish.description


@needs_data
def test_loading_the_offers_again_changes_nothing(loaded, db):
    history = Offer.history.count()
    again = opendata.load_mint_offers()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 64)
    assert Offer.history.count() == history


@needs_data
def test_the_offer_page_and_its_json_ld_name_source_and_licence(loaded, db, client):
    offer = _offers().first()
    with translation.override("en"):
        page = client.get(reverse("offers:offer_detail", args=[offer.slug]))
    assert page.status_code == 200
    assert "CC0 1.0" in page.content.decode()
    data = offer_jsonld(offer)
    assert data["license"] == "CC0 1.0"
    assert "MINT-Broschüre 2014" in data["isBasedOn"]
