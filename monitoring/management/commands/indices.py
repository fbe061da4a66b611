"""`bildungsnetz indices FILE --unit COL --groups A,B [--total COL] [--sep ;] [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from monitoring.segregation_cli import compute_indices, format_table


class Command(BaseCommand):
    help = (
        "Segregation indices of a CSV with counts per spatial unit: every single-group index "
        "per group and every multigroup index of the groups (as defined in PySAL segregation)."
    )
    # Pure computation on a file: it needs neither the database nor a clean project check.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, one row per spatial unit")
        parser.add_argument("--unit", required=True, help="column identifying the unit")
        parser.add_argument(
            "--groups", required=True, help="comma-separated columns of group counts"
        )
        parser.add_argument(
            "--total",
            help="column of the total population; single-group indices measure each group "
            "against it (default: the sum of the groups)",
        )
        parser.add_argument("--sep", help="field separator (default: guessed from the header)")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print JSON instead of a table"
        )

    def handle(self, *args, file, unit, groups, total, sep, as_json, **options):
        if sep == "\\t":
            sep = "\t"
        try:
            result = compute_indices(
                file, unit=unit, groups=groups.split(","), total=total, sep=sep
            )
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_table(result))
