"""Matrix specs of partner finding (see bildungsnetz/testing/permissions.py): listings (current
and inactive), the suggestions and inbox of an organisation, sending a contact request on its
behalf, answering a request received and withdrawing one sent, recording consent to be named,
and the public recognition pages.

The other side of a request is an organisation in a city of its own, so that no role of the
world covers it: who may act is decided by the tenant's organisation alone.
"""

from __future__ import annotations

import itertools
import json

from django.urls import reverse

from actors.tests.factories import OrganisationFactory, PersonFactory
from bildungsnetz.testing.permissions import (
    EDITORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    Action,
    Spec,
    UnexpectedResponse,
    reload,
)
from cooperation.models import ProjectKind
from cooperation.tests.factories import ParticipantFactory, PartnershipFactory, ProjectFactory
from partners.models import ContactRequest, RecognitionConsent, RequestState
from places.tests.factories import TerritoryFactory

from .factories import ContactRequestFactory, PartnerListingFactory

_seq = itertools.count(1)
NEW_TITLE = "Neu"


def _url(name, *args):
    return reverse(f"partners:{name}", args=args)


def _content(response) -> str:
    if response.status_code >= 500:
        raise UnexpectedResponse(f"status {response.status_code}")
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _elsewhere():
    """An organisation in a city no role of the world covers."""
    city = TerritoryFactory(name_de=f"Anderstadt {next(_seq)}")
    return OrganisationFactory(seat=city)


# --- making objects -------------------------------------------------------------------------
def make_listing(world, tenant, **fields):
    return PartnerListingFactory(
        organisation=tenant.org, title_de=f"Matrixanzeige {next(_seq)}", **fields
    )


def make_received(world, tenant):
    return ContactRequestFactory(
        listing=make_listing(world, tenant), from_organisation=_elsewhere()
    )


def make_sent(world, tenant):
    return ContactRequestFactory(
        listing=PartnerListingFactory(organisation=_elsewhere()), from_organisation=tenant.org
    )


def make_participant(world, tenant):
    partnership = PartnershipFactory(parties=[tenant.city, TerritoryFactory()], is_public=True)
    project = ProjectFactory(
        partnership=partnership, kind=ProjectKind.MODEL_PARTNERSHIP, is_public=True,
        slug=f"matrix-modell-{next(_seq)}",
    )  # fmt: skip
    return ParticipantFactory(project=project, organisation=tenant.org, contact=PersonFactory())


# --- seeing and writing ---------------------------------------------------------------------
def _in_export(call, listing):
    response = call.get(_url("listing_list"), {"format": "json"})
    if not response["Content-Type"].startswith("application/json"):
        return False
    return any(row["id"] == listing.pk for row in json.loads(_content(response)))


def _in_api_list(call, listing):
    response = call.api_get(reverse("api-v1:list_partner_listings"))
    return any(row["id"] == listing.pk for row in response.json()["items"])


def _listing_seen(allowed) -> list[Action]:
    return [
        Action(
            "view", allowed, perm="partners.view_partnerlisting", admin="view", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
            api=lambda call, obj: call.api_get(
                reverse("api-v1:get_partner_listing", args=[obj.pk])
            ),
        ),
        Action("find in the list", allowed, probe=_in_export, api=_in_api_list),
    ]  # fmt: skip


def _edit(call, listing):
    return call.post(
        _url("listing_edit", listing.pk),
        {"direction": listing.direction, "format": listing.format, "title_de": NEW_TITLE},
    )


def _retitled(listing):
    return reload(listing).title_de == NEW_TITLE


def _add(call, organisation):
    title = f"Neue Anzeige {next(_seq)}"
    call.post(
        _url("listing_create", organisation.slug),
        {"direction": "offer", "format": "exchange", "title_de": title},
    )
    return organisation.partner_listings.filter(title_de=title).exists()


def _send(call, organisation):
    listing = PartnerListingFactory(organisation=_elsewhere())
    call.post(
        _url("request_create", listing.pk),
        {"from_organisation": organisation.pk, "message": "Matrix"},
    )
    return ContactRequest.objects.filter(from_organisation=organisation, listing=listing).exists()


def _state_is(state):
    return lambda request: reload(request).state == state


def _consent(call, participant):
    return call.post(_url("consent", participant.project.slug, participant.pk), {"consent": "yes"})


def _consented(participant):
    return RecognitionConsent.objects.filter(
        person=participant.contact, project=participant.project
    ).exists()


# --- the specs ------------------------------------------------------------------------------
LISTING = Spec(
    "partners.partnerlisting",
    make=make_listing,
    actions=[
        *_listing_seen(EVERYONE),
        Action(
            "change", EDITORS, perm="partners.change_partnerlisting", admin="change",
            page=_edit, effect=_retitled,
        ),
        Action(
            "delete", EDITORS, perm="partners.delete_partnerlisting", admin="delete",
            page=lambda call, obj: call.post(_url("listing_delete", obj.pk)),
            effect=lambda obj: reload(obj) is None,
        ),
    ],
)  # fmt: skip

INACTIVE_LISTING = Spec(
    "partners.partnerlisting (inactive)",
    make=lambda world, tenant: make_listing(world, tenant, active=False),
    actions=[
        *_listing_seen(ORG_MEMBERS),
        Action(
            "change", EDITORS, perm="partners.change_partnerlisting", page=_edit,
            effect=_retitled, not_found="view",
        ),
    ],
)  # fmt: skip

ORGANISATION = Spec(
    "partners (the tenant's organisation)",
    make=lambda world, tenant: tenant.org,
    actions=[
        Action("add a listing", EDITORS, perm="partners.add_partnerlisting", probe=_add),
        Action(
            "view suggestions", ORG_MEMBERS, perm="partners.view_suggestions",
            page=lambda call, obj: call.get(_url("suggestions", obj.slug)),
            api=lambda call, obj: call.api_get(
                reverse("api-v1:list_partner_suggestions", args=[obj.slug])
            ),
        ),
        Action(
            "view the inbox", EDITORS, perm="partners.view_inbox",
            page=lambda call, obj: call.get(_url("inbox", obj.slug)),
        ),
        Action(
            "send a contact request", EDITORS, perm="partners.send_contactrequest",
            probe=_send,
        ),
    ],
)  # fmt: skip

RECEIVED = Spec(
    "partners.contactrequest (received)",
    make=make_received,
    actions=[
        Action(
            "view", EDITORS, perm="partners.view_contactrequest", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
        ),
        Action(
            "decline", EDITORS, perm="partners.answer_contactrequest", not_found="view",
            page=lambda call, obj: call.post(
                _url("request_answer", obj.pk), {"decline": "1", "note": "Leider nicht"}
            ),
            effect=_state_is(RequestState.DECLINED),
        ),
    ],
)  # fmt: skip

SENT = Spec(
    "partners.contactrequest (sent)",
    make=make_sent,
    actions=[
        Action(
            "view", EDITORS, perm="partners.view_contactrequest", not_found=HIDDEN,
            page=lambda call, obj: call.get(obj.get_absolute_url()),
        ),
        Action(
            "withdraw", EDITORS, perm="partners.withdraw_contactrequest", not_found="view",
            page=lambda call, obj: call.post(_url("request_withdraw", obj.pk)),
            effect=_state_is(RequestState.WITHDRAWN),
        ),
    ],
)  # fmt: skip

PARTICIPANT = Spec(
    "partners consent (a participant of a model partnership)",
    make=make_participant,
    actions=[
        Action(
            "view the recognition page", EVERYONE,
            page=lambda call, obj: call.get(_url("project_recognition", obj.project.slug)),
        ),
        Action(
            "record consent", EDITORS, perm="partners.record_consent", page=_consent,
            effect=_consented,
        ),
    ],
)  # fmt: skip

OVERVIEW = Spec(
    "partners overview (public pages)",
    make=lambda world, tenant: tenant.city,
    actions=[
        Action(
            "view", EVERYONE,
            page=lambda call, obj: call.get(_url("overview"), {"city": obj.code}),
            probe=lambda call, obj: call.get(_url("recognition")),
        ),
    ],
    tenanted=False,
)  # fmt: skip

SPECS = [
    LISTING, INACTIVE_LISTING, ORGANISATION, RECEIVED, SENT, PARTICIPANT, OVERVIEW,
]  # fmt: skip
