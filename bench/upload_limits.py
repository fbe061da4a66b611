"""Hostile and large uploads: peak memory and time of each import, against the 300 MB target.

Builds the files of #11 finding 7 and the largest legitimate files the limits allow, then runs
each import in its own child process (so its peak RSS, `ru_maxrss`, is its own) and prints one
table: the file, what the import answered, seconds, peak RSS and RSS above the child's
baseline (Django, pandas, openpyxl and pyarrow imported, database connected).

    .venv/bin/python bench/upload_limits.py [--only CASE ...] [--keep]

The monitoring import is run as production runs it: a file that is larger than INLINE_BYTES
(compressed or unpacked) from disk as the worker reads it (`path=`), a smaller one from memory
as the request does (`data=`). Organisation/offer imports go through
`bildungsnetz.imports.read_table` (what the form hands it is already in memory: the file's bytes).
Files are written to /tmp/bench_upload/ and reused. It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import django
import numpy as np
from django.conf import settings
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_upload.sqlite3")
os.environ.setdefault("DEBUG", "true")
FILES = Path("/tmp/bench_upload")
MB = 1024 * 1024
FLAT_NAME = "12411-98-98-9_1700000000000_de_flat.csv"

MAPPING = {
    "region_key": "AGS", "period": "Jahr", "measures": {"Wert": "WERT"},
    "dataset_code": "bench-grenzen", "title": "Grenzen", "source": "Bench",
}  # fmt: skip

# --- building the files ------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
    '<row><c t="inlineStr"><is><t>AGS</t></is></c><c t="inlineStr"><is><t>Jahr</t></is></c>'
    '<c t="inlineStr"><is><t>Wert</t></is></c></row>'
)


def _xlsx(path: Path, rows, shared=None) -> None:
    """A minimal workbook written as a stream (openpyxl would take minutes for 1M rows)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(
                b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main">'
            )
            for block in shared or ():
                out.write(block)
            out.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(SHEET_HEAD.encode())
            for block in rows:
                out.write(block)
            out.write(b"</sheetData></worksheet>")


def _row_blocks(count: int, varied: bool):
    rng = np.random.default_rng(7)
    for start in range(0, count, 50_000):
        n = min(50_000, count - start)
        values = rng.integers(0, 10**9, n) if varied else np.ones(n, dtype=np.int64)
        yield "".join(
            f"<row><c><v>16051</v></c><c><v>2024</v></c><c><v>{v}</v></c></row>" for v in values
        ).encode()


def _shared_blocks(total_bytes: int):
    written, i = 0, 0
    while written < total_bytes:
        block = "".join(f"<si><t>{j:x}</t></si>" for j in range(i, i + 50_000)).encode()
        i += 50_000
        written += len(block)
        yield block


def _zeros_zip(path: Path, megabytes: float) -> None:
    block = b"\0" * MB
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("nullen.csv", "w", force_zip64=True) as out,
    ):
        for _ in range(megabytes):
            out.write(block)


def _flat(path: Path, megabytes: float) -> None:
    from monitoring.genesis_synth import write_synthetic_ffcsv  # after django.setup()

    probe = FILES / "probe_flat.csv"
    write_synthetic_ffcsv(probe, 20_000, 11)
    per_row = probe.stat().st_size / 20_000
    probe.unlink()
    write_synthetic_ffcsv(path, int(megabytes * MB / per_row), 11)


def _mapped_csv(path: Path, megabytes: float) -> None:
    rng = np.random.default_rng(3)
    with path.open("w", encoding="utf-8") as out:
        out.write("AGS;Jahr;Wert\n")
        size = 0
        while size < megabytes * MB:
            block = "".join(f"16051;2024;{v}\n" for v in rng.integers(0, 10**6, 50_000))
            out.write(block)
            size += len(block)


WIDE = [f"W{i}" for i in range(1, 21)]
MAPPING_WIDE = {**MAPPING, "measures": WIDE, "dataset_code": "bench-breit"}


def _mapped_wide_csv(path: Path, rows: int) -> None:
    """20 value columns a row: `rows` x 20 observations."""
    values = np.random.default_rng(5).integers(0, 10**4, (rows, len(WIDE)))
    with path.open("w", encoding="utf-8") as out:
        out.write("AGS;Jahr;" + ";".join(WIDE) + "\n")
        out.writelines("16051;2024;" + ";".join(map(str, row)) + "\n" for row in values)


def _classic(path: Path, values: int) -> None:
    """The repository's classic GENESIS table (16 values a line), its data lines repeated for
    earlier years until it holds about `values` values."""
    source = ROOT / "monitoring" / "data" / "genesis" / "21111-02-06-4.csv"
    lines = source.read_text("utf-8").splitlines(keepends=True)
    data = [i for i, line in enumerate(lines) if line.startswith("2015;")]
    head, body, tail = lines[: data[0]], lines[data[0] : data[-1] + 1], lines[data[-1] + 1 :]
    years = range(2015, 2015 - max(1, values // (16 * len(body))), -1)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(head)
        for year in years:
            out.writelines(f"{year}{line[4:]}" for line in body)
        out.writelines(tail)


def _zip_of(path: Path, member: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(member, member.name)


def build() -> dict[str, Path]:
    """Every file, built once into FILES."""
    # after django.setup(): app modules import models
    from monitoring.import_files import (
        TABLE_MAX_BYTES,
        XLSX_MAX_UNPACKED_BYTES,
        XLSX_SHARED_STRINGS_MAX_BYTES,
    )
    from monitoring.parsers.common import MAX_ROWS, MAX_VALUES

    FILES.mkdir(exist_ok=True)
    flat = FILES / FLAT_NAME
    files = {
        "xlsx_1m_rows": FILES / "million.xlsx",
        "xlsx_450k_rows_in_limits": FILES / "rows450k.xlsx",
        "zip_400mb_zeros": FILES / "zeros.zip",
        "xlsx_250mb_shared_strings": FILES / "shared_big.xlsx",
        "xlsx_shared_strings_at_limit": FILES / "shared_limit.xlsx",
        "ffcsv_200mb": flat,
        "zip_of_ffcsv_200mb": FILES / "flat.zip",
        "mapped_csv_at_table_limit": FILES / "mapped.csv",
        "csv_10mb_for_read_table": FILES / "organisations.csv",
        "mapped_csv_at_row_limit": FILES / "rows100k.csv",
        "xlsx_at_row_limit": FILES / "rows100k.xlsx",
        "xlsx_shared_strings_under_own_limit": FILES / "shared_8mb.xlsx",
        "mapped_wide_csv_at_value_limit": FILES / "wide15k.csv",
        "mapped_wide_csv_at_table_limit": FILES / "wide60k.csv",
        "classic_at_value_limit": FILES / "21111-98-98-9.csv",
    }
    makers = {
        "xlsx_1m_rows": lambda p: _xlsx(p, _row_blocks(1_000_000, varied=False)),  # 0.2 MB
        "xlsx_450k_rows_in_limits": lambda p: _xlsx(p, _row_blocks(450_000, varied=True)),
        "zip_400mb_zeros": lambda p: _zeros_zip(p, 400),
        "xlsx_250mb_shared_strings": lambda p: _xlsx(p, [], _shared_blocks(250 * MB)),
        "xlsx_shared_strings_at_limit": lambda p: _xlsx(
            p, [], _shared_blocks(XLSX_MAX_UNPACKED_BYTES - 2 * MB)
        ),
        "ffcsv_200mb": lambda p: _flat(p, 190),  # ~200 MB: the estimate per row is low
        "zip_of_ffcsv_200mb": lambda p: _zip_of(p, flat),
        "mapped_csv_at_table_limit": lambda p: _mapped_csv(p, TABLE_MAX_BYTES / MB * 0.97),
        "csv_10mb_for_read_table": lambda p: _mapped_csv(p, 9),
        "mapped_csv_at_row_limit": lambda p: _mapped_csv(p, MAX_ROWS * 13.5 / MB),
        "xlsx_at_row_limit": lambda p: _xlsx(p, _row_blocks(MAX_ROWS - 1, varied=True)),
        "xlsx_shared_strings_under_own_limit": lambda p: _xlsx(
            p, _row_blocks(10, varied=True), _shared_blocks(XLSX_SHARED_STRINGS_MAX_BYTES - MB)
        ),
        "mapped_wide_csv_at_value_limit": lambda p: _mapped_wide_csv(p, MAX_VALUES // 20),
        "mapped_wide_csv_at_table_limit": lambda p: _mapped_wide_csv(p, 60_000),
        "classic_at_value_limit": lambda p: _classic(p, MAX_VALUES),
    }
    for name, path in files.items():
        if not path.exists():
            print(f"building {name} …", file=sys.stderr, flush=True)
            makers[name](path)
    return files


# --- one case in a child process -----------------------------------------------------------


MONITORING = {
    "xlsx_1m_rows": MAPPING,
    "xlsx_450k_rows_in_limits": MAPPING,
    "zip_400mb_zeros": None,
    "xlsx_250mb_shared_strings": MAPPING,
    "xlsx_shared_strings_at_limit": MAPPING,
    "ffcsv_200mb": None,
    "zip_of_ffcsv_200mb": None,
    "mapped_csv_at_table_limit": MAPPING,
    "mapped_csv_at_row_limit": MAPPING,
    "xlsx_at_row_limit": MAPPING,
    "xlsx_shared_strings_under_own_limit": MAPPING,
    "mapped_wide_csv_at_value_limit": MAPPING_WIDE,
    "mapped_wide_csv_at_table_limit": MAPPING_WIDE,
    "classic_at_value_limit": None,
}
READ_TABLE = ["xlsx_1m_rows", "xlsx_450k_rows_in_limits", "xlsx_250mb_shared_strings",
              "xlsx_shared_strings_at_limit", "csv_10mb_for_read_table"]  # fmt: skip


def _rss_mb() -> float:
    """Peak RSS of this process image in MB: VmHWM is reset by exec, whereas ru_maxrss keeps
    the parent's peak (this script's, while it built the files) across fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, case: str, path: Path) -> dict:
    django.setup()
    # part of the baseline RSS: what any import loads, after django.setup()
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow.csv  # noqa: F401

    connection.ensure_connection()
    baseline = _rss_mb()
    start = time.perf_counter()
    if kind == "monitoring":
        # measured: the import's modules count above the baseline
        from monitoring.import_files import INLINE_BYTES, unpacked_size
        from monitoring.services import observations_import

        with path.open("rb") as handle:
            unpacked = unpacked_size(handle)
        inline = max(path.stat().st_size, unpacked) <= INLINE_BYTES
        source = {"data": path.read_bytes()} if inline else {"path": path}
        log = observations_import(
            **source, filename=path.name, mapping=MONITORING[case], dry_run=True
        )
        codes = sorted({e.get("code", "") for e in log.errors})
        outcome = f"{log.status} {','.join(codes)} rows={log.rows_read}"
        outcome += "" if inline else " (worker)"
    else:
        from bildungsnetz.imports import ImportFileError, read_table  # measured, as above

        try:
            rows = read_table(path.name, path.read_bytes())
            outcome = f"read {len(rows)} rows"
        except ImportFileError as exc:
            outcome = f"refused: {str(exc)[:60]}"
    seconds = time.perf_counter() - start
    peak = _rss_mb()
    return {"outcome": outcome, "seconds": seconds, "peak": peak, "above": peak - baseline}


def prepare_database() -> None:
    django.setup()
    from places.services import territories_load_reference  # after django.setup()

    call_command("migrate", verbosity=0)
    territories_load_reference()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "CASE", "PATH"))
    args = parser.parse_args()
    if args.child:
        kind, case, path = args.child
        print(json.dumps(child(kind, case, Path(path))))
        return
    prepare_database()
    files = build()
    runs = [("monitoring", c) for c in MONITORING] + [("read_table", c) for c in READ_TABLE]
    if args.only:
        runs = [(k, c) for k, c in runs if c in args.only]
    # after django.setup() (prepare_database)
    from monitoring import import_files
    from monitoring.parsers.common import MAX_ROWS, MAX_VALUES

    print(
        f"limits: upload {settings.UPLOAD_MAX_BYTES // MB} MB; ZIP/XLSX unpacked "
        f"{settings.ARCHIVE_MAX_UNPACKED_BYTES // MB} MB, ratio {settings.ARCHIVE_MAX_RATIO}:1; "
        f"monitoring XLSX unpacked {import_files.XLSX_MAX_UNPACKED_BYTES // MB} MB; table read "
        f"whole {import_files.TABLE_MAX_BYTES // MB} MB, {MAX_ROWS} rows, {MAX_VALUES} values; "
        "flat file parts "
        f"{import_files.CHUNK_ROWS} lines / {import_files.PART_BYTES // MB} MB; inline "
        f"{import_files.INLINE_BYTES // MB} MB; organisation/offer tables "
        f"{settings.TABLE_IMPORT_MAX_BYTES // MB} MB"
    )
    header = f"{'import':<11} {'case':<36} {'file MB':>8} {'unpacked MB':>11} {'s':>7} "
    header += f"{'peak RSS MB':>11} {'above base':>10}  outcome"
    print(header)
    print("-" * len(header))
    for kind, case in runs:
        path = files[case]
        with path.open("rb") as handle:
            unpacked = import_files.unpacked_size(handle) / MB
        done = subprocess.run(  # noqa: S603 - this script, fixed arguments
            [sys.executable, __file__, "--child", kind, case, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            print(f"{kind:<11} {case:<36} crashed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{kind:<11} {case:<36} {path.stat().st_size / MB:>8.1f} {unpacked:>11.1f} "
            f"{r['seconds']:>7.1f} {r['peak']:>11.0f} {r['above']:>10.0f}  {r['outcome']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
