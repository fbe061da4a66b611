"""The exports page in a real browser: axe-core finds no WCAG 2.1 AA violation, for the public
(without the raw export) and for a coordinator (with it)."""

import pytest
from django.urls import reverse

from bildungsnetz.tests.browser import axe_violations
from surveys.tests import exports_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_exports_page_has_no_axe_violations(axe_page):
    wave = exports_world.build()
    page = axe_page
    page.goto(reverse("surveys:export_wave", args=[wave.slug]))
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("link", name="DDI-Codebook 2.5 (XML)").is_visible()
    assert page.get_by_text("nur für die Koordinatorinnen und Koordinatoren").is_visible()
    assert axe_violations(page) == []
