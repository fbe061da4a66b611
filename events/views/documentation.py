"""Documentation after an event: outcomes, files, photos with their text alternative."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for
from bildungsnetz.concurrency import form_status, save_or_conflict

from ..forms import DocumentForm, OutcomesForm, PhotoForm
from ..models import Event, EventDocument, EventPhoto
from ..services import (
    event_attachment_delete,
    event_document_add,
    event_outcomes_save,
    event_photo_add,
)


def _forms(request, event):
    which = request.POST.get("part") if request.method == "POST" else None
    return {
        "outcomes_form": OutcomesForm(
            request.POST if which == "outcomes" else None, instance=event
        ),
        "document_form": DocumentForm(
            request.POST if which == "document" else None,
            request.FILES if which == "document" else None,
            prefix="document",
        ),
        "photo_form": PhotoForm(
            request.POST if which == "photo" else None,
            request.FILES if which == "photo" else None,
            prefix="photo",
        ),
    }, which


def _save(which, forms, event):
    form = forms[f"{which}_form"]
    if not form.is_valid():
        return False
    data = form.cleaned_data
    if which == "outcomes":
        saved = save_or_conflict(
            form,
            lambda: event_outcomes_save(
                event=event, outcomes=data["outcomes"], expected=form.expected_version
            ),
        )
        return saved is not None
    try:
        if which == "document":
            event_document_add(event=event, title=data["title"], file=data["file"])
        else:
            event_photo_add(
                event=event,
                image=data["image"],
                alt_text=data["alt_text"],
                caption=data["caption"],
                credit=data["credit"],
            )
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@login_required
def documentation(request, slug: str):
    event = object_for(request.user, Event, "events.manage_event", slug=slug)
    forms, which = _forms(request, event)
    status = 200
    if which in ("outcomes", "document", "photo"):
        if _save(which, forms, event):
            messages.success(request, _("The documentation was saved."))
            return redirect("events:documentation", slug=event.slug)
        status = form_status(forms[f"{which}_form"]) if which == "outcomes" else 400
        status = status if status != 200 else 400
    return render(
        request,
        "events/documentation.html",
        {
            "event": event,
            "documents": event.documents.all(),
            "photos": event.photos.all(),
            **forms,
        },
        status=status,
    )


@login_required
@require_POST
def attachment_delete(request, slug: str, kind: str, pk: int):
    event = object_for(request.user, Event, "events.manage_event", slug=slug)
    models = {"dokument": EventDocument, "foto": EventPhoto}
    if kind not in models:
        raise Http404
    event_attachment_delete(attachment=get_object_or_404(models[kind], event=event, pk=pk))
    messages.success(request, _("The file was removed."))
    return redirect("events:documentation", slug=event.slug)
