"""Pages that keep the symbols' meaning: a "." stays ".", a "-" is a true zero, a legend under
every table of figures, rankings without territories that have no number, year axes."""

import json
import math
import re

import pandas as pd
import pytest
from django.urls import reverse, translate_url

from monitoring import charts
from monitoring.indicators import combine
from monitoring.models import Indicator, IndicatorValue
from monitoring.selectors import indicator_ranking_parts, indicator_rows

pytestmark = pytest.mark.django_db
# `genesis` imported once for the module (monitoring/tests/conftest.py).
GENESIS_ONCE = True

FHR = "absolventen-fachhochschulreife"
DOT = '<abbr class="bn-symbol" title="unbekannt oder geheim">.</abbr>'


def _frame(rows):
    return pd.DataFrame(rows, columns=["territory_id", "period", "value", "symbol"])


def _rows(page: str, table_id: str) -> list[str]:
    """The body rows of the table that points at legend `table_id`."""
    table = page.split(f'aria-describedby="{table_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr class=\"kern-table__row[^>]*>(.*?)</tr>", table, re.S)[1:]


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


def _spec(page: str, chart_id: str) -> dict:
    found = re.search(
        rf'<script id="{chart_id}" type="application/json">(.*?)</script>', page, re.S
    )
    return json.loads(found.group(1))


def _dotted(indicator_code=FHR) -> IndicatorValue:
    return (
        IndicatorValue.objects.filter(
            indicator__code=indicator_code, symbol=".", numerator__isnull=True
        )
        .select_related("territory")
        .order_by("territory__code", "period")
        .first()
    )


def test_a_dot_numerator_shows_a_dot_with_its_meaning_not_a_dash(genesis, client):
    dotted = _dotted()
    page = client.get(
        reverse("monitoring:indicator_detail", kwargs={"code": FHR}),
        {"gebiet": dotted.territory.key},
    ).content.decode()
    row = next(r for r in _rows(page, "legend-series") if f">{dotted.period}<" in r)
    _territory, _period, value, numerator, denominator, _source = _cells(row)
    assert value == DOT
    assert numerator == DOT
    assert "–" not in numerator and "–" not in denominator
    assert re.fullmatch(r"[\d\u202f]+", denominator), denominator  # the real denominator


def test_a_count_indicator_shows_no_numerator_or_denominator_columns(genesis, client):
    page = client.get(
        reverse("monitoring:indicator_detail", kwargs={"code": "schulabgaenger"})
    ).content.decode()
    header = page.split('aria-describedby="legend-series"', 1)[1].split("</thead>", 1)[0]
    assert "Nenner" not in header and "Zähler" not in header


def test_every_table_of_figures_has_the_symbol_legend_and_its_sources(genesis, client, erfurt):
    pages = [
        reverse("monitoring:indicator_detail", kwargs={"code": FHR}),
        reverse("monitoring:compare", query={"gebiet": ["ags:16051000", "ags:16"]}),
        reverse("monitoring:dataset_detail", kwargs={"code": "21111-02-06-4"}),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        tables = page.count('<table class="kern-table')
        legends = re.findall(r'<div class="bn-legend" id="([^"]+)"', page)
        assert tables <= len(legends), url
        for legend_id in legends:
            legend = page.split(f'id="{legend_id}"', 1)[1].split("</div>", 1)[0]
            assert "unbekannt oder geheim" in legend and "echte Null" in legend, url
            assert "eingeschränkte Aussagekraft" in legend and "vorläufig" in legend, url
    page = client.get(reverse("monitoring:indicator_detail", kwargs={"code": FHR})).content.decode()
    legend = page.split('id="legend-series"', 1)[1].split("</div>", 1)[0]
    assert "Regionaldatenbank" in legend and "Datenlizenz Deutschland" in legend
    assert reverse("monitoring:dataset_detail", kwargs={"code": "21111-02-06-4"}) in legend


def test_a_count_of_nothing_keeps_its_dash_and_zero_over_zero_is_not_meaningful():
    count = combine(_frame([(1, "2015", 0.0, "-"), (2, "2015", float("nan"), ".")]), None, 1)
    count = count.set_index("territory_id")
    assert (count.loc[1, "value"], count.loc[1, "symbol"]) == (0.0, "-")
    assert count.loc[2, "symbol"] == "." and math.isnan(count.loc[2, "value"])
    ratio = combine(
        _frame([(1, "2015", 0.0, "-")]), _frame([(1, "2015", 0.0, "-")]), 100
    ).set_index("territory_id")
    assert ratio.loc[1, "symbol"] == "x" and math.isnan(ratio.loc[1, "value"])


def test_the_indicator_csv_writes_a_symbol_for_a_dissolved_territory_not_an_empty_zero(genesis):
    # Aachen, Kreis (05354) became part of the Städteregion Aachen in 2009: "-" in 2014 and 2015.
    for code, symbol in (("schulabgaenger", "-"), ("abgaenger-ohne-hauptschulabschluss", "x")):
        rows = [r for r in indicator_rows(Indicator.objects.get(code=code)) if r[1] == "ags:05354"]
        assert rows, code
        for row in rows:
            assert row[5] == symbol, (code, row)
            assert not (row[4] in ("0", "0.0") and row[5] == ""), (code, row)


def test_dissolved_territories_are_left_out_of_the_ranking_with_a_note(genesis, client):
    indicator = Indicator.objects.get(code="schulabgaenger")
    ranked, left_out = indicator_ranking_parts(indicator, "2015", level="county")
    assert "ags:05354" not in {v.territory.key for v in ranked}  # Aachen, Kreis: dissolved
    assert "ags:05354" in {v.territory.key for v in left_out}
    assert all(v.value is not None and v.value > 0 for v in ranked)
    page = client.get(
        reverse("monitoring:indicator_detail", kwargs={"code": "schulabgaenger"}),
        {"zeitraum": "2015"},
    ).content.decode()
    ranking = page.split('aria-describedby="legend-ranking"', 1)[1].split("</table>", 1)[0]
    assert ">Aachen, Kreis<" not in ranking and ">Städteregion Aachen, Kreis<" in ranking
    note = page.split('class="kern-body bn-ranking-note"', 1)[1].split("</p>", 1)[0]
    assert f": {len(left_out)}." in note
    assert "nicht mehr" in note  # says why: territories that no longer existed


def test_erfurt_is_in_the_county_ranking_that_highlights_it(genesis, client, erfurt):
    indicator = Indicator.objects.get(code="abgaenger-ohne-hauptschulabschluss")
    ranked, _left_out = indicator_ranking_parts(indicator, "2015", level="county")
    assert erfurt.pk in {v.territory_id for v in ranked}
    page = client.get(
        reverse("monitoring:indicator_detail", kwargs={"code": indicator.code}),
        {"gebiet": "ags:16051000"},
    ).content.decode()
    ranking = page.split('aria-describedby="legend-ranking"', 1)[1].split("</table>", 1)[0]
    assert re.search(r'bn-row--highlight">.*?>Erfurt<', ranking)
    spec = _spec(page, "chart-ranking")
    assert "Erfurt" in spec["encoding"]["color"]["condition"]["test"]
    assert "Erfurt" in {r["territory"] for r in spec["data"]["values"]}


def test_a_yearly_series_has_a_year_axis():
    rows = [
        {"territory": "Erfurt", "period": str(y), "date": f"{y}-12-31", "value": 1.0}
        for y in range(2002, 2026)
    ]
    x = charts.time_series(rows, title="t", unit="%")["encoding"]["x"]
    assert x["type"] == "temporal" and x["timeUnit"] in ("year", "utcyear")
    assert x["axis"]["format"] == "%Y"
    assert x["axis"]["tickCount"]["interval"] == "year"


def test_the_indicator_page_charts_years_for_yearly_data(genesis, client):
    page = client.get(
        reverse(
            "monitoring:indicator_detail", kwargs={"code": "abgaenger-ohne-hauptschulabschluss"}
        ),
        {"gebiet": "ags:16051000"},
    ).content.decode()
    spec = _spec(page, "chart-series")
    assert spec["encoding"]["x"]["axis"]["format"] == "%Y"
    assert "monitoring/vega_locale.js" in page


def test_figures_follow_the_page_language(genesis, client):
    german = client.get(
        reverse("monitoring:indicator_detail", kwargs={"code": FHR}), {"gebiet": "ags:16051000"}
    )
    english = client.get(
        translate_url(reverse("monitoring:indicator_detail", kwargs={"code": FHR}), "en"),
        {"gebiet": "ags:16051000"},
    )
    assert "1\u202f501" in german.content.decode()
    assert "1,501" in english.content.decode()


def test_the_comparison_shows_symbols_notes_and_no_data_only_where_there_is_none(genesis, client):
    dotted = _dotted()
    page = client.get(
        reverse("monitoring:compare"),
        {"gebiet": [dotted.territory.key, "gkz:90001"], "indikator": [FHR, "bevoelkerung"]},
    ).content.decode()
    rows = _rows(page, "legend-compare")
    fhr = next(_cells(r) for r in rows if FHR in r)
    assert fhr[1].startswith(DOT)  # the "." of the source, with its meaning
    assert "noch keine Daten" in fhr[2]  # nothing imported for Vienna
    assert "noch keine Daten" not in fhr[1]
    population = next(_cells(r) for r in rows if "bevoelkerung" in r)
    assert "Stichtag" in population[-1]  # the comparability note next to its row


def test_a_denominator_with_its_own_symbol_shows_that_symbol(erfurt, client):
    import datetime

    from monitoring.indicators import indicator_compute
    from monitoring.models import DimensionKey, Observation
    from monitoring.tests.factories import DatasetFactory, IndicatorFactory, MeasureFactory

    dataset = DatasetFactory()
    total, _created = DimensionKey.objects.get_or_create(key="")
    for code, symbol in (("ZAEHLER", "."), ("NENNER", "/")):
        Observation.objects.create(
            dataset=dataset, measure=MeasureFactory(code=code), territory=erfurt,
            dimension_key=total, period="2024", period_date=datetime.date(2024, 12, 31),
            value=None, symbol=symbol,
        )  # fmt: skip
    indicator = IndicatorFactory(
        numerator={"measure": "ZAEHLER"}, denominator={"measure": "NENNER"}, scale=100
    )
    indicator_compute(indicator)
    page = client.get(
        reverse("monitoring:indicator_detail", kwargs={"code": indicator.code})
    ).content.decode()
    (row,) = _rows(page, "legend-series")
    _territory, _period, value, numerator, denominator, _source = _cells(row)
    assert value == DOT and numerator == DOT  # the numerator's symbol wins for the value
    assert denominator == '<abbr class="bn-symbol" title="nicht sicher genug">/</abbr>'


def test_a_sum_of_parts_that_are_all_suppressed_is_unknown_not_zero(reference_territories):
    from monitoring.indicators import aggregate_up
    from places.models import Level, Territory

    city = Territory.objects.filter(level=Level.CITY, children__level=Level.DISTRICT).first()
    parts = list(city.children.filter(level=Level.DISTRICT)[:2])
    assert len(parts) == 2
    frame = pd.DataFrame(
        [(p.pk, "2024", pd.Timestamp("2024-12-31"), float("nan"), ".", 1) for p in parts],
        columns=["territory_id", "period", "period_date", "value", "symbol", "dataset_id"],
    )
    sums = aggregate_up(frame).set_index("territory_id")
    assert sums.loc[city.pk, "symbol"] == "." and math.isnan(sums.loc[city.pk, "value"])
    frame["value"], frame["symbol"] = 0.0, "-"
    sums = aggregate_up(frame).set_index("territory_id")
    assert (sums.loc[city.pk, "value"], sums.loc[city.pk, "symbol"]) == (0.0, "-")


def test_a_map_shape_without_a_number_says_what_its_symbol_means():
    from types import SimpleNamespace

    from django.utils import translation

    from monitoring.views import _map_label

    indicator = SimpleNamespace(decimals=1, unit="%")
    with translation.override("de"):
        assert _map_label(SimpleNamespace(value=None, symbol="."), indicator) == (
            ". (unbekannt oder geheim)"
        )
        assert _map_label(SimpleNamespace(value=12.34, symbol=""), indicator) == "12,3 %"
