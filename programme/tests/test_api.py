"""The programme API: programmes with packages and progress, tasks with filters."""

import datetime as dt

from django.urls import reverse

from programme.models import TaskStatus

from .factories import ProgrammeFactory, TaskFactory, WorkPackageFactory


def test_a_programme_comes_with_its_packages_and_progress(client, programme, package):
    TaskFactory(package=package, status=TaskStatus.DONE)
    TaskFactory(package=package, status=TaskStatus.CANCELLED)
    body = client.get(reverse("api-v1:get_work_programme", args=[programme.slug])).json()
    assert body["progress"] == 100
    (row,) = body["packages"]
    assert row["number"] == "AP 3" and row["tasks_counted"] == 1 and row["progress"] == 100
    assert row["url"] == package.get_absolute_url()


def test_a_hidden_programme_is_not_found_without_a_token(client, db):
    hidden = ProgrammeFactory(is_public=False)
    response = client.get(reverse("api-v1:get_work_programme", args=[hidden.slug]))
    assert response.status_code == 404
    listed = client.get(reverse("api-v1:list_work_programmes")).json()["items"]
    assert hidden.slug not in [row["slug"] for row in listed]


def test_tasks_filter_by_status_and_overdue(client, package, today):
    late = TaskFactory(package=package, title="Spät", due=today - dt.timedelta(days=1))
    TaskFactory(package=package, title="Fertig", status=TaskStatus.DONE)
    items = client.get(reverse("api-v1:list_tasks"), {"overdue": True}).json()["items"]
    assert [row["id"] for row in items] == [late.pk]
    items = client.get(reverse("api-v1:list_tasks"), {"status": "done"}).json()["items"]
    assert [row["title"] for row in items] == ["Fertig"]


def test_an_unknown_status_filter_is_a_422(client, db):
    response = client.get(reverse("api-v1:list_tasks"), {"status": "vielleicht"})
    assert response.status_code == 422


def test_packages_sort_by_their_number(client, programme):
    for n in (10, 2, 1):
        WorkPackageFactory(programme=programme, number=f"AP {n}", position=n)
    body = client.get(reverse("api-v1:get_work_programme", args=[programme.slug])).json()
    assert [p["number"] for p in body["packages"]] == ["AP 1", "AP 2", "AP 10"]
