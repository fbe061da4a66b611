from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins created by `bildungsnetz demo`."

    def handle(self, *args, **options):
        self.stdout.write(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, name, *_rest in DEMO_USERS:
            self.stdout.write(f"    {email:<36} {name}")
