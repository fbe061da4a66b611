"""Reviewing minutes (#15): the minute-taker invites attendees (a personal link by mail),
members and invitees propose amendments, the minute-taker accepts (a new version) or rejects
them with a reason. The personal link needs no account and works only while in review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors_minutes as selectors
from ..forms_minutes import AcceptForm, AmendmentForm, InvitationForm, RejectForm
from ..models import Amendment, AmendmentPart
from ..services_minutes import (
    amendment_accept,
    amendment_propose,
    amendment_reject,
    invitation_for_token,
    invitation_send,
)
from .minutes import minutes_for


@login_required
@require_POST
def invitation_create(request, slug: str):
    minutes = minutes_for(request, slug, "events.change_minutes")
    form = InvitationForm(request.POST, prefix="invite")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(minutes)
    try:
        invitation = invitation_send(
            minutes=minutes, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
            actor=request.user,
        )  # fmt: skip
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(minutes)
    messages.success(
        request, _("The personal link was sent to %(name)s.") % {"name": invitation.name}
    )
    return redirect(minutes.get_absolute_url() + "#abstimmung")


def _propose(request, minutes, form, **author):
    try:
        amendment = amendment_propose(minutes=minutes, data=form.data_for_service(), **author)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    return amendment


@login_required
def amendment_create(request, slug: str):
    """A member (or a registered attendee) proposes an amendment while the minutes are in
    review."""
    minutes = minutes_for(request, slug, "events.amend_minutes")
    if not minutes.in_review:
        messages.error(
            request, _("Amendments can be proposed only while the minutes are in review.")
        )
        return redirect(minutes)
    form = AmendmentForm(request.POST or None, minutes=minutes)
    proposed = request.method == "POST" and form.is_valid()
    if proposed and _propose(request, minutes, form, author_user=request.user) is not None:
        messages.success(request, _("Your amendment was sent to the minute-taker."))
        return redirect(minutes.get_absolute_url() + "#aenderungen")
    return render(
        request,
        "events/minutes/amendment_form.html",
        {"form": form, "minutes": minutes, "event": minutes.event},
        status=400 if form.is_bound else 200,
    )


@login_required
def amendment_decide(request, slug: str, number: int):
    """Accept (apply: a new version) or reject with a reason."""
    minutes = minutes_for(request, slug, "events.change_minutes")
    amendment = get_object_or_404(
        Amendment.objects.select_related("agenda_item", "decision", "action_item"),
        minutes=minutes, number=number,
    )  # fmt: skip
    target = amendment.target
    initial = amendment.text
    if amendment.part == AmendmentPart.BODY:
        initial = minutes.body
    accept = AcceptForm(initial={"text": initial}, prefix="accept")
    reject = RejectForm(prefix="reject")
    if request.method == "POST":
        if request.POST.get("decision") == "accept":
            accept = AcceptForm(request.POST, prefix="accept")
            form, run = (
                accept,
                lambda: amendment_accept(
                    amendment=amendment, actor=request.user, text=accept.cleaned_data["text"]
                ),
            )
            done = _("Amendment %(number)s was accepted: a new version of the minutes.")
        else:
            reject = RejectForm(request.POST, prefix="reject")
            form, run = (
                reject,
                lambda: amendment_reject(
                    amendment=amendment, actor=request.user, reason=reject.cleaned_data["response"]
                ),
            )
            done = _("Amendment %(number)s was rejected.")
        if form.is_valid():
            try:
                run()
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, done % {"number": number})
                return redirect(minutes.get_absolute_url() + "#aenderungen")
    return render(
        request,
        "events/minutes/amendment_decide.html",
        {"minutes": minutes, "event": minutes.event, "amendment": amendment, "target": target,
         "accept_form": accept, "reject_form": reject},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


def review_link(request, token: str):
    """The invitee's personal page: the minutes as they stand, their amendments, and the form
    to propose one (only while in review)."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Http404
    minutes = invitation.minutes
    form = AmendmentForm(request.POST or None, minutes=minutes)
    status = 200
    if request.method == "POST":
        if not minutes.in_review:
            raise PermissionDenied(_("The minutes are no longer open for amendments."))
        if form.is_valid() and _propose(request, minutes, form, invitation=invitation):
            messages.success(request, _("Thank you: your amendment was sent to the minute-taker."))
            return redirect("events:minutes_review_link", token=token)
        status = 400
    page = selectors.minutes_page(minutes, user=request.user)
    return render(
        request,
        "events/minutes/review_link.html",
        {"minutes": minutes, "event": minutes.event, "invitation": invitation, "form": form,
         "amendments": selectors.amendments_for(minutes, invitation=invitation), **page},
        status=status,
    )  # fmt: skip
