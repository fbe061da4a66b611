"""The programme and package pages: overdue items, the timeline table, edits that never
overwrite each other, input kept on errors, undoable deletion, the goal's roll-up."""

import datetime as dt

from django.urls import reverse

from actors.tests.factories import OrganisationFactory
from bildungsnetz.concurrency import TOKEN_FIELD, version_token
from cooperation.tests.factories import GoalFactory
from programme.models import Programme, Task, TaskStatus, WorkPackage

from .factories import (
    DeliverableFactory,
    MilestoneFactory,
    ProgrammeFactory,
    TaskFactory,
    WorkPackageFactory,
)


def test_the_programme_page_shows_what_is_overdue(client, programme, package, today):
    TaskFactory(package=package, title="Längst fällig", due=today - dt.timedelta(days=3))
    TaskFactory(package=package, title="Noch Zeit", due=today + dt.timedelta(days=3))
    TaskFactory(
        package=package, title="Erledigt trotz Datum", due=today - dt.timedelta(days=9),
        status=TaskStatus.DONE,
    )  # fmt: skip
    MilestoneFactory(package=package, title="Verpasster Meilenstein", due=today - dt.timedelta(1))
    html = client.get(programme.get_absolute_url()).content.decode()
    overdue = html.split('id="overdue-heading"')[1].split("</section>")[0]
    assert "Längst fällig" in overdue and "Verpasster Meilenstein" in overdue
    assert "Noch Zeit" not in overdue and "Erledigt trotz Datum" not in overdue
    # The package row counts one overdue task.
    row = html.split('id="arbeitspakete"')[1].split(package.title)[1].split("</tr>")[0]
    assert '<span class="bn-flag">1</span>' in row


def test_the_programme_page_lists_every_package_with_progress_in_words(client, programme):
    for n in (1, 2, 10):
        WorkPackageFactory(programme=programme, number=f"AP {n}", position=n)
    html = client.get(programme.get_absolute_url()).content.decode()
    assert html.index(">AP 1<") < html.index(">AP 2<") < html.index(">AP 10<")
    assert "Noch kein Fortschritt messbar" in html


def test_the_timeline_is_an_accessible_table_beside_the_chart(client, programme, package):
    MilestoneFactory(package=package, title="Konferenz durchgeführt", due=dt.date(2024, 11, 15))
    DeliverableFactory(package=package, title="Dokumentation", due=dt.date(2024, 12, 1))
    html = client.get(programme.get_absolute_url()).content.decode()
    table = html.split('id="zeitplan"')[1].split("</table>")[0]
    assert "<caption>Zeitplan der Arbeitspakete" in table
    assert 'scope="col"' in table and 'scope="row"' in table
    assert "Konferenz durchgeführt" in table and "Dokumentation" in table
    chart = html.split('class="bn-timeline"')[1].split("</div>\n  <ul")[0]
    assert "<svg" in chart and "bn-timeline__milestone" in chart
    assert "style=" not in html.split("<body")[1]


def test_a_second_editor_does_not_overwrite_the_first(client, programme, coordinator):
    client.force_login(coordinator)
    url = reverse("programme:programme_edit", args=[programme.slug])
    page = client.get(url)
    token = page.context["form"][TOKEN_FIELD].value()
    assert token == version_token(programme, page.context["form"].version_fields())
    Programme.objects.filter(pk=programme.pk).update(funder="Land Thüringen")
    data = {
        "title": "Mein Titel", "funder": "Bund", "territory": programme.territory_id,
        "is_public": "on", TOKEN_FIELD: token, "budget-TOTAL_FORMS": "0",
        "budget-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 409
    assert Programme.objects.get(pk=programme.pk).funder == "Land Thüringen"
    assert "Mein Titel" in response.content.decode()


def test_bad_input_keeps_what_was_typed(client, programme, package, coordinator):
    client.force_login(coordinator)
    url = reverse("programme:task_create", args=[programme.slug, package.pk])
    response = client.post(
        url, {"title": "Einladungen versenden", "status": "open", "due": "31.02.2025"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Einladungen versenden"' in html and "31.02.2025" in html
    assert not Task.objects.filter(title="Einladungen versenden").exists()


def test_a_package_number_is_unique_in_its_programme(client, programme, package, coordinator):
    client.force_login(coordinator)
    url = reverse("programme:package_create", args=[programme.slug])
    response = client.post(url, {"number": "AP 3", "title": "Doppelt"})
    assert response.status_code == 200
    assert "bereits ein Arbeitspaket mit dieser Nummer" in response.content.decode()
    assert 'value="Doppelt"' in response.content.decode()


def test_the_budget_lines_are_saved_and_shown(client, programme, coordinator):
    client.force_login(coordinator)
    url = reverse("programme:programme_edit", args=[programme.slug])
    data = {
        "title": programme.title, "territory": programme.territory_id, "is_public": "on",
        "budget-TOTAL_FORMS": "1", "budget-INITIAL_FORMS": "0",
        "budget-0-label": "Personal", "budget-0-amount": "120000", "budget-0-currency": "EUR",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Personal" in html and "120.000,00 EUR" in html


def test_someone_without_a_role_there_cannot_add_a_programme_for_a_city(client, stranger, city):
    client.force_login(stranger)
    url = reverse("programme:programme_create")
    response = client.post(url, {"title": "X", "territory": city.pk})
    assert response.status_code == 403
    assert not Programme.objects.filter(title="X").exists()


def test_a_deleted_package_leaves_the_pages_and_can_be_restored(
    client, programme, package, coordinator
):
    client.force_login(coordinator)
    delete_url = reverse("programme:package_delete", args=[programme.slug, package.pk])
    assert "löschen?" in client.get(delete_url).content.decode()
    response = client.post(delete_url)
    assert response.status_code == 302
    assert not WorkPackage.objects.filter(pk=package.pk).exists()
    page = client.get(programme.get_absolute_url()).content.decode()
    # Only the managers' list of deleted items, which leads to the undo, still names it.
    assert package.title not in page.split('id="deleted-heading"')[0]
    assert client.get(package.get_absolute_url()).status_code == 404
    undo = client.get(response.url)
    assert "Rückgängig machen" in undo.content.decode()
    client.post(reverse("programme:restore", args=["arbeitspaket", package.pk]))
    assert WorkPackage.objects.filter(pk=package.pk).exists()
    assert package.title in client.get(programme.get_absolute_url()).content.decode()


def test_a_stranger_cannot_undo_a_deletion(client, programme, package, stranger):
    WorkPackage.objects.filter(pk=package.pk).update(deleted_at=programme.created)
    client.force_login(stranger)
    response = client.post(reverse("programme:restore", args=["arbeitspaket", package.pk]))
    assert response.status_code == 403
    assert not WorkPackage.objects.filter(pk=package.pk).exists()


def test_a_deliverable_links_to_what_it_produced(client, programme, package, coordinator):
    goal = GoalFactory()
    agreement = goal.agreement
    client.force_login(coordinator)
    url = reverse("programme:deliverable_create", args=[programme.slug, package.pk])
    kind = client.get(url).context["form"].fields["target_kind"].queryset.get(model="agreement")
    data = {"title": "Vereinbarung geschlossen", "target_kind": kind.pk}
    response = client.post(url, {**data, "target_key": agreement.slug})
    assert response.status_code == 302
    html = client.get(package.get_absolute_url()).content.decode()
    assert f'href="{agreement.get_absolute_url()}"' in html and agreement.title in html


def test_the_goal_page_lists_the_packages_serving_it_with_progress(client, package):
    goal = GoalFactory()
    package.goals.add(goal)
    TaskFactory(package=package, status=TaskStatus.DONE)
    TaskFactory(package=package)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Arbeitspakete für dieses Ziel" in html
    assert package.get_absolute_url() in html
    assert "50 % erledigt" in html


def test_the_goal_page_leaves_out_packages_of_hidden_programmes(client, db):
    goal = GoalFactory()
    hidden = WorkPackageFactory(programme=ProgrammeFactory(is_public=False), title="Intern")
    hidden.goals.add(goal)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Intern" not in html and "Arbeitspakete für dieses Ziel" not in html


def test_the_list_filters_by_funder_and_exports(client, db):
    ProgrammeFactory(title="Bundesprogramm", funder="Bund")
    ProgrammeFactory(title="Landesprogramm", funder="Land")
    html = client.get(reverse("programme:programme_list"), {"funder": "Bund"}).content.decode()
    assert "Bundesprogramm" in html and "Landesprogramm" not in html
    export = client.get(reverse("programme:programme_list"), {"format": "json"}).json()
    assert {row["title"] for row in export} == {"Bundesprogramm", "Landesprogramm"}


def test_an_organisation_page_names_the_work_packages_it_leads(client, package):
    lead = OrganisationFactory(name_de="VHS Erfurt")
    package.lead_organisation = lead
    package.save()
    html = client.get(lead.get_absolute_url()).content.decode()
    assert package.get_absolute_url() in html and "Federführung bei" in html


def test_the_list_finds_a_programme_by_a_word_of_its_packages(client, programme, package):
    ProgrammeFactory(title="Ganz anderes Programm")
    html = client.get(reverse("programme:programme_list"), {"q": "Bildungskonferenzen"}).content
    assert programme.title in html.decode() and "Ganz anderes Programm" not in html.decode()


def test_the_list_filters_by_city(client, programme, db):
    ProgrammeFactory(title="Programm anderswo")
    html = client.get(
        reverse("programme:programme_list"), {"city": programme.territory.code}
    ).content.decode()
    assert programme.title in html and "Programm anderswo" not in html


def test_managers_find_deleted_items_on_the_programme_page(client, programme, package, coordinator):
    task = TaskFactory(package=package, title="Versehentlich gelöscht")
    client.force_login(coordinator)
    client.post(reverse("programme:task_delete", args=[task.pk]))
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Gelöscht, wiederherstellbar" in html
    assert reverse("programme:deleted", args=["aufgabe", task.pk]) in html
    client.logout()
    assert "Versehentlich gelöscht" not in client.get(programme.get_absolute_url()).content.decode()
