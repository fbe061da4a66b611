"""The PDF: tagged PDF/UA (structure tree, MarkInfo, language, title), bookmarks, extractable
text with every figure's source, charts as vector graphics; made in the background with its
progress on the page, stored privately and served after the report's rules."""

import io
import json
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from reports import services
from reports.models import Rendering, Report, ReportStatus

from .factories import BlockFactory, ReportFactory, SectionFactory, indicator_value, tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    value = indicator_value(value=12.3, period="2015")
    report = ReportFactory(territory=value.territory, title="Profil Teststadt", period="2015")
    section = SectionFactory(
        report=report, chapter="D", title="Allgemeinbildende Schulen",
        body=f"<p>Ohne Abschluss: {tag(value.indicator.code, value.territory.key, '2015')}.</p>",
    )  # fmt: skip
    BlockFactory(section=section, kind="chart", params={"indicator": value.indicator.code})
    return report


def test_the_pdf_is_tagged_titled_bookmarked_and_names_every_source(report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rendering = services.rendering_request(
        report=report, language="de", actor=member(report.territory, RoleLevel.EDITOR)
    )
    assert services.rendering_run(rendering.pk) == Rendering.Status.DONE
    rendering.refresh_from_db()
    with rendering.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "de"
    assert reader.metadata.title == "Profil Teststadt"
    assert [o.title for o in reader.outline if not isinstance(o, list)][0] == "Profil Teststadt"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "12,3" in text and "Regionaldatenbank Deutschland" in text
    assert "Quellen und Lizenzen" in text and "Abbildungsverzeichnis" in text
    # The chart is drawn as vectors with its text: no raster image anywhere.
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


def test_a_pdf_is_requested_on_the_page_made_in_the_background_and_served_to_readers_only(
    client, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(member(report.territory, RoleLevel.EDITOR))
    with translation.override("en"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("reports:rendering_request", args=[report.slug]))
        rendering = Rendering.objects.get(report=report)
        assert response.status_code == 302
        status = client.get(
            reverse("reports:rendering_detail", args=[report.slug, rendering.pk]),
            headers={"HX-Request": "true"},
        ).content.decode()
    assert "hx-trigger" not in status  # done: no more polling
    rendering.refresh_from_db()
    assert rendering.status == Rendering.Status.DONE
    assert rendering.file.url in status
    assert client.get(rendering.file.url).status_code == 200
    client.logout()
    assert client.get(rendering.file.url).status_code == 404  # a draft's PDF is private


def test_publishing_makes_the_editions_pdf_for_every_reader_and_describes_it_as_json_ld(
    client, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.REVIEW)
    client.force_login(member(report.territory, RoleLevel.COORDINATOR))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reports:report_status", args=[report.slug]),
            {"status": ReportStatus.PUBLISHED},
        )
    (rendering,) = Rendering.objects.filter(report=report)
    assert rendering.edition is not None and rendering.status == Rendering.Status.DONE
    client.logout()
    content = client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()
    assert rendering.file.url in content and "PDF (Deutsch)" in content
    assert client.get(rendering.file.url).status_code == 200  # a published PDF is public
    jsonld = json.loads(re.search(r'ld\+json">(.*?)</script>', content, re.S).group(1))
    assert jsonld["@type"] == "Report" and jsonld["temporalCoverage"] == "2015"
    assert jsonld["spatialCoverage"]["identifier"] == report.territory.key
    assert any(m["encodingFormat"] == "application/pdf" for m in jsonld["associatedMedia"])
    assert jsonld["isBasedOn"][0]["publisher"] == "Statistische Ämter"
