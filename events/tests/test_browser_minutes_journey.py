"""In the browser (#15, "done when"): a minute-taker turns a decision of a meeting's minutes
into an action item and the action item into a task of AP 3, in two actions; the task page
shows where it came from; once the task is done, the package's progress moves on. axe-core
finds no violation on the minutes page and on the compiled decisions."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bildungsnetz.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ein-langes-kennwort-42"  # noqa: S105 - test accounts only


@pytest.fixture
def meeting_with_minutes(transactional_db):
    """The AG Monitoring's last meeting with draft minutes (one decision), and AP 3 of the
    work programme led by the minute-taker's organisation, with one of its two tasks done."""
    from allauth.account.models import EmailAddress

    from accounts.models import Membership, RoleLevel, User
    from actors.tests.factories import OrganisationFactory
    from events.services_minutes import decision_save, minutes_start
    from places.tests.factories import TerritoryFactory
    from programme.models import TaskStatus
    from programme.tests.factories import ProgrammeFactory, TaskFactory, WorkPackageFactory

    from .factories import EventFactory, WorkingGroupFactory

    erfurt = TerritoryFactory(name_de="Erfurt", code="16051000")
    office = OrganisationFactory(name_de="Bildungsbüro Erfurt", seat=erfurt)
    user = User.objects.create_user("protokoll@erfurt.example", PASSWORD, display_name="Eva")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Membership.objects.create(user=user, organisation=office, role=RoleLevel.EDITOR)
    group = WorkingGroupFactory(name="AG Monitoring", lead_organisation=office, territory=erfurt)
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(
        title="3. Sitzung der AG Monitoring", organisers=[office], territory=erfurt,
        working_group=group, starts_at=start, ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    minutes = minutes_start(event=event, actor=user)
    decision_save(
        minutes=minutes, data={"text": "Die Bildungskonferenz 2025 wird vorbereitet."},
        actor=user,
    )  # fmt: skip
    programme = ProgrammeFactory(title="Arbeitsprogramm Bildungsmanagement", territory=erfurt)
    for number in (1, 2):
        WorkPackageFactory(programme=programme, number=f"AP {number}", position=number)
    ap3 = WorkPackageFactory(
        programme=programme, number="AP 3", position=3, title="Bildungskonferenzen",
        lead_organisation=office,
    )  # fmt: skip
    TaskFactory(package=ap3, title="Konferenzkonzept", status=TaskStatus.DONE)
    TaskFactory(package=ap3, title="Tagungsort finden", status=TaskStatus.OPEN)
    return {"user": user, "minutes": minutes, "package": ap3, "group": group}


def _sign_in(page, user):
    page.goto(reverse("account_login"))
    page.locator('input[name="login"]').fill(user.email)
    password = page.locator('input[name="password"]')
    password.fill(PASSWORD)
    password.press("Enter")
    page.wait_for_url(lambda url: reverse("account_login") not in url)


def _progress(page) -> str:
    return page.locator(".kern-description-list .bn-progress").first.inner_text()


def test_a_decision_becomes_a_task_of_ap_3_and_moves_its_progress(
    meeting_with_minutes, browser_page
):
    page = browser_page
    data = meeting_with_minutes
    package = data["package"]
    page.goto(package.get_absolute_url())
    before = _progress(page)

    _sign_in(page, data["user"])
    page.goto(data["minutes"].get_absolute_url())
    assert axe_violations(page) == []
    # First action: the decision becomes an action item.
    page.get_by_role("button", name="Aktionspunkt aus diesem Beschluss").click()
    item = page.locator("#aktionspunkt-1")
    item.wait_for()
    assert "Die Bildungskonferenz 2025 wird vorbereitet." in item.inner_text()
    # Second action: the action item becomes a task of AP 3.
    item.get_by_label("Arbeitspaket").select_option(
        label="AP 3 Bildungskonferenzen (Arbeitsprogramm Bildungsmanagement)"
    )
    item.get_by_role(
        "button", name=re.compile("Als Aufgabe in das Arbeitsprogramm übernehmen")
    ).click()
    task_link = page.get_by_test_id("action-task-1")
    task_link.wait_for()
    assert "AP 3" in task_link.inner_text()
    assert axe_violations(page) == []

    task_link.click()
    page.wait_for_url(re.compile(re.escape(reverse("programme:task_list")) + r"\d+/$"))
    origin = page.locator("#herkunft")
    assert "Aktionspunkt 1: Die Bildungskonferenz 2025 wird vorbereitet." in origin.inner_text()
    assert "3. Sitzung der AG Monitoring" in origin.inner_text()
    page.get_by_role("button", name="Als „Erledigt“ markieren").click()
    page.wait_for_url(re.compile(re.escape(reverse("programme:task_list")) + r"\d+/$"))

    page.goto(package.get_absolute_url())
    after = _progress(page)
    assert before != after
    assert int(after.split()[0]) > int(before.split()[0])
    # The action item on the minutes follows its task.
    page.goto(data["minutes"].get_absolute_url())
    assert page.get_by_test_id("action-status-1").inner_text().startswith("Erledigt")

    page.goto(reverse("groups:decision_list") + f"?group={data['group'].slug}")
    assert "Die Bildungskonferenz 2025 wird vorbereitet." in page.content()
    assert axe_violations(page) == []
