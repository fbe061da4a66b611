"""The shared list plumbing: the capped paginator."""

import pytest

from bildungsnetz.listing import CappedPaginator
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
