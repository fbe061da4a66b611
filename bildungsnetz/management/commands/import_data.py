"""`bildungsnetz import <kind> …`: dispatches to the importers the apps declare.

Each AppConfig may declare `cli_importers = {"genesis": "monitoring.cli:import_genesis"}`:
dotted paths to callables taking `(argv: list[str], stdout)` that parse their own options.
"""

from __future__ import annotations

import argparse

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

ATTRIBUTE = "cli_importers"
VERB = "import"


def registry(attribute: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        for name, target in (getattr(config, attribute, None) or {}).items():
            if name in found:
                raise CommandError(f"{VERB} {name!r} is declared twice ({found[name]}, {target})")
            found[name] = target
    return found


class Command(BaseCommand):
    help = "Import data: `import <kind> …` (run `import` alone for the kinds)."
    attribute = ATTRIBUTE
    verb = VERB

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?")
        # Everything after the kind goes to the kind's own argparse (including --help).
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args, kind=None, **options):
        kinds = registry(self.attribute)
        if not kind:
            self.stdout.write(f"{self.verb} kinds: " + (", ".join(sorted(kinds)) or "(none)"))
            return
        if kind not in kinds:
            raise CommandError(
                f"unknown {self.verb} kind {kind!r}; known: {', '.join(sorted(kinds))}"
            )
        try:
            import_string(kinds[kind].replace(":", "."))(list(args), self.stdout)
        except SystemExit as exc:  # argparse --help or usage errors
            if exc.code:
                raise CommandError(f"invalid arguments for {self.verb} {kind}") from exc
