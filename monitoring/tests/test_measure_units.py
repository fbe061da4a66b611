"""A measure is its code and its unit: a code a table holds as a count and as a share is never
mixed into an indicator, a denominator's symbol or a segregation index."""

from __future__ import annotations

from datetime import date

import pytest

from monitoring.indicators import indicator_frame
from monitoring.models import DimensionKey, Measure, Observation
from monitoring.selectors import denominator_symbols
from monitoring.spatial import _frame
from monitoring.tests.factories import DatasetFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def count_and_share(erfurt):
    """SCHUELER in Erfurt 2024 as a count (first table) and as a share (a later table)."""
    total = DimensionKey.objects.get_or_create(key="")[0]
    for unit, value, symbol in (("Anzahl", 1200.0, ""), ("%", 12.5, "p")):
        measure = Measure.objects.create(code="SCHUELER", label="Schüler", unit=unit)
        Observation.objects.create(
            dataset=DatasetFactory(),
            measure=measure,
            territory=erfurt,
            period="2024",
            period_date=date(2024, 12, 31),
            dimension_key=total,
            value=value,
            symbol=symbol,
        )
    return erfurt


def test_an_indicator_on_the_count_never_takes_the_share(count_and_share):
    indicator = IndicatorFactory(
        numerator={"measure": "SCHUELER", "unit": "Anzahl"}, aggregate=False
    )
    frame = indicator_frame(indicator)
    assert frame["value"].tolist() == [1200.0]


def test_a_segregation_series_on_the_count_never_takes_the_share(count_and_share):
    frame = _frame({"measure": "SCHUELER", "unit": "Anzahl"})
    assert frame["value"].tolist() == [1200.0]


def test_a_denominators_symbol_comes_from_its_own_unit(count_and_share):
    class Value:
        territory_id, period, numerator, denominator = count_and_share.pk, "2024", None, None

    indicator = IndicatorFactory(denominator={"measure": "SCHUELER", "unit": "Anzahl"})
    assert denominator_symbols(indicator, [Value()]) == {(count_and_share.pk, "2024"): ""}
