"""The goals of an agreement: the goal page, editing a goal, and what a goal is linked to
(projects serving it, monitoring indicators measuring it with baseline and target)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict

from .. import selectors
from ..forms import GoalForm
from ..forms_agreements import GoalIndicatorForm, GoalProjectForm
from ..indicators import goal_indicator_progress
from ..models import Goal, GoalIndicator, Project
from ..sections import goal_sections
from ..services import goal_save
from ..services_goals import (
    goal_indicator_remove,
    goal_indicator_save,
    goal_project_link,
    goal_project_unlink,
)
from .agreements import _agreement_or_404


def _goal_or_404(request, slug, number):
    agreement = _agreement_or_404(request, slug)
    goal = get_object_or_404(
        Goal.objects.with_rollup().select_related("agreement__partnership"),
        agreement=agreement,
        number=number,
    )
    return agreement, goal


def _goal_page(request, agreement, goal, *, project_form=None, status=200):
    user = request.user
    projects = selectors.goal_projects(goal, user=user)
    can_edit = user.has_perm("cooperation.change_goal", goal)
    can_link_indicator = user.has_perm("cooperation.add_goalindicator", GoalIndicator(goal=goal))
    if can_edit and project_form is None:
        linkable = selectors.goal_linkable_projects(goal, user=user)
        if linkable:
            project_form = GoalProjectForm(projects=linkable)
    return render(
        request,
        "cooperation/goal_detail.html",
        {
            "agreement": agreement,
            "goal": goal,
            "projects": projects,
            "history": goal.history.select_related("history_user").order_by("-history_date")[:20],
            "indicators": goal_indicator_progress(goal),
            "can_edit": can_edit,
            "can_link_indicator": can_link_indicator,
            "project_form": project_form,
            "related_sections": goal_sections(goal),
        },
        status=status,
    )


def goal_detail(request, slug: str, number: int):
    agreement, goal = _goal_or_404(request, slug, number)
    return _goal_page(request, agreement, goal)


@login_required
def goal_edit(request, slug: str, number: int | None = None):
    agreement = _agreement_or_404(request, slug)
    if number is None:
        goal = Goal(agreement=agreement)
        require(request.user, "cooperation.change_agreement", agreement)
    else:
        goal = object_for(
            request.user, Goal, "cooperation.change_goal", agreement=agreement, number=number
        )
    if goal.pk is None:
        next_number = (agreement.goals.order_by("-number").values_list("number", flat=True)
                       .first() or 0) + 1  # fmt: skip
        form = GoalForm(
            request.POST or None,
            instance=goal,
            agreement=agreement,
            initial={"number": next_number},
        )
    else:
        form = GoalForm(request.POST or None, instance=goal, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "topics"}
        saved = save_or_conflict(
            form,
            lambda: goal_save(
                goal=goal,
                data=data,
                topics=form.cleaned_data["topics"],
                expected=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("The goal was saved."))
            return redirect(saved)
    return render(
        request,
        "cooperation/goal_form.html",
        {"form": form, "agreement": agreement, "goal": goal if goal.pk else None},
        status=form_status(form),
    )


# --- Projects serving a goal ------------------------------------------------------------------


@login_required
@require_POST
def goal_project_link_view(request, slug: str, number: int):
    agreement, goal = _goal_or_404(request, slug, number)
    require(request.user, "cooperation.change_goal", goal)
    form = GoalProjectForm(
        request.POST, projects=selectors.goal_linkable_projects(goal, user=request.user)
    )
    if form.is_valid():
        project = form.cleaned_data["project"]
        try:
            goal_project_link(goal=goal, project=project)
        except ValidationError as exc:
            form.add_error("project", exc)
        else:
            messages.success(
                request, _("“%(project)s” now serves this goal.") % {"project": project.title}
            )
            return redirect(goal)
    return _goal_page(request, agreement, goal, project_form=form, status=400)


@login_required
@require_POST
def goal_project_unlink_view(request, slug: str, number: int, project: str):
    _agreement, goal = _goal_or_404(request, slug, number)
    require(request.user, "cooperation.change_goal", goal)
    project = object_for(
        request.user, Project, "cooperation.change_project", slug=project, goals=goal
    )
    goal_project_unlink(goal=goal, project=project)
    messages.success(
        request, _("“%(project)s” no longer serves this goal.") % {"project": project.title}
    )
    return redirect(goal)


# --- Indicators measuring a goal --------------------------------------------------------------


@login_required
def goal_indicator_edit(request, slug: str, number: int, pk: int | None = None):
    agreement, goal = _goal_or_404(request, slug, number)
    if pk is None:
        link = GoalIndicator(goal=goal)
        require(request.user, "cooperation.add_goalindicator", link)
    else:
        link = object_for(
            request.user, GoalIndicator, "cooperation.change_goalindicator", goal=goal, pk=pk
        )
    form = GoalIndicatorForm(request.POST or None, instance=link, goal=goal, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda: goal_indicator_save(
                link=link, data=form.cleaned_data, expected=form.expected_version
            ),
        )
        if saved is not None:
            messages.success(request, _("The indicator of the goal was saved."))
            return redirect(goal)
    return render(
        request,
        "cooperation/goal_indicator_form.html",
        {"form": form, "agreement": agreement, "goal": goal, "link": link if link.pk else None},
        status=form_status(form),
    )


@login_required
@require_POST
def goal_indicator_remove_view(request, slug: str, number: int, pk: int):
    _agreement, goal = _goal_or_404(request, slug, number)
    link = object_for(
        request.user, GoalIndicator, "cooperation.delete_goalindicator", goal=goal, pk=pk
    )
    goal_indicator_remove(link=link)
    messages.success(
        request,
        _("The indicator “%(indicator)s” no longer measures this goal.")
        % {"indicator": link.indicator.name},
    )
    return redirect(goal)
