"""Demo logins, one per kind of role, so every part can be tried after `make run`.

Coordinators and admins must use two factors: their demo accounts get a fixed TOTP secret and
recovery codes, and `demo_logins` prints the current code (see `totp_code`).
"""

from __future__ import annotations

import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from actors.models import Organisation
from places.models import Territory

from .models import Membership, RoleLevel, User

DEMO_PASSWORD = "bildungsnetz-demo"  # noqa: S105 - printed for local demos only
# Base32 TOTP secret shared by the demo accounts that need two factors (demo data only).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPBILDUNGSNETZDEMO"  # noqa: S105
DEMO_USERS = [
    # (e-mail, display name, scope kind, scope key, role, superuser)
    ("admin@demo.bildungsnetz.example", "Plattform-Admin", None, None, None, True),
    ("erfurt@demo.bildungsnetz.example", "Koordination Erfurt",
     "territory", "ags:16051000", RoleLevel.COORDINATOR, False),
    ("wien@demo.bildungsnetz.example", "Koordination Wien",
     "territory", "gkz:90001", RoleLevel.COORDINATOR, False),
    ("vhs@demo.bildungsnetz.example", "Redaktion VHS Erfurt",
     "organisation", "vhs-erfurt", RoleLevel.EDITOR, False),
    ("berlin@demo.bildungsnetz.example", "Koordination Berlin",
     "territory", "ags:11000000", RoleLevel.COORDINATOR, False),
    # Read access in Berlin's administration: staff who apply for an exchange themselves.
    ("gast@demo.bildungsnetz.example", "Lesezugang Berlin",
     "territory", "ags:11000000", RoleLevel.VIEWER, False),
]  # fmt: skip


def needs_mfa(role, superuser) -> bool:
    return bool(superuser or (role and role >= RoleLevel.COORDINATOR))


def totp_code(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    counter = int((at if at is not None else time.time()) // 30)
    return format_hotp_value(hotp_value(secret, counter))


def _ensure_mfa(user) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def recovery_codes(user) -> list[str]:
    authenticator = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    ).first()
    return authenticator.wrap().get_unused_codes() if authenticator else []


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
        if needs_mfa(role, superuser):
            _ensure_mfa(user)
