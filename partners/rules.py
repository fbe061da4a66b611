"""Who may do what in partner finding. Deny by default.

- Anyone sees the current listings of public organisations; members of an organisation (any
  role) see all its listings; its editors add, change and delete them.
- Members of an organisation see the suggestions for it; only its editors (and above) send a
  contact request on its behalf.
- A contact request is seen by the editors of both organisations and by the fixed contact
  person it was addressed to (through their user account); the receiving side's editors and
  that person answer it; the sending side's editors withdraw it while it is open.
- Consent to be named on a recognition page is given by the person (their account) or
  recorded by an editor of the organisation the person takes part for.
"""

import rules

from accounts.predicates import EDITOR, VIEWER, is_superuser, org_role_at_least
from accounts.scopes import register_scopes

from .models import ContactRequest, PartnerListing, RecognitionConsent, RequestState


@rules.predicate
def is_public_listing(user, listing) -> bool:
    return listing is not None and listing.is_current and listing.organisation.is_public


listing_member = org_role_at_least(VIEWER, lambda listing: listing.organisation)
listing_editor = org_role_at_least(EDITOR, lambda listing: listing.organisation)

rules.add_perm("partners.view_partnerlisting", is_public_listing | listing_member | is_superuser)
rules.add_perm("partners.change_partnerlisting", listing_editor | is_superuser)
rules.add_perm("partners.delete_partnerlisting", listing_editor | is_superuser)

# Asked with the organisation: its listings, suggestions and requests.
org_member = org_role_at_least(VIEWER, lambda organisation: organisation)
org_editor = org_role_at_least(EDITOR, lambda organisation: organisation)
rules.add_perm("partners.add_partnerlisting", org_editor | is_superuser)
rules.add_perm("partners.view_suggestions", org_member | is_superuser)
rules.add_perm("partners.send_contactrequest", org_editor | is_superuser)
rules.add_perm("partners.view_inbox", org_editor | is_superuser)


@rules.predicate
def is_addressed_person(user, request) -> bool:
    return (
        request is not None
        and user.is_authenticated
        and request.recipient_id is not None
        and request.recipient.user_id == user.pk
    )


@rules.predicate
def is_open_request(user, request) -> bool:
    return request is not None and request.state == RequestState.SENT


sender_editor = org_role_at_least(EDITOR, lambda request: request.from_organisation)
receiver_editor = org_role_at_least(EDITOR, lambda request: request.to_organisation)

rules.add_perm(
    "partners.view_contactrequest",
    sender_editor | receiver_editor | is_addressed_person | is_superuser,
)
rules.add_perm(
    "partners.answer_contactrequest",
    is_open_request & (receiver_editor | is_addressed_person | is_superuser),
)
rules.add_perm("partners.withdraw_contactrequest", is_open_request & (sender_editor | is_superuser))
rules.add_perm("partners.change_contactrequest", is_superuser)
rules.add_perm("partners.delete_contactrequest", is_superuser)


@rules.predicate
def is_the_person(user, participant) -> bool:
    return (
        participant is not None
        and user.is_authenticated
        and participant.contact_id is not None
        and participant.contact.user_id == user.pk
    )


participant_editor = org_role_at_least(EDITOR, lambda participant: participant.organisation)
# Asked with a cooperation ProjectParticipant (the person is its fixed contact person).
rules.add_perm("partners.record_consent", is_the_person | participant_editor | is_superuser)
rules.add_perm("partners.view_recognitionconsent", is_superuser)
for _action in ("add", "change", "delete"):
    rules.add_perm(f"partners.{_action}_recognitionconsent", is_superuser)

register_scopes(PartnerListing, lambda listing: [listing.organisation])
register_scopes(
    ContactRequest, lambda request: [request.from_organisation, request.to_organisation]
)
register_scopes(RecognitionConsent, lambda consent: [])
