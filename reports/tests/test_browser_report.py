"""The web report in a real browser: axe-core finds no WCAG 2.1 AA violation on the published
report (contents, live figure with footnote, chart as SVG with its table, key figure, sources)
nor on the list of reports."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from bildungsnetz.tests.browser import axe_violations
from monitoring.models import IndicatorValue
from reports import services
from reports.models import ReportStatus

from .factories import BlockFactory, ReportFactory, SectionFactory, indicator_value, tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_published_report_and_the_list_have_no_axe_violations(axe_page):
    value = indicator_value(value=12.3, period="2015")
    IndicatorValue.objects.create(
        indicator=value.indicator, territory=value.territory, period="2014",
        period_date=dt.date(2014, 12, 31), value=None, symbol=".", dataset=value.dataset,
    )  # fmt: skip
    report = ReportFactory(territory=value.territory, title="Profil Teststadt", period="2015")
    section = SectionFactory(
        report=report, chapter="D", title="Allgemeinbildende Schulen",
        body=f"<p>Ohne Abschluss: {tag(value.indicator.code, value.territory.key, '2015')}.</p>",
    )  # fmt: skip
    BlockFactory(section=section, kind="chart", params={"indicator": value.indicator.code})
    BlockFactory(section=section, kind="key_figure", params={"indicator": value.indicator.code})
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    services.report_set_status(report=report, status=ReportStatus.REVIEW, actor=coordinator)
    services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=coordinator)

    page = axe_page
    page.goto(reverse("reports:report_detail", args=[report.slug]))
    assert page.get_by_role("heading", name="D Allgemeinbildende Schulen").is_visible()
    assert page.locator("svg[role=img]").count() == 1
    assert page.locator("#fn-1").is_visible()
    assert axe_violations(page) == []

    page.goto(reverse("reports:report_list"))
    assert page.get_by_text("Profil Teststadt").is_visible()
    assert axe_violations(page) == []
