"""The blocks beyond an indicator's chart and table: segregation with its intervals and caveat,
goal progress, work-programme status and a map; each shown from the data an edition stored,
unchanged when the data behind it changes; the block form's checks per kind; the data ZIP."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from cooperation.tests.factories import AgreementFactory, GoalFactory
from monitoring.models import Observation
from monitoring.tests.factories import DatasetFactory, observations_add
from places.models import Level
from places.tests.factories import TerritoryFactory
from programme.models import TaskStatus
from programme.tests.factories import ProgrammeFactory, TaskFactory, WorkPackageFactory
from reports import selectors, services
from reports.forms import BlockForm
from reports.models import Edition, ReportStatus

from .factories import BlockFactory, ReportFactory, SectionFactory, indicator_value

pytestmark = pytest.mark.django_db

# Five districts: fewer than monitoring.spatial.MIN_UNITS, so the rows carry the caveat.
FOREIGNERS = (30.0, 10.0, 50.0, 5.0, 40.0)
TOTALS = (100.0, 100.0, 120.0, 90.0, 110.0)


def _square(x: int) -> dict:
    ring = [[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def wien():
    """Wien (the parent of the series auslaender-wien) with five districts that have
    boundaries, and their counts of 2024 in a public dataset."""
    city = TerritoryFactory(scheme="gkz", code="90001", name="Wien", country="AT")
    districts = [
        TerritoryFactory(
            scheme="gkz", code=f"9{i:02d}01", name=f"{i}. Bezirk", level=Level.DISTRICT,
            parent=city, country="AT", boundary=_square(i),
        )
        for i in range(1, 6)
    ]  # fmt: skip
    dataset = DatasetFactory(
        code="wien-test", source="Stadt Wien", publisher="MA 23", licence="CC BY 4.0"
    )
    for district, group, total in zip(districts, FOREIGNERS, TOTALS, strict=True):
        observations_add(dataset, district, measure="EW_AUSLAENDER", values=(group,))
        observations_add(dataset, district, measure="EW_GESAMT", values=(total,))
    return city, districts


def _report(territory, *blocks):
    report = ReportFactory(territory=territory, period="2024", title="Teststadt im Vergleich")
    section = SectionFactory(report=report, title="Abschnitt")
    for kind, params, *title in blocks:
        BlockFactory(section=section, kind=kind, params=params, title="".join(title))
    return report


def _publish(report) -> Edition:
    edition = Edition.objects.create(report=report, number=1, **services.edition_snapshot(report))
    report.status = ReportStatus.PUBLISHED
    report.save()
    return edition


def _page(client, report, language="de") -> str:
    with translation.override(language):
        return client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()


def test_a_segregation_block_shows_each_index_with_its_interval_and_the_caveat(client, wien):
    city, _districts = wien
    report = _report(city, ("segregation", {"series": "auslaender-wien"}))
    _publish(report)
    content = _page(client, report, "en")
    assert "Dissimilarity index D" in content
    # An index and its 95 % interval as "[low – high]", numbers in the page's locale.
    assert '<span class="report-interval">[0.' in content
    assert 'data-caveat="few-units"' in content and "Fewer than 10 populated" in content
    # The chart: inline SVG named by its alt text; listed as a figure; the source beside it.
    assert '<svg role="img" aria-label="Bar chart: dissimilarity index D' in content
    assert "List of figures" in content and "wien-test" in content
    german = _page(client, report, "de")
    assert '<span class="report-interval">[0,' in german


def test_a_published_segregation_block_keeps_its_numbers_when_the_counts_change(wien):
    city, _districts = wien
    report = _report(city, ("segregation", {"series": "auslaender-wien"}))
    edition = _publish(report)
    (stored,) = edition.blocks
    before = stored["data"]["results"][0]["dissimilarity"]
    Observation.objects.filter(measure__code="EW_AUSLAENDER").update(value=20.0)
    live = selectors.report_blocks(report, selectors.report_sections(report))
    assert live[0]["data"]["results"][0]["dissimilarity"] != before
    document = selectors.report_document(report, language="de", edition=edition)
    (block,) = document["sections"][0].blocks
    assert block["data"]["results"][0]["dissimilarity"] == before
    assert block["segregation"]["rows"][0]["indices"][0]["interval"].startswith("[")


def test_an_unknown_series_is_named_not_shown_as_empty(wien):
    city, _districts = wien
    report = _report(city, ("segregation", {"series": "gibt-es-nicht"}))
    (block,) = selectors.report_blocks(report, selectors.report_sections(report))
    assert block["data"]["error"] == "unknown_series"


@pytest.fixture
def agreement():
    agreement = AgreementFactory(title="Vereinbarung Erfurt–Wien", source="Stadtrat Erfurt")
    GoalFactory(agreement=agreement, number=1, text="Austausch", progress=None)
    GoalFactory(agreement=agreement, number=2, text="Inklusion", progress=40)
    return agreement


def test_goal_progress_shows_a_dash_not_zero_for_an_unmeasured_goal(client, agreement):
    report = _report(TerritoryFactory(), ("goal_progress", {"agreement": agreement.slug}))
    _publish(report)
    content = _page(client, report, "en")
    assert "Austausch" in content and "Inklusion" in content
    assert '<abbr title="not measurable (nothing to assess yet)">–</abbr>' in content
    assert "40\u00a0%" in content
    assert "0\u00a0%" not in content.replace("40\u00a0%", "")


def test_goal_progress_stays_as_published_when_a_goal_moves_on(agreement):
    report = _report(TerritoryFactory(), ("goal_progress", {"agreement": agreement.pk}))
    edition = _publish(report)
    agreement.goals.filter(number=1).update(progress=90)
    document = selectors.report_document(report, language="de", edition=edition)
    rows = document["sections"][0].blocks[0]["goals"]["rows"]
    assert [r["progress"]["text"] for r in rows] == ["–", "40\u00a0%"]


def test_goal_progress_refuses_an_agreement_hidden_from_the_public():
    hidden = AgreementFactory(is_public=False)
    report = _report(TerritoryFactory(), ("goal_progress", {"agreement": hidden.slug}))
    (block,) = selectors.report_blocks(report, selectors.report_sections(report))
    assert block["data"]["error"] == "unknown_agreement"
    assert hidden.slug not in dict(BlockForm().fields["agreement"].choices)


def test_programme_status_lists_packages_with_progress_and_keeps_them(client):
    programme = ProgrammeFactory(title="Arbeitsprogramm Test")
    done = WorkPackageFactory(programme=programme, number="AP 1", title="Grundlagen")
    TaskFactory(package=done, status=TaskStatus.DONE)
    TaskFactory(package=done, status=TaskStatus.OPEN)
    WorkPackageFactory(programme=programme, number="AP 2", title="Leitbild")
    report = _report(TerritoryFactory(), ("programme_status", {"programme": programme.slug}))
    edition = _publish(report)
    content = _page(client, report, "en")
    assert "AP 1" in content and "Grundlagen" in content and "50\u00a0%" in content
    assert "no tasks or milestones yet" in content  # AP 2: "–", not 0 %
    TaskFactory(package=done, status=TaskStatus.DONE)
    document = selectors.report_document(report, language="en", edition=edition)
    rows = document["sections"][0].blocks[0]["programme"]["rows"]
    assert rows[0]["progress_shown"]["text"] == "50\u00a0%"
    assert rows[1]["progress_shown"]["text"] == "–"


def test_a_map_block_is_an_svg_with_an_accessible_name_a_legend_and_a_table(client, wien):
    city, districts = wien
    indicator = indicator_value(territory=districts[0], period="2024", value=12.5).indicator
    indicator_value(indicator, districts[1], period="2024", value=30.0)
    report = _report(city, ("map", {"indicator": indicator.code, "level": Level.DISTRICT}))
    edition = _publish(report)
    content = _page(client, report, "en")
    assert '<svg role="img" aria-label="Map: ' in content and content.count("<path ") == 5
    assert "no value (see the symbol)" in content  # districts without a value are grey
    assert "1. Bezirk" in content and "12.5" in content
    assert "List of figures" in content
    # The SVG itself is frozen: a district's value changing does not recolour it.
    shapes = edition.blocks[0]["data"]["svg"].split(">", 1)[1]
    indicator.values.filter(territory=districts[1]).update(value=1.0)
    document = selectors.report_document(report, language="en", edition=edition)
    block = document["sections"][0].blocks[0]
    assert block["map"]["svg"].endswith(shapes) and block["map"]["rows"][1]["text"] == "30.0"


def test_a_map_of_a_level_without_areas_says_so(wien):
    city, _districts = wien
    code = indicator_value(territory=city).indicator.code
    report = _report(city, ("map", {"indicator": code, "level": Level.PLANNING_AREA}))
    (block,) = selectors.report_blocks(report, selectors.report_sections(report))
    assert block["data"]["error"] == "no_units"


def test_the_block_form_rejects_a_segregation_block_without_series():
    with translation.override("de"):
        form = BlockForm({"kind": "segregation"})
        assert not form.is_valid()
        assert form.errors["series"] == ["Ein Segregationsbaustein braucht eine Datenreihe."]


def test_the_block_form_wants_a_level_for_a_map_and_keeps_each_kinds_parameters():
    code = indicator_value().indicator.code
    form = BlockForm({"kind": "map", "indicator": code})
    assert not form.is_valid() and "level" in form.errors
    form = BlockForm({"kind": "map", "indicator": code, "level": "district", "period": "2024"})
    assert form.is_valid(), form.errors
    assert form.block_data()["params"] == {"indicator": code, "level": "district", "period": "2024"}
    form = BlockForm({"kind": "segregation", "series": "auslaender-berlin"})
    assert form.is_valid() and form.block_data()["params"] == {"series": "auslaender-berlin"}


def test_the_data_zip_holds_a_csv_per_block_named_after_it(client, wien, agreement):
    city, _districts = wien
    report = _report(
        city,
        ("segregation", {"series": "auslaender-wien"}, "Segregation in Wien"),
        ("goal_progress", {"agreement": agreement.slug}, "Ziele"),
    )
    client.force_login(member(city, RoleLevel.EDITOR))
    response = client.get(reverse("reports:report_data", args=[report.slug]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "block-01-segregation-in-wien.csv" in names and "block-02-ziele.csv" in names
    segregation = archive.read("block-01-segregation-in-wien.csv").decode("utf-8-sig")
    header, first, *_rest = segregation.splitlines()
    assert "dissimilarity_ci_low" in header and "licence" in header
    assert first.startswith("auslaender-wien;Wien;2024-12-31;5;0;") and "CC BY 4.0" in first
    goals = archive.read("block-02-ziele.csv").decode("utf-8-sig").splitlines()
    assert goals[1].split(";")[5] == ""  # not measurable: empty, never 0


def test_the_block_page_offers_every_kind_with_its_fields(client):
    report = _report(TerritoryFactory())
    section = report.sections.get()
    client.force_login(member(report.territory, RoleLevel.EDITOR))
    url = reverse("reports:block_create", args=[report.slug, section.pk])
    content = client.get(url).content.decode()
    for kind in ("segregation", "goal_progress", "programme_status", "map"):
        assert f'value="{kind}"' in content
    assert 'name="series"' in content and 'name="level"' in content
    response = client.post(url, {"kind": "segregation", "title": "Ohne Reihe"})
    assert response.status_code == 200 and not section.blocks.exists()
    client.post(url, {"kind": "segregation", "series": "auslaender-wien"})
    assert section.blocks.get().params == {"series": "auslaender-wien"}


def test_a_segregation_block_before_the_series_begins_says_there_are_no_results(client, wien):
    city, _districts = wien
    report = _report(city, ("segregation", {"series": "auslaender-wien"}))
    report.period = "2015"
    report.save()
    client.force_login(member(city, RoleLevel.EDITOR))
    content = _page(client, report, "en")
    assert "The series has no results for these territories" in content
    assert "Bar chart:" not in content
