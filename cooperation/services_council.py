"""Committee decisions: checking an agreement's council paper (OParl) and proposing the step.

`agreements_council_check` (a periodic task) reads, for every agreement under committee
reservation that names a council paper, the result of the paper's authoritative consultation
(`cooperation.oparl`). A new result is recorded on the agreement's `CouncilDecision` with a
link, the matching lifecycle step is proposed, and the agreement's coordinators get one mail.
The step itself is only ever taken by a coordinator (`agreement_council_step`), through the
lifecycle service. Checking twice records once and mails once.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, RoleLevel, User

from . import oparl
from .models import Agreement, AgreementStatus, CouncilDecision
from .services import agreement_transition, mail_coordinators, territory_and_above

# Changes are asked for from a little before the last read: clocks of two systems differ.
CLOCK_MARGIN = timedelta(minutes=10)

STEP_FOR_RESULT = {
    oparl.APPROVED: AgreementStatus.IN_FORCE,
    oparl.REJECTED: AgreementStatus.DRAFT,
    oparl.OTHER: "",
}


def oparl_client() -> oparl.Client:
    """The client with this installation's limits; `OPARL_ALLOWED_HOSTS` ("host:port") lets a
    test server on a private address through the SSRF guard, and is empty unless set."""
    return oparl.Client(
        timeout=float(getattr(settings, "OPARL_TIMEOUT", oparl.DEFAULT_TIMEOUT)),
        allow=frozenset(getattr(settings, "OPARL_ALLOWED_HOSTS", ())),
    )


def council_paper_refusal(url: str) -> str | None:
    """Why this council paper address cannot be used, or None (for the agreement form)."""
    if not url:
        return None
    if not url.lower().startswith(("http://", "https://")):
        return _("Give an http or https address.")
    try:
        oparl.check(url, allow=oparl_client().allow)
    except oparl.OParlError as exc:
        return str(exc)
    return None


def _decision_for(agreement: Agreement) -> CouncilDecision:
    """The record of the agreement's current paper; a record of an earlier paper starts over.
    Inside a transaction the agreement's row is locked first, so two checks at once record
    (and mail) one after the other, never both."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    decision = CouncilDecision.objects.filter(agreement=agreement).first()
    if decision is None:
        return CouncilDecision(agreement=agreement, paper_url=agreement.council_paper_url)
    decision.agreement = agreement
    if decision.paper_url != agreement.council_paper_url:
        keep = {"pk": decision.pk, "agreement": agreement}
        decision = CouncilDecision(paper_url=agreement.council_paper_url, **keep)
    return decision


def agreement_council_check(*, agreement: Agreement, client=None, now=None) -> CouncilDecision:
    """Check one agreement's council paper; record what was found (or why nothing could be
    read) and, for a new result, propose the step and mail the coordinators. The council
    system is read outside any transaction: a slow answer holds no lock."""
    now = now or timezone.now()
    client = client or oparl_client()
    with transaction.atomic():
        known = _decision_for(agreement)
    since = known.synced_at - CLOCK_MARGIN if known.synced_at else None
    try:
        found = oparl.read_decision(
            client,
            known.paper_url,
            agenda_item_url=known.agenda_item_url,
            changes_url=known.changes_url,
            since=since,
        )
    except oparl.OParlError as exc:
        return _record_error(agreement, known.paper_url, str(exc), now)
    return _record(agreement, known.paper_url, found, now)


@transaction.atomic
def _record_error(agreement: Agreement, paper_url: str, message: str, now) -> CouncilDecision:
    decision = _decision_for(agreement)
    if decision.paper_url != paper_url:
        return decision  # the paper was changed meanwhile; the next check reads the new one
    decision.checked_at = now
    decision.error = message
    decision.save()
    return decision


@transaction.atomic
def _record(agreement: Agreement, paper_url: str, found: oparl.Decision, now) -> CouncilDecision:
    decision = _decision_for(agreement)
    if decision.paper_url != paper_url:
        return decision  # the paper was changed meanwhile; the next check reads the new one
    decision.checked_at = now
    decision.synced_at = now
    decision.error = ""
    decision.paper_name = found.paper.name[:500]
    decision.changes_url = found.changes_url[:500]
    consultation = found.consultation
    decision.consultation_url = consultation.id[:500] if consultation else ""
    if consultation is None or consultation.agenda_item != decision.agenda_item_url:
        decision.agenda_item_url = consultation.agenda_item[:500] if consultation else ""
        _clear_result(decision)
    if found.unchanged or found.agenda_item is None:
        decision.save()
        return decision
    item = found.agenda_item
    if item.result != decision.result:
        _clear_result(decision)
    decision.result = item.result[:500]
    decision.resolution_text = item.resolution_text
    decision.resolution_file_url = item.resolution_file[:500]
    if item.result:
        decision.decided_on = found.decided_on
        decision.meeting_name = (found.meeting.name if found.meeting else "")[:500]
        decision.web_url = found.web[:500]
        decision.recorded_at = decision.recorded_at or now
        decision.proposed_step = STEP_FOR_RESULT[oparl.classify_result(item.result)]
    key = _notice_key(decision)
    mail = bool(item.result) and decision.notified_key != key
    if mail:
        decision.notified_key = key
    decision.save()
    if mail:
        transaction.on_commit(lambda: notify_council_decision(decision=decision))
    return decision


def _clear_result(decision: CouncilDecision) -> None:
    for name in ("result", "resolution_text", "resolution_file_url", "meeting_name", "web_url",
                 "proposed_step"):  # fmt: skip
        setattr(decision, name, "")
    decision.decided_on = decision.recorded_at = decision.settled_at = None
    decision.settled_by = None


def _notice_key(decision: CouncilDecision) -> str:
    return "|".join([decision.paper_url, decision.agenda_item_url, decision.result])[:1200]


def agreements_council_check(*, now=None, client=None) -> int:
    """Check every agreement under committee reservation that names a council paper and has
    no step waiting for a coordinator; returns how many new results were recorded."""
    client = client or oparl_client()
    recorded = 0
    waiting = Q(council_decision__proposed_step__gt="", council_decision__settled_at__isnull=True)
    for agreement in Agreement.objects.awaiting_council().exclude(waiting).order_by("pk"):
        before = CouncilDecision.objects.filter(agreement=agreement).values_list(
            "recorded_at", flat=True
        )
        was_recorded = before.first()
        decision = agreement_council_check(agreement=agreement, client=client, now=now)
        recorded += bool(decision.recorded_at and decision.recorded_at != was_recorded)
    return recorded


def council_coordinators(agreement: Agreement):
    """The users who may take the agreement's steps: coordinators of a party (in its city or
    one above, in its organisation or one above, or in the city an organisation is seated in)."""
    territories, organisations = set(), set()
    partnership = agreement.partnership
    for territory in partnership.party_territories():
        territories |= territory_and_above(territory)
    for organisation in partnership.party_organisations():
        current = organisation
        while current is not None and current.pk not in organisations:
            organisations.add(current.pk)
            if current.seat_id:
                territories |= territory_and_above(current.seat)
            current = current.parent if current.parent_id else None
    memberships = Membership.objects.current().filter(
        Q(territory__in=territories) | Q(organisation__in=organisations),
        role__gte=RoleLevel.COORDINATOR,
    )
    candidates = User.objects.filter(is_active=True, pk__in=memberships.values("user"))
    # The same rule as the button: whoever is mailed may take the step.
    return [u for u in candidates if u.has_perm("cooperation.transition_agreement", agreement)]


def notify_council_decision(*, decision: CouncilDecision) -> int:
    """Tell the agreement's coordinators about the council's result and the proposed step."""
    agreement = decision.agreement
    return mail_coordinators(
        (u.email for u in council_coordinators(agreement) if u.email),
        subject=lambda: _("Council decision on “%(title)s”") % {"title": agreement.title},
        template="cooperation/email/council_decision.txt",
        context={
            "agreement": agreement,
            "decision": decision,
            "url": settings.SITE_URL.rstrip("/") + agreement.get_absolute_url(),
        },
    )


def council_notice(decision: CouncilDecision) -> str:
    """The sentence that proposes the step on the agreement's page."""
    values = {
        "date": date_format(decision.decided_on, "DATE_FORMAT") if decision.decided_on else "–",
        "result": decision.result,
    }
    if decision.proposed_step == AgreementStatus.IN_FORCE:
        text = _(
            "The council's decision of %(date)s is available: result “%(result)s”. "
            "Put the agreement into force now?"
        )
    elif decision.proposed_step == AgreementStatus.DRAFT:
        text = _(
            "The council's decision of %(date)s is available: result “%(result)s”. "
            "Take the agreement back to a draft now?"
        )
    else:
        text = _(
            "The council's decision of %(date)s is available: result “%(result)s”. "
            "It suggests no status change; the paper is checked again."
        )
    return text % values


@transaction.atomic
def agreement_council_step(*, agreement: Agreement, user) -> None:
    """Take the proposed step through the lifecycle service (which checks it is allowed)."""
    decision = CouncilDecision.objects.select_for_update().filter(agreement=agreement).first()
    step = decision.open_proposal if decision else ""
    if not step:
        raise ValidationError(_("There is no proposed step for this agreement."), code="none")
    date = date_format(decision.decided_on, "DATE_FORMAT") if decision.decided_on else "–"
    note = _("Council decision of %(date)s: %(result)s") % {"date": date, "result": decision.result}
    if decision.web_url:
        note += f"\n{decision.web_url}"
    agreement_transition(agreement=agreement, to_state=step, user=user, note=note)
    decision.settled_at = timezone.now()
    decision.settled_by = user
    decision.save(update_fields=["settled_at", "settled_by"])


@transaction.atomic
def agreement_council_dismiss(*, agreement: Agreement, user) -> None:
    """The coordinator decides not to take the proposed step; the notice goes away."""
    decision = CouncilDecision.objects.select_for_update().filter(agreement=agreement).first()
    if decision is None or not decision.open_proposal:
        raise ValidationError(_("There is no proposed step for this agreement."), code="none")
    decision.settled_at = timezone.now()
    decision.settled_by = user
    decision.save(update_fields=["settled_at", "settled_by"])
