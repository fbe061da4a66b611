"""`bildungsnetz import organisations FILE [--dry-run]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.management.base import CommandError

from bildungsnetz.imports import ImportFileError

from .imports import import_organisations


def import_organisations_cli(argv: list[str], stdout) -> None:
    parser = argparse.ArgumentParser(prog="bildungsnetz import organisations")
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such file")
    try:
        result = import_organisations(args.file.name, args.file.read_bytes(), dry_run=args.dry_run)
    except ImportFileError as exc:
        raise CommandError(str(exc)) from exc
    for error in result.errors:
        stdout.write(f"row {error.row}, column {error.column}: {error.message}")
    if result.errors:
        raise CommandError(f"{len(result.errors)} problems, nothing was written")
    verb = "would import" if args.dry_run else "imported"
    stdout.write(f"{verb} {result.rows if args.dry_run else result.created} organisations")
