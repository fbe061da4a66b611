"""`bildungsnetz backup --output DIR`: the database and the uploaded files, consistent and with
checksums (bildungsnetz/backup.py, docs/backup.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bildungsnetz.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", required=True, help="the folder to create (new or empty)"
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, output, database, **options):
        try:
            summary = backup_create(output=Path(output), using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {summary.tables} tables, {summary.rows} rows, "
                f"{summary.files} files ({summary.bytes} bytes) in {summary.seconds:.1f} s."
            )
        )
