"""The programme page and a package page in a real browser: axe-core finds no WCAG 2.1 AA
violation, and the timeline table and the overdue section are there."""

import datetime as dt

import pytest
from django.utils import timezone

from bildungsnetz.tests.browser import axe_violations
from cooperation.tests.factories import GoalFactory
from places.tests.factories import TerritoryFactory
from programme.models import TaskStatus

from .factories import (
    DeliverableFactory,
    MilestoneFactory,
    ProgrammeFactory,
    TaskFactory,
    WorkPackageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_programme_and_a_package_page_have_no_axe_violations(axe_page):
    today = timezone.localdate()
    programme = ProgrammeFactory(
        title="Arbeitsprogramm Bildungsmanagement", territory=TerritoryFactory(name_de="Erfurt"),
        funder="Bund", start=dt.date(2023, 1, 1), end=dt.date(2026, 12, 31),
    )  # fmt: skip
    package = WorkPackageFactory(
        programme=programme, number="AP 3", position=3, title="Bildungskonferenzen",
        start=dt.date(2023, 3, 1), end=dt.date(2025, 6, 30),
    )  # fmt: skip
    package.goals.add(GoalFactory())
    WorkPackageFactory(programme=programme, number="AP 4", position=4, title="Bildungsportal")
    TaskFactory(package=package, title="Einladungen versenden", due=today - dt.timedelta(days=2))
    TaskFactory(package=package, title="Themen sammeln", status=TaskStatus.DONE)
    MilestoneFactory(package=package, title="Konferenz durchgeführt", due=dt.date(2024, 11, 15))
    DeliverableFactory(package=package, title="Dokumentation", url="https://example.org/doku")

    page = axe_page
    page.goto(programme.get_absolute_url())
    assert page.locator("#zeitplan caption").is_visible()
    assert page.get_by_text("Einladungen versenden").first.is_visible()
    assert axe_violations(page) == []

    page.goto(package.get_absolute_url())
    assert page.get_by_role("heading", name="AP 3 Bildungskonferenzen").is_visible()
    assert page.get_by_text("33 % erledigt").first.is_visible()
    assert axe_violations(page) == []
