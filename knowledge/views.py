"""Thin views of the knowledge base: parse, authorise (knowledge/rules.py), call a selector or
a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, choice, column, many, yes_no
from bildungsnetz.listing import ListPage, filter_data

from . import selectors
from .forms import (
    AttachmentForm,
    CommentForm,
    EntryFilterForm,
    EntryForm,
    EvidenceFormSet,
    TransitionForm,
)
from .jsonld import entry_jsonld_script
from .models import Attachment, Entry, EntryStatus, Section
from .services import (
    attachment_add,
    attachment_delete,
    comment_add,
    entry_approve,
    entry_confirm_current,
    entry_return,
    entry_save,
    entry_submit,
    evidence_set,
)

ENTRIES = ListPage(
    sorting=selectors.ENTRY_SORTING,
    template="knowledge/entry_list.html",
    partial="knowledge/_entry_results.html",
    export_name=gettext_lazy("knowledge entries"),
    export_columns=[
        column("title"),
        column("slug"),
        choice("kind"),
        choice("status"),
        choice("lesson"),
        column("summary"),
        column("city", "territory.name"),
        many("organisations", code="slug"),
        many("topics"),
        many("target_groups"),
        choice("stage"),
        column("authors"),
        column("publisher"),
        column("published_on"),
        column("licence"),
        yes_no("has_evidence"),
        column("review_due"),
        Column("review_overdue", lambda entry: entry.is_review_overdue()),
        column("source"),
        Column("url", lambda entry: entry.get_absolute_url()),
    ],
    per_page=20,
)


def entry_list(request):
    user = request.user
    form = EntryFilterForm(filter_data(request))

    def context():
        return {
            "facets": selectors.entry_facets(user=user, form=form),
            "can_add": user.has_perm("knowledge.add_entry"),
            "today": timezone.localdate(),
        }

    return ENTRIES.response(
        request,
        form=form,
        select=lambda filters: selectors.entry_list(user=user, filters=filters),
        context=context,
    )


def _entry(request, slug, perm=None):
    return object_for(
        request.user,
        Entry.objects.select_related("territory", "contact", "owner", "reviewer"),
        perm,
        slug=slug,
    )


def entry_detail(request, slug: str):
    entry = _entry(request, slug)
    user = request.user
    may = {
        name: user.has_perm(f"knowledge.{name}_entry", entry)
        for name in ("change", "submit", "review", "comment", "confirm")
    }
    may_see_comments = may["comment"] or may["review"] or entry.owner_id == user.pk
    comments = list(entry.comments.select_related("author")) if may_see_comments else []
    sections = [
        {"key": key, "label": label, "comments": [c for c in comments if c.section == key]}
        for key, label in Section.choices
    ]
    return render(
        request,
        "knowledge/entry_detail.html",
        {
            "entry": entry,
            "jsonld": entry_jsonld_script(entry),
            "contact": selectors.entry_contact(entry, user),
            "relations": selectors.entry_relations(entry),
            "evidence": list(entry.evidence.all()),
            "attachments": list(entry.attachments.all()),
            "similar": selectors.similar_entries(entry, user=user),
            "sections": sections,
            "has_comments": bool(comments),
            "state_changes": list(entry.state_changes.select_related("user"))
            if may["change"] or may["review"] else [],
            "may": may,
            "overdue": entry.is_review_overdue(),
            "comment_form": CommentForm() if may["comment"] else None,
            "transition_form": TransitionForm(),
            "attachment_form": AttachmentForm() if may["change"] else None,
        },
    )  # fmt: skip


@login_required
def entry_edit(request, slug: str | None = None):
    user = request.user
    if slug is None:
        require(user, "knowledge.add_entry")
        entry = Entry()
    else:
        entry = _entry(request, slug, "knowledge.change_entry")
    form = EntryForm(request.POST or None, instance=entry, user=user)
    # A post without the evidence rows (a client that sends only the entry's fields) leaves
    # the evidence as it is.
    with_evidence = f"{EVIDENCE_PREFIX}-TOTAL_FORMS" in request.POST
    evidence = EvidenceFormSet(
        request.POST if with_evidence else None,
        initial=_evidence_initial(entry),
        prefix=EVIDENCE_PREFIX,
    )
    if request.method == "POST" and form.is_valid() and (not with_evidence or evidence.is_valid()):

        @transaction.atomic
        def save():
            saved = entry_save(
                entry=entry, data=form.cleaned_data, actor=user, expected=form.expected_version
            )
            if with_evidence:
                evidence_set(entry=saved, rows=_rows(evidence))
            return saved

        saved = save_or_conflict(form, save)
        if saved is not None:
            messages.success(request, _("The entry was saved."))
            return redirect(saved)
    return render(
        request,
        "knowledge/entry_form.html",
        {"form": form, "evidence": evidence, "entry": entry if entry.pk else None},
        status=form_status(form),
    )


EVIDENCE_PREFIX = "evidence"


def _evidence_initial(entry):
    if entry.pk is None:
        return []
    return [{"kind": e.kind, "label": e.label, "url": e.url} for e in entry.evidence.all()]


def _rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _step(request, slug, perm, service, done: str):
    entry = _entry(request, slug, perm)
    form = TransitionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        service(entry=entry, actor=request.user, note=note)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(entry)


@login_required
@require_POST
def entry_submit_view(request, slug: str):
    return _step(request, slug, "knowledge.submit_entry", entry_submit,
                 _("The entry was sent for review."))  # fmt: skip


@login_required
@require_POST
def entry_approve_view(request, slug: str):
    return _step(request, slug, "knowledge.review_entry", entry_approve,
                 _("The entry was published."))  # fmt: skip


@login_required
@require_POST
def entry_return_view(request, slug: str):
    return _step(request, slug, "knowledge.review_entry", entry_return,
                 _("The entry was returned to its author."))  # fmt: skip


@login_required
@require_POST
def entry_confirm_view(request, slug: str):
    entry = _entry(request, slug, "knowledge.confirm_entry")
    entry_confirm_current(entry=entry, actor=request.user)
    messages.success(
        request, _("The entry is confirmed as current; the next review is due in two years.")
    )
    return redirect(entry)


@login_required
@require_POST
def comment_create(request, slug: str):
    entry = _entry(request, slug, "knowledge.comment_entry")
    form = CommentForm(request.POST)
    if form.is_valid():
        comment_add(entry=entry, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The comment was added."))
    else:
        messages.error(request, _("Write a comment and choose its section."))
    return redirect(entry.get_absolute_url() + "#kommentare")


@login_required
def attachment_create(request, slug: str):
    entry = _entry(request, slug, "knowledge.change_entry")
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment_add(entry=entry, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The file was attached; its text is read for the search."))
        return redirect(entry.get_absolute_url() + "#dateien")
    return render(
        request,
        "knowledge/attachment_form.html",
        {"form": form, "entry": entry},
    )


@login_required
@require_POST
def attachment_remove(request, pk: int):
    attachment = object_for(
        request.user, Attachment.objects.select_related("entry"), "knowledge.delete_attachment",
        pk=pk,
    )  # fmt: skip
    entry = attachment.entry
    attachment_delete(attachment=attachment, actor=request.user)
    messages.success(request, _("The file was removed."))
    return redirect(entry.get_absolute_url() + "#dateien")


@login_required
def review_list(request):
    """Entries waiting for the user's review (never their own)."""
    return render(
        request,
        "knowledge/review_list.html",
        {"entries": selectors.review_queue(user=request.user), "statuses": EntryStatus},
    )
