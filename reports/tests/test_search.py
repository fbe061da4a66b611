import pytest

from reports.models import ReportStatus
from search import engine

from .factories import ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_published_reports_are_found_by_their_text_and_drafts_are_not(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        report = ReportFactory(title="Bildungsprofil Musterstadt")
        SectionFactory(report=report, body="<p>Werkstattklassen im Quartier</p>")
    assert engine.search("Werkstattklassen", kinds=["report"]).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        report.status = ReportStatus.PUBLISHED
        report.save()
    assert engine.search("Werkstattklassen", kinds=["report"]).total == 1
