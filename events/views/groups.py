"""Working-group pages: the list, a group with its meetings and members, create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role
from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, column
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..forms import GroupFilterForm, GroupForm, MembershipForm
from ..models import GroupMembership, WorkingGroup
from ..services import group_member_remove, group_member_save, group_save

GROUPS = ListPage(
    sorting=selectors.GROUP_SORTING,
    template="events/group_list.html",
    partial="events/_group_results.html",
    export_name=gettext_lazy("working groups"),
    export_columns=[
        column("name"),
        Column("topic", lambda g: g.topic.name if g.topic_id else ""),
        column("lead_organisation", "lead_organisation.name"),
        column("cadence"),
        Column("place", lambda g: g.territory.name if g.territory_id else ""),
        column("members", "member_count"),
        Column("url", lambda g: g.get_absolute_url()),
    ],
)


def group_list(request):
    return GROUPS.response(
        request,
        form=GroupFilterForm(filter_data(request)),
        select=lambda filters: selectors.group_list(user=request.user, filters=filters),
        context={"can_add": request.user.has_perm("events.add_workinggroup")},
    )


def group_detail(request, slug: str):
    group = object_for(
        request.user,
        WorkingGroup.objects.select_related("lead_organisation", "chair", "topic", "territory"),
        slug=slug,
    )
    can_edit = request.user.has_perm("events.change_workinggroup", group)
    chair = None
    if group.chair_id:
        chair = selectors.speaker_names([group.chair], request.user)
    return render(
        request,
        "events/group_detail.html",
        {
            "group": group,
            "chair_name": chair[0] if chair else None,
            "meetings": selectors.group_meetings(group, user=request.user),
            "members": selectors.group_members(group, user=request.user),
            "series_list": selectors.series_visible_to(request.user).filter(working_group=group),
            "can_edit": can_edit,
            "member_form": MembershipForm(user=request.user) if can_edit else None,
        },
    )


@login_required
def group_edit(request, slug: str | None = None):
    if slug is None:
        require(request.user, "events.add_workinggroup")
        group = WorkingGroup()
    else:
        group = object_for(request.user, WorkingGroup, "events.change_workinggroup", slug=slug)
    form = GroupForm(
        request.POST or None,
        instance=group,
        organisations=organisations_with_role(request.user, RoleLevel.EDITOR),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda: group_save(
                group=group, data=form.cleaned_data, user=request.user,
                expected=form.expected_version,
            ),
        )  # fmt: skip
        if saved is not None:
            messages.success(request, _("The working group was saved."))
            return redirect(saved)
    return render(
        request,
        "events/group_form.html",
        {"form": form, "group": group if group.pk else None},
        status=form_status(form),
    )


@login_required
def member_add(request, slug: str):
    group = object_for(request.user, WorkingGroup, "events.change_workinggroup", slug=slug)
    form = MembershipForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            group_member_save(membership=GroupMembership(group=group), data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The member was added."))
            return redirect(group)
    return render(
        request,
        "events/member_form.html",
        {"form": form, "group": group},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def member_remove(request, slug: str, pk: int):
    group = object_for(request.user, WorkingGroup, "events.change_workinggroup", slug=slug)
    group_member_remove(membership=get_object_or_404(GroupMembership, group=group, pk=pk))
    messages.success(request, _("The member was removed."))
    return redirect(group)
