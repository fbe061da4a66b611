"""Minutes pages (#15): a meeting's minutes with its agenda items, decisions and action items,
writing them, the lifecycle (review, approval), a version, and the one-step actions: a
decision becomes an action item, an action item becomes a task of the work programme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import (
    CONFLICT_MESSAGE,
    TOKEN_FIELD,
    EditConflict,
    form_status,
    save_or_conflict,
)

from .. import selectors_minutes as selectors
from ..forms_minutes import (
    ActionItemForm,
    AgendaItemForm,
    DecisionForm,
    InvitationForm,
    MinutesForm,
    OwnerDueForm,
    StatusForm,
    ToTaskForm,
)
from ..models import ActionItem, AgendaItem, Decision, Event, Minutes
from ..services_minutes import (
    action_item_from_decision,
    action_item_save,
    action_item_set_status,
    action_item_to_task,
    agenda_item_save,
    decision_save,
    item_delete,
    minutes_approve,
    minutes_open_review,
    minutes_save,
    minutes_start,
)

ITEM_KINDS = {"tagesordnung": AgendaItem, "beschluss": Decision, "aktionspunkt": ActionItem}


def _event(request, slug):
    return object_for(request.user, Event.objects.select_related("working_group"), slug=slug)


def minutes_for(request, slug: str, perm: str | None = None) -> Minutes:
    """The meeting's minutes if `request.user` may see them (else 404) and hold `perm`."""
    queryset = Minutes.objects.select_related(
        "event__working_group__chair", "event__series", "event__territory", "approved_by"
    )
    return object_for(request.user, queryset, perm, event__slug=slug)


def _refused(request, minutes, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)
    return redirect(minutes)


def _run(request, minutes, action, success: str):
    """Run a service; a refusal (frozen minutes, a wrong step) is said on the minutes page."""
    try:
        result = action()
    except ValidationError as exc:
        return _refused(request, minutes, exc), None
    messages.success(request, success)
    return None, result


# --- The page -------------------------------------------------------------------------------
def minutes_detail(request, slug: str):
    event = _event(request, slug)
    minutes = Minutes.objects.filter(event=event).first()
    if minutes is None:
        # No minutes yet: the page offers to start them, to those who write minutes.
        require(request.user, "events.add_minutes", event)
        return render(request, "events/minutes/minutes_start.html", {"event": event})
    minutes = minutes_for(request, slug)
    user = request.user
    can_write = user.has_perm("events.change_minutes", minutes)
    can_follow_up = can_write or user.has_perm("events.approve_minutes", minutes)
    editable = can_write and not minutes.is_approved
    page = selectors.minutes_page(minutes, user=user)
    packages = selectors.packages_for_tasks(user) if can_follow_up else []
    context = {
        "event": event,
        "minutes": minutes,
        **page,
        "can_write": can_write,
        "editable": editable,
        "can_follow_up": can_follow_up,
        "can_approve": user.has_perm("events.approve_minutes", minutes) and minutes.in_review,
        "can_amend": minutes.in_review and user.has_perm("events.amend_minutes", minutes),
        "amendments": selectors.amendments_for(minutes, user=user),
        "task_form": ToTaskForm(packages=packages, auto_id="id_task_%s") if packages else None,
        "status_form": StatusForm(auto_id="id_status_%s"),
        "statuses": StatusForm.base_fields["status"].choices,
    }
    if editable:
        context |= {
            "agenda_form": AgendaItemForm(prefix="agenda"),
            "decision_form": DecisionForm(minutes=minutes, prefix="decision"),
            "action_form": ActionItemForm(minutes=minutes, user=user, prefix="action"),
            "invitation_form": InvitationForm(prefix="invite") if minutes.in_review else None,
            "invitations": minutes.invitations.order_by("name") if minutes.in_review else [],
        }
    return render(request, "events/minutes/minutes_detail.html", context)


@login_required
@require_POST
def minutes_start_view(request, slug: str):
    event = object_for(request.user, Event, "events.add_minutes", slug=slug)
    minutes_start(event=event, actor=request.user)
    messages.success(request, _("The draft of the minutes was started."))
    return redirect("events:minutes_edit", slug=slug)


@login_required
def minutes_edit(request, slug: str):
    minutes = minutes_for(request, slug, "events.change_minutes")
    if minutes.is_approved:
        messages.error(
            request, _("These minutes are approved and frozen: they can no longer be changed.")
        )
        return redirect(minutes)
    form = MinutesForm(request.POST or None, instance=minutes)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda: minutes_save(
                minutes=minutes, data=form.cleaned_data, actor=request.user,
                expected=form.expected_version,
            ),
        )  # fmt: skip
        if saved is not None:
            messages.success(request, _("The minutes were saved."))
            return redirect(saved)
    return render(
        request,
        "events/minutes/minutes_form.html",
        {"form": form, "minutes": minutes, "event": minutes.event},
        status=form_status(form),
    )


@login_required
@require_POST
def minutes_review(request, slug: str):
    minutes = minutes_for(request, slug, "events.change_minutes")
    refused, _result = _run(
        request, minutes,
        lambda: minutes_open_review(minutes=minutes, actor=request.user),
        _("The minutes are open for review: attendees can propose amendments."),
    )  # fmt: skip
    return refused or redirect(minutes)


@login_required
@require_POST
def minutes_approve_view(request, slug: str):
    minutes = minutes_for(request, slug, "events.approve_minutes")
    refused, _result = _run(
        request, minutes,
        lambda: minutes_approve(minutes=minutes, actor=request.user),
        _("The minutes are approved and now frozen."),
    )  # fmt: skip
    return refused or redirect(minutes)


def version_detail(request, slug: str, number: int):
    minutes = minutes_for(request, slug)
    version = get_object_or_404(minutes.versions, number=number)
    if not request.user.has_perm("events.change_minutes", minutes) and (
        minutes.approved_version != number
    ):
        # Versions before the approved one are the members' working record.
        require(request.user, "events.amend_minutes", minutes)
    return render(
        request,
        "events/minutes/version_detail.html",
        {"minutes": minutes, "event": minutes.event, "version": version},
    )


# --- Items ----------------------------------------------------------------------------------
def _bad_form(request, minutes, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect(minutes)


@login_required
@require_POST
def agenda_add(request, slug: str):
    minutes = minutes_for(request, slug, "events.change_minutes")
    form = AgendaItemForm(request.POST, prefix="agenda")
    if not form.is_valid():
        return _bad_form(request, minutes, form)
    refused, item = _run(
        request, minutes,
        lambda: agenda_item_save(minutes=minutes, data=form.cleaned_data, actor=request.user),
        _("The agenda item was added."),
    )  # fmt: skip
    return refused or redirect(minutes.get_absolute_url() + f"#top-{item.number}")


@login_required
@require_POST
def decision_add(request, slug: str):
    minutes = minutes_for(request, slug, "events.change_minutes")
    form = DecisionForm(request.POST, minutes=minutes, prefix="decision")
    if not form.is_valid():
        return _bad_form(request, minutes, form)
    refused, decision = _run(
        request, minutes,
        lambda: decision_save(minutes=minutes, data=form.cleaned_data, actor=request.user),
        _("The decision was added."),
    )  # fmt: skip
    return refused or redirect(decision)


@login_required
def decision_edit(request, slug: str, number: int):
    minutes = minutes_for(request, slug, "events.change_minutes")
    decision = get_object_or_404(Decision, minutes=minutes, number=number)
    if minutes.is_approved:
        return _refused(request, minutes, minutes_frozen_error())
    form = DecisionForm(request.POST or None, instance=decision, minutes=minutes)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = save_or_conflict(
            form,
            lambda: decision_save(
                minutes=minutes, decision=decision, data=data, actor=request.user,
                expected=form.expected_version,
            ),
        )  # fmt: skip
        if saved is not None:
            messages.success(request, _("The decision was saved."))
            return redirect(saved)
    return render(
        request,
        "events/minutes/item_form.html",
        {"form": form, "minutes": minutes, "event": minutes.event,
         "heading": _("Edit decision %(number)s") % {"number": number}},
        status=form_status(form),
    )  # fmt: skip


def minutes_frozen_error() -> ValidationError:
    return ValidationError(
        _("These minutes are approved and frozen: they can no longer be changed.")
    )


@login_required
@require_POST
def decision_to_action(request, slug: str, number: int):
    """ "Action item from this decision": one POST."""
    minutes = minutes_for(request, slug, "events.change_minutes")
    decision = get_object_or_404(Decision, minutes=minutes, number=number)
    form = OwnerDueForm(request.POST, user=request.user)
    if not form.is_valid():
        return _bad_form(request, minutes, form)
    refused, item = _run(
        request, minutes,
        lambda: action_item_from_decision(
            decision=decision, actor=request.user, owner=form.owner,
            due=form.cleaned_data["due"],
        ),
        _("Decision %(number)s became an action item.") % {"number": number},
    )  # fmt: skip
    return refused or redirect(item)


@login_required
@require_POST
def action_add(request, slug: str):
    minutes = minutes_for(request, slug, "events.change_minutes")
    form = ActionItemForm(request.POST, minutes=minutes, user=request.user, prefix="action")
    if not form.is_valid():
        return _bad_form(request, minutes, form)
    refused, item = _run(
        request, minutes,
        lambda: action_item_save(
            minutes=minutes, data=form.data_for_service(), actor=request.user
        ),
        _("The action item was added."),
    )  # fmt: skip
    return refused or redirect(item)


@login_required
def action_edit(request, slug: str, number: int):
    minutes = minutes_for(request, slug, "events.change_minutes")
    item = get_object_or_404(ActionItem, minutes=minutes, number=number)
    if minutes.is_approved:
        return _refused(request, minutes, minutes_frozen_error())
    form = ActionItemForm(request.POST or None, minutes=minutes, item=item, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            action_item_save(
                minutes=minutes, item=item, data=form.data_for_service(), actor=request.user,
                expected=form.expected_version,
            )  # fmt: skip
        except EditConflict as conflict:
            form.data = form.data.copy()
            form.data[TOKEN_FIELD] = conflict.token
            form.add_error(None, CONFLICT_MESSAGE)
            status = 409
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 400
        else:
            messages.success(request, _("The action item was saved."))
            return redirect(item)
    return render(
        request,
        "events/minutes/item_form.html",
        {"form": form, "minutes": minutes, "event": minutes.event,
         "heading": _("Edit action item %(number)s") % {"number": number}},
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def item_remove(request, slug: str, kind: str, number: int):
    minutes = minutes_for(request, slug, "events.change_minutes")
    if kind not in ITEM_KINDS:
        raise Http404
    item = get_object_or_404(ITEM_KINDS[kind], minutes=minutes, number=number)
    refused, _result = _run(
        request, minutes,
        lambda: item_delete(item=item, actor=request.user),
        _("%(item)s was removed.") % {"item": item},
    )  # fmt: skip
    return refused or redirect(minutes)


# --- Follow-up: status and task -------------------------------------------------------------
def _item_for_follow_up(request, slug, number) -> ActionItem:
    minutes = minutes_for(request, slug)
    item = get_object_or_404(
        ActionItem.objects.select_related("minutes__event", "owner_person", "task"),
        minutes=minutes, number=number,
    )  # fmt: skip
    require(request.user, "events.follow_up_actionitem", item)
    return item


@login_required
@require_POST
def action_status(request, slug: str, number: int):
    item = _item_for_follow_up(request, slug, number)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _bad_form(request, item.minutes, form)
    refused, item = _run(
        request, item.minutes,
        lambda: action_item_set_status(
            item=item, status=form.cleaned_data["status"], actor=request.user
        ),
        _("The status of the action item was changed."),
    )  # fmt: skip
    return refused or redirect(item)


@login_required
@require_POST
def action_to_task(request, slug: str, number: int):
    """ "Take over into the work programme as a task": one POST."""
    item = _item_for_follow_up(request, slug, number)
    form = ToTaskForm(request.POST, packages=selectors.packages_for_tasks(request.user))
    if not form.is_valid():
        return _bad_form(request, item.minutes, form)
    try:
        task = action_item_to_task(
            item=item, package=form.cleaned_data["package"], actor=request.user
        )
    except ValidationError as exc:
        return _refused(request, item.minutes, exc)
    except PermissionDenied:
        messages.error(request, _("You may not add tasks to this work package."))
        return redirect(item)
    messages.success(
        request,
        _("Action item %(number)s is now a task of %(package)s.")
        % {"number": item.number, "package": task.package.number},
    )
    return redirect(item)
