"""Who may do what with learning offers. Deny by default.

An editor of the provider edits its offers; coordinators of the provider's city (or a
territory above it) too, through the organisation scope of accounts.scopes. Anyone sees a listed
offer (public, from a public provider, current); the provider's members see the others too.
"""

import rules

from accounts.predicates import (
    EDITOR,
    VIEWER,
    holds_role_anywhere,
    is_superuser,
    org_role_at_least,
)
from accounts.scopes import register_scopes

from .models import Offer

# An offer belongs to its provider; the district it is held in gives nobody a role on it.
register_scopes(Offer, lambda offer: [offer.provider])


@rules.predicate
def is_listed_offer(user, offer) -> bool:
    """What the public portal shows (Offer.objects.listed()), asked of one offer."""
    return offer is not None and offer.is_public and offer.provider.is_public and not offer.is_stale


provider_member = org_role_at_least(VIEWER, lambda offer: offer.provider)
provider_editor = org_role_at_least(EDITOR, lambda offer: offer.provider)

rules.add_perm("offers.view_offer", is_listed_offer | provider_member | is_superuser)
rules.add_perm("offers.add_offer", holds_role_anywhere(EDITOR))
rules.add_perm("offers.change_offer", provider_editor)
rules.add_perm("offers.delete_offer", provider_editor)
rules.add_perm("offers.import_offer", holds_role_anywhere(EDITOR))
# Offering for an organisation: the same check, asked with the organisation.
rules.add_perm("offers.offer_for_organisation", org_role_at_least(EDITOR, lambda org: org))
