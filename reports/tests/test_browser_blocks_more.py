"""The segregation, map, goal-progress and work-programme blocks in a real browser: axe-core
finds no WCAG 2.1 AA violation on a published report holding all four."""

import pytest
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from bildungsnetz.tests.browser import axe_violations
from cooperation.tests.factories import AgreementFactory, GoalFactory
from monitoring.tests.factories import DatasetFactory, observations_add
from places.models import Level
from places.tests.factories import TerritoryFactory
from programme.tests.factories import ProgrammeFactory, WorkPackageFactory
from reports import services
from reports.models import ReportStatus

from .factories import BlockFactory, ReportFactory, SectionFactory, indicator_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _square(x: int) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]}


def test_a_report_with_segregation_map_goals_and_packages_has_no_axe_violations(axe_page):
    city = TerritoryFactory(scheme="gkz", code="90001", name="Wien", country="AT")
    dataset = DatasetFactory(code="wien-test", source="Stadt Wien", licence="CC BY 4.0")
    districts = []
    for i, (group, total) in enumerate(((30.0, 100.0), (10.0, 90.0), (50.0, 120.0)), start=1):
        district = TerritoryFactory(
            scheme="gkz", code=f"9{i:02d}01", name=f"{i}. Bezirk", level=Level.DISTRICT,
            parent=city, country="AT", boundary=_square(i),
        )  # fmt: skip
        observations_add(dataset, district, measure="EW_AUSLAENDER", values=(group,))
        observations_add(dataset, district, measure="EW_GESAMT", values=(total,))
        districts.append(district)
    indicator = indicator_value(territory=districts[0], period="2024", value=20.0).indicator
    agreement = AgreementFactory()
    GoalFactory(agreement=agreement, number=1, text="Austausch", progress=None)
    programme = ProgrammeFactory()
    WorkPackageFactory(programme=programme, number="AP 1", title="Grundlagen")
    report = ReportFactory(territory=city, title="Segregation in Wien", period="2024")
    section = SectionFactory(report=report, chapter="B", title="Wien nach Bezirken")
    for kind, params in (
        ("segregation", {"series": "auslaender-wien"}),
        ("map", {"indicator": indicator.code, "level": Level.DISTRICT}),
        ("goal_progress", {"agreement": agreement.slug}),
        ("programme_status", {"programme": programme.slug}),
    ):
        BlockFactory(section=section, kind=kind, params=params)
    coordinator = member(city, RoleLevel.COORDINATOR)
    services.report_set_status(report=report, status=ReportStatus.REVIEW, actor=coordinator)
    services.report_set_status(report=report, status=ReportStatus.PUBLISHED, actor=coordinator)

    page = axe_page
    page.goto(reverse("reports:report_detail", args=[report.slug]))
    assert page.locator("svg[role=img]").count() == 2  # the interval chart and the map
    assert page.get_by_text("Austausch").is_visible()
    assert axe_violations(page) == []
