"""Milestones and deliverables of a work package: add, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict

from ..forms import DeliverableForm, MilestoneForm
from ..models import Deliverable, Milestone, WorkPackage
from ..services import deliverable_save, milestone_save
from .programmes import _delete

FORMS = {Milestone: MilestoneForm, Deliverable: DeliverableForm}
TEMPLATES = {
    Milestone: "programme/milestone_form.html",
    Deliverable: "programme/deliverable_form.html",
}


def _item(request, model, pk, perm):
    return object_for(
        request.user,
        model.objects.select_related("package__programme"),
        perm,
        pk=pk,
        package__deleted_at__isnull=True,
        package__programme__deleted_at__isnull=True,
    )


def _edit(request, model, *, slug=None, package_pk=None, pk=None):
    user = request.user
    name = model._meta.model_name
    if pk is None:
        package = object_for(
            user,
            WorkPackage.objects.select_related("programme"),
            programme__slug=slug,
            pk=package_pk,
        )
        item = model(package=package)
        require(user, f"programme.add_{name}", item)
    else:
        item = _item(request, model, pk, f"programme.change_{name}")
        package = item.package
    form = FORMS[model](request.POST or None, instance=item, user=user)
    if request.method == "POST" and form.is_valid():
        if model is Milestone:
            save = lambda: milestone_save(  # noqa: E731
                milestone=item, data=form.cleaned_data, actor=user, expected=form.expected_version
            )
        else:
            data = {
                k: v for k, v in form.cleaned_data.items() if k not in ("target_kind", "target_key")
            }
            save = lambda: deliverable_save(  # noqa: E731
                deliverable=item,
                data=data,
                target=form.target,
                actor=user,
                expected=form.expected_version,
            )
        saved = save_or_conflict(form, save)
        if saved is not None:
            messages.success(request, _("“%(title)s” was saved.") % {"title": saved.title})
            return redirect(package)
    return render(
        request,
        TEMPLATES[model],
        {"form": form, "package": package, "item": item if item.pk else None},
        status=form_status(form),
    )


@login_required
def milestone_edit(request, slug=None, package_pk=None, pk=None):
    return _edit(request, Milestone, slug=slug, package_pk=package_pk, pk=pk)


@login_required
def deliverable_edit(request, slug=None, package_pk=None, pk=None):
    return _edit(request, Deliverable, slug=slug, package_pk=package_pk, pk=pk)


@login_required
def milestone_delete(request, pk: int):
    item = _item(request, Milestone, pk, "programme.delete_milestone")
    return _delete(request, item, back=item.package.get_absolute_url())


@login_required
def deliverable_delete(request, pk: int):
    item = _item(request, Deliverable, pk, "programme.delete_deliverable")
    return _delete(request, item, back=item.package.get_absolute_url())
