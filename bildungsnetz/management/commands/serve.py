"""`bildungsnetz serve`: the web server and the background worker in one command."""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server and the background task worker together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, addrport, no_worker, **options):
        worker = None
        if not no_worker:
            worker = subprocess.Popen(  # noqa: S603 - our own interpreter and command
                [sys.executable, "-m", "bildungsnetz.cli", "db_worker"]
            )
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
