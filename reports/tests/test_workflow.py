"""Reports: sanitised sections, the workflow draft → review → published, frozen editions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from places.tests.factories import TerritoryFactory
from programme.models import TaskStatus
from programme.tests.factories import ProgrammeFactory, TaskFactory, WorkPackageFactory
from reports import selectors, services
from reports.models import Edition, ReportKind, ReportStatus

from .factories import BlockFactory, ReportFactory, SectionFactory, indicator_value, tag

pytestmark = pytest.mark.django_db


def _tag(value):
    return tag(value.indicator.code, value.territory.key, value.period)


def test_section_text_is_stored_sanitised():
    section = SectionFactory(body='<p onclick="x()">Hallo<script>alert(1)</script></p>')
    assert section.body == "<p>Hallo</p>"


def test_an_editor_of_the_territory_creates_a_draft_and_one_elsewhere_cannot():
    city = TerritoryFactory()
    editor = member(city, RoleLevel.EDITOR)
    data = {
        "title": "Profil Erfurt",
        "kind": ReportKind.LOCAL_PROFILE,
        "territory": city,
        "period": "2015",
    }
    created = services.report_create(data=data, actor=editor)
    assert created.status == ReportStatus.DRAFT and created.slug == "profil-erfurt"
    assert created.owner == editor
    stranger = member(ReportFactory().territory, RoleLevel.COORDINATOR)
    with pytest.raises(PermissionDenied):
        services.report_create(data=data, actor=stranger)


def test_sections_are_appended_in_order():
    report = ReportFactory()
    editor = member(report.territory, RoleLevel.EDITOR)
    first = services.section_save(
        report=report, data={"title": "Eins", "chapter": "A"}, actor=editor
    )
    second = services.section_save(
        report=report, data={"title": "Zwei", "chapter": "D"}, actor=editor
    )
    assert [s.pk for s in selectors.report_sections(report)] == [first.pk, second.pk]


def test_review_comments_belong_to_a_section():
    section = SectionFactory()
    editor = member(section.report.territory, RoleLevel.EDITOR)
    comment = services.comment_add(section=section, text="Zahl prüfen", actor=editor)
    assert list(section.comments.all()) == [comment]
    with pytest.raises(ValidationError):
        services.comment_add(section=section, text="  ", actor=editor)


def test_only_a_coordinator_publishes_and_an_editor_only_submits_for_review():
    section = SectionFactory()
    report = section.report
    editor = member(report.territory, RoleLevel.EDITOR)
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    services.report_set_status(report=report, status=ReportStatus.REVIEW, actor=editor)
    with pytest.raises(PermissionDenied):
        services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=editor)
    services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=coordinator)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.editions.count() == 1


def test_a_draft_cannot_skip_the_review():
    report = SectionFactory().report
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    with pytest.raises(ValidationError):
        services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=coordinator)


def test_an_unknown_figure_blocks_publishing():
    report = SectionFactory(
        body="<p>{{ indicator:gibt-es-nicht territory:ags:1 period:1 }}</p>"
    ).report
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    services.report_set_status(report=report, status=ReportStatus.REVIEW, actor=coordinator)
    with pytest.raises(ValidationError):
        services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=coordinator)
    assert not Edition.objects.exists()


def test_a_published_edition_keeps_its_figures_and_texts_when_data_is_reimported():
    value = indicator_value(value=12.3)
    section = SectionFactory(body=f"<p>{_tag(value)}</p>")
    report = section.report
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    services.report_set_status(report=report, status=ReportStatus.REVIEW, actor=coordinator)
    services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=coordinator)
    value.value = 99.9
    value.save()
    section.body = "<p>Neuer Text</p>"
    section.save()
    edition = report.editions.get()
    with translation.override("de"):
        frozen = selectors.report_document(report, language="de", edition=edition)
        live = selectors.report_document(report, language="de")
    assert "12,3" in frozen["sections"][0].html and "99,9" not in frozen["sections"][0].html
    assert frozen["footnotes"][0].figure.source == "Regionaldatenbank Deutschland"
    assert "Neuer Text" in live["sections"][0].html


def test_published_reports_are_public_and_drafts_only_for_their_editors():
    draft = ReportFactory()
    published = ReportFactory(status=ReportStatus.PUBLISHED)
    assert list(selectors.report_list(user=AnonymousUser())) == [published]
    editor = member(draft.territory, RoleLevel.EDITOR)
    viewer = member(draft.territory, RoleLevel.VIEWER)
    assert set(selectors.report_list(user=editor)) == {draft, published}
    assert set(selectors.report_list(user=viewer)) == {published}
    assert editor.has_perm("reports.view_report", draft)
    assert not viewer.has_perm("reports.view_report", draft)


def test_a_new_edition_lists_the_figures_and_texts_that_changed(client):
    value = indicator_value(value=12.3)
    section = SectionFactory(body=f"<p>{_tag(value)}</p>")
    report = section.report
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    for status in (ReportStatus.REVIEW, ReportStatus.PUBLISHED):
        services.report_set_status(report=report, status=status, actor=coordinator)
    value.value = 10.0
    value.save()
    section.title = "Neu gefasst"
    section.save()
    for status in (ReportStatus.DRAFT, ReportStatus.REVIEW, ReportStatus.PUBLISHED):
        services.report_set_status(report=report, status=status, actor=coordinator)
    second = report.editions.get(number=2)
    changes = selectors.edition_changes(second, language="de")
    (figure,) = changes["figures"]
    assert (figure["before"], figure["after"]) == ("12,3\u00a0%", "10,0\u00a0%")
    assert changes["texts"] == ["Neu gefasst"]
    assert selectors.edition_changes(report.editions.get(number=1), language="de") is None
    with translation.override("en"):
        url = reverse("reports:edition_detail", args=[report.slug, 2])
        assert "Changes against edition 1" in client.get(url).content.decode()


def test_a_new_edition_lists_a_work_package_whose_progress_moved():
    programme = ProgrammeFactory(title="Arbeitsprogramm Test")
    package = WorkPackageFactory(programme=programme, number="AP 3", title="Monitoring")
    TaskFactory(package=package, status=TaskStatus.DONE)
    TaskFactory(package=package, status=TaskStatus.OPEN)
    section = SectionFactory()
    BlockFactory(section=section, kind="programme_status", params={"programme": programme.slug})
    report = section.report
    coordinator = member(report.territory, RoleLevel.COORDINATOR)
    for status in (ReportStatus.REVIEW, ReportStatus.PUBLISHED):
        services.report_set_status(report=report, status=status, actor=coordinator)
    TaskFactory(package=package, status=TaskStatus.DONE)
    TaskFactory(package=package, status=TaskStatus.DONE)
    for status in (ReportStatus.DRAFT, ReportStatus.REVIEW, ReportStatus.PUBLISHED):
        services.report_set_status(report=report, status=status, actor=coordinator)
    changes = selectors.edition_changes(report.editions.get(number=2), language="de")
    (cell,) = changes["cells"]
    assert cell["what"] == "Arbeitsprogramm Test, AP 3"
    assert cell["before"].endswith("50\u00a0%") and cell["after"].endswith("75\u00a0%")


def test_one_action_makes_a_local_profile_for_every_district_with_its_figures():
    city = TerritoryFactory(name="Teststadt")
    districts = [
        TerritoryFactory(name=f"Bezirk {n}", parent=city, level="district", scheme="test",
                         code=f"b{n}")
        for n in (1, 2)
    ]  # fmt: skip
    value = indicator_value(territory=city)
    section = SectionFactory(
        report=ReportFactory(territory=city, title="Profil"),
        body=f"<p>{tag(value.indicator.code, city.key, '2015')}</p>",
    )
    coordinator = member(city, RoleLevel.COORDINATOR)
    created = services.district_profiles_create(report=section.report, actor=coordinator)
    assert sorted(r.territory.name for r in created) == ["Bezirk 1", "Bezirk 2"]
    body = created[0].sections.get().body
    assert f"territory:{districts[0].key} " in body and city.key not in body
    assert services.district_profiles_create(report=section.report, actor=coordinator) == []
