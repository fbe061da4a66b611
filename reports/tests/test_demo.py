"""The demo: the Erfurt profile and the Thuringia data collection from the real monitoring demo
data, published with figures that carry their sources; loading twice changes nothing."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from reports import demo
from reports.models import Block, Edition, Report, ReportStatus, Section

pytestmark = pytest.mark.usefixtures("whole_demo")


@pytest.mark.django_db
def test_the_erfurt_profile_is_published_with_live_figures_and_their_sources(client):
    report = Report.objects.get(slug="bildungsprofil-erfurt-2015")
    assert report.status == ReportStatus.PUBLISHED
    (edition,) = report.editions.all()
    assert len(edition.figures) == 3 and all(f["found"] for f in edition.figures)
    assert all("Regionaldatenbank" in f["source"] for f in edition.figures)
    with translation.override("en"):
        content = client.get(reverse("reports:report_detail", args=[report.slug])).content
    assert b"9.1\xc2\xa0%" in content and b"<svg " in content


@pytest.mark.django_db
def test_the_thuringia_collection_compares_all_23_kreise():
    report = Report.objects.get(slug="schulabschluesse-thueringen-2015")
    table = report.editions.get().blocks[0]["data"]
    assert len(table["territories"]) == 23


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    counts = [M.objects.count() for M in (Report, Section, Block, Edition)]
    demo.load(io.StringIO())
    assert [M.objects.count() for M in (Report, Section, Block, Edition)] == counts
