"""The demo: the Erfurt profile and the Thuringia data collection from the real monitoring demo
data, published with figures that carry their sources; loading twice changes nothing."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from reports import demo
from reports.models import Block, Edition, Rendering, Report, ReportStatus, Section

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
def test_the_erfurt_profile_has_an_english_edition_and_its_pdfs_are_queued(client):
    report = Report.objects.get(slug="bildungsprofil-erfurt-2015")
    with translation.override("en"):
        content = client.get(reverse("reports:report_detail", args=[report.slug])).content
    assert b"Education profile Erfurt 2015" in content and b"In the school year 2014/15" in content
    assert b"available in German only" not in content
    languages = report.renderings.filter(edition__isnull=False).values_list("language", flat=True)
    assert sorted(languages) == ["de", "en"]  # made by the worker, for every reader


@pytest.mark.django_db
def test_the_joint_survey_report_shows_both_cities_and_the_participation_index(client):
    report = Report.objects.get(slug="bildungsteilhabe-erfurt-wien-2025")
    edition = report.editions.get()
    assert {f["territory_name"] for f in edition.figures} == {"Erfurt", "Wien"}
    assert all(f["found"] and f["value"] is not None for f in edition.figures)
    roles = next(b for b in edition.blocks if b["data"].get("question") == "TH01")["data"]
    assert [w["territory"] for w in roles["waves"]] == ["Erfurt", "Wien"]
    hidden = [c for row in roles["rows"] for c in row["cells"] if c and c["reason"]]
    assert hidden and all(c["value"] is None for c in hidden)  # the rare role stays hidden
    content = client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()
    assert "Erfurt, 2025" in content and "Wien, 2025" in content


@pytest.mark.django_db
def test_the_thuringia_collection_compares_all_23_kreise():
    report = Report.objects.get(slug="schulabschluesse-thueringen-2015")
    table = report.editions.get().blocks[0]["data"]
    assert len(table["territories"]) == 23


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    models = (Report, Section, Block, Edition, Rendering)
    counts = [M.objects.count() for M in models]
    demo.load(io.StringIO())
    assert [M.objects.count() for M in models] == counts


@pytest.mark.django_db
def test_the_berlin_wien_report_compares_segregation_with_intervals_and_maps_berlin(client):
    report = Report.objects.get(slug="segregation-berlin-wien-2022")
    assert report.status == ReportStatus.PUBLISHED and report.territory.key == "ags:11000000"
    assert [t.key for t in report.comparison_territories.all()] == ["gkz:90001"]
    (edition,) = report.editions.all()
    assert [b["kind"] for b in edition.blocks] == ["segregation", "map", "segregation"]
    berlin, borough_map, wien = (b["data"] for b in edition.blocks)
    (row,) = berlin["results"]
    assert (row["territory"], row["units"]) == ("Berlin", 540)
    assert row["dissimilarity_ci"][0] < row["dissimilarity"] < row["dissimilarity_ci"][1]
    assert wien["territories"] == ["Wien"] and wien["periods"][-1] == "2022-01-01"
    assert borough_map["svg"].count("<path") == 12 and borough_map["sources"][0]["licence"]
    content = client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()
    assert 'class="report-interval"' in content and 'aria-label="Karte: ' in content


@pytest.mark.django_db
def test_the_erfurt_profile_shows_the_agreement_goals_and_the_work_programme():
    edition = Report.objects.get(slug="bildungsprofil-erfurt-2015").editions.get()
    by_kind = {b["kind"]: b["data"] for b in edition.blocks}
    goals, programme = by_kind["goal_progress"], by_kind["programme_status"]
    assert len(goals["goals"]) == 7 and goals["committee_reservation"]
    assert [p["number"] for p in programme["packages"]][:2] == ["AP 1", "AP 2"]
    assert len(programme["packages"]) == 13
