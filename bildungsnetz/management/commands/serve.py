"""`bildungsnetz serve`: the web server, the background worker and the scheduler."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server, the background task worker and the scheduler together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, addrport, no_worker, **options):
        helpers = []
        if not no_worker:
            # The worker runs queued tasks; the scheduler queues the periodic ones when due.
            for command in ("db_worker", "scheduler"):
                helpers.append(
                    subprocess.Popen(  # noqa: S603 - our own interpreter and command
                        [sys.executable, "-m", "bildungsnetz.cli", command]
                    )
                )
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for helper in helpers:
                helper.terminate()
            for helper in helpers:
                helper.wait(timeout=10)
