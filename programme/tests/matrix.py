"""Matrix specs of the programme app (see bildungsnetz/testing/permissions.py): work
programmes (public, not public, of a city only, new), work packages, tasks, milestones,
deliverables and undoing a deletion.

A programme of a tenant belongs to its city (coordinators manage it) and to its organisation
as the lead (editors manage it; viewers see it when it is not public). Seeing is asked through
the page, the API, the list's export and the API lists; writes through the pages and judged
by what happened in the database.
"""

from __future__ import annotations

import itertools
import json

from django.urls import reverse
from django.utils import timezone

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EDITORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    Action,
    Spec,
    UnexpectedResponse,
    reload,
)
from programme.models import Deliverable, Milestone, Programme, Task, TaskStatus, WorkPackage

from .factories import (
    DeliverableFactory,
    MilestoneFactory,
    ProgrammeFactory,
    TaskFactory,
    WorkPackageFactory,
)

_seq = itertools.count(1)
NEW_TITLE = "Neu"


def _url(name, *args):
    return reverse(f"programme:{name}", args=args)


def _content(response) -> str:
    if response.status_code >= 500:
        raise UnexpectedResponse(f"status {response.status_code}")
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- making objects -------------------------------------------------------------------------
def make_programme(world, tenant, *, lead=True, **fields):
    n = next(_seq)
    return ProgrammeFactory(
        territory=tenant.city, lead_organisation=tenant.org if lead else None,
        slug=f"matrix-programm-{n}", title=f"Matrixprogramm {n}", **fields,
    )  # fmt: skip


def make_package(world, tenant, **fields):
    return WorkPackageFactory(programme=make_programme(world, tenant, **fields), number="AP 1")


def make_task(world, tenant, **fields):
    return TaskFactory(package=make_package(world, tenant, **fields), title="Matrixaufgabe")


def make_deleted_package(world, tenant):
    package = make_package(world, tenant)
    WorkPackage.objects.filter(pk=package.pk).update(deleted_at=timezone.now())
    return reload(package)


# --- seeing ---------------------------------------------------------------------------------
def _in_export(call, programme):
    response = call.get(_url("programme_list"), {"format": "json"})
    if not response["Content-Type"].startswith("application/json"):
        return False
    return any(row["slug"] == programme.slug for row in json.loads(_content(response)))


def _in_api_list(call, programme):
    response = call.api_get(reverse("api-v1:list_work_programmes"))
    return any(row["slug"] == programme.slug for row in response.json()["items"])


def _task_in_api(call, task):
    response = call.api_get(reverse("api-v1:list_tasks"))
    return any(row["id"] == task.pk for row in response.json()["items"])


def _task_in_export(call, task):
    response = call.get(_url("task_list"), {"format": "json"})
    return any(row["id"] == task.pk for row in json.loads(_content(response)))


def _programme_seen(allowed) -> list[Action]:
    return [
        Action(
            "view", allowed, perm="programme.view_programme", admin="view", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(
                reverse("api-v1:get_work_programme", args=[obj.slug])
            ),
        ),
        Action("find in the list", allowed, probe=_in_export, api=_in_api_list),
    ]  # fmt: skip


# --- writing --------------------------------------------------------------------------------
def _programme_form(programme, **changes):
    data = {
        "title": programme.title, "territory": programme.territory_id or "",
        "lead_organisation": programme.lead_organisation_id or "", "is_public": "on",
        "budget-TOTAL_FORMS": "0", "budget-INITIAL_FORMS": "0", **changes,
    }  # fmt: skip
    return {k: v for k, v in data.items() if v != ""}


def _edit_programme(call, programme):
    url = _url("programme_edit", programme.slug)
    return call.post(url, _programme_form(programme, title=NEW_TITLE))


def _retitled(obj):
    return reload(obj).title == NEW_TITLE


def _deleted(obj):
    return reload(obj).deleted_at is not None


def _created_with(**lookup):
    return lambda obj: Programme.objects.filter(**lookup).exists()


def _add_for_city(call, city):
    title = f"Neues Programm {next(_seq)}"
    call.post(_url("programme_create"), {"title": title, "territory": city.pk, **_EMPTY_BUDGET})
    return Programme.objects.filter(title=title, territory=city).exists()


def _add_for_organisation(call, org):
    title = f"Neues Programm {next(_seq)}"
    data = {"title": title, "lead_organisation": org.pk, **_EMPTY_BUDGET}
    call.post(_url("programme_create"), data)
    return Programme.objects.filter(title=title, lead_organisation=org).exists()


_EMPTY_BUDGET = {"budget-TOTAL_FORMS": "0", "budget-INITIAL_FORMS": "0"}


def _package_args(package):
    return (package.programme.slug, package.pk)


def _edit_package(call, package):
    return call.post(
        _url("package_edit", *_package_args(package)), {"number": "AP 1", "title": NEW_TITLE}
    )


def _add_task(call, package):
    call.post(
        _url("task_create", *_package_args(package)), {"title": "Matrix neu", "status": "open"}
    )
    return Task.objects.filter(package=package, title="Matrix neu").exists()


def _add_milestone(call, package):
    call.post(_url("milestone_create", *_package_args(package)), {"title": "Matrix neu"})
    return Milestone.objects.filter(package=package, title="Matrix neu").exists()


def _add_deliverable(call, package):
    call.post(_url("deliverable_create", *_package_args(package)), {"title": "Matrix neu"})
    return Deliverable.objects.filter(package=package, title="Matrix neu").exists()


def _done(task):
    return reload(task).status == TaskStatus.DONE


# --- the specs ------------------------------------------------------------------------------
PROGRAMME = Spec(
    "programme.programme",
    make=make_programme,
    actions=[
        *_programme_seen(EVERYONE),
        Action(
            "change", EDITORS, perm="programme.change_programme", admin="change",
            page=_edit_programme, effect=_retitled,
        ),
        Action(
            "delete", EDITORS, perm="programme.delete_programme", admin="delete",
            page=lambda call, obj: call.post(_url("programme_delete", obj.slug)),
            effect=_deleted,
        ),
        Action(
            "add a work package", EDITORS,
            page=lambda call, obj: call.post(
                _url("package_create", obj.slug), {"number": "AP 9", "title": "Matrix"}
            ),
            effect=lambda obj: obj.packages.filter(number="AP 9").exists(),
        ),
    ],
)  # fmt: skip

HIDDEN_PROGRAMME = Spec(
    "programme.programme (not public)",
    make=lambda world, tenant: make_programme(world, tenant, is_public=False),
    actions=[
        *_programme_seen(ORG_MEMBERS),
        Action(
            "change", EDITORS, perm="programme.change_programme", page=_edit_programme,
            effect=_retitled, not_found="view",
        ),
    ],
)  # fmt: skip

# Without a lead organisation only the city's coordinators manage it; its viewers and editors
# of organisations seated there do not.
CITY_PROGRAMME = Spec(
    "programme.programme (of the city only)",
    make=lambda world, tenant: make_programme(world, tenant, lead=False),
    actions=[
        Action(
            "change", COORDINATORS, perm="programme.change_programme", admin="change",
            page=_edit_programme, effect=_retitled,
        ),
    ],
)  # fmt: skip

NEW_CITY_PROGRAMME = Spec(
    "programme.programme (new, of the tenant's city)",
    make=lambda world, tenant: tenant.city,
    actions=[Action("add", COORDINATORS, probe=_add_for_city)],
)

NEW_ORGANISATION_PROGRAMME = Spec(
    "programme.programme (new, led by the tenant's organisation)",
    make=lambda world, tenant: tenant.org,
    actions=[Action("add", EDITORS, probe=_add_for_organisation)],
)

PACKAGE = Spec(
    "programme.workpackage",
    make=make_package,
    actions=[
        Action(
            "view", EVERYONE, perm="programme.view_workpackage", admin="view",
            page=lambda call, obj: call.get(obj.get_absolute_url()),
        ),
        Action(
            "change", EDITORS, perm="programme.change_workpackage", admin="change",
            page=_edit_package, effect=_retitled,
        ),
        Action(
            "delete", EDITORS, perm="programme.delete_workpackage",
            page=lambda call, obj: call.post(_url("package_delete", *_package_args(obj))),
            effect=_deleted,
        ),
        Action("add a task", EDITORS, probe=_add_task),
        Action("add a milestone", EDITORS, probe=_add_milestone),
        Action("add a deliverable", EDITORS, probe=_add_deliverable),
    ],
)  # fmt: skip

TASK = Spec(
    "programme.task",
    make=make_task,
    actions=[
        Action(
            "view", EVERYONE, perm="programme.view_task", admin="view",
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            probe=_task_in_export, api=_task_in_api,
        ),
        Action(
            "change", EDITORS, perm="programme.change_task", admin="change",
            page=lambda call, obj: call.post(
                _url("task_edit", obj.pk), {"title": NEW_TITLE, "status": "open"}
            ),
            effect=_retitled,
        ),
        Action(
            "set the status", EDITORS, perm="programme.set_status_task",
            page=lambda call, obj: call.post(_url("task_status", obj.pk), {"status": "done"}),
            effect=_done,
        ),
        Action(
            "delete", EDITORS, perm="programme.delete_task", admin="delete",
            page=lambda call, obj: call.post(_url("task_delete", obj.pk)), effect=_deleted,
        ),
    ],
)  # fmt: skip

HIDDEN_TASK = Spec(
    "programme.task (of a programme that is not public)",
    make=lambda world, tenant: make_task(world, tenant, is_public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="programme.view_task", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            probe=_task_in_export, api=_task_in_api,
        ),
    ],
)  # fmt: skip

MILESTONE = Spec(
    "programme.milestone",
    make=lambda world, tenant: MilestoneFactory(package=make_package(world, tenant)),
    actions=[
        Action(
            "change", EDITORS, perm="programme.change_milestone", admin="change",
            page=lambda call, obj: call.post(_url("milestone_edit", obj.pk), {"title": NEW_TITLE}),
            effect=_retitled,
        ),
        Action(
            "delete", EDITORS, perm="programme.delete_milestone",
            page=lambda call, obj: call.post(_url("milestone_delete", obj.pk)), effect=_deleted,
        ),
    ],
)  # fmt: skip

DELIVERABLE = Spec(
    "programme.deliverable",
    make=lambda world, tenant: DeliverableFactory(package=make_package(world, tenant)),
    actions=[
        Action(
            "change", EDITORS, perm="programme.change_deliverable", admin="change",
            page=lambda call, obj: call.post(
                _url("deliverable_edit", obj.pk), {"title": NEW_TITLE}
            ),
            effect=_retitled,
        ),
        Action(
            "delete", EDITORS, perm="programme.delete_deliverable",
            page=lambda call, obj: call.post(_url("deliverable_delete", obj.pk)),
            effect=_deleted,
        ),
    ],
)  # fmt: skip

DELETED_PACKAGE = Spec(
    "programme.workpackage (deleted: the undo)",
    make=make_deleted_package,
    actions=[
        Action(
            "see the undo page", EDITORS,
            page=lambda call, obj: call.get(_url("deleted", "arbeitspaket", obj.pk)),
        ),
        Action(
            "restore", EDITORS,
            page=lambda call, obj: call.post(_url("restore", "arbeitspaket", obj.pk)),
            effect=lambda obj: reload(obj).deleted_at is None,
        ),
    ],
)  # fmt: skip

SPECS = [
    PROGRAMME, HIDDEN_PROGRAMME, CITY_PROGRAMME, NEW_CITY_PROGRAMME, NEW_ORGANISATION_PROGRAMME,
    PACKAGE, TASK, HIDDEN_TASK, MILESTONE, DELIVERABLE, DELETED_PACKAGE,
]  # fmt: skip
