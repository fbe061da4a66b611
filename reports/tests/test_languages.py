"""German and English editions: the English page and PDF show the English texts where every text
has one, and the German texts with a notice where not; an edition keeps both; editing a report
or a section never overwrites what someone else saved meanwhile."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from reports import pdf, services
from reports.models import Report, ReportStatus, Section

from .factories import ReportFactory, SectionFactory, indicator_value, tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual():
    value = indicator_value(value=12.3, period="2015")
    figure = tag(value.indicator.code, value.territory.key, "2015")
    report = ReportFactory(
        territory=value.territory, title_de="Bildungsprofil", title_en="Education profile",
        languages="de,en", status=ReportStatus.PUBLISHED,
    )  # fmt: skip
    SectionFactory(
        report=report, title_de="Schulen", title_en="Schools",
        body_de=f"<p>Ohne Abschluss: {figure}</p>", body_en=f"<p>No qualification: {figure}</p>",
    )  # fmt: skip
    return report


def _page(client, report, language):
    with translation.override(language):
        return client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()


def test_the_english_page_shows_the_english_texts_with_their_live_figures(client, bilingual):
    client.force_login(member(bilingual.territory, RoleLevel.EDITOR))
    content = _page(client, bilingual, "en")
    assert "Education profile" in content and "No qualification: " in content
    assert "12.3\u00a0%" in content  # the figure, in English number format
    assert 'lang="en"' in content and "available in German only" not in content
    german = _page(client, bilingual, "de")
    assert "Bildungsprofil" in german and "Ohne Abschluss: " in german and "12,3\u00a0%" in german


def test_a_missing_english_text_gives_the_german_report_with_a_notice(client, bilingual):
    SectionFactory(report=bilingual, title_de="Kitas", title_en="", body_de="<p>Nur deutsch</p>")
    client.force_login(member(bilingual.territory, RoleLevel.EDITOR))
    content = _page(client, bilingual, "en")
    assert "This report is available in German only." in content
    assert '<div lang="de">' in content and "Bildungsprofil" in content and "Nur deutsch" in content


def test_a_published_edition_keeps_both_languages(client, bilingual):
    admin = member(bilingual.territory, RoleLevel.COORDINATOR)
    services.report_set_status(report=bilingual, status=ReportStatus.DRAFT, actor=admin)
    services.report_set_status(report=bilingual, status=ReportStatus.REVIEW, actor=admin)
    services.report_set_status(report=bilingual, status=ReportStatus.PUBLISHED, actor=admin)
    Section.objects.filter(report=bilingual).update(title_en="Changed later")
    Report.objects.filter(pk=bilingual.pk).update(title_en="Changed title")
    content = _page(client, bilingual, "en")  # an anonymous reader sees the edition
    assert "Education profile" in content and "Schools" in content
    assert "Changed" not in content


def test_the_english_pdf_is_english_only_where_the_texts_are(bilingual):
    html = pdf.document_html(bilingual, language="en")
    assert '<html lang="en">' in html and "No qualification" in html and "Contents" in html
    SectionFactory(report=bilingual, title_de="Kitas", title_en="", body_de="<p>Nur deutsch</p>")
    html = pdf.document_html(bilingual, language="en")
    assert '<html lang="de">' in html and "Inhalt" in html and "No qualification" not in html


def test_an_editor_changes_the_report_and_its_comparison_territories(client, bilingual):
    other = indicator_value().territory
    client.force_login(member(bilingual.territory, RoleLevel.EDITOR))
    url = reverse("reports:report_edit", args=[bilingual.slug])
    form = client.get(url).context["form"]
    data = {**{k: v() if callable(v) else v for k, v in form.initial.items() if v is not None}}
    data.update(
        title_de="Neuer Titel", title_en="New title", kind=bilingual.kind, period="2015",
        languages="de,en", territory_key=bilingual.territory.key, comparison_keys=other.key,
        edit_version=form.fields["edit_version"].initial(),
    )  # fmt: skip
    assert client.post(url, data).status_code == 302
    bilingual.refresh_from_db()
    assert bilingual.title_de == "Neuer Titel"
    assert list(bilingual.comparison_territories.all()) == [other]


def test_a_section_edit_does_not_overwrite_a_change_saved_meanwhile(client, bilingual):
    section = bilingual.sections.get()
    client.force_login(member(bilingual.territory, RoleLevel.EDITOR))
    url = reverse("reports:section_edit", args=[bilingual.slug, section.pk])
    token = client.get(url).context["form"].fields["edit_version"].initial()
    Section.objects.filter(pk=section.pk).update(body_de="<p>Von jemand anderem</p>")
    response = client.post(
        url,
        {"chapter": "D", "title_de": "Schulen", "body_de": "<p>Meins</p>", "edit_version": token},
    )
    assert response.status_code == 409
    section.refresh_from_db()
    assert section.body_de == "<p>Von jemand anderem</p>"
    assert "Meins" in response.content.decode()  # what the author typed is kept


def test_a_malformed_placeholder_is_explained_in_the_readers_language(client, bilingual):
    SectionFactory(
        report=bilingual, title_de="Fehler", body_de="<p>{{ indicator:a territory:16051000 "
        "period:2015 }}</p>",
    )  # fmt: skip
    Report.objects.filter(pk=bilingual.pk).update(status=ReportStatus.DRAFT)
    client.force_login(member(bilingual.territory, RoleLevel.EDITOR))
    german = _page(client, bilingual, "de")
    assert "„16051000“ ist kein Gebietsschlüssel (z. B. ags:16051000)" in german
    english = _page(client, bilingual, "en")
    assert "“16051000” is no territory key (e.g. ags:16051000)" in english
