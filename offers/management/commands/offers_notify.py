from django.core.management.base import BaseCommand

from offers.services import saved_searches_notify
from offers.tasks import notify_saved_searches


class Command(BaseCommand):
    help = "E-mail saved searches their new matching offers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the background task instead"
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = notify_saved_searches.enqueue()
            self.stdout.write(f"queued task {result.id}")
            return
        sent = saved_searches_notify()
        self.stdout.write(self.style.SUCCESS(f"{sent} saved searches notified."))
