"""Storing computed indicator values: a recompute writes exactly what changed."""

import datetime

import pytest

from monitoring.indicators import indicator_compute
from monitoring.models import DimensionKey, IndicatorValue, Observation
from monitoring.tests.factories import DatasetFactory, IndicatorFactory, MeasureFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


def _observe(dataset, measure, territory, period, value, symbol=""):
    total, _created = DimensionKey.objects.get_or_create(key="")
    return Observation.objects.create(
        dataset=dataset, measure=measure, territory=territory, dimension_key=total,
        period=period, period_date=datetime.date(int(period), 12, 31), value=value, symbol=symbol,
    )  # fmt: skip


def _stored(indicator):
    return {
        (v.territory.code, v.period): (v.value, v.symbol, v.numerator, v.denominator)
        for v in IndicatorValue.objects.filter(indicator=indicator).select_related("territory")
    }


def test_a_recompute_creates_updates_and_deletes_only_what_changed():
    dataset = DatasetFactory(is_public=True)
    pupils, people = MeasureFactory(code="SCHUELER"), MeasureFactory(code="EINWOHNER")
    a, b = TerritoryFactory(code="91001"), TerritoryFactory(code="91002")
    for territory, period, n, d in ((a, "2023", 10, 200), (a, "2024", 12, 240), (b, "2024", 5, 0)):
        _observe(dataset, pupils, territory, period, n)
        _observe(dataset, people, territory, period, d)
    indicator = IndicatorFactory(
        numerator={"measure": "SCHUELER"}, denominator={"measure": "EINWOHNER"}, scale=100
    )

    assert indicator_compute(indicator) == (3, 0, 0)
    assert _stored(indicator) == {
        ("91001", "2023"): (5.0, "", 10.0, 200.0),
        ("91001", "2024"): (5.0, "", 12.0, 240.0),
        ("91002", "2024"): (None, "x", 5.0, 0.0),  # a zero denominator: not meaningful
    }
    ids = set(IndicatorValue.objects.values_list("pk", flat=True))
    assert indicator_compute(indicator) == (0, 0, 0)  # nothing changed: nothing written

    Observation.objects.filter(measure=pupils, territory=a, period="2024").update(value=24)
    Observation.objects.filter(territory=a, period="2023").delete()
    Observation.objects.filter(measure=people, territory=b).update(value=50)
    assert indicator_compute(indicator) == (0, 2, 1)
    assert _stored(indicator) == {
        ("91001", "2024"): (10.0, "", 24.0, 240.0),
        ("91002", "2024"): (10.0, "", 5.0, 50.0),  # the symbol goes with the zero
    }
    assert set(IndicatorValue.objects.values_list("pk", flat=True)) < ids  # updated in place
