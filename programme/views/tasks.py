"""Tasks: the list across programmes ("my tasks", an owner's open tasks), a task's page with
where it came from and its status buttons, editing and deleting a task."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from actors.privacy import person_visible_fields
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, choice, column
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..forms import TaskFilterForm, TaskForm
from ..models import Task, TaskStatus, WorkPackage
from ..services import task_save, task_set_status
from .programmes import _delete


def _owner_name(task) -> str:
    """The owner's name as far as the exporting user may see it is decided on the page; the
    export writes the name only where the person made it public."""
    if task.owner_id:
        return person_visible_fields(task.owner, None).get("name", "")
    return ""


TASK_COLUMNS = [
    column("id", "pk"),
    column("programme", "package.programme.title"),
    column("package", "package.number"),
    column("title"),
    choice("status"),
    Column("owner", _owner_name),
    column("due"),
    column("done_at"),
    column("origin", "origin_label"),
    column("origin_url"),
    Column("url", lambda obj: obj.get_absolute_url()),
]

TASKS = ListPage(
    sorting=selectors.TASK_SORTING,
    template="programme/task_list.html",
    partial="programme/_task_results.html",
    export_name=gettext_lazy("tasks"),
    export_columns=TASK_COLUMNS,
    per_page=25,
)
PACKAGE_TASKS = ListPage(
    sorting=selectors.TASK_SORTING,
    template="programme/package_detail.html",
    partial="programme/_task_results.html",
    export_name=gettext_lazy("tasks"),
    export_columns=TASK_COLUMNS,
    per_page=50,
)


def task_list(request):
    """Tasks across the programmes the user may see: `?owner=<person id>` lists a person's,
    `?mine=on` the user's own ("My tasks")."""
    user = request.user
    form = TaskFilterForm(filter_data(request), user=user)
    owner = form.cleaned_data.get("owner") if form.is_valid() else None
    return TASKS.response(
        request,
        form=form,
        select=lambda filters: selectors.task_list(user=user, filters=filters),
        context=lambda: {
            "owner": owner,
            "owner_label": person_visible_fields(owner, user).get("name", "") if owner else "",
            "mine": bool(form.is_valid() and form.cleaned_data.get("mine")),
        },
    )


def _task(request, pk, perm=None):
    return object_for(
        request.user,
        Task.objects.select_related("package__programme", "owner", "owner_user", "origin_type"),
        perm,
        pk=pk,
        package__deleted_at__isnull=True,
        package__programme__deleted_at__isnull=True,
    )


def _origin_installed(task) -> bool:
    """Whether the app the task came from is installed (else only its stored label shows)."""
    return bool(task.origin_type_id) and task.origin_type.model_class() is not None


def task_detail(request, pk: int):
    task = _task(request, pk)
    user = request.user
    return render(
        request,
        "programme/task_detail.html",
        {
            "task": task,
            "package": task.package,
            "programme": task.package.programme,
            "origin_installed": _origin_installed(task),
            "statuses": [
                (value, label) for value, label in TaskStatus.choices if value != task.status
            ],
            "can_set_status": user.has_perm("programme.set_status_task", task),
            "can_edit": user.has_perm("programme.change_task", task),
            "history": task.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


@login_required
def task_edit(request, slug: str | None = None, package_pk: int | None = None, pk=None):
    user = request.user
    if pk is None:
        package = object_for(
            user,
            WorkPackage.objects.select_related("programme"),
            programme__slug=slug,
            pk=package_pk,
        )
        task = Task(package=package)
        require(user, "programme.add_task", task)
    else:
        task = _task(request, pk, "programme.change_task")
        package = task.package
    form = TaskForm(request.POST or None, instance=task, user=user)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda: task_save(
                task=task, data=form.cleaned_data, actor=user, expected=form.expected_version
            ),
        )
        if saved is not None:
            messages.success(request, _("The task was saved."))
            return redirect(saved)
    return render(
        request,
        "programme/task_form.html",
        {"form": form, "package": package, "task": task if task.pk else None},
        status=form_status(form),
    )


@login_required
@require_POST
def task_status(request, pk: int):
    task = _task(request, pk, "programme.set_status_task")
    try:
        task_set_status(task=task, status=request.POST.get("status", ""), actor=request.user)
    except ValidationError:
        messages.error(request, _("This status is unknown."))
    else:
        messages.success(
            request, _("The task is now “%(status)s”.") % {"status": task.get_status_display()}
        )
    return redirect(task)


@login_required
def task_delete(request, pk: int):
    task = _task(request, pk, "programme.delete_task")
    return _delete(request, task, back=task.get_absolute_url())
