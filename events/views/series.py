"""Series pages: all series, one series with its meetings (past and upcoming), create and edit,
exceptions (cancelled and moved dates)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict

from .. import selectors
from ..forms import ExceptionForm, SeriesForm
from ..models import Series, SeriesException
from ..services_series import (
    series_exception_delete,
    series_exception_save,
    series_materialise,
    series_save,
)


def series_list(request):
    series = (
        selectors.series_visible_to(request.user)
        .select_related("working_group", "territory")
        .defer("territory__boundary")
        .order_by("title", "pk")
    )
    return render(
        request,
        "events/series_list.html",
        {"series_list": series, "can_add": request.user.has_perm("events.add_series")},
    )


def series_detail(request, slug: str):
    series = object_for(request.user, Series, slug=slug)
    can_edit = request.user.has_perm("events.change_series", series)
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "meetings": selectors.series_meetings(series, user=request.user),
            "exceptions": series.exceptions.all(),
            "can_edit": can_edit,
            "exception_form": ExceptionForm(series=series) if can_edit else None,
        },
    )


@login_required
def series_edit(request, slug: str | None = None):
    if slug is None:
        require(request.user, "events.add_series")
        series = Series()
    else:
        series = object_for(request.user, Series, "events.change_series", slug=slug)
    form = SeriesForm(
        request.POST or None,
        instance=series,
        organisers=organisations_with_role(request.user, RoleLevel.EDITOR),
        groups=selectors.groups_visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        m2m = {k: form.cleaned_data[k] for k in ("organisers", "topics")}
        data = {k: v for k, v in form.cleaned_data.items() if k not in m2m}

        def save():
            saved = series_save(series=series, data=data, m2m=m2m, expected=form.expected_version)
            require(request.user, "events.change_series", saved)
            series_materialise(series=saved)
            return saved

        saved = save_or_conflict(form, save)
        if saved is not None:
            messages.success(request, _("The series was saved and its meetings updated."))
            return redirect(saved)
    return render(
        request,
        "events/series_form.html",
        {"form": form, "series": series if series.pk else None},
        status=form_status(form),
    )


@login_required
@require_POST
def series_exception_add(request, slug: str):
    series = object_for(request.user, Series, "events.change_series", slug=slug)
    form = ExceptionForm(request.POST, series=series)
    if form.is_valid():
        data = form.cleaned_data
        saved = save_or_conflict(
            form,
            lambda: series_exception_save(
                series=series, date=data["date"], action=data["action"],
                moved_start=data["moved_start"], moved_end=data["moved_end"], note=data["note"],
            ),
        )  # fmt: skip
        if saved is not None:
            series_materialise(series=series)
            messages.success(request, _("The change of date was saved."))
            return redirect(series)
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "meetings": selectors.series_meetings(series, user=request.user),
            "exceptions": series.exceptions.all(),
            "can_edit": True,
            "exception_form": form,
        },
        status=400,
    )


@login_required
@require_POST
def series_exception_remove(request, slug: str, pk: int):
    series = object_for(request.user, Series, "events.change_series", slug=slug)
    series_exception_delete(exception=get_object_or_404(SeriesException, series=series, pk=pk))
    series_materialise(series=series)
    messages.success(request, _("The meeting takes place by the rule again."))
    return redirect(series)
