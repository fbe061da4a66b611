from django.core.management.base import BaseCommand

from accounts.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
    needs_mfa,
    recovery_codes,
    totp_code,
)
from accounts.models import User


class Command(BaseCommand):
    help = "Print the demo logins created by `bildungsnetz demo`, with a current TOTP code."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recovery-codes", action="store_true", help="also list unused recovery codes"
        )

    def handle(self, *args, **options):
        self.stdout.write(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, name, _kind, _key, role, superuser in DEMO_USERS:
            mark = "  (two factors)" if needs_mfa(role, superuser) else ""
            self.stdout.write(f"    {email:<36} {name}{mark}")
        self.stdout.write(
            f"  Two-factor code right now: {totp_code()}  (changes every 30 s; run "
            "`.venv/bin/bildungsnetz demo_logins` again, or add the secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app)"
        )
        if options["recovery_codes"]:
            for email, _name, _kind, _key, role, superuser in DEMO_USERS:
                user = User.objects.filter(email=email).first()
                if user and needs_mfa(role, superuser):
                    self.stdout.write(f"    {email}: {' '.join(recovery_codes(user)[:3])}")
