"""A work package's page (tasks, milestones, deliverables, the goals it serves) and editing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from actors.models import Person
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.listing import filter_data

from .. import selectors
from ..forms import PackageForm, TaskFilterForm
from ..models import Task, WorkPackage
from ..services import package_save
from .programmes import _delete, _programme
from .tasks import PACKAGE_TASKS


def _package(request, slug, pk, perm=None):
    return object_for(
        request.user,
        WorkPackage.objects.select_related("programme", "lead_organisation"),
        perm,
        programme__slug=slug,
        programme__deleted_at__isnull=True,
        pk=pk,
    )


def package_detail(request, slug: str, pk: int):
    """The package with its tasks (a list: filter by status and owner, sort, export),
    milestones, deliverables and the agreement goals it serves."""
    package = _package(request, slug, pk)
    user = request.user
    form = TaskFilterForm(
        filter_data(request),
        user=user,
        owners=Person.objects.filter(programme_tasks__package=package),
    )
    new_task = Task(package=package)
    return PACKAGE_TASKS.response(
        request,
        form=form,
        select=lambda filters: selectors.task_list(user=user, filters=filters, package=package),
        context=lambda: {
            **selectors.package_page(package, user=user),
            "programme": package.programme,
            "can_edit": user.has_perm("programme.change_workpackage", package),
            "can_manage": user.has_perm("programme.add_task", new_task),
        },
    )


@login_required
def package_edit(request, slug: str, pk: int | None = None):
    user = request.user
    if pk is None:
        programme = _programme(request, slug)
        package = WorkPackage(programme=programme)
        require(user, "programme.add_workpackage", package)
    else:
        package = _package(request, slug, pk, "programme.change_workpackage")
        programme = package.programme
    form = PackageForm(request.POST or None, instance=package, user=user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "goals"}
        saved = save_or_conflict(
            form,
            lambda: package_save(
                package=package,
                data=data,
                goals=form.cleaned_data["goals"],
                actor=user,
                expected=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("The work package was saved."))
            return redirect(saved)
    return render(
        request,
        "programme/package_form.html",
        {"form": form, "programme": programme, "package": package if package.pk else None},
        status=form_status(form),
    )


@login_required
def package_delete(request, slug: str, pk: int):
    package = _package(request, slug, pk, "programme.delete_workpackage")
    return _delete(request, package, back=package.get_absolute_url())
