"""Who may do what with events, series and working groups. Deny by default.

An event belongs to its co-hosting organisations: their editors (and anyone above them:
coordinators of an organisation's city) may edit it, cancel it and see its participants. The
coordinators of the territory it takes place in may do the same. A non-public event is seen
only by those and by viewers of a co-host. The participant list is never public.

A series belongs to its organisers, a working group to its lead organisation and its member
organisations (members see a non-public group; the lead's editors change it).
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

from .models import Event, GroupMembership, Series, WorkingGroup


def _hosts(org_level, territory_level):
    """`org_level` in an organiser (or above it), or `territory_level` in the place."""
    return org_role_at_least(org_level, lambda obj: obj.organisers.all()) | territory_role_at_least(
        territory_level, lambda obj: obj.territory
    )


@rules.predicate
def is_public(user, obj) -> bool:
    return obj is not None and obj.is_public


def _group_organisations(group):
    members = [m.organisation for m in group.memberships.all() if m.organisation_id]
    return [group.lead_organisation, *members]


event_host = _hosts(EDITOR, COORDINATOR)
# The same as events.selectors.events_visible_to (scope_q at VIEWER).
event_viewer = _hosts(VIEWER, VIEWER)
group_editor = org_role_at_least(
    EDITOR, lambda group: group.lead_organisation
) | territory_role_at_least(COORDINATOR, lambda group: group.territory)
group_viewer = org_role_at_least(VIEWER, _group_organisations) | territory_role_at_least(
    VIEWER, lambda group: group.territory
)
may_add = holds_role_anywhere(EDITOR)

rules.add_perm("events.view_event", is_public | event_viewer | is_superuser)
rules.add_perm("events.add_event", may_add)
rules.add_perm("events.change_event", event_host | is_superuser)
rules.add_perm("events.delete_event", is_superuser)
# Organisers' pages: participants, attendance, exports, documentation.
rules.add_perm("events.manage_event", event_host | is_superuser)

rules.add_perm("events.view_series", is_public | event_viewer | is_superuser)
rules.add_perm("events.add_series", may_add)
rules.add_perm("events.change_series", event_host | is_superuser)
rules.add_perm("events.delete_series", is_superuser)

rules.add_perm("events.view_workinggroup", is_public | group_viewer | is_superuser)
rules.add_perm("events.add_workinggroup", may_add)
rules.add_perm("events.change_workinggroup", group_editor | is_superuser)
rules.add_perm("events.delete_workinggroup", is_superuser)


def _event_scopes(obj):
    return [*obj.organisers.all(), obj.territory]


register_scopes(Event, _event_scopes)
register_scopes(Series, _event_scopes)
register_scopes(WorkingGroup, lambda group: [group.lead_organisation, group.territory])
register_scopes(GroupMembership, lambda m: [m.group.lead_organisation, m.organisation])


@rules.predicate
def may_view_event_of(user, attachment) -> bool:
    return attachment is not None and user.has_perm("events.view_event", attachment.event)


rules.add_perm("events.view_eventdocument", may_view_event_of)
rules.add_perm("events.view_eventphoto", may_view_event_of)

# Minutes, decisions and action items (#15): their rules use the predicates above.
from . import rules_minutes  # noqa: E402, F401
