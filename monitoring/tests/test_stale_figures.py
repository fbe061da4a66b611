"""Figures older than MONITORING_STALE_AFTER_YEARS carry their year visibly ("Stand 2002")
wherever they stand beside current ones (#12, finding 12)."""

import datetime as dt
import re

import pytest
from django.urls import reverse, translate_url

from monitoring.models import IndicatorValue
from monitoring.templatetags.monitoring_tags import is_stale
from monitoring.tests.factories import DatasetFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def erfurt_figures(erfurt):
    dataset = DatasetFactory(licence="dl-de/by-2-0")
    population = IndicatorFactory(name="Bevölkerung", is_public=True, order=1)
    daycare = IndicatorFactory(name="Betreuungsquote Krippe", is_public=True, order=2)
    today = dt.date.today()
    IndicatorValue.objects.create(
        indicator=population, territory=erfurt, dataset=dataset, value=214000,
        period=str(today.year - 1), period_date=dt.date(today.year - 1, 12, 31),
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=daycare, territory=erfurt, dataset=dataset, value=35.2,
        period="2002-03-15", period_date=dt.date(2002, 3, 15),
    )  # fmt: skip
    return erfurt


def _rows(html: str) -> dict[str, str]:
    """Row text of the monitoring table on the place page, by indicator name."""
    rows = {}
    for row in re.findall(r"<tr class=\"kern-table__row\">(.*?)</tr>", html, re.S):
        text = " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for name in ("Bevölkerung", "Betreuungsquote Krippe"):
            if text.startswith(name):
                rows[name] = text
    return rows


def test_the_place_page_marks_an_old_figure_with_its_year(client, erfurt_figures):
    html = client.get(
        reverse("places:territory_detail", kwargs={"key": "ags:16051000"})
    ).content.decode()
    rows = _rows(html)
    assert "Stand 2002" in rows["Betreuungsquote Krippe"]
    assert "2002-03-15" in rows["Betreuungsquote Krippe"]
    assert "Stand" not in rows["Bevölkerung"]
    assert "data-stale-note" in html and "vor mehr als 5 Jahren endete" in html


def test_the_threshold_is_a_setting(client, erfurt_figures, settings):
    settings.MONITORING_STALE_AFTER_YEARS = 100
    html = client.get(
        reverse("places:territory_detail", kwargs={"key": "ags:16051000"})
    ).content.decode()
    assert "Stand 2002" not in html and "data-stale-note" not in html


def test_an_english_page_says_as_of(client, erfurt_figures):
    html = client.get(
        translate_url(reverse("places:territory_detail", kwargs={"key": "ags:16051000"}), "en")
    ).content.decode()
    assert "As of 2002" in html


def test_the_comparison_marks_an_old_figure_with_its_year(client, erfurt_figures):
    html = client.get(reverse("monitoring:compare"), {"gebiet": "ags:16051000"}).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Stand 2002 2002-03-15" in text
    assert text.count("Stand 2002") == 1


def test_stale_means_older_than_the_threshold(settings):
    settings.MONITORING_STALE_AFTER_YEARS = 5
    today = dt.date(2026, 6, 1)
    assert is_stale(dt.date(2021, 5, 31), today)
    assert not is_stale(dt.date(2021, 6, 1), today)
    assert not is_stale(None, today)
    assert not is_stale(dt.date(2024, 2, 29), dt.date(2028, 2, 29))
