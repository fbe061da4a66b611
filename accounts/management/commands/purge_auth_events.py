from django.core.management.base import BaseCommand

from accounts.services import auth_events_purge


class Command(BaseCommand):
    help = "Delete login events older than AUTH_EVENT_RETENTION_DAYS (run daily, e.g. by cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{auth_events_purge()} login events deleted.")
