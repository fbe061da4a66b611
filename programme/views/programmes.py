"""The list of programmes, a programme's page (packages, progress, overdue, timeline), editing
a programme with its budget lines, and undoing a deletion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, column, yes_no
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..forms import BudgetLineFormSet, ProgrammeFilterForm, ProgrammeForm
from ..models import Programme
from ..services import (
    DELETABLE,
    budget_lines_set,
    kind_of,
    object_delete,
    object_restore,
    programme_save,
)

PROGRAMMES = ListPage(
    sorting=selectors.PROGRAMME_SORTING,
    template="programme/programme_list.html",
    partial="programme/_programme_results.html",
    export_name=gettext_lazy("work programmes"),
    export_columns=[
        column("title"),
        column("slug"),
        column("funder"),
        column("start"),
        column("end"),
        column("territory", "territory.key"),
        column("lead_organisation", "lead_organisation.slug"),
        yes_no("is_public"),
        Column("url", lambda obj: obj.get_absolute_url()),
    ],
    per_page=20,
)


def programme_list(request):
    user = request.user
    form = ProgrammeFilterForm(filter_data(request), funders=selectors.funders(user=user))

    def context():
        return {"can_add": user.has_perm("programme.add_programme")}

    return PROGRAMMES.response(
        request,
        form=form,
        select=lambda filters: selectors.programme_list(user=user, filters=filters),
        context=context,
    )


def _programme(request, slug, perm=None):
    return object_for(
        request.user,
        Programme.objects.select_related("territory", "lead_organisation"),
        perm,
        slug=slug,
    )


def programme_detail(request, slug: str):
    programme = _programme(request, slug)
    packages = selectors.programme_packages(programme)
    user = request.user
    can_edit = user.has_perm("programme.change_programme", programme)
    return render(
        request,
        "programme/programme_detail.html",
        {
            "programme": programme,
            "packages": packages,
            "progress": selectors.progress.rounded(
                selectors.progress.programme_progress(p.progress for p in packages)
            ),
            "overdue": selectors.overdue_items(programme),
            "timeline": selectors.programme_timeline(programme, packages),
            "budget_lines": list(programme.budget_lines.all()),
            "can_edit": can_edit,
            "deleted_items": selectors.deleted_items(programme) if can_edit else [],
            "can_add_package": user.has_perm("programme.add_workpackage", _new_package(programme)),
        },
    )


def _new_package(programme):
    return programme.packages.model(programme=programme)


def _budget_initial(programme):
    if programme.pk is None:
        return []
    return [
        {"label": line.label, "amount": line.amount, "currency": line.currency}
        for line in programme.budget_lines.all()
    ]


def _budget_rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@login_required
def programme_edit(request, slug: str | None = None):
    user = request.user
    if slug is None:
        require(user, "programme.add_programme")
        programme = Programme()
    else:
        programme = _programme(request, slug, "programme.change_programme")
    form = ProgrammeForm(request.POST or None, instance=programme, user=user)
    budget = BudgetLineFormSet(
        request.POST or None, initial=_budget_initial(programme), prefix="budget"
    )
    if request.method == "POST" and form.is_valid() and budget.is_valid():

        @transaction.atomic
        def save():
            saved = programme_save(
                programme=programme,
                data=form.cleaned_data,
                actor=user,
                expected=form.expected_version,
            )
            budget_lines_set(programme=saved, rows=_budget_rows(budget))
            return saved

        saved = save_or_conflict(form, save)
        if saved is not None:
            messages.success(request, _("The work programme was saved."))
            return redirect(saved)
    return render(
        request,
        "programme/programme_form.html",
        {"form": form, "budget": budget, "programme": programme if programme.pk else None},
        status=form_status(form),
    )


@login_required
def programme_delete(request, slug: str):
    programme = _programme(request, slug, "programme.delete_programme")
    return _delete(request, programme, back=programme.get_absolute_url())


def _delete(request, obj, *, back: str):
    """GET: ask; POST: delete undoably and show the page that can undo it."""
    if request.method == "POST":
        object_delete(obj=obj, actor=request.user)
        return redirect("programme:deleted", kind=kind_of(obj), pk=obj.pk)
    return render(request, "programme/confirm_delete.html", {"object": obj, "back": back})


def _deleted(request, kind: str, pk: int):
    model = DELETABLE.get(kind)
    obj = selectors.deleted_object(model, pk) if model else None
    if obj is None:
        raise Http404
    require(request.user, f"programme.delete_{model._meta.model_name}", obj)
    return obj


@login_required
def deleted(request, kind: str, pk: int):
    obj = _deleted(request, kind, pk)
    return render(request, "programme/deleted.html", {"object": obj, "kind": kind})


@login_required
@require_POST
def restore(request, kind: str, pk: int):
    obj = _deleted(request, kind, pk)
    try:
        object_restore(obj=obj, actor=request.user)
    except ValidationError as exc:
        return render(
            request,
            "programme/deleted.html",
            {"object": obj, "kind": kind, "errors": exc.messages},
            status=400,
        )
    messages.success(request, _("“%(title)s” was restored.") % {"title": obj})
    return redirect(obj)
