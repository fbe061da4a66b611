"""Who may do what in the knowledge base. Deny by default.

An entry belongs to its city and its organisations. Anyone reads published public entries;
members (viewers and up) of the city or an organisation read every entry of theirs, drafts
too, and the owner reads their own. Editors of some organisation or territory create entries;
the owner edits and submits a draft; a different person with reviewer rights (an editor or
more of the entry's city or organisations) approves or returns it (the four-eyes rule: never
the author); coordinators and admins of the entry's city or organisations edit any entry.
"""

import rules

from accounts.predicates import (
    COORDINATOR,
    EDITOR,
    VIEWER,
    holds_role_anywhere,
    is_superuser,
    org_role_at_least,
    territory_role_at_least,
)
from accounts.scopes import register_scopes

from .models import Attachment, Entry, EntryStatus, EvidenceLink, ReviewComment


def _of_entry(level):
    return territory_role_at_least(level, lambda entry: entry.territory) | org_role_at_least(
        level, lambda entry: list(entry.organisations.all())
    )


_sees = _of_entry(VIEWER)
_reviews = _of_entry(EDITOR)
_coordinates = _of_entry(COORDINATOR)


@rules.predicate
def is_public_entry(user, entry) -> bool:
    return entry is not None and entry.status == EntryStatus.PUBLISHED and entry.is_public


@rules.predicate
def owns_entry(user, entry) -> bool:
    return entry is not None and user.is_authenticated and entry.owner_id == user.pk


@rules.predicate
def is_draft(user, entry) -> bool:
    return entry is not None and entry.status == EntryStatus.DRAFT


@rules.predicate
def in_review(user, entry) -> bool:
    return entry is not None and entry.status == EntryStatus.REVIEW


@rules.predicate
def sees_entry(user, entry) -> bool:
    return entry is not None and _sees.test(user, entry)


@rules.predicate
def has_reviewer_rights(user, entry) -> bool:
    return entry is not None and _reviews.test(user, entry)


@rules.predicate
def coordinates_entry(user, entry) -> bool:
    return entry is not None and _coordinates.test(user, entry)


view_entry = is_public_entry | owns_entry | sees_entry | is_superuser
change_entry = (owns_entry & is_draft) | coordinates_entry | is_superuser
# Four eyes: whoever approves is never the author, whatever their role.
review_entry = in_review & ~owns_entry & (has_reviewer_rights | is_superuser)

rules.add_perm("knowledge.view_entry", view_entry)
# Adding asks for a role somewhere; the form offers only the cities and organisations the user
# is an editor of, and the service checks the new entry's scope.
rules.add_perm("knowledge.add_entry", holds_role_anywhere(EDITOR))
rules.add_perm("knowledge.change_entry", change_entry)
rules.add_perm("knowledge.delete_entry", change_entry)
rules.add_perm("knowledge.submit_entry", is_draft & (owns_entry | coordinates_entry | is_superuser))
rules.add_perm("knowledge.review_entry", review_entry)
# Comments per section: the author and whoever may review, while the entry is a draft or in
# review (a published entry is discussed by revising it).
rules.add_perm(
    "knowledge.comment_entry",
    (is_draft | in_review) & (owns_entry | has_reviewer_rights | is_superuser),
)
# Confirming that a published entry is still current moves its review date on.
rules.add_perm(
    "knowledge.confirm_entry",
    (owns_entry | has_reviewer_rights | is_superuser) & ~is_draft & ~in_review,
)


@rules.predicate
def may_view_entry_of(user, item) -> bool:
    return item is not None and view_entry.test(user, item.entry)


@rules.predicate
def may_change_entry_of(user, item) -> bool:
    return item is not None and change_entry.test(user, item.entry)


for _model in ("attachment", "evidencelink"):
    rules.add_perm(f"knowledge.view_{_model}", may_view_entry_of)
    rules.add_perm(f"knowledge.add_{_model}", may_change_entry_of)
    rules.add_perm(f"knowledge.change_{_model}", may_change_entry_of)
    rules.add_perm(f"knowledge.delete_{_model}", may_change_entry_of)
rules.add_perm(
    "knowledge.view_reviewcomment",
    lambda user, comment: comment is not None
    and (owns_entry.test(user, comment.entry) or has_reviewer_rights.test(user, comment.entry)
         or is_superuser.test(user)),
)  # fmt: skip
for _action in ("add", "change", "delete"):
    rules.add_perm(f"knowledge.{_action}_reviewcomment", is_superuser)
    rules.add_perm(f"knowledge.{_action}_entrystatechange", is_superuser)
rules.add_perm("knowledge.view_entrystatechange", is_superuser)


# --- Scopes for generic views (history, revert) ---------------------------------------------
def _entry_scopes(entry) -> list:
    return [entry.territory, *entry.organisations.all()]


register_scopes(Entry, _entry_scopes)
for _item in (Attachment, EvidenceLink, ReviewComment):
    register_scopes(_item, lambda item: _entry_scopes(item.entry))
