"""The load test's bare view (bench/load.py) exists only where BENCH_BARE_VIEW switches it on."""

import pytest
from django.test import RequestFactory

from bildungsnetz.views import bench_bare


@pytest.mark.django_db
def test_the_bare_view_is_not_mounted_by_default(client, settings):
    assert settings.BENCH_BARE_VIEW is False
    assert client.get("/__bench/bare").status_code == 404


def test_the_bare_view_answers_ok():
    response = bench_bare(RequestFactory().get("/__bench/bare"))
    assert (response.status_code, response.content) == (200, b"ok")
