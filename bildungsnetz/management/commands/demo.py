"""`bildungsnetz demo`: load the facts of the source documents, idempotently.

Each app may provide `<app>/demo.py` with `load(stdout) -> None`; they run in INSTALLED_APPS
order inside one transaction, so a failure leaves the database as it was.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo content of the source documents (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="app labels to load (default: all)")

    def handle(self, *args, only=None, **options):
        with transaction.atomic():
            for config in apps.get_app_configs():
                if only and config.label not in only:
                    continue
                module_name = f"{config.name}.demo"
                if config.name.startswith("django") or not find_spec(module_name):
                    continue
                self.stdout.write(f"demo: {config.label}")
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
