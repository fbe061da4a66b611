"""`bildungsnetz restore DIR`: a backup of `bildungsnetz backup` into an empty, migrated
database (bildungsnetz/backup.py, docs/backup.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bildungsnetz.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty, migrated database: checks every checksum first and "
        "writes all rows and files or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup folder")
        parser.add_argument(
            "--check", action="store_true", help="only verify the checksums; write nothing"
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, source, check, database, **options):
        try:
            if check:
                manifest = backup_verify(source=Path(source))
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Backup {source} is intact: {len(manifest['tables'])} tables, "
                        f"{len(manifest['media'])} files, made {manifest['created_at']}."
                    )
                )
                return
            summary = backup_restore(source=Path(source), using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {source}: {summary.tables} tables, {summary.rows} rows, "
                f"{summary.files} files ({summary.bytes} bytes) in {summary.seconds:.1f} s."
            )
        )
