"""Who may do what with minutes (#15). Deny by default; loaded by events/rules.py.

- See: approved minutes of a public meeting are public; drafts, minutes in review and the
  minutes of a non-public meeting only for the meeting's and its working group's members
  (viewers of an organiser, of the lead or a member organisation, of the place) and the chair.
- Write (the minute-taker): editors of an organiser or of the group's lead, coordinators of the
  place, as for the meeting itself.
- Approve: the chair (the group's chair person's account, or a member in the chair role), or
  coordinators of an organiser, of the group's lead or of the place. An editor who wrote the
  minutes does not approve them alone.
- Propose amendments (with an account): the members who may see the draft, and those who
  attended (a confirmed registration). Without an account: the personal link, no rule.
- Follow up an action item (its status, its task): the minute-takers, the approvers and the
  item's owner.
"""

import rules

from accounts.predicates import (
    COORDINATOR,
    is_superuser,
    org_role_at_least,
    territory_role_at_least,
)
from accounts.scopes import register_scopes

from .models import (
    ActionItem,
    Amendment,
    Decision,
    GroupMembership,
    MemberRole,
    Minutes,
    Registration,
    RegistrationStatus,
)
from .rules import event_host, event_viewer, group_editor, group_viewer


def _group(minutes):
    return minutes.event.working_group if minutes.event.working_group_id else None


@rules.predicate
def approved_and_public(user, minutes) -> bool:
    return minutes is not None and minutes.is_approved and minutes.event.is_public


@rules.predicate
def chairs_the_group(user, minutes) -> bool:
    group = minutes is not None and _group(minutes)
    if not group or not user.is_authenticated:
        return False
    if group.chair_id and group.chair.user_id == user.pk:
        return True
    return GroupMembership.objects.filter(
        group=group, role=MemberRole.CHAIR, person__user=user
    ).exists()


@rules.predicate
def meeting_member(user, minutes) -> bool:
    if minutes is None:
        return False
    group = _group(minutes)
    return event_viewer.test(user, minutes.event) or (
        group is not None and group_viewer.test(user, group)
    )


@rules.predicate
def minute_taker(user, minutes) -> bool:
    if minutes is None:
        return False
    group = _group(minutes)
    return event_host.test(user, minutes.event) or (
        group is not None and group_editor.test(user, group)
    )


@rules.predicate
def writes_minutes_of_event(user, event) -> bool:
    if event is None:
        return False
    group = event.working_group if event.working_group_id else None
    return event_host.test(user, event) or (group is not None and group_editor.test(user, group))


def _coordinated_organisations(minutes):
    group = _group(minutes)
    return [*minutes.event.organisers.all(), *([group.lead_organisation] if group else [])]


def _coordinated_places(minutes):
    group = _group(minutes)
    return [minutes.event.territory, group.territory if group else None]


coordinates_meeting = org_role_at_least(
    COORDINATOR, _coordinated_organisations
) | territory_role_at_least(COORDINATOR, _coordinated_places)


@rules.predicate
def attended(user, minutes) -> bool:
    return (
        minutes is not None
        and user.is_authenticated
        and Registration.objects.filter(
            event_id=minutes.event_id, user=user, status=RegistrationStatus.CONFIRMED
        ).exists()
    )


@rules.predicate
def owns_item(user, item) -> bool:
    if item is None or not user.is_authenticated:
        return False
    if item.owner_user_id == user.pk:
        return True
    return item.owner_person_id is not None and item.owner_person.user_id == user.pk


view_minutes = approved_and_public | meeting_member | chairs_the_group | is_superuser
write_minutes = minute_taker | is_superuser
approve_minutes = chairs_the_group | coordinates_meeting | is_superuser


def _of_minutes(predicate):
    @rules.predicate
    def check(user, item) -> bool:
        return item is not None and predicate.test(user, item.minutes)

    return check


rules.add_perm("events.view_minutes", view_minutes)
rules.add_perm("events.add_minutes", writes_minutes_of_event | is_superuser)
rules.add_perm("events.change_minutes", write_minutes)
rules.add_perm("events.approve_minutes", approve_minutes)
rules.add_perm("events.amend_minutes", meeting_member | attended | chairs_the_group | is_superuser)
rules.add_perm("events.delete_minutes", is_superuser)
rules.add_perm("events.view_decision", _of_minutes(view_minutes))
rules.add_perm("events.view_actionitem", _of_minutes(view_minutes))
rules.add_perm(
    "events.follow_up_actionitem",
    _of_minutes(write_minutes) | _of_minutes(approve_minutes) | owns_item,
)
# Amendments are seen by those who decide on them (and their author, on the page).
rules.add_perm("events.view_amendment", _of_minutes(write_minutes | approve_minutes))


def _minutes_scopes(minutes):
    group = _group(minutes)
    scopes = [*minutes.event.organisers.all(), minutes.event.territory]
    if group is not None:
        scopes += [group.lead_organisation, group.territory]
    return scopes


register_scopes(Minutes, _minutes_scopes)
for _model in (Decision, ActionItem, Amendment):
    register_scopes(_model, lambda item: _minutes_scopes(item.minutes))
