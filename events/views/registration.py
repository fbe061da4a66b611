"""Registration pages: register (with or without an account), the status page and the personal
cancel link, and the organisers' pages (participants with export, attendance, questions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for
from bildungsnetz.exports import Column, choice, column, yes_no
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..forms import ParticipantFilterForm, QuestionForm, RegistrationForm
from ..models import Event, RegistrationQuestion
from ..services_registration import (
    attendance_set,
    cancel_token,
    registration_cancel,
    registration_counts,
    registration_create,
    registration_for_token,
    registration_question_delete,
    registration_question_save,
)


def _event_or_404(request, slug, perm=None):
    return object_for(request.user, Event.objects.with_detail_relations(), perm, slug=slug)


def registration_create_view(request, slug: str):
    event = _event_or_404(request, slug)
    if not event.registration_enabled:
        raise Http404
    form = RegistrationForm(request.POST or None, event=event, user=request.user)
    is_open = event.registration_is_open()
    if request.method == "POST" and is_open and form.is_valid():
        try:
            registration = registration_create(
                event=event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation_name=form.cleaned_data["organisation_name"],
                answers=form.answers(),
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("events:registration_status", token=cancel_token(registration))
    return render(
        request,
        "events/registration_form.html",
        {
            "event": event,
            "form": form,
            "is_open": is_open,
            "counts": registration_counts(event),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _registration_or_404(token: str):
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    return registration


def registration_status(request, token: str):
    """What the registrant sees after registering and from the mail: status and cancel button.
    The token is the access: no account is needed."""
    registration = _registration_or_404(token)
    return render(
        request,
        "events/registration_status.html",
        {"registration": registration, "event": registration.event, "token": token},
    )


def registration_cancel_view(request, token: str):
    registration = _registration_or_404(token)
    if request.method == "POST":
        result = registration_cancel(registration=registration)
        if result.changed:
            messages.success(request, _("Your registration was cancelled."))
        return redirect("events:registration_status", token=token)
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": registration.event, "token": token},
    )


# --- Organisers -----------------------------------------------------------------------------


def _answers(registration) -> str:
    return "; ".join(f"{a.question.text}: {a.value}" for a in registration.answers.all())


PARTICIPANTS = ListPage(
    sorting=selectors.PARTICIPANT_SORTING,
    template="events/participant_list.html",
    partial="events/_participant_results.html",
    export_name=gettext_lazy("participants"),
    export_columns=[
        column("name"),
        column("email"),
        column("organisation", "organisation_name"),
        choice("status"),
        Column("registered", lambda r: r.created.isoformat()),
        yes_no("attended"),
        Column("answers", _answers),
    ],
    per_page=100,
)


@login_required
def participant_list(request, slug: str):
    """The private participant list of an event: its organisers only (never public)."""
    event = _event_or_404(request, slug, "events.manage_event")
    form = ParticipantFilterForm(filter_data(request))

    def select(filters):
        rows = selectors.event_participants(event)
        if filters.get("status"):
            rows = rows.filter(status=filters["status"])
        return rows

    return PARTICIPANTS.response(
        request,
        form=form,
        select=select,
        context=lambda: {"event": event, "counts": registration_counts(event)},
    )


@login_required
def attendance(request, slug: str):
    event = _event_or_404(request, slug, "events.manage_event")
    confirmed = event.registrations.confirmed().order_by("name", "pk")
    if request.method == "POST":
        present = attendance_set(event=event, present_ids=request.POST.getlist("present"))
        messages.success(request, _("Attendance saved: %(count)s present.") % {"count": present})
        return redirect("events:attendance", slug=event.slug)
    return render(request, "events/attendance.html", {"event": event, "rows": confirmed})


@login_required
def questions(request, slug: str):
    event = _event_or_404(request, slug, "events.manage_event")
    question = RegistrationQuestion(event=event)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            registration_question_save(question=question, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The question was added."))
            return redirect("events:questions", slug=event.slug)
    return render(
        request,
        "events/questions.html",
        {"event": event, "form": form, "questions": event.registration_questions.all()},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def question_delete(request, slug: str, pk: int):
    event = _event_or_404(request, slug, "events.manage_event")
    registration_question_delete(
        question=get_object_or_404(RegistrationQuestion, event=event, pk=pk)
    )
    messages.success(request, _("The question was removed."))
    return redirect("events:questions", slug=event.slug)
