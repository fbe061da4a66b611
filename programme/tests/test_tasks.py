"""Tasks: created by another app with an origin, status changes, owners' task lists."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from actors.models import Visibility
from actors.tests.factories import OrganisationFactory, PersonFactory
from programme.models import Task, TaskStatus
from programme.services import task_create, task_set_status

from .factories import TaskFactory


def test_a_task_made_from_another_object_shows_where_it_came_from(client, package, coordinator):
    """An organisation stands in for a meeting's action item: any model can be the origin."""
    origin = OrganisationFactory(name_de="AG Monitoring")
    task = task_create(
        package=package,
        title="Datenquellen prüfen",
        origin=origin,
        origin_label="Aktionspunkt 2 der Sitzung der AG Monitoring",
        actor=coordinator,
    )
    assert task.origin == origin
    assert task.origin_url == origin.get_absolute_url()
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Aktionspunkt 2 der Sitzung der AG Monitoring" in html
    assert f'href="{origin.get_absolute_url()}"' in html


def test_without_a_label_the_origin_is_named_by_itself(package):
    origin = OrganisationFactory(name_de="Kammer")
    task = task_create(package=package, title="Jour fixe", origin=origin, actor=None)
    assert task.origin_label == "Kammer"


def test_the_origin_stays_named_when_its_app_is_gone(client, package):
    task = task_create(
        package=package,
        title="Aus einer entfernten App",
        origin_label="Beschluss 4 der Steuerungsgruppe",
        origin_url="https://example.org/sitzungen/4",
        actor=None,
    )
    # A content type whose model no longer exists (an uninstalled app).
    gone = ContentType.objects.create(app_label="gone", model="actionitem")
    Task.objects.filter(pk=task.pk).update(origin_type=gone, origin_id="7")
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Beschluss 4 der Steuerungsgruppe" in html
    assert 'href="https://example.org/sitzungen/4"' in html


def test_task_create_refuses_someone_who_may_not_add_tasks(package, stranger):
    with pytest.raises(PermissionDenied):
        task_create(package=package, title="Nicht erlaubt", actor=stranger)
    assert not Task.objects.filter(title="Nicht erlaubt").exists()


def test_task_create_refuses_an_empty_title(package, coordinator):
    with pytest.raises(ValidationError):
        task_create(package=package, title="  ", actor=coordinator)


def test_a_user_as_owner_becomes_their_person_in_the_directory(package):
    user = UserFactory()
    person = PersonFactory(user=user)
    task = task_create(package=package, title="Protokoll", owner=user, actor=None)
    assert task.owner == person and task.owner_user is None
    other = UserFactory()
    task = task_create(package=package, title="Ohne Eintrag", owner=other, actor=None)
    assert task.owner is None and task.owner_user == other


def test_done_sets_the_time_and_reopening_clears_it(package, coordinator):
    task = TaskFactory(package=package)
    task_set_status(task=task, status=TaskStatus.DONE, actor=coordinator)
    assert Task.objects.get(pk=task.pk).done_at is not None
    task_set_status(task=task, status=TaskStatus.OPEN, actor=coordinator)
    assert Task.objects.get(pk=task.pk).done_at is None


def test_the_status_buttons_move_the_package_progress(client, package, coordinator):
    task = TaskFactory(package=package)
    TaskFactory(package=package)
    client.force_login(coordinator)
    page = client.get(package.get_absolute_url()).content.decode()
    assert "0 von 2 erledigt" in page
    response = client.post(reverse("programme:task_status", args=[task.pk]), {"status": "done"})
    assert response.status_code == 302
    page = client.get(package.get_absolute_url()).content.decode()
    assert "1 von 2 erledigt" in page
    assert "50 % erledigt" in page


def test_the_owner_may_move_the_status_but_not_edit(client, package):
    user = UserFactory()
    task = TaskFactory(package=package, owner=PersonFactory(user=user))
    client.force_login(user)
    client.post(reverse("programme:task_status", args=[task.pk]), {"status": "in_progress"})
    assert Task.objects.get(pk=task.pk).status == TaskStatus.IN_PROGRESS
    assert client.get(reverse("programme:task_edit", args=[task.pk])).status_code == 403


def test_a_stranger_cannot_move_the_status(client, package, stranger):
    task = TaskFactory(package=package)
    client.force_login(stranger)
    response = client.post(reverse("programme:task_status", args=[task.pk]), {"status": "done"})
    assert response.status_code == 403
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN


def test_my_tasks_lists_only_my_open_tasks(client, package):
    user = UserFactory()
    person = PersonFactory(user=user)
    mine = TaskFactory(package=package, owner=person, title="Meine offene Aufgabe")
    TaskFactory(package=package, owner=person, title="Meine erledigte", status=TaskStatus.DONE)
    TaskFactory(package=package, title="Fremde Aufgabe")
    client.force_login(user)
    html = client.get(reverse("programme:task_list"), {"mine": "on", "open": "on"}).content.decode()
    assert mine.title in html
    assert "Meine erledigte" not in html and "Fremde Aufgabe" not in html
    assert "Meine Aufgaben" in html


def test_an_owners_page_lists_their_open_tasks_by_name(client, package):
    person = PersonFactory(given_name="Erika", family_name="Muster")
    TaskFactory(package=package, owner=person, title="Erikas Aufgabe")
    TaskFactory(package=package, title="Andere Aufgabe")
    html = client.get(
        reverse("programme:task_list"), {"owner": person.pk, "open": "on"}
    ).content.decode()
    assert "Erikas Aufgabe" in html and "Andere Aufgabe" not in html
    assert "Aufgaben von Erika Muster" in html


def test_a_hidden_owner_name_is_not_shown(client, package):
    person = PersonFactory(given_name="Geheim", family_name="Person")
    person.name_visibility = Visibility.PRIVATE
    person.save()
    TaskFactory(package=package, owner=person, title="Verdeckte Aufgabe")
    html = client.get(package.get_absolute_url()).content.decode()
    assert "Verdeckte Aufgabe" in html and "Geheim" not in html


def test_tasks_export_as_csv_and_xlsx(client, package):
    TaskFactory(package=package, title="Exportierte Aufgabe", due=dt.date(2025, 1, 31))
    csv = client.get(reverse("programme:task_list"), {"format": "csv"})
    assert "Exportierte Aufgabe" in b"".join(csv.streaming_content).decode()
    xlsx = client.get(package.get_absolute_url(), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_package_page_filters_tasks_by_status(client, package):
    TaskFactory(package=package, title="Offen A")
    TaskFactory(package=package, title="Erledigt B", status=TaskStatus.DONE)
    html = client.get(package.get_absolute_url(), {"status": "done"}).content.decode()
    assert "Erledigt B" in html and "Offen A" not in html


def test_an_editor_of_the_package_lead_manages_its_tasks(client, package):
    lead = OrganisationFactory()
    package.lead_organisation = lead
    package.save()
    editor = member(organisation=lead, role=RoleLevel.EDITOR)
    client.force_login(editor)
    response = client.post(
        reverse("programme:task_create", args=[package.programme.slug, package.pk]),
        {"title": "Vom Paketleiter", "status": "open"},
    )
    assert response.status_code == 302
    assert Task.objects.filter(title="Vom Paketleiter", package=package).exists()
