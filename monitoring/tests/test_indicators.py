import math

import pandas as pd
import pytest
from django.urls import reverse

from monitoring.indicators import combine, indicators_load_catalogue
from monitoring.models import Indicator, IndicatorValue
from monitoring.selectors import indicator_latest, indicator_ranking, indicator_values

pytestmark = pytest.mark.django_db
# `genesis` imported once for the module (monitoring/tests/conftest.py).
GENESIS_ONCE = True


def _frame(rows):
    return pd.DataFrame(rows, columns=["territory_id", "period", "value", "symbol"])


def test_symbols_propagate_and_a_dot_is_never_zero():
    num = _frame([(1, "2015", float("nan"), "."), (2, "2015", 0.0, "-"), (3, "2015", 5.0, "()"),
                  (4, "2015", 5.0, ""), (5, "2015", 5.0, "")])  # fmt: skip
    den = _frame([(1, "2015", 10.0, ""), (2, "2015", 10.0, ""), (3, "2015", 10.0, ""),
                  (4, "2015", 0.0, "-"), (5, "2015", float("nan"), "x")])  # fmt: skip
    out = combine(num, den, 100).set_index("territory_id")
    assert out.loc[1, "symbol"] == "." and math.isnan(out.loc[1, "value"])
    assert out.loc[2, "value"] == 0 and out.loc[2, "symbol"] == ""
    assert out.loc[3, "value"] == 50 and out.loc[3, "symbol"] == "()"
    assert out.loc[4, "symbol"] == "x" and math.isnan(out.loc[4, "value"])
    assert out.loc[5, "symbol"] == "x"


def test_the_catalogue_has_25_indicators_and_loads_idempotently(db):
    assert indicators_load_catalogue()[0] >= 25
    assert indicators_load_catalogue() == (0, 0)
    areas = set(Indicator.objects.values_list("area", flat=True))
    assert {"context", "early_childhood", "general_schools", "vocational_training",
            "higher_education", "continuing_education", "non_formal", "networks_guidance",
            "sustainability", "skilled_workers"} <= areas  # fmt: skip


def test_erfurt_2015_leavers_without_hauptschulabschluss(genesis, erfurt):
    value = indicator_values("abgaenger-ohne-hauptschulabschluss", [erfurt], ["2015"]).get()
    assert (value.numerator, value.denominator) == (137, 1501)
    assert round(value.value, 1) == 9.1
    assert value.dataset.code == "21111-02-06-4"
    assert indicator_latest("bevoelkerung", erfurt).value == 218793


def test_a_dot_in_the_source_gives_a_dot_indicator(genesis):
    dotted = IndicatorValue.objects.filter(
        indicator__code="absolventen-fachhochschulreife", symbol="."
    )
    assert dotted.exists()
    assert all(v.value is None for v in dotted)


def test_ranking_puts_the_best_first_and_symbols_last(genesis):
    indicator = Indicator.objects.get(code="abgaenger-ohne-hauptschulabschluss")
    ranking = indicator_ranking(indicator, "2015", level="county")
    numbers = [v.value for v in ranking if v.value is not None]
    assert numbers == sorted(numbers)  # lower is better
    first_symbol = next((i for i, v in enumerate(ranking) if v.value is None), len(ranking))
    assert all(v.value is None for v in ranking[first_symbol:])
    abitur = Indicator.objects.get(code="absolventen-hochschulreife")
    values = [v.value for v in indicator_ranking(abitur, "2015") if v.value is not None]
    assert values == sorted(values, reverse=True)


def test_an_indicator_without_data_is_a_valid_entry(catalogue, client):
    indicator = Indicator.objects.get(code="bne-schulen-anteil")
    assert not indicator.values.exists()
    response = client.get(reverse("monitoring:indicator_detail", kwargs={"code": indicator.code}))
    assert response.status_code == 200
    assert (
        "Noch keine Daten" in response.content.decode()
        or "No data yet" in response.content.decode()
    )
