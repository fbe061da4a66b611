"""Who may do what with learning offers. Deny by default.

An editor of the provider edits its offers; coordinators of the provider's city (or a
territory above it) too, through the organisation scope of accounts.scopes.
"""

import rules

from accounts.predicates import EDITOR, holds_role_anywhere, is_superuser, org_role_at_least


@rules.predicate
def is_listed_offer(user, offer) -> bool:
    return offer is not None and offer.is_public and offer.provider.is_public


provider_editor = org_role_at_least(EDITOR, lambda offer: offer.provider)

rules.add_perm("offers.view_offer", is_listed_offer | provider_editor | is_superuser)
rules.add_perm("offers.add_offer", holds_role_anywhere(EDITOR))
rules.add_perm("offers.change_offer", provider_editor)
rules.add_perm("offers.delete_offer", provider_editor)
rules.add_perm("offers.import_offer", holds_role_anywhere(EDITOR))
# Offering for an organisation: the same check, asked with the organisation.
rules.add_perm("offers.offer_for_organisation", org_role_at_least(EDITOR, lambda org: org))
