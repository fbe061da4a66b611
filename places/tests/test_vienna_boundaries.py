"""Vienna's 23 districts carry their boundaries and areas from the city's open data."""

import pytest

from places.geometry import contains
from places.models import Level, Territory
from places.services import territories_load_reference


@pytest.fixture
def loaded(db):
    return territories_load_reference()


def test_every_vienna_district_has_a_boundary_and_an_area(loaded):
    districts = Territory.objects.get_by_key("gkz:90001").children.filter(level=Level.DISTRICT)
    assert districts.with_boundary().count() == 23
    assert districts.filter(area_m2__isnull=True).count() == 0
    total_km2 = sum(d.area_m2 for d in districts) / 1e6
    assert total_km2 == pytest.approx(414.87, abs=1.0)  # MA 23's area of Vienna


def test_district_boundaries_sit_where_the_district_is(loaded):
    innere_stadt = Territory.objects.get_by_key("gkz:90101")
    favoriten = Territory.objects.get_by_key("gkz:91001")
    stephansdom = (16.3731, 48.2085)
    assert contains(innere_stadt.boundary, *stephansdom)
    assert not contains(favoriten.boundary, *stephansdom)


def test_loading_boundaries_twice_changes_nothing(loaded):
    report = territories_load_reference()
    assert (report.created, report.updated) == (0, 0)
