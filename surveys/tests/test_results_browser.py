"""The public results pages in a browser: axe-core (WCAG 2.1 AA) finds no violation on the
wave's results, a breakdown with a hidden group and the comparison of two cities."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bildungsnetz.tests.browser import axe_violations
from surveys.models import SurveyIndex
from surveys.tests.factories import WaveFactory
from surveys.tests.results_data import answer, build_version, filled_wave, wien

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_results_breakdown_and_comparison_pages_pass_axe(axe_page):
    first, _ = filled_wave(slug="erfurt-2026", parents=20, pupils=4)
    version, questions = build_version(first.version.instrument, number=2, with_text=False)
    second = WaveFactory(version=version, territory=wien(), slug="wien-2026")
    for _ in range(7):
        answer(second, questions, grp="1", th01="5", th05=("4", "3"), age=35)
    SurveyIndex.objects.create(
        instrument=first.version.instrument, code="teilhabe", name="Teilhabeindex",
        question_codes=["TH01", "TH05"],
    )  # fmt: skip
    page = axe_page
    page.goto(reverse("surveys:results_wave", args=[first.slug]))
    assert page.locator(".bn-results-legend").first.is_visible()
    assert axe_violations(page) == []
    page.goto(reverse("surveys:results_breakdown", args=[first.slug]))
    page.select_option("#frage", "TH01")
    page.select_option("#nach", "GRP")
    page.get_by_role("button", name="Aufschlüsselung anzeigen").click()
    page.wait_for_url("**nach=GRP**")
    assert page.locator("table").first.is_visible()
    assert axe_violations(page) == []
    page.goto(reverse("surveys:results_compare") + "?wellen=erfurt-2026,wien-2026")
    assert page.get_by_text("Wien").first.is_visible()
    assert axe_violations(page) == []
