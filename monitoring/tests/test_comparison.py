"""The comparison of territories is one read (`selectors.indicator_comparison_table`), for
chosen territories and for a peer group alike."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from monitoring.models import IndicatorValue
from monitoring.selectors import indicator_comparison_table
from places.models import Territory

from .factories import DatasetFactory, IndicatorFactory, PeerGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def erfurt_and_vienna(reference_territories):
    erfurt = Territory.objects.get_by_key("ags:16051000")
    vienna = Territory.objects.get_by_key("gkz:90001")
    dataset = DatasetFactory()
    shared, erfurt_only, none = IndicatorFactory.create_batch(3)

    def value(indicator, territory, year, number):
        IndicatorValue.objects.create(
            indicator=indicator, territory=territory, period=str(year),
            period_date=dt.date(year, 12, 31), value=number, dataset=dataset,
        )  # fmt: skip

    value(shared, erfurt, 2020, 1.0)
    value(shared, erfurt, 2022, 2.0)
    value(shared, vienna, 2021, 3.0)
    value(erfurt_only, erfurt, 2022, 4.0)
    return erfurt, vienna, dataset, (shared, erfurt_only, none)


def test_the_table_holds_the_latest_value_per_indicator_and_territory(erfurt_and_vienna):
    erfurt, vienna, dataset, (shared, erfurt_only, _none) = erfurt_and_vienna
    table = indicator_comparison_table(territories=[erfurt, vienna])
    rows = {row["indicator"]: row for row in table["rows"]}
    assert list(rows) == [shared, erfurt_only]  # without values for them: left out
    assert [c["value"].value for c in rows[shared]["cells"]] == [2.0, 3.0]
    assert rows[shared]["mixed_periods"]
    assert rows[erfurt_only]["cells"][1] == {"value": None}
    assert not rows[erfurt_only]["mixed_periods"]
    assert table["datasets"] == [dataset] and table["cross_country"]


def test_named_indicators_stay_in_the_table_without_values(erfurt_and_vienna):
    erfurt, _vienna, _dataset, (_shared, _erfurt_only, none) = erfurt_and_vienna
    table = indicator_comparison_table(territories=[erfurt], codes=[none.code])
    assert [row["indicator"] for row in table["rows"]] == [none]
    assert table["rows"][0]["cells"] == [{"value": None}]
    assert table["datasets"] == [] and not table["cross_country"]


def _table(html: str) -> str:
    return html[html.index("<table") : html.index("</table>")]


def test_a_peer_group_page_is_the_comparison_of_its_territories(erfurt_and_vienna, client):
    erfurt, vienna, _dataset, _indicators = erfurt_and_vienna
    group = PeerGroupFactory()
    group.territories.set([erfurt, vienna])
    peer = client.get(reverse("monitoring:peer_group", kwargs={"slug": group.slug}))
    chosen = client.get(reverse("monitoring:compare"), {"gebiet": [erfurt.key, vienna.key]})
    assert peer.status_code == 200
    assert _table(peer.content.decode()) == _table(chosen.content.decode())


def test_a_peer_group_page_leaves_the_request_alone(erfurt_and_vienna, admin_user):
    from monitoring import views

    erfurt, _vienna, _dataset, _indicators = erfurt_and_vienna
    group = PeerGroupFactory()
    group.territories.set([erfurt])
    request = RequestFactory().get("/", {"indikator": "x"})
    request.user = admin_user
    views.peer_group_detail(request, group.slug)
    assert dict(request.GET.lists()) == {"indikator": ["x"]}
