"""`bildungsnetz export <kind> …`: dispatches to the exporters the apps declare
(`cli_exporters` on each AppConfig, same calling convention as `import_data`)."""

from .import_data import Command as ImportCommand


class Command(ImportCommand):
    help = "Export data: `export <kind> …` (run `export` alone for the kinds)."
    attribute = "cli_exporters"
    verb = "export"
