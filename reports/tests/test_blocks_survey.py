"""Survey-result blocks: a question of several waves side by side, small cells hidden with
their reason (never a number of fewer than five respondents), free text refused, frozen with
the edition, in the data ZIP; only public waves can be chosen."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from reports import services
from reports.forms import BlockForm
from reports.models import Edition, ReportStatus
from surveys.tests.results_data import answer, filled_wave, wien

from .factories import BlockFactory, ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _report(*blocks):
    report = ReportFactory(title="Teilhabe im Vergleich", period="2026")
    section = SectionFactory(report=report, title="Befragung")
    for params in blocks:
        BlockFactory(section=section, kind="survey", params=params)
    return report


def _publish(report) -> Edition:
    edition = Edition.objects.create(report=report, number=1, **services.edition_snapshot(report))
    report.status = ReportStatus.PUBLISHED
    report.save()
    return edition


def _page(client, report) -> str:
    with translation.override("en"):
        return client.get(reverse("reports:report_detail", args=[report.slug])).content.decode()


def test_a_survey_block_shows_two_cities_side_by_side_and_hides_a_group_of_four(client):
    erfurt_wave, _ = filled_wave(slug="erfurt-2026", parents=20, pupils=4)
    wien_wave, _ = filled_wave(wien(), slug="wien-2026", parents=12, pupils=9)
    report = _report({"waves": ["erfurt-2026", "wien-2026"], "question": "GRP"})
    _publish(report)
    content = _page(client, report)
    assert "Erfurt, 2026" in content and "Wien, 2026" in content
    assert "12 (57.1\u00a0%)" in content and "9 (42.9\u00a0%)" in content  # Wien: shown
    # Erfurt's four pupils are hidden, and so is the 20 beside them (else 24 − 20 = 4).
    assert "not shown: fewer than 5 respondents" in content
    assert "20 (83.3\u00a0%)" not in content and ">4 (" not in content


def test_a_published_survey_block_keeps_its_figures_when_more_answers_come(client):
    wave, questions = filled_wave(slug="erfurt-2026", parents=20, pupils=6)
    report = _report({"waves": ["erfurt-2026"], "question": "GRP"})
    _publish(report)
    for _ in range(10):
        answer(wave, questions, grp="2", th01="2")
    content = _page(client, report)
    assert "6 (23.1\u00a0%)" in content and "16 (" not in content


def test_free_text_and_draft_waves_never_reach_a_report(client):
    filled_wave(slug="erfurt-2026")
    filled_wave(slug="entwurf", status="draft")
    report = _report(
        {"waves": ["erfurt-2026"], "question": "TXT"}, {"waves": ["entwurf"], "question": "GRP"}
    )
    _publish(report)
    content = _page(client, report)
    assert "Free-text answers are private" in content and "geheim" not in content
    assert "no survey wave whose results are public" in content
    assert "entwurf" not in dict(BlockForm().fields["waves"].choices)


def test_the_block_form_asks_for_waves_and_a_question():
    form = BlockForm({"kind": "survey", "title": ""})
    assert not form.is_valid()
    assert "waves" in form.errors and "question" in form.errors


def test_the_data_zip_holds_the_survey_cells_with_the_reason_they_are_hidden(client):
    filled_wave(slug="erfurt-2026", parents=20, pupils=4)
    report = _report({"waves": ["erfurt-2026"], "question": "GRP"})
    _publish(report)
    data = client.get(reverse("reports:report_data", args=[report.slug])).content
    archive = zipfile.ZipFile(io.BytesIO(data))
    (name,) = [n for n in archive.namelist() if n.startswith("block-")]
    text = archive.read(name).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    pupils = next(r for r in rows if r["code"] == "2")
    assert (pupils["count"], pupils["symbol"], pupils["hidden_because"]) == ("", ".", "primary")
