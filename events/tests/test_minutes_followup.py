"""After the meeting (#15): a decision becomes an action item and the action item a task of a
work package, in two actions; the item follows its task; open items roll up on the group's,
the series' and the owner's pages; owners of overdue items get one reminder a day; decisions
are compiled across a group or a series, filtered and exported."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors import demo as actors_demo
from actors.tests.factories import PersonFactory
from bildungsnetz.schedule import periodic_tasks
from events import demo as events_demo
from events.models import ActionItem, ActionStatus, Minutes, MinutesVersion
from events.services_minutes import action_items_remind_overdue, decision_save
from programme.models import TaskStatus
from programme.tests.factories import ProgrammeFactory, WorkPackageFactory

from .factories import SeriesFactory
from .minutes_kit import approved, draft, meeting, with_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def ap3(db):
    """AP 3 of a programme of a city the minute-taker coordinates nothing in."""
    programme = ProgrammeFactory(title="Arbeitsprogramm Bildungsmanagement")
    return WorkPackageFactory(programme=programme, number="AP 3", title="Bildungskonferenzen")


def _url(minutes, name, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": minutes.event.slug, **kwargs})


def test_a_decision_becomes_an_action_item_then_a_task_in_two_posts(client, ap3):
    m = meeting()
    minutes = draft(m)
    editor_of_package = member(organisation=m.org, role=RoleLevel.EDITOR)
    ap3.lead_organisation = m.org
    ap3.save()
    client.force_login(editor_of_package)
    client.post(_url(minutes, "decision_to_action", number=1))
    item = ActionItem.objects.get(minutes=minutes)
    assert item.decision.number == 1 and item.text.startswith("Der Bildungsbericht 2024")
    page = client.get(minutes.get_absolute_url()).content.decode()
    assert "Als Aufgabe in das Arbeitsprogramm übernehmen" in page
    assert f'value="{ap3.pk}"' in page  # the package is offered
    client.post(_url(minutes, "action_to_task", number=item.number), {"package": ap3.pk})
    item.refresh_from_db()
    task = item.task
    assert task.package == ap3 and task.origin == item
    assert task.origin_label.startswith(
        "Aktionspunkt 1: Der Bildungsbericht 2024 wird erstellt. – Protokoll der Sitzung "
        "„Sitzung der AG Monitoring“ vom "
    )
    assert task.origin_label.endswith(str(m.event.local_start.year))
    task_page = client.get(reverse("programme:task_detail", kwargs={"pk": task.pk}))
    html = task_page.content.decode()
    assert "Protokoll der Sitzung „Sitzung der AG Monitoring“" in html
    assert f'href="{item.get_absolute_url()}"' in html
    # The task says why (the decision); the origin is its link, not a bare address in the text.
    assert task.description == "Beschluss 1: Der Bildungsbericht 2024 wird erstellt."
    assert f"{item.get_absolute_url()}</" not in html


def test_only_packages_the_user_may_add_tasks_to_are_offered_and_accepted(client, ap3):
    m = meeting()
    minutes = draft(m)
    item = with_action(minutes, m.editor)
    client.force_login(m.editor)  # edits the minutes, but manages no programme
    assert 'name="package"' not in client.get(minutes.get_absolute_url()).content.decode()
    client.post(_url(minutes, "action_to_task", number=item.number), {"package": ap3.pk})
    item.refresh_from_db()
    assert item.task is None


def test_the_action_item_follows_its_task_to_done(client, ap3):
    m = meeting()
    minutes = approved(m)  # follow-up stays possible after approval
    ap3.lead_organisation = m.org
    ap3.save()
    item = with_action_on_draft(m, minutes)
    client.force_login(m.coordinator)
    client.post(_url(minutes, "action_to_task", number=item.number), {"package": ap3.pk})
    item.refresh_from_db()
    assert item.effective_status == ActionStatus.OPEN
    client.post(reverse("programme:task_status", kwargs={"pk": item.task_id}), {"status": "done"})
    item.refresh_from_db()
    assert item.task.status == TaskStatus.DONE
    assert item.effective_status == ActionStatus.DONE
    assert not ActionItem.objects.open().filter(pk=item.pk).exists()
    page = client.get(minutes.get_absolute_url()).content.decode()
    assert "Erledigt" in page


def with_action_on_draft(m, minutes):
    """An action item recorded before approval (the content is frozen afterwards)."""
    ActionItem.objects.create(minutes=minutes, number=1, text="Tagungsort klären")
    return ActionItem.objects.get(minutes=minutes)


def test_open_items_roll_up_on_the_group_series_and_owner_pages(client):
    m = meeting()
    series = SeriesFactory(title="Jour fixe Monitoring", organisers=[m.org], working_group=m.group)
    m.event.series = series
    m.event.save()
    minutes = draft(m)
    owner = PersonFactory(given_name="Olaf", family_name="Owner", user=m.viewer)
    open_item = with_action(minutes, m.editor, owner=owner, text="Schuldaten anfragen")
    done = with_action(minutes, m.editor, owner=owner, text="Raum buchen")
    ActionItem.objects.filter(pk=done.pk).update(status=ActionStatus.DONE)
    client.force_login(m.viewer)
    group_page = client.get(m.group.get_absolute_url()).content.decode()
    assert "Schuldaten anfragen" in group_page and "Raum buchen" not in group_page
    series_page = client.get(series.get_absolute_url()).content.decode()
    assert "Schuldaten anfragen" in series_page
    owner_list = client.get(reverse("groups:open_items"), {"verantwortlich": owner.pk})
    assert [i.pk for i in owner_list.context["page_obj"].object_list] == [open_item.pk]
    mine = client.get(reverse("groups:open_items"), {"verantwortlich": "ich"})
    assert [i.pk for i in mine.context["page_obj"].object_list] == [open_item.pk]
    assert "Meine offenen Punkte" in mine.content.decode()


def test_open_items_of_draft_minutes_stay_with_the_members(client):
    m = meeting()
    minutes = draft(m)
    with_action(minutes, m.editor, text="Interner Punkt")
    assert "Interner Punkt" not in client.get(m.group.get_absolute_url()).content.decode()


def test_overdue_owners_are_reminded_once_a_day(client):
    m = meeting()
    minutes = draft(m)
    owner = PersonFactory(email="olaf@example.org")
    today = timezone.localdate()
    with_action(minutes, m.editor, owner=owner, due=today - dt.timedelta(days=2))
    with_action(minutes, m.editor, owner=m.viewer, due=today - dt.timedelta(days=1))
    with_action(minutes, m.editor, owner=owner, due=today + dt.timedelta(days=5))  # not yet
    with_action(minutes, m.editor, due=today - dt.timedelta(days=5))  # nobody to mail
    first = action_items_remind_overdue(today=today)
    assert first.mails == 2 and first.items == 2
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(["olaf@example.org", m.viewer.email.lower()])
    assert mail.outbox[0].subject == "Überfällige Aktionspunkte"
    assert action_items_remind_overdue(today=today).mails == 0
    assert len(mail.outbox) == 2
    assert action_items_remind_overdue(today=today + dt.timedelta(days=1)).mails == 2
    assert "events.tasks.remind_overdue_action_items" in [p.name for p in periodic_tasks()]


def test_the_decisions_of_a_group_are_compiled_filtered_and_exported(client):
    m = meeting()
    first = approved(m, decision="Der Bildungsbericht 2024 wird erstellt.")
    other = meeting(title="Zweite Sitzung")
    other.event.working_group = m.group
    other.event.starts_at -= dt.timedelta(days=60)
    other.event.ends_at -= dt.timedelta(days=60)
    other.event.save()
    second = approved(other, decision="Die Kita-Befragung startet im Herbst.")
    elsewhere = approved(meeting(title="Fremde Sitzung"), decision="Etwas anderes.")
    url = reverse("groups:decision_list")
    listed = client.get(url, {"group": m.group.slug})
    shown = [d.minutes_id for d in listed.context["page_obj"].object_list]
    assert shown == [first.pk, second.pk]  # latest first
    assert elsewhere.pk not in shown
    words = client.get(url, {"group": m.group.slug, "q": "kita"})
    assert [d.minutes_id for d in words.context["page_obj"].object_list] == [second.pk]
    since = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    period = client.get(url, {"group": m.group.slug, "start": since})
    assert [d.minutes_id for d in period.context["page_obj"].object_list] == [first.pk]
    export = client.get(url, {"group": m.group.slug, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert [row["decision"] for row in rows] == [
        "Der Bildungsbericht 2024 wird erstellt.", "Die Kita-Befragung startet im Herbst.",
    ]  # fmt: skip
    assert rows[0]["url"].endswith("#beschluss-1")
    assert client.get(url, {"group": m.group.slug, "format": "xlsx"}).status_code == 200


def test_draft_decisions_are_compiled_for_members_only(client):
    m = meeting()
    minutes = draft(m)
    decision_save(minutes=minutes, data={"text": "Vertraulicher Entwurf"}, actor=m.editor)
    url = reverse("groups:decision_list")
    assert "Vertraulicher Entwurf" not in client.get(url).content.decode()
    client.force_login(m.viewer)
    assert "Vertraulicher Entwurf" in client.get(url).content.decode()


def test_the_demo_holds_approved_minutes_of_the_ag_monitoring_once(taxonomies, client, settings):
    settings.DEMO_OPEN_DATA = False  # the demo organisations, without the open data
    actors_demo.load()
    events_demo.load()
    minutes = Minutes.objects.get(event__slug="ag-monitoring-sitzung-demo")
    assert (
        minutes.is_demo
        and minutes.is_approved
        and minutes.event.working_group.name == ("AG Monitoring")
    )
    assert minutes.decisions.count() == 1 and minutes.action_items.count() == 1
    assert "Demo" in minutes.body
    counts = (Minutes.objects.count(), MinutesVersion.objects.count(), ActionItem.objects.count())
    events_demo.load()
    assert counts == (
        Minutes.objects.count(),
        MinutesVersion.objects.count(),
        ActionItem.objects.count(),
    )
    # The AG Monitoring is internal: its minutes are not public.
    assert client.get(minutes.get_absolute_url()).status_code == 404


def test_approved_decisions_of_public_meetings_are_found_by_the_global_search(client):
    public = approved(meeting(), decision="Die Schulsozialarbeit wird ausgebaut.")
    draft(meeting(title="Entwurfssitzung"), decision="Die Schulsozialarbeit wird geprüft.")
    page = client.get(reverse("search:global"), {"q": "Schulsozialarbeit"}).content.decode()
    assert public.decisions.get().get_absolute_url() in page
    assert "wird geprüft" not in page


def test_the_api_lists_the_decisions_the_caller_may_see(client):
    m = meeting()
    approved(m, decision="Die Schulsozialarbeit wird ausgebaut.")
    draft(meeting(title="Entwurfssitzung"), decision="Noch nicht genehmigt.")
    url = reverse("api-v1:list_decisions")
    items = client.get(url, {"group": m.group.slug}).json()["items"]
    assert [i["text"] for i in items] == ["Die Schulsozialarbeit wird ausgebaut."]
    assert items[0]["minutes_status"] == "approved" and items[0]["url"].endswith("#beschluss-1")
    everything = [i["text"] for i in client.get(url).json()["items"]]
    assert "Noch nicht genehmigt." not in everything
    assert client.get(url, {"group": "gibt-es-nicht"}).status_code == 422
