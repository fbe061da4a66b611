"""What the system does with minutes: write them, review them with amendments (also by a
personal link without an account), approve and freeze them; turn decisions into action items
and action items into tasks of the work programme; remind owners of overdue items.

Every change of the content locks the minutes row first, refuses frozen (approved) minutes
(`MinutesFrozen`) and saves a new `MinutesVersion`: the text and every item as they are now,
who saved it and why. The status of an action item and the task it became are follow-up and
stay open after approval.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from actors.models import Person
from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import sanitize_html, strip_control_characters
from programme.models import WorkPackage
from programme.services import task_create

from .models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Amendment,
    AmendmentPart,
    AmendmentStatus,
    Decision,
    Event,
    Minutes,
    MinutesInvitation,
    MinutesStatus,
    MinutesVersion,
)
from .selectors_minutes import account_name as _name

INVITATION_SALT = "events.minutes.invitation"


def _locked(minutes: Minutes) -> Minutes:
    """The minutes row locked for this transaction (two editors are served one by one)."""
    return Minutes.objects.select_for_update().get(pk=minutes.pk)


def _content(minutes: Minutes) -> Minutes:
    locked = _locked(minutes)
    locked.ensure_not_frozen()
    return locked


def _next_number(queryset) -> int:
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


def minutes_items(minutes: Minutes) -> dict:
    """The structured items as plain data (for a version)."""
    return {
        "agenda": [
            {"number": a.number, "title": a.title, "notes": a.notes}
            for a in minutes.agenda_items.order_by("number")
        ],
        "decisions": [
            {
                "number": d.number,
                "text": d.text,
                "vote": d.vote_result,
                "agenda": d.agenda_item.number if d.agenda_item_id else None,
            }
            for d in minutes.decisions.select_related("agenda_item").order_by("number")
        ],  # fmt: skip
        "actions": [
            {
                "number": a.number,
                "text": a.text,
                "due": a.due.isoformat() if a.due else None,
                "owner": str(a.owner_person or a.owner_user or ""),
                "decision": a.decision.number if a.decision_id else None,
            }
            for a in minutes.action_items.select_related(
                "decision", "owner_person", "owner_user"
            ).order_by("number")
        ],  # fmt: skip
    }


def _version(minutes: Minutes, actor, note: str) -> MinutesVersion:
    """Save the content as the next version (the minutes row is locked by the caller)."""
    minutes.version += 1
    Minutes.objects.filter(pk=minutes.pk).update(version=minutes.version, updated=timezone.now())
    return MinutesVersion.objects.create(
        minutes=minutes,
        number=minutes.version,
        status=minutes.status,
        attendees=minutes.attendees,
        body=minutes.body,
        items=minutes_items(minutes),
        note=note[:300],
        saved_by=actor if getattr(actor, "is_authenticated", False) else None,
        saved_by_name=_name(actor),
    )


# --- The minutes themselves -----------------------------------------------------------------
@transaction.atomic
def minutes_start(*, event: Event, actor, is_demo: bool = False) -> Minutes:
    """The event's minutes, started as a draft by `actor` (the minute-taker) if there are none."""
    Event.objects.select_for_update().get(pk=event.pk)
    existing = Minutes.objects.filter(event=event).first()
    if existing is not None:
        return existing
    minutes = Minutes.objects.create(
        event=event, minute_taker=actor if actor and actor.is_authenticated else None,
        is_demo=is_demo,
    )  # fmt: skip
    _version(minutes, actor, _("Draft started"))
    return minutes


@transaction.atomic
def minutes_save(
    *, minutes: Minutes, data: dict, actor, expected: Expected | None = None
) -> Minutes:
    """Save the attendees and the text (sanitised); a new version when anything changed."""
    locked = _content(minutes)
    values = {}
    if "attendees" in data:
        values["attendees"] = strip_control_characters(data["attendees"] or "")
    if "body" in data:
        values["body"] = sanitize_html(data["body"] or "")
    # The form has put its input onto `minutes`; the stored row is what is compared.
    minutes.version, minutes.status = locked.version, locked.status
    _instance, changed = model_update(instance=minutes, data=values, expected=expected)
    if changed:
        _version(minutes, actor, _("Text edited"))
    return minutes


@transaction.atomic
def minutes_open_review(*, minutes: Minutes, actor) -> Minutes:
    """Draft → in review: attendees may now propose amendments."""
    locked = _content(minutes)
    if locked.status != MinutesStatus.DRAFT:
        raise ValidationError(_("Only a draft can be opened for review."))
    locked.status = MinutesStatus.REVIEW
    locked.review_opened_at = timezone.now()
    locked.save(update_fields=["status", "review_opened_at", "updated"])
    _version(locked, actor, _("Opened for review: amendments can be proposed"))
    return locked


@transaction.atomic
def minutes_approve(*, minutes: Minutes, actor) -> Minutes:
    """In review → approved and frozen: the current version is the approved one."""
    locked = _content(minutes)
    if locked.status != MinutesStatus.REVIEW:
        raise ValidationError(_("Open the minutes for review before approving them."))
    pending = locked.amendments.filter(status=AmendmentStatus.PROPOSED).count()
    if pending:
        raise ValidationError(
            _("Accept or reject the open amendments first (%(count)s open).") % {"count": pending}
        )
    locked.status = MinutesStatus.APPROVED
    locked.approved_version = locked.version
    locked.approved_at = timezone.now()
    locked.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save(
        update_fields=["status", "approved_version", "approved_at", "approved_by", "updated"]
    )
    MinutesVersion.objects.filter(minutes=locked, number=locked.version).update(
        status=MinutesStatus.APPROVED
    )
    return locked


# --- Agenda items, decisions, action items --------------------------------------------------
@transaction.atomic
def agenda_item_save(*, minutes: Minutes, data: dict, actor, item: AgendaItem | None = None):
    locked = _content(minutes)
    item = item or AgendaItem(minutes=locked, number=_next_number(locked.agenda_items))
    values = {
        "title": strip_control_characters(data.get("title", item.title)).strip(),
        "notes": sanitize_html(data.get("notes", item.notes) or ""),
    }
    _instance, changed = model_update(instance=item, data=values)
    if changed:
        _version(locked, actor, _("Agenda item %(number)s saved") % {"number": item.number})
    return item


@transaction.atomic
def decision_save(
    *,
    minutes: Minutes,
    data: dict,
    actor,
    decision: Decision | None = None,
    expected: Expected | None = None,
):
    locked = _content(minutes)
    decision = decision or Decision(minutes=locked, number=_next_number(locked.decisions))
    values = {
        "text": strip_control_characters(data.get("text", decision.text)).strip(),
        "vote_result": strip_control_characters(
            data.get("vote_result", decision.vote_result)
        ).strip(),
        "agenda_item": data.get("agenda_item", decision.agenda_item),
    }
    _instance, changed = model_update(instance=decision, data=values, expected=expected)
    if changed:
        _version(locked, actor, _("Decision %(number)s saved") % {"number": decision.number})
    return decision


def _owner_fields(owner) -> dict:
    if owner is None:
        return {"owner_person": None, "owner_user": None}
    if isinstance(owner, Person):
        return {"owner_person": owner, "owner_user": None}
    if isinstance(owner, User):
        return {"owner_person": None, "owner_user": owner}
    raise TypeError("owner must be an actors Person or an accounts User")


@transaction.atomic
def action_item_save(
    *,
    minutes: Minutes,
    data: dict,
    actor,
    item: ActionItem | None = None,
    expected: Expected | None = None,
):
    """Create or edit an action item: text, owner (a Person or a User), due date, decision."""
    locked = _content(minutes)
    item = item or ActionItem(minutes=locked, number=_next_number(locked.action_items))
    values = {
        "text": strip_control_characters(data.get("text", item.text)).strip(),
        "due": data.get("due", item.due),
        "decision": data.get("decision", item.decision),
    }
    if "owner" in data:
        values.update(_owner_fields(data["owner"]))
    _instance, changed = model_update(instance=item, data=values, expected=expected)
    if changed:
        _version(locked, actor, _("Action item %(number)s saved") % {"number": item.number})
    return item


@transaction.atomic
def action_item_from_decision(*, decision: Decision, actor, owner=None, due=None) -> ActionItem:
    """A decision becomes an action item of the same minutes in one step."""
    return action_item_save(
        minutes=decision.minutes,
        data={"text": decision.text, "decision": decision, "owner": owner, "due": due},
        actor=actor,
    )


@transaction.atomic
def item_delete(*, item, actor) -> None:
    """Remove an agenda item, a decision or an action item from unapproved minutes."""
    locked = _content(item.minutes)
    label = str(item)
    if isinstance(item, ActionItem) and item.live_task is not None:
        raise ValidationError(_("This action item is a task of the work programme already."))
    item.delete()
    _version(locked, actor, _("%(item)s removed") % {"item": label})


@transaction.atomic
def action_item_set_status(*, item: ActionItem, status: str, actor) -> ActionItem:
    """Open, done or cancelled; also after approval (follow-up). An item that became a task
    follows its task: its status is changed there."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if item.live_task is not None:
        raise ValidationError(
            _("This action item follows its task in the work programme: change it there.")
        )
    model_update(instance=item, data={"status": status})
    return item


def origin_label(item: ActionItem) -> str:
    event = item.minutes.event
    day = formats.date_format(event.local_start.date(), "DATE_FORMAT")
    text = " ".join(item.text.split())
    short = text if len(text) <= 80 else text[:79] + "…"
    label = _("Action item %(number)s: %(text)s – minutes of the meeting “%(meeting)s” of %(date)s")
    return label % {"number": item.number, "text": short, "meeting": event.title, "date": day}


@transaction.atomic
def action_item_to_task(*, item: ActionItem, package: WorkPackage, actor):
    """The action item becomes a task of `package` (programme.services.task_create checks that
    `actor` may add tasks there); the item then shows its task and follows its status."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if item.live_task is not None:
        raise ValidationError(_("This action item is a task of the work programme already."))
    with translation.override(settings.LANGUAGE_CODE):
        label = origin_label(item)
    task = task_create(
        package=package,
        title=" ".join(item.text.split())[:300],
        owner=item.owner_person or item.owner_user,
        due=item.due,
        origin=item,
        origin_label=label,
        origin_url=item.get_absolute_url(),
        actor=actor,
        # The origin (label and link) is stored with the task; its text says why: the decision.
        description=_("Decision %(number)s: %(text)s")
        % {"number": item.decision.number, "text": item.decision.text}
        if item.decision_id
        else "",
    )
    item.task = task
    item.save(update_fields=["task", "updated"])
    return task


# --- Review: invitations and amendments -----------------------------------------------------
def invitation_token(invitation: MinutesInvitation) -> str:
    """The signed token of an invitee's personal link (no account needed)."""
    return signing.dumps(
        {"i": invitation.pk, "m": invitation.minutes_id}, salt=INVITATION_SALT, compress=True
    )


def invitation_for_token(token: str) -> MinutesInvitation | None:
    """The invitation of a valid, unrevoked token; None for a tampered or foreign one."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    return (
        MinutesInvitation.objects.select_related("minutes__event")
        .filter(pk=data["i"], minutes_id=data.get("m"), revoked_at__isnull=True)
        .first()
    )


def invitation_url(invitation: MinutesInvitation) -> str:
    return settings.SITE_URL + reverse(
        "events:minutes_review_link", kwargs={"token": invitation_token(invitation)}
    )


@transaction.atomic
def invitation_send(*, minutes: Minutes, name: str, email: str, actor) -> MinutesInvitation:
    """Invite an attendee to review the minutes and mail them their personal link ("Zur
    Abstimmung des Protokolls"); inviting the same address again sends the link again."""
    locked = _content(minutes)
    if locked.status != MinutesStatus.REVIEW:
        raise ValidationError(_("Open the minutes for review before inviting attendees."))
    email = email.strip().lower()
    invitation, _created = MinutesInvitation.objects.get_or_create(
        minutes=locked, email=email, defaults={"name": strip_control_characters(name).strip()}
    )
    if invitation.revoked_at is not None:
        invitation.revoked_at = None
    invitation.sent_at = timezone.now()
    invitation.save()
    context = {
        "invitation": invitation,
        "event": locked.event,
        "link": invitation_url(invitation),
        "sender": _name(actor),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("For approval of the minutes: %(meeting)s") % {"meeting": locked.event.title}
        body = render_to_string("events/minutes/email/invitation.txt", context)
        send_mail(subject, body, None, [invitation.email])
    return invitation


@transaction.atomic
def amendment_propose(
    *, minutes: Minutes, data: dict, author_user=None, invitation: MinutesInvitation | None = None
) -> Amendment:
    """An attendee proposes a change of one part of the minutes (only while in review)."""
    locked = _content(minutes)
    if locked.status != MinutesStatus.REVIEW:
        raise ValidationError(_("Amendments can be proposed only while the minutes are in review."))
    part = data.get("part") or AmendmentPart.BODY
    target = data.get("target")
    author = invitation.name if invitation is not None else _name(author_user)
    amendment = Amendment(
        minutes=locked,
        number=_next_number(locked.amendments),
        part=part,
        agenda_item=target if part == AmendmentPart.AGENDA else None,
        decision=target if part == AmendmentPart.DECISION else None,
        action_item=target if part == AmendmentPart.ACTION else None,
        text=strip_control_characters(data.get("text", "")).strip(),
        reason=strip_control_characters(data.get("reason", "")).strip(),
        author_user=author_user if invitation is None else None,
        invitation=invitation,
        author_name=author[:200],
    )
    amendment.full_clean()
    amendment.save()
    _tell_minute_taker(amendment)
    return amendment


def _tell_minute_taker(amendment: Amendment) -> None:
    """Mail the minute-taker about a new amendment, after the commit."""
    taker = amendment.minutes.minute_taker
    if taker is None or not taker.email:
        return
    context = {
        "amendment": amendment,
        "event": amendment.minutes.event,
        "link": settings.SITE_URL
        + reverse(
            "events:amendment_decide",
            kwargs={"slug": amendment.minutes.event.slug, "number": amendment.number},
        ),
    }

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("New amendment to the minutes: %(meeting)s") % {
                "meeting": amendment.minutes.event.title
            }
            body = render_to_string("events/minutes/email/amendment.txt", context)
            send_mail(subject, body, None, [taker.email])

    transaction.on_commit(send)


def _apply(amendment: Amendment, text: str) -> None:
    target = amendment.target
    if amendment.part == AmendmentPart.BODY:
        amendment.minutes.body = sanitize_html(text)
        amendment.minutes.save(update_fields=["body", "updated"])
    elif amendment.part == AmendmentPart.AGENDA:
        model_update(instance=target, data={"notes": sanitize_html(text)})
    else:
        model_update(instance=target, data={"text": strip_control_characters(text).strip()})


def _undecided(amendment: Amendment) -> tuple[Minutes, Amendment]:
    locked = _content(amendment.minutes)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != AmendmentStatus.PROPOSED:
        raise ValidationError(_("This amendment has been decided already."))
    amendment.minutes = locked
    return locked, amendment


@transaction.atomic
def amendment_accept(*, amendment: Amendment, actor, text: str | None = None) -> Amendment:
    """Apply the amendment (its wording, or `text` as the minute-taker adjusted it) to its part:
    a new version of the minutes."""
    locked, amendment = _undecided(amendment)
    if amendment.part != AmendmentPart.BODY and amendment.target is None:
        raise ValidationError(_("The item this amendment is about no longer exists."))
    _apply(amendment, amendment.text if text is None else text)
    version = _version(
        locked, actor,
        _("Amendment %(number)s by %(author)s accepted") % {
            "number": amendment.number, "author": amendment.author_name},
    )  # fmt: skip
    amendment.status = AmendmentStatus.ACCEPTED
    amendment.decided_at = timezone.now()
    amendment.decided_by = actor
    amendment.applied_version = version.number
    amendment.save()
    return amendment


@transaction.atomic
def amendment_reject(*, amendment: Amendment, actor, reason: str) -> Amendment:
    """Reject with a reason; the rejection is kept as a version of the review record."""
    reason = strip_control_characters(reason or "").strip()
    if not reason:
        raise ValidationError({"response": _("Say why the amendment is rejected.")})
    locked, amendment = _undecided(amendment)
    version = _version(
        locked, actor,
        _("Amendment %(number)s by %(author)s rejected: %(reason)s") % {
            "number": amendment.number, "author": amendment.author_name, "reason": reason},
    )  # fmt: skip
    amendment.status = AmendmentStatus.REJECTED
    amendment.response = reason
    amendment.decided_at = timezone.now()
    amendment.decided_by = actor
    amendment.applied_version = version.number
    amendment.save()
    return amendment


# --- Reminders ------------------------------------------------------------------------------
@dataclass
class Reminded:
    mails: int = 0
    items: int = 0


def action_items_remind_overdue(*, today=None) -> Reminded:
    """Mail each owner with an e-mail address their overdue open action items, at most once
    per item and day (`last_reminded_on`): running it twice a day sends nothing new."""
    today = today or timezone.localdate()
    result = Reminded()
    with transaction.atomic():
        due = (
            ActionItem.objects.overdue(today)
            .exclude(last_reminded_on=today)
            .select_related("minutes__event", "owner_person__user", "owner_user", "task")
            .select_for_update(of=("self",))
            .order_by("due", "pk")
        )
        by_address: dict[str, list[ActionItem]] = defaultdict(list)
        for item in due:
            if item.owner_email:
                by_address[item.owner_email.lower()].append(item)
        for address, items in by_address.items():
            with translation.override(settings.LANGUAGE_CODE):
                body = render_to_string(
                    "events/minutes/email/overdue.txt",
                    {"items": items, "site": settings.SITE_URL, "today": today},
                )
                send_mail(_("Overdue action items"), body, None, [address])
            ActionItem.objects.filter(pk__in=[i.pk for i in items]).update(last_reminded_on=today)
            result.mails += 1
            result.items += len(items)
    return result
