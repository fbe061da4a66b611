"""The directory's city filter counts every organisation seated in the city or below it, in one
pass over the seats (the load test's organisation list with 100,000 organisations, #19)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.forms import OrganisationFilterForm
from actors.models import Organisation
from actors.selectors import organisation_facets
from actors.tests.factories import OrganisationFactory
from places.models import Level
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


def _city_counts(data):
    form = OrganisationFilterForm(data)
    groups = organisation_facets(Organisation.objects.all(), form).groups
    city = next(g for g in groups if g.name == "city")
    return {v.value: v.count for v in city.values}


def test_a_city_counts_organisations_seated_in_it_and_in_its_districts():
    erfurt = TerritoryFactory(code="16051000", name="Erfurt")
    district = TerritoryFactory(code="160510001", name="Altstadt", level=Level.DISTRICT,
                                parent=erfurt)  # fmt: skip
    jena = TerritoryFactory(code="16053000", name="Jena")
    OrganisationFactory(seat=erfurt)
    OrganisationFactory.create_batch(2, seat=district)
    OrganisationFactory(seat=jena)
    counts = _city_counts({})
    assert (counts[""], counts["16051000"], counts["16053000"]) == (4, 3, 1)
    # Chosen kind narrows the city counts too.
    OrganisationFactory(seat=district, kind="library")
    assert _city_counts({"kind": "library"})["16051000"] == 1


def test_the_city_counts_take_the_same_queries_however_many_seats():
    cities = [TerritoryFactory() for _ in range(3)]
    for city in cities:
        OrganisationFactory(seat=city)
    with CaptureQueriesContext(connection) as few:
        _city_counts({})
    cities += [TerritoryFactory() for _ in range(10)]
    for city in cities[3:]:
        OrganisationFactory(seat=city)
    with CaptureQueriesContext(connection) as many:
        counts = _city_counts({})
    assert len(many) == len(few)
    assert all(counts[c.code] == 1 for c in cities)


def test_the_kind_counts_add_up_organisations_of_different_names():
    # The model's default order (by name) must not join the GROUP BY: one row per name, and
    # each kind counted as 1 whatever its number.
    city = TerritoryFactory()
    OrganisationFactory(seat=city, kind="library", name="Stadtbibliothek")
    OrganisationFactory(seat=city, kind="library", name="Bibliothek am Markt")
    OrganisationFactory(seat=city, kind="ngo", name="Lernhaus")
    groups = organisation_facets(Organisation.objects.all(), OrganisationFilterForm({})).groups
    kinds = {v.value: v.count for v in next(g for g in groups if g.name == "kind").values}
    assert (kinds["library"], kinds["ngo"]) == (2, 1)
    two_in_one_seat = {v.value: v.count for v in next(g for g in groups if g.name == "city").values}
    assert two_in_one_seat[city.code] == 3
