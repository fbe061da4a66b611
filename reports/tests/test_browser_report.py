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


def test_a_writer_inserts_a_live_figure_with_the_builder_and_previews_it(
    axe_page, live_server, client
):
    value = indicator_value(value=12.3, period="2015")
    report = ReportFactory(territory=value.territory, title="Profil Teststadt", period="2015")
    section = SectionFactory(report=report, chapter="D", title="Schulen", body="<p>Text</p>")
    client.force_login(member(report.territory, RoleLevel.EDITOR))
    page = axe_page
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page.goto(reverse("reports:section_edit", args=[report.slug, section.pk]))
    body = page.locator("#id_body_de")
    body.fill("Ohne Abschluss: ")
    body.press("End")
    page.get_by_role("button", name="In den deutschen Text einfügen").click()
    placeholder = tag(value.indicator.code, value.territory.key, "2015")
    assert body.input_value() == f"Ohne Abschluss: {placeholder}"
    assert page.get_by_role("status").filter(has_text="Eingefügt.").is_visible()
    page.get_by_role("button", name="Vorschau mit Live-Zahlen").click()
    preview = page.locator(".report-preview")
    assert "12,3\u00a0%" in preview.inner_text()  # the figure, not saved yet
    assert "Regionaldatenbank Deutschland" in preview.inner_text()  # its footnote's source
    assert axe_violations(page) == []
    section.refresh_from_db()
    assert section.body_de == "<p>Text</p>"
