"""What the system does with knowledge entries: save, the review workflow (submit, approve,
return, confirm still current), comments per section, files with their text extracted for the
search, and the reminders of review dates.

Every step of the workflow is recorded (`EntryStateChange`); approving is never done by the
author (rules.py: four eyes)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import RoleLevel
from accounts.scopes import scopes_for
from bildungsnetz.access import require
from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import unique_slug

from .models import (
    Attachment,
    Entry,
    EntryStateChange,
    EntryStatus,
    EvidenceLink,
    ReviewComment,
    default_review_due,
)
from .tasks import extract_attachment_text


def _by(instance, actor):
    """Who made the change, for the history record (simple_history reads `_history_user`)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor
    return instance


def _check_scope(actor, data: dict, m2m: dict) -> None:
    """A new entry belongs to a city or an organisation the actor is an editor of."""
    scopes = scopes_for(actor)
    if scopes.superuser:
        return
    territory = data.get("territory")
    organisations = list(m2m.get("organisations") or [])
    if territory is not None and scopes.role_in_territory(territory) >= RoleLevel.EDITOR:
        return
    if any(scopes.role_in_organisation(o) >= RoleLevel.EDITOR for o in organisations):
        return
    raise ValidationError(
        _("Name a city or an organisation you are an editor of: the entry belongs to it.")
    )


@transaction.atomic
def entry_save(
    *, entry: Entry, data: dict, m2m: dict | None = None, actor=None,
    expected: Expected | None = None,
) -> Entry:  # fmt: skip
    """Create (a draft owned by `actor`) or update an entry."""
    data = dict(data)
    m2m = dict(m2m or {})
    for name in [n for n in data if Entry._meta.get_field(n).many_to_many]:
        m2m[name] = data.pop(name)
    adding = entry.pk is None
    if adding:
        if actor is not None:
            _check_scope(actor, data, m2m)
            entry.owner = actor
        if not data.get("slug"):
            data["slug"] = unique_slug(Entry, data.get("title_de") or data.get("title") or "")
    _by(entry, actor)
    model_update(instance=entry, data=data, m2m=m2m, expected=expected)
    if adding:
        EntryStateChange.objects.create(
            entry=entry, user=actor, from_state="", to_state=entry.status
        )
    return entry


@transaction.atomic
def evidence_set(*, entry: Entry, rows: list[dict]) -> bool:
    """The entry's evidence links become `rows` ({kind, label, url}); only what differs is
    written. Whether anything changed."""
    wanted = [(r["kind"], r["label"].strip(), r.get("url") or "") for r in rows if r.get("label")]
    current = list(entry.evidence.order_by("pk"))
    if [(e.kind, e.label, e.url) for e in current] == wanted:
        return False
    entry.evidence.all().delete()
    EvidenceLink.objects.bulk_create(
        [EvidenceLink(entry=entry, kind=k, label=label, url=url) for k, label, url in wanted]
    )
    # bulk_create sends no signal: the entry's index entry names its evidence, so re-save it.
    entry.save(update_fields=["updated"])
    return True


def _move(entry: Entry, to: str, *, actor, note: str = "") -> Entry:
    previous = entry.status
    entry.status = to
    _by(entry, actor)
    entry.save()
    EntryStateChange.objects.create(
        entry=entry, user=actor, from_state=previous, to_state=to, note=note
    )
    return entry


def _locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().get(pk=entry.pk)


@transaction.atomic
def entry_submit(*, entry: Entry, actor, note: str = "") -> Entry:
    """A draft goes to review by a second person."""
    entry = _locked(entry)
    require(actor, "knowledge.submit_entry", entry)
    return _move(entry, EntryStatus.REVIEW, actor=actor, note=note)


@transaction.atomic
def entry_approve(*, entry: Entry, actor, note: str = "") -> Entry:
    """A second person (never the author) publishes the entry."""
    entry = _locked(entry)
    require(actor, "knowledge.review_entry", entry)
    entry.reviewer = actor
    entry.published_at = timezone.now()
    return _move(entry, EntryStatus.PUBLISHED, actor=actor, note=note)


@transaction.atomic
def entry_return(*, entry: Entry, actor, note: str = "") -> Entry:
    """The reviewer sends the entry back to its author as a draft, saying why."""
    entry = _locked(entry)
    require(actor, "knowledge.review_entry", entry)
    if not note.strip():
        raise ValidationError(_("Say what should change."))
    return _move(entry, EntryStatus.DRAFT, actor=actor, note=note)


@transaction.atomic
def entry_confirm_current(*, entry: Entry, actor, today=None) -> Entry:
    """The entry was checked and is still current: the next review is due in two years."""
    entry = _locked(entry)
    require(actor, "knowledge.confirm_entry", entry)
    entry.review_due = default_review_due() if today is None else today.replace(year=today.year + 2)
    _by(entry, actor)
    entry.save(update_fields=["review_due", "updated"])
    return entry


@transaction.atomic
def comment_add(*, entry: Entry, section: str, text: str, actor) -> ReviewComment:
    require(actor, "knowledge.comment_entry", entry)
    comment = ReviewComment(entry=entry, section=section, text=text.strip(), author=actor)
    comment.full_clean()
    comment.save()
    return comment


# --- Files and their text -------------------------------------------------------------------
@transaction.atomic
def attachment_add(*, entry: Entry, title: str, file, licence: str = "", actor) -> Attachment:
    """Attach a file; its text is read in the background (knowledge.tasks) after the commit
    and then found by the search."""
    require(actor, "knowledge.add_attachment", Attachment(entry=entry))
    attachment = Attachment(
        entry=entry, title=title or getattr(file, "name", ""), file=file, licence=licence,
        uploaded_by=actor,
    )  # fmt: skip
    attachment.full_clean()
    attachment.save()
    transaction.on_commit(lambda: _enqueue_extraction(attachment.pk))
    return attachment


def _enqueue_extraction(pk: int) -> None:
    extract_attachment_text.enqueue(pk)


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor) -> None:
    require(actor, "knowledge.delete_attachment", attachment)
    attachment.file.delete(save=False)
    attachment.delete()
