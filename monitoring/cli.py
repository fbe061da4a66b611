"""Console entry points declared on MonitoringConfig (`bildungsnetz import genesis FILE`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from django.core.management.base import CommandError

# The management command imports this module by name when it runs, after Django is set up.
from .models import Dataset, ImportLog, Indicator, SavedMapping
from .opendata import write_csv, write_json
from .selectors import EXPORT_HEADER, INDICATOR_HEADER, indicator_rows, observation_rows
from .services import observations_import


def import_genesis(argv: list[str], stdout) -> int:
    parser = argparse.ArgumentParser(
        prog="bildungsnetz import genesis",
        description="Import GENESIS ffcsv, classic GENESIS CSV, Vienna OGD CSV (also zipped), "
        "or any CSV/XLSX with a saved column mapping. All or nothing.",
    )
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    parser.add_argument("--mapping", help="name of a saved column mapping, or a JSON file")
    options = parser.parse_args(argv)

    mapping = None
    if options.mapping:
        path = Path(options.mapping)
        if path.is_file():
            mapping = json.loads(path.read_text(encoding="utf-8"))
        else:
            saved = SavedMapping.objects.filter(name=options.mapping).first()
            if saved is None:
                raise CommandError(f"no saved mapping {options.mapping!r}")
            mapping = saved.mapping
    failed = 0
    for path in options.files:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        log = observations_import(path=path, dry_run=options.dry_run, mapping=mapping)
        stdout.write(_summary(log) + "\n")
        if log.status == ImportLog.Status.FAILED:
            failed += 1
            for error in log.errors[:50]:
                where = f"line {error.get('line')}, " if error.get("line") else ""
                stdout.write(f"  {where}{error.get('column') or ''}: {error.get('message')}\n")
    if failed:
        raise CommandError(f"{failed} file(s) failed; nothing was written for them")
    return 0


def _summary(log) -> str:
    datasets = ", ".join(log.dataset_codes) or "-"
    parts = [
        f"{log.filename}: {log.get_status_display()} ({datasets})",
        f"read {log.rows_read}",
        f"created {log.rows_created}",
        f"updated {log.rows_updated}",
        f"unchanged {log.rows_unchanged}",
        f"new territories {len(log.new_territories)}",
    ]
    return "; ".join(parts)


def _writer(path: str | None, stdout):
    if path and path != "-":
        return open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    return stdout


def export_observations(argv: list[str], stdout) -> int:
    parser = argparse.ArgumentParser(prog="bildungsnetz export observations")
    parser.add_argument("--dataset", help="table code (default: every public dataset)")
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--output", "-o", help="file to write (default: standard output)")
    options = parser.parse_args(argv)

    dataset = None
    if options.dataset:
        dataset = Dataset.objects.filter(code=options.dataset).first()
        if dataset is None:
            raise CommandError(f"no dataset {options.dataset!r}")
    return _export(options, stdout, EXPORT_HEADER, observation_rows(dataset))


def _export(options, stdout, header, rows) -> int:
    """Write the rows as CSV or JSON to `--output` or standard output."""

    out = _writer(options.output, getattr(stdout, "_out", stdout))
    try:
        (write_csv if options.format == "csv" else write_json)(out, header, rows)
    except BrokenPipeError:
        _quiet_broken_pipe()
    finally:
        if options.output and options.output != "-":
            out.close()
    return 0


def _quiet_broken_pipe() -> None:
    """The reader went away (`… | head`): stop quietly, as Unix tools do."""

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def export_indicators(argv: list[str], stdout) -> int:
    parser = argparse.ArgumentParser(prog="bildungsnetz export indicators")
    parser.add_argument("--indicator", help="indicator code (default: all)")
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--output", "-o")
    options = parser.parse_args(argv)

    indicators = Indicator.objects.public()
    if options.indicator:
        indicators = indicators.filter(code=options.indicator)

    def rows():
        for indicator in indicators:
            yield from indicator_rows(indicator)

    return _export(options, stdout, INDICATOR_HEADER, rows())


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: bildungsnetz import genesis FILE")
