"""The web report: list, table of contents, sections with live figures, blocks (chart as SVG with
its table and alt text, key figure, table), footnotes, sources appendix; writing pages."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from monitoring.models import IndicatorValue
from reports import selectors
from reports.models import Block, Report, ReportStatus, Section

from .factories import BlockFactory, ReportFactory, SectionFactory, indicator_value, tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_with_figures():
    value = indicator_value(value=12.3, period="2015")
    report = ReportFactory(territory=value.territory, period="2015", title="Profil Teststadt")
    for year, number, symbol in ((2013, 14.0, ""), (2014, None, ".")):
        IndicatorValue.objects.create(
            indicator=value.indicator, territory=value.territory, period=str(year),
            period_date=dt.date(year, 12, 31), value=number, symbol=symbol, dataset=value.dataset,
        )  # fmt: skip
    section = SectionFactory(
        report=report, chapter="D", title="Schulen",
        body=f"<p>Ohne Abschluss: {tag(value.indicator.code, value.territory.key, '2015')}</p>",
    )  # fmt: skip
    BlockFactory(section=section, kind="chart", params={"indicator": value.indicator.code})
    BlockFactory(section=section, kind="key_figure", params={"indicator": value.indicator.code})
    return report, value


def test_the_list_shows_published_reports_to_everyone_and_drafts_to_nobody(client):
    ReportFactory(title="Entwurf A")
    ReportFactory(title="Fertig B", status=ReportStatus.PUBLISHED)
    content = client.get(reverse("reports:report_list")).content.decode()
    assert "Fertig B" in content and "Entwurf A" not in content


def test_a_draft_is_hidden_from_strangers(client):
    report = ReportFactory()
    assert client.get(reverse("reports:report_detail", args=[report.slug])).status_code == 404


def test_the_web_report_has_contents_sections_figures_footnotes_and_sources(
    client, report_with_figures
):
    report, value = report_with_figures
    client.force_login(member(report.territory, RoleLevel.EDITOR))
    with translation.override("en"):
        content = client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()
    assert 'href="#abschnitt-' in content  # table of contents
    assert "12.3\u00a0%" in content  # the live figure
    assert 'id="fn-1"' in content and "Regionaldatenbank Deutschland" in content
    assert "Sources and licences" in content and value.dataset.code in content
    # The chart: inline SVG (vector), its alt text and its table of values, symbols kept.
    assert "<svg " in content and 'role="img"' in content
    assert "Line chart:" in content
    assert "List of figures" in content and "List of tables" in content
    assert '<abbr title="unknown or secret">.</abbr>' in content
    assert "Change since 2014: ." in content  # no number to compare with: the symbol


def test_readers_see_the_frozen_edition_not_the_live_figures(client, report_with_figures):
    report, value = report_with_figures
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    client.force_login(coordinator)
    for status in (ReportStatus.REVIEW, ReportStatus.PUBLISHED):
        client.post(reverse("reports:report_status", args=[report.slug]), {"status": status})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.PUBLISHED
    value.value = 55.5
    value.save()
    client.logout()
    with translation.override("en"):
        content = client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()
    assert "12.3\u00a0%" in content and "55.5" not in content
    assert "Edition 1" in content


def test_writers_see_error_markers_and_a_blocked_publication(client):
    section = SectionFactory(body="<p>{{ indicator:gibt-es-nicht territory:ags:1 period:1 }}</p>")
    client.force_login(member(section.report.territory, RoleLevel.COORDINATOR))
    with translation.override("en"):
        url = reverse("reports:report_detail", args=[section.report.slug])
        content = client.get(url).content.decode()
    assert "report-figure-error" in content and "Publishing is blocked" in content


def test_a_coordinator_creates_a_report_and_adds_a_section_a_block_and_a_comment(client):
    value = indicator_value()
    city = value.territory
    client.force_login(member(city, RoleLevel.COORDINATOR))
    response = client.post(
        reverse("reports:report_create"),
        {"title_de": "Profil", "kind": "local_profile", "period": "2015", "languages": "de",
         "territory_key": city.key, "comparison_keys": ""},
    )  # fmt: skip
    report = Report.objects.get(title="Profil")
    assert response.status_code == 302 and report.territory == city
    client.post(
        reverse("reports:section_create", args=[report.slug]),
        {"chapter": "A", "title_de": "Rahmen", "body_de": "<p>Text<script>x</script></p>"},
    )
    section = Section.objects.get(report=report)
    assert section.body == "<p>Text</p>"
    client.post(
        reverse("reports:block_create", args=[report.slug, section.pk]),
        {"kind": "table", "indicator": value.indicator.code, "territories": city.key},
    )
    block = Block.objects.get(section=section)
    assert block.params == {"indicator": value.indicator.code, "territories": [city.key]}
    client.post(reverse("reports:comment_add", args=[report.slug, section.pk]), {"text": "Gut"})
    assert section.comments.get().text == "Gut"


def test_a_block_naming_an_unknown_territory_is_refused(client):
    value = indicator_value()
    section = SectionFactory(report=ReportFactory(territory=value.territory))
    client.force_login(member(value.territory, RoleLevel.COORDINATOR))
    response = client.post(
        reverse("reports:block_create", args=[section.report.slug, section.pk]),
        {"kind": "table", "indicator": value.indicator.code, "territories": "ags:00000000"},
    )
    assert response.status_code == 200 and not Block.objects.exists()


def test_the_data_zip_holds_every_figure_with_its_symbol_and_licence(client, report_with_figures):
    report, value = report_with_figures
    client.force_login(member(report.territory, RoleLevel.EDITOR))
    response = client.get(reverse("reports:report_data", args=[report.slug]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    figures = archive.read("figures.csv").decode("utf-8-sig")
    assert value.indicator.code in figures and "Datenlizenz Deutschland" in figures
    (block_file, *_rest) = [n for n in archive.namelist() if n.startswith("block-")]
    rows = archive.read(block_file).decode("utf-8-sig").splitlines()
    assert any(";2014;;.;" in row for row in rows)  # no number: empty value and its symbol


def test_the_preview_shows_live_figures_and_errors_and_saves_nothing(client, report_with_figures):
    report, value = report_with_figures
    section = report.sections.get()
    client.force_login(member(report.territory, RoleLevel.EDITOR))
    figure = tag(value.indicator.code, value.territory.key, "2015")
    body = f"<p>{figure} und {{{{ indicator:x }}}}</p>"
    response = client.post(
        reverse("reports:section_edit", args=[report.slug, section.pk]),
        {"chapter": "D", "title_de": "Schulen", "body_de": body, "preview": "1"},
    )
    content = response.content.decode()
    assert response.status_code == 200 and "12,3\u00a0%" in content
    assert "Fehlerhafter Platzhalter: es fehlt: territory, period" in content
    assert "1 Platzhalter nennt keine bekannte Zahl" in content
    assert Section.objects.get(pk=section.pk).body_de == section.body_de


def test_the_sources_appendix_says_which_blocks_use_a_source(report_with_figures):
    report, value = report_with_figures
    charts = Block.objects.filter(section__report=report, kind="chart")
    charts.update(title="Abgänge im Zeitverlauf")
    document = selectors.report_document(report, language="de")
    (source,) = document["sources"]
    assert "Abgänge im Zeitverlauf" in source["indicators"]
    assert value.indicator.name in source["indicators"]  # the live figure in the text
