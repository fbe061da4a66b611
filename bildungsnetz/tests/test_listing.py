"""The shared list plumbing: the capped paginator."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bildungsnetz.listing import CappedPaginator, capped_count
from places.models import Territory

pytestmark = pytest.mark.django_db


def test_capped_paginator_stops_counting_at_the_cap(reference_territories):
    territories = Territory.objects.order_by("pk")
    total = territories.count()
    assert total > 5
    paginator = CappedPaginator(territories, 2, cap=5)
    assert paginator.count == 5 and paginator.more
    assert paginator.num_pages == 3
    assert len(paginator.page(3).object_list) == 1

    exact = CappedPaginator(territories, 2, cap=total)
    assert exact.count == total and not exact.more


def test_capped_count_ignores_the_order(reference_territories):
    """An ordered capped count made the database fetch the rows in index order, at random."""
    territories = Territory.objects.order_by("name", "pk")
    with CaptureQueriesContext(connection) as queries:
        assert CappedPaginator(territories, 2, cap=5).count == 5
    (count,) = [q["sql"] for q in queries.captured_queries]
    assert "COUNT(" in count.upper() and "ORDER BY" not in count.upper()
    assert capped_count(list(territories), 3) == 4
