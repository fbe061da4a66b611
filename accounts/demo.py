"""Demo logins, one per kind of role, so every part can be tried after `make run`."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from actors.models import Organisation
from places.models import Territory

from .models import Membership, RoleLevel, User

DEMO_PASSWORD = "bildungsnetz-demo"  # noqa: S105 - printed for local demos only
DEMO_USERS = [
    # (e-mail, display name, scope kind, scope key, role, superuser)
    ("admin@demo.bildungsnetz.example", "Plattform-Admin", None, None, None, True),
    ("erfurt@demo.bildungsnetz.example", "Koordination Erfurt",
     "territory", "ags:16051000", RoleLevel.COORDINATOR, False),
    ("wien@demo.bildungsnetz.example", "Koordination Wien",
     "territory", "gkz:90001", RoleLevel.COORDINATOR, False),
    ("vhs@demo.bildungsnetz.example", "Redaktion VHS Erfurt",
     "organisation", "vhs-erfurt", RoleLevel.EDITOR, False),
    ("gast@demo.bildungsnetz.example", "Lesezugang Berlin",
     "territory", "ags:11000000", RoleLevel.VIEWER, False),
]  # fmt: skip


def load(stdout=None) -> None:
    for email, name, kind, key, role, superuser in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, display_name=name, is_superuser=superuser, is_staff=superuser
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if kind == "territory":
            Membership.objects.get_or_create(
                user=user, territory=Territory.objects.get_by_key(key), defaults={"role": role}
            )
        elif kind == "organisation":
            Membership.objects.get_or_create(
                user=user, organisation=Organisation.objects.get(slug=key), defaults={"role": role}
            )
