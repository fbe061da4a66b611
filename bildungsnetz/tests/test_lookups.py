"""`__any_of`: the rows `__in` selects, sent as one array parameter on PostgreSQL."""

import pytest
from django.db import connection

from places.models import Territory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return [TerritoryFactory(parent=None) for _ in range(5)]


@pytest.mark.parametrize("pick", [[0], [1, 3], [0, 1, 2, 3, 4], []])
def test_any_of_selects_what_in_selects(places, pick):
    ids = [places[i].pk for i in pick] + [10**12]  # and an id nobody has
    expected = set(Territory.objects.filter(pk__in=ids).values_list("pk", flat=True))
    assert set(Territory.objects.filter(pk__any_of=ids).values_list("pk", flat=True)) == expected
    assert expected == {places[i].pk for i in pick}


def test_any_of_works_inside_a_subquery(places):
    """Facets count related rows of the chosen ids through a subquery with its own aliases."""
    chosen = Territory.objects.filter(pk__any_of=[places[1].pk, places[2].pk]).values("pk")
    assert set(Territory.objects.filter(pk__in=chosen).values_list("pk", flat=True)) == {
        places[1].pk,
        places[2].pk,
    }
    assert not Territory.objects.filter(pk__any_of=[None]).exists()


def test_any_of_is_one_array_parameter_on_postgresql(places):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's ANY")
    ids = [place.pk for place in places]
    sql, params = Territory.objects.filter(pk__any_of=ids).query.sql_with_params()
    assert "= ANY(%s)" in sql
    assert list(params) == [ids]
