"""The open data of Leipzig and Bochum in the directory: loaded once per module, in bulk, with
source and licence; loading the same files again changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from actors import opendata
from actors.models import Organisation
from actors.services import taxonomies_load
from bildungsnetz.testing.module_data import loaded_for_the_module
from places.models import Territory
from places.services import territories_load_reference
from search.models import SearchEntry

pytestmark = pytest.mark.skipif(
    not opendata.available(opendata.LEIPZIG_ASSOCIATIONS)
    or not opendata.available(opendata.BOCHUM_SCHOOLS),
    reason="the open data files (../shared/data) are not on this machine",
)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with loaded_for_the_module(django_db_blocker):
        territories_load_reference()
        taxonomies_load()
        yield opendata.load()


def _of(dataset):
    return Organisation.objects.filter(source=dataset.source)


def test_the_directory_holds_the_leipzig_and_bochum_organisations(loaded, db):
    assert _of(opendata.LEIPZIG_ASSOCIATIONS).count() == 479
    assert _of(opendata.BOCHUM_SCHOOLS).count() == 236
    assert _of(opendata.BOCHUM_DAYCARE).count() == 193
    # 45 learning places; those already listed as an association (same website) are not
    # added a second time.
    assert len(loaded["leipzig-mint"].by_external_id) == 45
    assert _of(opendata.LEIPZIG_MINT).count() == loaded["leipzig-mint"].created < 45


def test_loading_the_same_files_again_changes_nothing(loaded, db):
    history = Organisation.history.count()
    entries = SearchEntry.objects.filter(kind="organisation").count()
    again = opendata.load()
    assert {key: (r.created, r.updated) for key, r in again.items()} == dict.fromkeys(
        loaded, (0, 0)
    )
    assert Organisation.history.count() == history
    assert SearchEntry.objects.filter(kind="organisation").count() == entries


def test_a_record_changed_here_is_updated_from_the_source_not_duplicated(loaded, db):
    adfc = _of(opendata.LEIPZIG_ASSOCIATIONS).get(external_id__endswith="/Verein/ADFC")
    Organisation.objects.filter(pk=adfc.pk).update(name_de="Changed", phone="")
    again = opendata.load(cities=("leipzig",))
    assert again["leipzig-vereine"].updated == 1
    adfc.refresh_from_db()
    assert (adfc.name_de, adfc.phone) == ("ADFC Leipzig", "0341-22540313")
    assert _of(opendata.LEIPZIG_ASSOCIATIONS).count() == 479


def test_an_association_keeps_its_district_address_and_categories(loaded, db):
    adfc = _of(opendata.LEIPZIG_ASSOCIATIONS).get(external_id__endswith="/Verein/ADFC")
    assert adfc.seat == Territory.objects.get_by_key("local:DE:leipzig-zentrum-ost")
    assert adfc.seat.parent == Territory.objects.get_by_key(opendata.LEIPZIG)
    assert (adfc.postcode, adfc.locality) == ("04103", "Leipzig")
    assert adfc.kind == "ngo"
    assert set(adfc.topics.values_list("name_en", flat=True)) == {"Environment and urban green"}


def test_real_open_data_is_public_but_neither_demo_content_nor_verified(loaded, db):
    entries = Organisation.objects.exclude(source="")
    assert not entries.filter(is_demo=True).exists()
    assert not entries.filter(verified=True).exists()
    assert entries.filter(is_public=True).count() == entries.count()


def test_bochum_institutions_get_their_kind_and_a_position_in_bochum(loaded, db):
    schools = _of(opendata.BOCHUM_SCHOOLS)
    kitas = _of(opendata.BOCHUM_DAYCARE)
    assert set(kitas.values_list("kind", flat=True)) == {"daycare"}
    assert schools.get(name_de="Volkshochschule (VHS) Bochum").kind == "adult_education"
    assert schools.get(name_de="Ruhr-Universität Bochum (RUB)").kind == "university"
    assert set(schools.filter(name_de__icontains="grundschule").values_list("kind", flat=True)) == {
        "school"
    }
    for lat, lon in [
        *schools.values_list("latitude", "longitude"),
        *kitas.values_list("latitude", "longitude"),
    ]:  # noqa: E501
        assert 51.38 < lat < 51.56 and 7.09 < lon < 7.36


def test_the_detail_page_shows_source_and_licence(loaded, db, client):
    adfc = _of(opendata.LEIPZIG_ASSOCIATIONS).get(external_id__endswith="/Verein/ADFC")
    with translation.override("en"):
        page = client.get(reverse("actors:organisation_detail", args=[adfc.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "https://github.com/LeipzigData/RDFData" in html
    assert "CC0 1.0" in html
    assert "Licence" in html


def test_open_data_organisations_are_in_the_search_index(loaded, db):
    ids = set(_of(opendata.BOCHUM_DAYCARE).values_list("pk", flat=True))
    indexed = set(
        SearchEntry.objects.filter(
            kind="organisation", object_id__in=ids, is_public=True
        ).values_list("object_id", flat=True)
    )
    assert indexed == ids
