import pytest
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from reports import services
from reports.models import ReportStatus

from .factories import ReportFactory, SectionFactory, indicator_value, tag

pytestmark = pytest.mark.django_db


def test_the_api_lists_published_reports_only(client):
    ReportFactory(title="Entwurf")
    ReportFactory(title="Fertig", status=ReportStatus.PUBLISHED)
    items = client.get(reverse("api-v1:list_reports")).json()["items"]
    assert [i["title"] for i in items] == ["Fertig"]


def test_an_edition_gives_its_frozen_figures_with_source_and_licence(client):
    value = indicator_value(value=None, symbol=".")
    report = ReportFactory(territory=value.territory)
    SectionFactory(
        report=report, body=f"<p>{tag(value.indicator.code, value.territory.key, '2015')}</p>"
    )
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    services.report_set_status(report=report, status=ReportStatus.REVIEW, actor=coordinator)
    services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=coordinator)
    data = client.get(reverse("api-v1:get_report", args=[report.slug])).json()
    (figure,) = data["editions"][0]["figures"]
    assert figure["value"] is None and figure["symbol"] == "."
    assert figure["source"] == "Regionaldatenbank Deutschland"
    assert figure["licence"].startswith("Datenlizenz")


def test_a_draft_is_404_in_the_api(client):
    report = ReportFactory()
    assert client.get(reverse("api-v1:get_report", args=[report.slug])).status_code == 404
