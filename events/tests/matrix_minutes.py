"""Matrix specs of minutes (#15), collected in matrix.py (see bildungsnetz/testing/
permissions.py).

The tenant's organisation leads the working group and hosts its meeting in the tenant's city.
Drafts are seen by the members (the organisation's viewer and editor, the city's coordinators
and admins), written by its editors and the city's coordinators, and approved by the city's
coordinators (and the group's chair, tested in test_minutes.py), never by the editor who wrote
them. Approved minutes of a public meeting are public. The personal review link is the access
of an invitee without an account.
"""

from __future__ import annotations

import itertools

from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EDITORS,
    EVERYONE,
    HIDDEN,
    ORG_MEMBERS,
    Action,
    Spec,
    reload,
)

_seq = itertools.count(1)


def make_minutes(world, tenant, *, step: str = "draft", public: bool = True):
    from events.services_minutes import (  # test kit: loaded when the table runs
        action_item_save,
        decision_save,
        minutes_approve,
        minutes_open_review,
        minutes_start,
    )

    from .matrix import make_event, make_group

    n = next(_seq)
    group = make_group(world, tenant, is_public=public)
    event = make_event(world, tenant, working_group=group, is_public=public)
    minutes = minutes_start(event=event, actor=None)
    decision_save(minutes=minutes, data={"text": f"Matrixbeschluss {n}"}, actor=None)
    action_item_save(minutes=minutes, data={"text": f"Matrixpunkt {n}"}, actor=None)
    if step in ("review", "approved"):
        minutes = minutes_open_review(minutes=minutes, actor=None)
    if step == "approved":
        minutes = minutes_approve(minutes=minutes, actor=None)
    return minutes


def _url(name, minutes, **kwargs):
    return reverse(f"events:{name}", kwargs={"slug": minutes.event.slug, **kwargs})


def _view(call, minutes):
    return call.get(minutes.get_absolute_url())


def _edit(call, minutes):
    return call.get(_url("minutes_edit", minutes))


def _to_action(call, minutes):
    return call.post(_url("decision_to_action", minutes, number=1))


def _has_two_actions(minutes) -> bool:
    return minutes.action_items.count() == 2


def _approve(call, minutes):
    return call.post(_url("minutes_approve", minutes))


def _is_approved(minutes) -> bool:
    return reload(minutes).status == "approved"


def _amend_page(call, minutes):
    return call.get(_url("amendment_create", minutes))


def _item_done(call, minutes):
    return call.post(_url("action_status", minutes, number=1), {"status": "done"})


def _first_item_done(minutes) -> bool:
    return minutes.action_items.get(number=1).status == "done"


def _approved_version(call, minutes):
    return call.get(_url("minutes_version", minutes, number=minutes.approved_version))


def _decision_listed(call, minutes):
    response = call.get(reverse("groups:decision_list"))
    return f"{minutes.decisions.get().text}<" in response.content.decode()


def _item_open_on_group_page(call, minutes):
    response = call.get(minutes.event.working_group.get_absolute_url())
    if response.status_code == 404:
        return False
    return f"{minutes.action_items.get(number=1).text} <" in response.content.decode()


APPROVED_MINUTES = Spec(
    "events.minutes (approved, of a public meeting)",
    make=lambda world, tenant: make_minutes(world, tenant, step="approved"),
    actions=[
        Action("view", EVERYONE, perm="events.view_minutes", page=_view),
        Action("read the approved version", EVERYONE, page=_approved_version),
        Action("decision compiled", EVERYONE, probe=_decision_listed),
        Action("open item on the group's page", EVERYONE, probe=_item_open_on_group_page),
        # Frozen: the edit page sends everyone back with the message (tested in test_minutes).
        Action(
            "follow up an action item", EDITORS,
            page=_item_done, effect=_first_item_done,
        ),
    ],
)  # fmt: skip


def _follow_up_rule(call, minutes):
    return call.user.has_perm("events.follow_up_actionitem", minutes.action_items.get(number=1))


DRAFT_MINUTES = Spec(
    "events.minutes (draft)",
    make=make_minutes,
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="events.view_minutes", page=_view, not_found=HIDDEN
        ),
        Action(
            "change", EDITORS, perm="events.change_minutes", page=_edit, not_found="view"
        ),
        Action(
            "decision becomes an action item", EDITORS, page=_to_action,
            effect=_has_two_actions, not_found="view",
        ),
        Action("follow up an action item", EDITORS, probe=_follow_up_rule),
        Action("decision compiled", ORG_MEMBERS, probe=_decision_listed),
        Action("open item on the group's page", ORG_MEMBERS, probe=_item_open_on_group_page),
        Action(
            "approve (a draft is never approved)", frozenset(), page=_approve,
            effect=_is_approved, not_found="view",
            twin=lambda call, minutes: call.post(
                _url("minutes_approve", make_minutes(call.world, call.tenant, step="review"))
            ),
        ),
    ],
)  # fmt: skip

REVIEW_MINUTES = Spec(
    "events.minutes (in review)",
    make=lambda world, tenant: make_minutes(world, tenant, step="review"),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="events.view_minutes", page=_view, not_found=HIDDEN
        ),
        Action(
            "approve", COORDINATORS, perm="events.approve_minutes", page=_approve,
            effect=_is_approved, not_found="view",
        ),
        Action(
            "propose an amendment", ORG_MEMBERS, perm="events.amend_minutes",
            page=_amend_page, not_found="view",
        ),
    ],
)  # fmt: skip

HIDDEN_APPROVED_MINUTES = Spec(
    "events.minutes (approved, of a meeting that is not public)",
    make=lambda world, tenant: make_minutes(world, tenant, step="approved", public=False),
    actions=[
        Action(
            "view", ORG_MEMBERS, perm="events.view_minutes", page=_view, not_found=HIDDEN
        ),
        Action("decision compiled", ORG_MEMBERS, probe=_decision_listed),
    ],
)  # fmt: skip


def make_invitation(world, tenant):
    from events.services_minutes import invitation_send  # test kit

    minutes = make_minutes(world, tenant, step="review", public=False)
    return invitation_send(minutes=minutes, name="Gast", email="gast@partner.example", actor=None)


def _review_link(call, invitation):
    from events.services_minutes import invitation_token  # test kit

    return call.get(reverse("events:minutes_review_link", args=[invitation_token(invitation)]))


REVIEW_LINK = Spec(
    "events.minutes (personal review link: the token is the access, no account needed)",
    make=make_invitation,
    tenanted=False,
    actions=[Action("read and amend by link", EVERYONE, page=_review_link)],
)

MINUTES_SPECS = [
    APPROVED_MINUTES, DRAFT_MINUTES, REVIEW_MINUTES, HIDDEN_APPROVED_MINUTES, REVIEW_LINK,
]  # fmt: skip
