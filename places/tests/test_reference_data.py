import pytest

from places.models import Level, Territory
from places.services import territories_load_reference, territory_for_statistics_key


@pytest.fixture
def loaded(db):
    return territories_load_reference()


def test_it_ships_the_cities_of_the_source_documents(loaded):
    assert Territory.objects.get_by_key("ags:16051000").name_de == "Erfurt"
    assert Territory.objects.get_by_key("gkz:90001").name_en == "Vienna"
    assert Territory.objects.get_by_key("ags:11000000").nuts == "DE300"
    for name in ["Hamburg", "Leipzig", "Halle (Saale)", "Wolgograd", "St. Petersburg", "Helsinki",
                 "Paris", "Warschau", "Amsterdam", "Windhuk", "Taschkent"]:  # fmt: skip
        assert Territory.objects.filter(name_de=name, level=Level.CITY).exists(), name


def test_it_ships_states_of_germany_and_austria(loaded):
    assert Territory.objects.filter(level=Level.STATE, country="DE").count() == 16
    assert Territory.objects.filter(level=Level.STATE, country="AT").count() == 9


def test_vienna_has_23_districts_and_berlin_12_boroughs_with_boundaries(loaded):
    wien = Territory.objects.get_by_key("gkz:90001")
    berlin = Territory.objects.get_by_key("ags:11000000")
    assert wien.children.filter(level=Level.DISTRICT).count() == 23
    assert Territory.objects.get_by_key("gkz:91001").name_de == "10. Favoriten"
    boroughs = berlin.children.filter(level=Level.DISTRICT)
    assert boroughs.count() == 12
    assert boroughs.with_boundary().count() == 12


def test_berlin_lor_hierarchy_goes_down_to_542_planning_areas(loaded):
    berlin = Territory.objects.get_by_key("ags:11000000")
    below = Territory.objects.descendants_of(berlin)
    assert below.filter(level=Level.PLANNING_AREA).count() == 542
    area = Territory.objects.get_by_key("lor:01100101")
    assert area.name_de == "Stülerstraße"
    assert [t.level for t in area.ancestors()][-4:] == [
        Level.CITY, Level.DISTRICT, Level.FORECAST_AREA, Level.DISTRICT_REGION
    ]  # fmt: skip


def test_loading_twice_changes_nothing(loaded):
    before = Territory.objects.count()
    report = territories_load_reference()
    assert Territory.objects.count() == before
    assert report.created == 0
    assert report.updated == 0


def test_county_keys_of_official_statistics_resolve_to_county_free_cities(loaded):
    assert territory_for_statistics_key("ags:16051").code == "16051000"
    assert territory_for_statistics_key("ags:16").name_de == "Thüringen"
    assert territory_for_statistics_key("ags:16052") is None


def test_it_ships_bochum_and_the_leipzig_districts_of_the_open_data(loaded):
    bochum = Territory.objects.get_by_key("ags:05911000")
    assert (bochum.name_de, bochum.level, bochum.parent.name_de) == (
        "Bochum", Level.CITY, "Nordrhein-Westfalen",
    )  # fmt: skip
    leipzig = Territory.objects.get_by_key("ags:14713000")
    districts = leipzig.children.filter(level=Level.DISTRICT)
    assert districts.count() == 53
    assert districts.get(code="DE:leipzig-gruenau-nord").name_de == "Grünau-Nord"
    assert districts.get(code="DE:leipzig-schleussig").name_de == "Schleußig"
