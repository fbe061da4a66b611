"""What the system does with partnerships, agreements, projects and placements.

Status changes go only through `agreement_transition` and `placement_transition`: they check
the transitions table of the model module, record who moved what when, and refuse everything
else with a message a coordinator understands.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, RoleLevel, User
from actors.models import Organisation, Person, Visibility
from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import unique_slug
from places.models import Territory

from .models import (
    AGREEMENT_TRANSITIONS,
    PLACEMENT_TRANSITIONS,
    Agreement,
    AgreementStatus,
    AgreementTransition,
    AgreementVersion,
    Goal,
    Partnership,
    PartnershipParty,
    Placement,
    PlacementState,
    PlacementTransition,
    Project,
    ProjectParticipant,
)
from .models.exchanges import (
    AFTER_START,
    DECIDED_STATES,
    PLACEMENT_REQUIRED_FIELDS,
    PlacementDecision,
    PlacementSide,
)

# --- Partnerships ---------------------------------------------------------------------------


def _set_parties(partnership: Partnership, parties) -> bool:
    """Make the partnership's parties these, in this order; True when anything changed."""
    changed = False
    wanted = []
    for position, party in enumerate(parties):
        if isinstance(party, Territory):
            wanted.append(("territory", party, position))
        elif isinstance(party, Organisation):
            wanted.append(("organisation", party, position))
        else:
            raise TypeError(f"A party is a Territory or an Organisation, not {type(party)!r}")
    keep = []
    for field, obj, position in wanted:
        row, created = PartnershipParty.objects.get_or_create(
            partnership=partnership, **{field: obj}, defaults={"position": position}
        )
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
            changed = True
        changed = changed or created
        keep.append(row.pk)
    deleted, _by_model = partnership.parties.exclude(pk__in=keep).delete()
    return changed or bool(deleted)


@transaction.atomic
def partnership_create(*, data: dict, parties, topics=()) -> Partnership:
    data = dict(data)
    data.setdefault("slug", unique_slug(Partnership, data.get("name_de") or data["name"]))
    partnership = Partnership(**data)
    partnership.clean_parties(parties)
    partnership.full_clean()
    partnership.save()
    partnership.topics.set(topics)
    _set_parties(partnership, parties)
    return partnership


@transaction.atomic
def partnership_update(
    *,
    partnership: Partnership,
    data: dict,
    parties=None,
    topics=None,
    expected: Expected | None = None,
):
    if parties is not None:
        partnership.clean_parties(parties)
    _partnership, changed = model_update(
        instance=partnership,
        data=data,
        m2m={"topics": topics} if topics is not None else None,
        expected=expected,
    )
    if parties is not None and _set_parties(partnership, parties) and not changed:
        # The parties are part of the partnership: their change is its change (updated, history).
        partnership.save()
    return partnership


# --- Agreements -----------------------------------------------------------------------------


@transaction.atomic
def agreement_create(*, partnership: Partnership, data: dict, topics=(), user=None) -> Agreement:
    data = dict(data)
    data.setdefault("slug", unique_slug(Agreement, data.get("title_de") or data["title"]))
    agreement = Agreement(partnership=partnership, **data)
    agreement.full_clean()
    agreement.save()
    agreement.topics.set(topics)
    AgreementTransition.objects.create(
        agreement=agreement, from_state="", to_state=agreement.status, user=user
    )
    if agreement.text:
        AgreementVersion.objects.create(
            agreement=agreement, number=1, text=agreement.text, created_by=user
        )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    data: dict,
    topics=None,
    user=None,
    note="",
    expected: Expected | None = None,
):
    data = dict(data)
    text = data.pop("text", None)
    model_update(
        instance=agreement,
        data=data,
        m2m={"topics": topics} if topics is not None else None,
        expected=expected,
    )
    if text is not None:
        agreement_text_update(agreement=agreement, text=text, user=user, note=note)
    return agreement


@transaction.atomic
def agreement_text_update(*, agreement: Agreement, text: str, user=None, note: str = ""):
    """Keep the new wording as the next version; unchanged text creates nothing."""
    latest = agreement.versions.order_by("-number").first()
    if latest is not None and latest.text == text:
        return latest
    if latest is None and agreement.text and agreement.text != text:
        # Text from before versions were kept becomes version 1, so the change is visible.
        latest = AgreementVersion.objects.create(
            agreement=agreement, number=1, text=agreement.text, created_by=None
        )
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=(latest.number + 1) if latest else 1,
        text=text,
        note=note,
        created_by=user,
    )
    agreement.text = text
    agreement.save(update_fields=["text", "updated"])
    return version


def _agreement_refusal(agreement: Agreement, to_state: str) -> str | None:
    current = agreement.status
    labels = {"from": AgreementStatus(current).label, "to": AgreementStatus(to_state).label}
    if to_state == current:
        return _("The agreement already has the status “%(to)s”.") % labels
    if not AGREEMENT_TRANSITIONS[current]:
        return _("This agreement is closed (“%(from)s”); its status cannot change.") % labels
    if to_state in (AgreementStatus.EXPIRED, AgreementStatus.TERMINATED) and current in (
        AgreementStatus.DRAFT,
        AgreementStatus.PENDING_APPROVAL,
    ):
        return _("An agreement that never came into force cannot expire or be terminated.")
    if to_state not in AGREEMENT_TRANSITIONS[current]:
        return _("An agreement cannot move from “%(from)s” to “%(to)s”.") % labels
    if to_state == AgreementStatus.IN_FORCE and not agreement.signed_on:
        return _("An agreement can only come into force once its date of signing is recorded.")
    if to_state == AgreementStatus.EXPIRED and (
        agreement.valid_until is None or agreement.valid_until >= timezone.localdate()
    ):
        return _(
            "Only an agreement whose term has ended can expire; "
            "to end it early, choose “Terminated”."
        )
    return None


@transaction.atomic
def agreement_transition(*, agreement: Agreement, to_state: str, user=None, note: str = ""):
    if to_state not in AgreementStatus.values:
        raise ValidationError(_("Unknown status “%(to)s”.") % {"to": to_state})
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    refusal = _agreement_refusal(agreement, to_state)
    if refusal:
        raise ValidationError(refusal, code="invalid_transition")
    record = AgreementTransition.objects.create(
        agreement=agreement, from_state=agreement.status, to_state=to_state, user=user, note=note
    )
    agreement.status = to_state
    agreement.save(update_fields=["status", "updated"])
    return record


@transaction.atomic
def agreements_expire(*, today=None) -> int:
    """Move agreements whose term has ended to "expired" (idempotent; for a daily task)."""
    today = today or timezone.localdate()
    count = 0
    for agreement in Agreement.objects.in_force().filter(valid_until__lt=today):
        agreement_transition(
            agreement=agreement, to_state=AgreementStatus.EXPIRED, note=_("Term ended.")
        )
        count += 1
    return count


@transaction.atomic
def goal_save(*, goal: Goal, data: dict, topics=None, expected: Expected | None = None) -> Goal:
    model_update(
        instance=goal,
        data=data,
        m2m={"topics": topics} if topics is not None else None,
        expected=expected,
    )
    return goal


# --- Projects -------------------------------------------------------------------------------


@transaction.atomic
def project_save(
    *, project: Project, data: dict, goals=None, topics=None, expected: Expected | None = None
) -> Project:
    data = dict(data)
    if not data.get("slug", project.slug):
        title = data.get("title_de", project.title_de) or data.get("title", project.title)
        data["slug"] = unique_slug(Project, title)
    # The goals' rule is Project.clean_goals, which model_update asks before setting them.
    m2m = {
        name: items for name, items in (("goals", goals), ("topics", topics)) if items is not None
    }
    model_update(instance=project, data=data, m2m=m2m, expected=expected)
    return project


@transaction.atomic
def project_participant_save(
    *, participant: ProjectParticipant, data: dict, expected: Expected | None = None
):
    model_update(instance=participant, data=data, expected=expected)
    return participant


# --- Placements -----------------------------------------------------------------------------

REQUIRED_FIELD_MESSAGES = {
    "host_organisation": _("Name the host administration."),
    "start": _("Give the first day of the placement."),
    "end": _("Give the last day of the placement."),
    "interim_report": _("Write the interim report."),
    "interim_report_date": _("Give the date of the interim report."),
    "final_report": _("Write the final report."),
    "final_report_date": _("Give the date of the final report."),
    "evaluation": _("Write the evaluation."),
}


def _placement_refusal(placement: Placement, to_state: str) -> str | None:
    S = PlacementState
    current = placement.state
    labels = {"from": S(current).label, "to": S(to_state).label}
    if to_state == current:
        return _("The placement is already in the state “%(to)s”.") % labels
    if not PLACEMENT_TRANSITIONS[current]:
        return _("This placement is closed (“%(from)s”); it cannot change any more.") % labels
    if current == S.APPLIED and to_state in DECIDED_STATES:
        return _(
            "The coordinators of the sending and the host side decide on an application, "
            "each for their side."
        )
    if to_state in PLACEMENT_TRANSITIONS[current]:
        return None
    if to_state == S.MATCHED and current == S.APPLIED:
        return _(
            "A placement can only be matched to a host unit once the coordinators of both "
            "sides have approved the application."
        )
    if to_state == S.FINAL_REPORTED and current not in AFTER_START:
        return _("A final report cannot be filed before the placement has started.")
    if to_state == S.INTERIM_REPORTED and current not in AFTER_START:
        return _("An interim report cannot be filed before the placement has started.")
    if to_state == S.EVALUATED:
        return _("A placement can only be evaluated after the final report has been filed.")
    if to_state == S.STARTED and current in (S.APPLIED, S.MATCHED):
        return _("A placement can only start once the placement agreement has been made.")
    if to_state == S.AGREED and current == S.APPLIED:
        return _("A placement can only be agreed after matching to a host unit.")
    return _("A placement cannot move from “%(from)s” to “%(to)s”.") % labels


def placement_refusal(placement: Placement, to_state: str) -> str | None:
    """Why the move is not allowed, or None when it is (for pages that explain before asking)."""
    if to_state not in PlacementState.values:
        return _("Unknown state “%(to)s”.") % {"to": to_state}
    return _placement_refusal(placement, to_state)


@transaction.atomic
def placement_apply(
    *, programme, data: dict, person_data: dict | None = None, user=None, applicant=None
) -> Placement:
    """An application: the placement starts its life in the state "applied".

    A new applicant is recorded as a person whose name and contact details are private. With
    `applicant` (a user applying for themselves) the placement is theirs: their person, or a
    new private one linked to their account. The coordinators of both sides are told by e-mail.
    """
    data = dict(data)
    if applicant is not None:
        data["person"] = Person.objects.filter(user=applicant).first()
        if data["person"] is None and person_data is None:
            raise ValidationError(_("Give your name."))
    if person_data is not None and data.get("person") is None:
        person = Person(
            **person_data,
            user=applicant,
            name_visibility=Visibility.PRIVATE,
            email_visibility=Visibility.PRIVATE,
            phone_visibility=Visibility.PRIVATE,
        )
        person.full_clean()
        person.save()
        data["person"] = person
    placement = Placement(programme=programme, **data)
    placement.full_clean()
    placement.save()
    PlacementTransition.objects.create(
        placement=placement, from_state="", to_state=placement.state, user=user
    )
    transaction.on_commit(lambda: notify_placement_coordinators(placement=placement))
    return placement


def placement_side_territories(placement: Placement, side: str) -> list[Territory]:
    """Where the coordinators of a side hold their role: the home administration's seat for the
    sending side, the wished city (and the host administration's seat) for the host side."""
    if side == PlacementSide.HOME:
        return placement.home_territories()
    return placement.host_territories()


def territory_and_above(territory: Territory) -> set[int]:
    """Ids of the territory and every territory above it (a role there covers it)."""
    return {int(p) for p in territory.path.strip("/").split("/") if p} | {territory.pk}


def placement_coordinators(placement: Placement, side: str):
    """Users coordinating a side (a current coordinator or admin role in its territory or one
    above it), the applicant left out."""
    ids = set()
    for territory in placement_side_territories(placement, side):
        ids |= territory_and_above(territory)
    users = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.current()
        .filter(territory__in=ids, role__gte=RoleLevel.COORDINATOR)
        .values("user"),
    )
    if placement.person.user_id:
        users = users.exclude(pk=placement.person.user_id)
    return users


def mail_coordinators(recipients, *, subject, template: str, context: dict) -> int:
    """One mail in the site's language to these addresses; `subject` is called inside it."""
    recipients = sorted(set(recipients))
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        send_mail(subject(), body, None, recipients)
    return len(recipients)


def notify_placement_coordinators(*, placement: Placement) -> int:
    """E-mail the coordinators of both sides that an application awaits their decision."""
    return mail_coordinators(
        (
            user.email
            for side in PlacementSide.values
            for user in placement_coordinators(placement, side)
            if user.email
        ),
        subject=lambda: _("A placement application awaits your decision"),
        template="cooperation/email/placement_application.txt",
        context={
            "placement": placement,
            "url": settings.SITE_URL.rstrip("/") + placement.get_absolute_url(),
        },
    )


@transaction.atomic
def placement_decide(
    *, placement: Placement, side: str, approve: bool, user=None, reason: str = ""
) -> PlacementTransition:
    """One side's decision on an application, recorded in the placement's status log.

    The application is approved once the sending and the host side have both approved, and
    rejected as soon as one side rejects; a rejection needs a reason. Each side decides once.
    """
    if side not in PlacementSide.values:
        raise ValidationError(_("Unknown side “%(side)s”.") % {"side": side})
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.state != PlacementState.APPLIED:
        raise ValidationError(
            _("Only an application that is still open can be decided on (now: “%(state)s”).")
            % {"state": PlacementState(placement.state).label},
            code="invalid_transition",
        )
    if user is not None and placement.person.user_id == user.pk:
        raise ValidationError(_("Nobody decides on their own application."), code="own_application")
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    decisions = placement.decisions()
    if side in decisions:
        raise ValidationError(
            _("The %(side)s has already decided on this application.")
            % {"side": PlacementSide(side).label},
            code="decided",
        )
    others = {s for s, record in decisions.items() if record.decision == PlacementDecision.APPROVE}
    if not approve:
        to_state = PlacementState.REJECTED
    elif others | {side} >= set(PlacementSide.values):
        to_state = PlacementState.APPROVED
    else:
        to_state = placement.state
    record = PlacementTransition.objects.create(
        placement=placement,
        from_state=placement.state,
        to_state=to_state,
        user=user,
        note=reason,
        side=side,
        decision=PlacementDecision.APPROVE if approve else PlacementDecision.REJECT,
    )
    if to_state != placement.state:
        placement.state = to_state
        placement.save(update_fields=["state", "updated"])
    return record


@transaction.atomic
def placement_transition(
    *, placement: Placement, to_state: str, user=None, note: str = "", changes: dict | None = None
) -> PlacementTransition:
    """Move a placement on; `changes` are the fields the step fills in (host, dates, reports)."""
    if to_state not in PlacementState.values:
        raise ValidationError(_("Unknown state “%(to)s”.") % {"to": to_state})
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    refusal = _placement_refusal(placement, to_state)
    if refusal:
        raise ValidationError(refusal, code="invalid_transition")
    changes = dict(changes or {})

    def value(field):
        if field in changes:
            return changes[field]
        return getattr(placement, "host_organisation_id" if field == "host_organisation" else field)

    missing = {
        field: REQUIRED_FIELD_MESSAGES[field]
        for field in PLACEMENT_REQUIRED_FIELDS.get(to_state, ())
        if not value(field)
    }
    if missing:
        raise ValidationError(missing, code="required")
    from_state = placement.state
    model_update(instance=placement, data={**changes, "state": to_state})
    return PlacementTransition.objects.create(
        placement=placement, from_state=from_state, to_state=to_state, user=user, note=note
    )
