"""What partner finding does: save listings, send and answer contact requests, make a model
partnership of an accepted request, and record consent to be named.

A contact request goes to the other side's fixed contact person (`Role.is_contact` with an
e-mail address) and, failing that, to its coordinators and editors. Neither the mail nor the
page shows the sender's own e-mail address before the request is accepted.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, RoleLevel, User
from actors.models import Organisation, Person, Role
from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import unique_slug
from cooperation.models import (
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Project,
    ProjectKind,
    ProjectParticipant,
    ProjectStatus,
)
from cooperation.services import partnership_create, project_participant_save, project_save

from .models import ContactRequest, PartnerListing, RecognitionConsent, RequestState
from .selectors import KIND_PRECEDENCE, organisation_city

# At most this many requests an organisation sends in a day (a flood is not a partnership).
DAILY_REQUEST_LIMIT = 20


# --- Listings -------------------------------------------------------------------------------
@transaction.atomic
def listing_save(
    *,
    listing: PartnerListing,
    data: dict,
    topics=None,
    target_groups=None,
    languages=None,
    cities=None,
    expected: Expected | None = None,
) -> PartnerListing:
    m2m = {
        name: items
        for name, items in (
            ("topics", topics),
            ("target_groups", target_groups),
            ("languages", languages),
            ("cities", cities),
        )
        if items is not None
    }
    model_update(instance=listing, data=data, m2m=m2m, expected=expected)
    return listing


@transaction.atomic
def listing_delete(*, listing: PartnerListing) -> None:
    listing.delete()


# --- Who hears of a request ------------------------------------------------------------------
def fixed_contact(organisation: Organisation) -> Person | None:
    """The organisation's current fixed contact person with an e-mail address (the first by
    name), or None."""
    role = (
        Role.objects.current()
        .filter(organisation=organisation, is_contact=True, person__erased_at__isnull=True)
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
        .first()
    )
    return role.person if role else None


def organisation_editors(organisation: Organisation):
    """Users holding a current coordinator or editor role in the organisation itself."""
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.current()
        .filter(organisation=organisation, role__gte=RoleLevel.EDITOR)
        .values("user"),
    )


def request_recipients(organisation: Organisation) -> tuple[Person | None, list[str]]:
    """(the fixed contact person, the addresses the request is mailed to)."""
    person = fixed_contact(organisation)
    if person is not None:
        return person, [person.email]
    return None, sorted({u.email for u in organisation_editors(organisation) if u.email})


def _mail(recipients, *, subject, template: str, context: dict) -> None:
    """One mail in the site's language, after the transaction commits."""
    recipients = sorted(set(recipients))
    if not recipients:
        return

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(template, context)
            send_mail(subject(), body, None, recipients)

    transaction.on_commit(send)


def _url(obj) -> str:
    return settings.SITE_URL.rstrip("/") + obj.get_absolute_url()


# --- Contact requests -----------------------------------------------------------------------
@transaction.atomic
def contact_request_send(
    *, from_organisation: Organisation, listing: PartnerListing, message: str, user
) -> ContactRequest:
    """Ask the listing's organisation for a partnership. Refused: asking oneself, a listing no
    longer current, a second open request about the same listing, and more than
    DAILY_REQUEST_LIMIT requests of one organisation in a day."""
    if listing.organisation_id == from_organisation.pk:
        raise ValidationError(_("An organisation cannot ask itself."), code="self")
    if not listing.is_current:
        raise ValidationError(_("This listing is no longer active."), code="inactive")
    open_requests = ContactRequest.objects.filter(
        from_organisation=from_organisation, listing=listing, state=RequestState.SENT
    )
    if open_requests.exists():
        raise ValidationError(
            _("Your organisation has already asked about this listing; the answer is pending."),
            code="duplicate",
        )
    since = timezone.now() - dt.timedelta(days=1)
    if (
        ContactRequest.objects.filter(
            from_organisation=from_organisation, sent_at__gte=since
        ).count()
        >= DAILY_REQUEST_LIMIT
    ):
        raise ValidationError(
            _("Your organisation has sent many requests today. Please try again tomorrow."),
            code="rate_limit",
        )
    person, addresses = request_recipients(listing.organisation)
    request = ContactRequest(
        from_organisation=from_organisation,
        to_organisation=listing.organisation,
        listing=listing,
        message=message.strip(),
        sender=user,
        recipient=person,
    )
    request.full_clean()
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as exc:  # the same request sent twice at once
        raise ValidationError(
            _("Your organisation has already asked about this listing; the answer is pending."),
            code="duplicate",
        ) from exc
    _mail(
        addresses,
        subject=lambda: (
            _("%(organisation)s would like to become your partner")
            % {"organisation": from_organisation.name}
        ),
        template="partners/email/request_sent.txt",
        context={"request": request, "url": _url(request)},
    )
    return request


def _answerable(request: ContactRequest) -> None:
    if request.state != RequestState.SENT:
        raise ValidationError(_("This request has already been answered."), code="answered")


@transaction.atomic
def contact_request_decline(*, request: ContactRequest, user, note: str = "") -> ContactRequest:
    request = ContactRequest.objects.select_for_update().get(pk=request.pk)
    _answerable(request)
    request.state = RequestState.DECLINED
    request.answered_at = timezone.now()
    request.answered_by = user
    request.answer_note = note.strip()
    request.save()
    _mail_sender(request)
    return request


@transaction.atomic
def contact_request_withdraw(*, request: ContactRequest, user) -> ContactRequest:
    request = ContactRequest.objects.select_for_update().get(pk=request.pk)
    _answerable(request)
    request.state = RequestState.WITHDRAWN
    request.answered_at = timezone.now()
    request.answered_by = user
    request.save()
    return request


@transaction.atomic
def contact_request_accept(*, request: ContactRequest, user, note: str = "") -> ContactRequest:
    """Accept the request and make it a model partnership: a project of kind "model
    partnership" with both organisations as participants, each with its fixed contact person,
    in the partnership of the two cities if there is one, else in a new partnership of the two
    organisations."""
    request = ContactRequest.objects.select_for_update().get(pk=request.pk)
    _answerable(request)
    request.project = model_partnership_create(request=request, user=user)
    request.state = RequestState.ACCEPTED
    request.answered_at = timezone.now()
    request.answered_by = user
    request.answer_note = note.strip()
    request.save()
    _mail_sender(request)
    return request


def _mail_sender(request: ContactRequest) -> None:
    if request.sender is None or not request.sender.email:
        return
    _mail(
        [request.sender.email],
        subject=lambda: (
            _("Your contact request to %(organisation)s was answered")
            % {"organisation": request.to_organisation.name}
        ),
        template="partners/email/request_answered.txt",
        context={"request": request, "url": _url(request)},
    )


# --- Model partnerships ---------------------------------------------------------------------
def partnership_between_cities(first: Organisation, second: Organisation) -> Partnership | None:
    """A partnership (not ended) whose parties include the cities of both organisations; the
    closest kind first (town twinning before memorandum, cooperation, exchange, network)."""
    cities = [organisation_city(first), organisation_city(second)]
    if None in cities or cities[0] == cities[1]:
        return None
    found = list(
        Partnership.objects.filter(parties__territory=cities[0])
        .filter(parties__territory=cities[1])
        .exclude(status=PartnershipStatus.ENDED)
        .distinct()
    )
    found.sort(key=lambda p: (KIND_PRECEDENCE.index(p.kind), p.pk))
    return found[0] if found else None


def _partnership_for(request: ContactRequest) -> Partnership:
    first, second = request.from_organisation, request.to_organisation
    partnership = partnership_between_cities(first, second)
    if partnership is not None:
        return partnership
    existing = (
        Partnership.objects.filter(parties__organisation=first)
        .filter(parties__organisation=second)
        .exclude(status=PartnershipStatus.ENDED)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    name = f"{first.name} – {second.name}"
    return partnership_create(
        data={
            "name_de": name,
            "name_en": name,
            "kind": PartnershipKind.COOPERATION,
            "status": PartnershipStatus.ACTIVE,
            "since": timezone.localdate(),
            "is_public": first.is_public and second.is_public,
        },
        parties=[first, second],
    )


def _sender_person(request: ContactRequest) -> Person | None:
    """The sender's own person, if they hold a current role in the sending organisation;
    else the sending organisation's fixed contact person."""
    person = Person.objects.filter(user=request.sender_id).first() if request.sender_id else None
    if (
        person is not None
        and Role.objects.current()
        .filter(person=person, organisation=request.from_organisation)
        .exists()
    ):
        return person
    return fixed_contact(request.from_organisation)


def model_partnership_create(*, request: ContactRequest, user=None) -> Project:
    listing = request.listing
    partnership = _partnership_for(request)
    first, second = request.from_organisation, request.to_organisation
    title_de = (
        f"Modellpartnerschaft {first.name} – {second.name}: {listing.title_de or listing.title}"
    )
    title_en = (
        f"Model partnership {first.name} – {second.name}: {listing.title_en or listing.title}"
    )
    project = project_save(
        project=Project(partnership=partnership, kind=ProjectKind.MODEL_PARTNERSHIP),
        data={
            "title_de": title_de[:300],
            "title_en": title_en[:300],
            "slug": unique_slug(Project, f"modellpartnerschaft {first.name} {second.name}"),
            "status": ProjectStatus.PLANNED,
            "start": timezone.localdate(),
            "description_de": listing.description_de or "",
            "description_en": listing.description_en or "",
            "source": _("Partner finding: accepted contact request"),
            "is_public": first.is_public and second.is_public and partnership.is_public,
        },
        topics=list(listing.topics.all()),
    )
    contacts = {
        first.pk: _sender_person(request),
        second.pk: request.recipient or fixed_contact(second),
    }
    for organisation, role in ((first, _("asking side")), (second, _("answering side"))):
        project_participant_save(
            participant=ProjectParticipant(project=project, organisation=organisation),
            data={"role": role, "contact": contacts[organisation.pk]},
        )
    return project


# --- Consent --------------------------------------------------------------------------------
@transaction.atomic
def consent_give(*, participant: ProjectParticipant, user) -> RecognitionConsent:
    if participant.contact_id is None:
        raise ValidationError(_("This participant names no person."), code="no_person")
    consent, _created = RecognitionConsent.objects.get_or_create(
        person=participant.contact, project=participant.project, defaults={"recorded_by": user}
    )
    return consent


@transaction.atomic
def consent_withdraw(*, participant: ProjectParticipant) -> int:
    deleted, _by_model = RecognitionConsent.objects.filter(
        Q(person=participant.contact_id), Q(project=participant.project_id)
    ).delete()
    return deleted
