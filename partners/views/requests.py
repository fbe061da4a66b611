"""Contact requests: asking about a listing, an organisation's inbox (received and sent), a
request's page with accepting, declining and withdrawing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import RoleLevel
from accounts.scopes import organisations_with_role
from actors.models import Organisation
from actors.privacy import person_visible_fields
from bildungsnetz.access import object_for, require

from .. import selectors
from ..forms import AnswerForm, ContactRequestForm
from ..models import ContactRequest, PartnerListing, RequestState
from ..services import (
    contact_request_accept,
    contact_request_decline,
    contact_request_send,
    contact_request_withdraw,
)


@login_required
def request_create(request, pk: int):
    user = request.user
    listing = object_for(user, PartnerListing.objects.select_related("organisation__seat"), pk=pk)
    senders = (
        organisations_with_role(user, RoleLevel.EDITOR)
        .exclude(pk=listing.organisation_id)
        .order_by("name")
    )
    initial = {}
    chosen = request.GET.get("von")
    if chosen:
        initial["from_organisation"] = senders.filter(slug=chosen).first()
    form = ContactRequestForm(request.POST or None, organisations=senders, initial=initial)
    if request.method == "POST" and form.is_valid():
        sender = form.cleaned_data["from_organisation"]
        require(user, "partners.send_contactrequest", sender)
        try:
            sent = contact_request_send(
                from_organisation=sender,
                listing=listing,
                message=form.cleaned_data["message"],
                user=user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Your request was sent to %(organisation)s.")
                % {"organisation": listing.organisation.name},
            )
            return redirect(sent)
    return render(
        request,
        "partners/request_form.html",
        {"form": form, "listing": listing, "has_senders": senders.exists()},
        status=400 if form.errors else 200,
    )


@login_required
def inbox(request, slug: str):
    organisation = object_for(
        request.user, Organisation.objects.select_related("seat"), "partners.view_inbox", slug=slug
    )
    return render(
        request,
        "partners/inbox.html",
        {"organisation": organisation, **selectors.inbox(organisation)},
    )


def _request(request, pk, perm=None):
    return object_for(
        request.user,
        ContactRequest.objects.select_related(
            "from_organisation__seat", "to_organisation__seat", "listing", "recipient",
            "sender", "project",
        ),
        perm,
        pk=pk,
    )  # fmt: skip


@login_required
def request_detail(request, pk: int):
    contact = _request(request, pk)
    user = request.user
    # The sender's own address only once accepted (the mail and the page withhold it before).
    sender_email = (
        contact.sender.email
        if contact.state == RequestState.ACCEPTED and contact.sender is not None
        else ""
    )
    recipient = person_visible_fields(contact.recipient, user) if contact.recipient else {}
    return render(
        request,
        "partners/request_detail.html",
        {
            "contact": contact,
            "sender_email": sender_email,
            "recipient": recipient,
            "can_answer": user.has_perm("partners.answer_contactrequest", contact),
            "can_withdraw": user.has_perm("partners.withdraw_contactrequest", contact),
            "answer_form": AnswerForm(),
        },
    )


@login_required
@require_POST
def request_answer(request, pk: int):
    contact = _request(request, pk, "partners.answer_contactrequest")
    form = AnswerForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if "accept" in request.POST:
            contact = contact_request_accept(request=contact, user=request.user, note=note)
            messages.success(
                request, _("You accepted the request: the model partnership has been created.")
            )
        else:
            contact_request_decline(request=contact, user=request.user, note=note)
            messages.success(request, _("You declined the request."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("partners:request_detail", pk=contact.pk)


@login_required
@require_POST
def request_withdraw(request, pk: int):
    contact = _request(request, pk, "partners.withdraw_contactrequest")
    try:
        contact_request_withdraw(request=contact, user=request.user)
        messages.success(request, _("You withdrew the request."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("partners:request_detail", pk=contact.pk)
