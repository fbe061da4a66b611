"""The report list: words (German and English texts, through the search index), type, status,
territory with its districts, period; sorting and exports."""

import csv
import io

import pytest
from django.urls import reverse

from places.models import Level
from places.tests.factories import TerritoryFactory
from reports.models import ReportKind, ReportStatus

from .factories import ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _list(client, **params):
    return client.get(reverse("reports:report_list"), params)


@pytest.fixture
def reports(django_capture_on_commit_callbacks):
    city = TerritoryFactory(level=Level.CITY, name="Musterstadt")
    district = TerritoryFactory(level=Level.DISTRICT, parent=city, name="Altstadt")
    with django_capture_on_commit_callbacks(execute=True):
        profile = ReportFactory(
            title_de="Profil Altstadt", territory=district, kind=ReportKind.LOCAL_PROFILE,
            period="2015", status=ReportStatus.PUBLISHED,
        )  # fmt: skip
        SectionFactory(report=profile, body_de="<p>Schule</p>", body_en="<p>Apprenticeships</p>")
        ReportFactory(
            title_de="Bericht Musterstadt", territory=city, kind=ReportKind.FULL, period="2022",
            status=ReportStatus.PUBLISHED,
        )  # fmt: skip
        ReportFactory(title_de="Anderswo", kind=ReportKind.FULL, status=ReportStatus.PUBLISHED)
    return city


def test_the_list_filters_by_type_territory_with_its_districts_and_period(client, reports):
    content = _list(client, kind=ReportKind.FULL).content.decode()
    assert "Bericht Musterstadt" in content and "Anderswo" in content
    assert "Profil Altstadt" not in content
    content = _list(client, territory=reports.pk).content.decode()
    assert "Bericht Musterstadt" in content and "Profil Altstadt" in content
    assert "Anderswo" not in content
    content = _list(client, period="2015").content.decode()
    assert "Profil Altstadt" in content and "Bericht Musterstadt" not in content


def test_the_list_finds_a_report_by_a_word_of_its_english_text(client, reports):
    content = _list(client, q="Apprenticeships").content.decode()
    assert "Profil Altstadt" in content and "Bericht Musterstadt" not in content


def test_the_list_exports_the_filtered_reports_as_csv(client, reports):
    response = _list(client, format="csv", territory=reports.pk)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["title"] for row in rows) == ["Bericht Musterstadt", "Profil Altstadt"]


def test_an_unknown_territory_filter_lists_nothing_and_says_why(client, reports):
    content = _list(client, territory="999999").content.decode()
    assert "Diese Filter sind ungültig" in content and 'href="#id_territory"' in content
    assert "Anderswo" not in content
