"""Live figures in report texts: number, unit and footnote; symbols never as 0; errors visible."""

import datetime as dt

import pytest
from django.utils import translation

from monitoring.models import IndicatorValue
from monitoring.tests.factories import IndicatorFactory
from places.tests.factories import TerritoryFactory
from reports import blocks, placeholders, selectors
from reports.figures import UNKNOWN_INDICATOR, UNKNOWN_TERRITORY, figures_resolve

from .factories import BlockFactory, ReportFactory, SectionFactory, indicator_value, tag

pytestmark = pytest.mark.django_db


def _tag(value):
    return tag(value.indicator.code, value.territory.key, value.period)


def _document(report, language="de"):
    with translation.override(language):
        return selectors.report_document(report, language=language)


def test_a_placeholder_renders_the_number_its_unit_and_a_footnote_with_source_and_licence():
    value = indicator_value(value=1234.5)
    section = SectionFactory(body=f"<p>Anteil: {_tag(value)}.</p>")
    doc = _document(section.report)
    html = doc["sections"][0].html
    assert "1\u202f234,5\u00a0%" in html
    assert 'href="#fn-1"' in html
    (note,) = doc["footnotes"]
    assert note.figure.source == "Regionaldatenbank Deutschland"
    assert note.figure.licence.startswith("Datenlizenz Deutschland")
    assert note.figure.period == "2015"
    (source,) = doc["sources"]
    assert source["dataset"] == value.dataset.code


def test_english_pages_format_the_number_in_english():
    value = indicator_value(value=1234.5)
    section = SectionFactory(body=f"<p>{_tag(value)}</p>")
    assert "1,234.5\u00a0%" in _document(section.report, "en")["sections"][0].html


def test_a_suppressed_value_renders_as_its_symbol_with_its_meaning_never_as_zero():
    value = indicator_value(value=None, symbol=".")
    section = SectionFactory(body=f"<p>{_tag(value)}</p>")
    with translation.override("en"):
        html = selectors.report_document(section.report, language="en")["sections"][0].html
    assert "report-figure--symbol" in html
    assert ">.<" in html.replace(' <span class="report-figure__note">', "<")
    assert "unknown or secret" in html
    assert ">0<" not in html and "0,0" not in html


def test_a_period_without_a_value_renders_as_unknown_with_an_explanation():
    value = indicator_value(period="2015")
    section = SectionFactory(
        body=f"<p>{tag(value.indicator.code, value.territory.key, '1999')}</p>"
    )
    with translation.override("en"):
        doc = selectors.report_document(section.report, language="en")
    assert "no value in the monitoring for this period" in doc["sections"][0].html
    assert not doc["errors"]


def test_a_true_zero_renders_as_a_dash():
    value = indicator_value(value=0.0, symbol="-")
    section = SectionFactory(body=f"<p>{_tag(value)}</p>")
    assert "–" in _document(section.report)["sections"][0].html


def test_unknown_indicators_and_territories_are_marked_for_the_editor():
    city = TerritoryFactory()
    indicator = IndicatorFactory()
    section = SectionFactory(
        body=(
            f"<p>{{{{ indicator:gibt-es-nicht territory:{city.key} period:2015 }}}}"
            f"{{{{ indicator:{indicator.code} territory:ags:00000000 period:2015 }}}}</p>"
        )
    )
    with translation.override("en"):
        doc = selectors.report_document(section.report, language="en")
    assert {e.error for e in doc["errors"]} == {UNKNOWN_INDICATOR, UNKNOWN_TERRITORY}
    html = doc["sections"][0].html
    assert html.count('class="report-figure-error"') == 2
    assert "Unknown indicator “gibt-es-nicht”" in html


def test_an_unpublished_indicator_counts_as_unknown():
    value = indicator_value(is_public=False)
    section = SectionFactory(body=f"<p>{_tag(value)}</p>")
    assert [e.error for e in _document(section.report)["errors"]] == [UNKNOWN_INDICATOR]


def test_the_same_figure_twice_has_one_footnote():
    value = indicator_value()
    report = ReportFactory()
    SectionFactory(report=report, body=f"<p>{_tag(value)}</p>")
    SectionFactory(report=report, body=f"<p>{_tag(value)} {_tag(value)}</p>")
    doc = _document(report)
    assert len(doc["footnotes"]) == 1
    assert 'id="fnref-1-3"' in doc["sections"][1].html


def test_all_placeholders_of_a_report_are_resolved_in_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    values = [indicator_value(period=str(2010 + n)) for n in range(6)]
    text = (
        " ".join(_tag(v) for v in values)
        + " {{ indicator:gibt-es-nicht territory:ags:1 period:1 }}"
    )
    found = placeholders.find(text)
    with django_assert_num_queries(3):
        figures = figures_resolve(found)
    assert sum(1 for f in figures.values() if f.found) == 6


def test_a_block_takes_the_periods_up_to_the_reports_by_date_not_by_spelling():
    first = indicator_value(period="2015", value=1.0)
    for period, day in (("2014/15", dt.date(2015, 7, 31)), ("2015/16", dt.date(2016, 7, 31)),
                        ("2015-06", dt.date(2015, 6, 30))):  # fmt: skip
        IndicatorValue.objects.create(
            indicator=first.indicator, territory=first.territory, period=period,
            period_date=day, value=2.0, dataset=first.dataset,
        )  # fmt: skip
    report = ReportFactory(territory=first.territory, period="2015")
    block = BlockFactory(
        section__report=report, kind="table", params={"indicator": first.indicator.code}
    )
    data = blocks.blocks_data(report, [block])[block.pk]
    assert data["periods"] == ["2015-06", "2014/15", "2015"]
