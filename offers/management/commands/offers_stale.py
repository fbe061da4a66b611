from django.core.management.base import BaseCommand

from offers.services import offers_notify_stale
from offers.tasks import notify_stale_offers


class Command(BaseCommand):
    help = "Tell providers once about offers that left the public results (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the background task instead"
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = notify_stale_offers.enqueue()
            self.stdout.write(f"queued task {result.id}")
            return
        sent = offers_notify_stale()
        self.stdout.write(self.style.SUCCESS(f"{sent} providers told about stale offers."))
