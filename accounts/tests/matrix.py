"""Matrix specs of accounts (see bildungsnetz/testing/permissions.py): memberships of a city
and of an organisation, someone else's API token."""

from __future__ import annotations

import itertools

from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    HIDDEN,
    SUPERUSER,
    Action,
    Spec,
    reload,
)

_seq = itertools.count(1)


# --- accounts.membership ----------------------------------------------------------------------
def make_membership(world, tenant, scope="territory"):
    from accounts.models import Membership, RoleLevel
    from accounts.tests.factories import UserFactory

    target = tenant.city if scope == "territory" else tenant.org
    return Membership.objects.create(user=UserFactory(), role=RoleLevel.VIEWER, **{scope: target})


def _scope_url(membership):
    if membership.organisation_id:
        return reverse("accounts:memberships", args=["organisation", membership.organisation.slug])
    return reverse("accounts:memberships", args=["gebiet", membership.territory.key])


def _invite(call, membership):
    from accounts.models import Membership

    email = f"eingeladen{next(_seq)}@example.org"
    call.post(_scope_url(membership), {"email": email, "role": "10"})
    return Membership.objects.filter(user__email=email).exists()


def _membership_actions():
    return [
        Action("view", COORDINATORS, perm="accounts.view_membership", admin="view",
               page=lambda call, obj: call.get(_scope_url(obj))),
        Action(
            "change role", COORDINATORS, perm="accounts.change_membership", admin="change",
            page=lambda call, obj: call.post(
                reverse("accounts:membership_change", args=[obj.pk]), {f"m{obj.pk}-role": "20"}
            ),
            effect=lambda obj: reload(obj).role == 20,
        ),
        Action(
            "remove", COORDINATORS, perm="accounts.delete_membership", admin="delete",
            page=lambda call, obj: call.post(reverse("accounts:membership_remove", args=[obj.pk])),
            effect=lambda obj: reload(obj) is None,
        ),
        Action("invite", COORDINATORS, perm="accounts.add_membership", probe=_invite),
    ]  # fmt: skip


CITY_MEMBERSHIP = Spec(
    "accounts.membership (city)", make=make_membership, actions=_membership_actions()
)
ORG_MEMBERSHIP = Spec(
    "accounts.membership (organisation)",
    make=lambda world, tenant: make_membership(world, tenant, scope="organisation"),
    actions=_membership_actions(),
)


# --- accounts.apitoken ------------------------------------------------------------------------
def make_token(world, tenant):
    from accounts.services import token_create
    from accounts.tests.factories import UserFactory

    return token_create(user=UserFactory(), name="fremd")[0]


TOKEN = Spec(
    "accounts.apitoken (someone else's)",
    make=make_token,
    tenanted=False,
    actions=[
        Action("view", SUPERUSER, perm="accounts.view_apitoken"),
        Action(
            # Someone else's token is not found, as if it did not exist.
            "revoke", SUPERUSER, perm="accounts.delete_apitoken", not_found=HIDDEN,
            page=lambda call, obj: call.post(reverse("accounts:token_revoke", args=[obj.pk])),
            effect=lambda obj: reload(obj).revoked is not None,
        ),
        # Tokens are never edited, only revoked (the superuser's blanket rights aside).
        Action("change", SUPERUSER, perm="accounts.change_apitoken"),
    ],
)  # fmt: skip

SPECS = [CITY_MEMBERSHIP, ORG_MEMBERSHIP, TOKEN]
