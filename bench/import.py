"""GENESIS import: 1,000,000 ffcsv rows through `observations_import` against a floor.

The floor is what any import must at least do, measured in the same run on the same database:
a plain pandas read of the file (`read_csv` as text, numbers converted with `to_numeric`, codes
factorised to ids) plus a bulk insert of the same rows into a table shaped like
`monitoring_observation` (same columns, unique constraint and series index), with the
database's fastest bulk path (executemany on SQLite, COPY on PostgreSQL). The import does
more: symbols and quality flags, key checks, territory mapping and creation, dimension keys,
the comparison with stored rows, the log and the indicator recomputation.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/import.py [--rows 1000000]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mon_bench .venv/bin/python bench/import.py

Each phase runs in a child process, so its peak memory (max RSS) is its own. Target: import
<= 2x the floor, peak memory < 1 GiB. Prints the figures; it is not a test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django
import numpy as np
import pandas as pd
from django.core.management import call_command
from django.db import connection, transaction

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_import.sqlite3")
FILE_NAME = "12411-99-99-9_1700000000000_de_flat.csv"
DATASET = "12411-99-99-9"


def setup_django():
    django.setup()


def prepare(rows: int, seed: int) -> Path:
    # after django.setup(): app modules import models
    from monitoring.genesis_synth import write_synthetic_ffcsv
    from places.services import territories_load_reference

    path = Path(tempfile.gettempdir()) / f"bench_{rows}_{seed}" / FILE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_synthetic_ffcsv(path, rows, seed)
    call_command("migrate", verbosity=0)
    territories_load_reference()
    return path


FLOOR_DDL = [
    "DROP TABLE IF EXISTS bench_floor",
    "CREATE TABLE bench_floor (id {pk}, dataset_id bigint NOT NULL, measure_id bigint NOT NULL, "
    "territory_id bigint NOT NULL, period varchar(20) NOT NULL, period_date date NOT NULL, "
    "dimension_key_id bigint NOT NULL, value double precision NULL, symbol varchar(3) NOT NULL, "
    "quality varchar(1) NOT NULL)",
    "CREATE UNIQUE INDEX bench_floor_cell ON bench_floor "
    "(dataset_id, measure_id, territory_id, period, dimension_key_id)",
    "CREATE INDEX bench_floor_series ON bench_floor "
    "(territory_id, measure_id, dimension_key_id, period_date)",
]


def phase_floor(path: Path) -> dict:
    pk = "bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "integer PRIMARY KEY"
    with connection.cursor() as cursor:
        for sql in FLOOR_DDL:
            cursor.execute(sql.format(pk=pk))
    start = time.perf_counter()
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, engine="pyarrow")
    value = pd.to_numeric(frame["value"].str.replace(",", ".", regex=False), errors="coerce")
    keys = ["1_variable_attribute_code", "2_variable_attribute_code",
            "3_variable_attribute_code", "4_variable_attribute_code"]  # fmt: skip
    dims = frame.groupby(keys, sort=False).ngroup().to_numpy() + 1
    staged = pd.DataFrame(
        {
            "dataset_id": 1,
            "measure_id": pd.factorize(frame["value_variable_code"])[0] + 1,
            "territory_id": pd.factorize(frame["1_variable_attribute_code"])[0] + 1,
            "period": frame["time"],
            "period_date": frame["time"],
            "dimension_key_id": dims,
            "value": value,
            "symbol": "",
            "quality": "",
        }
    )
    read = time.perf_counter() - start
    columns = list(staged.columns)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # heavy: only the PostgreSQL path needs pyarrow
            import pyarrow as pa
            import pyarrow.csv as pv

            sql = f"COPY bench_floor ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
            with cursor.copy(sql) as copy:
                for lo in range(0, len(staged), 200_000):
                    part = pa.Table.from_pandas(
                        staged.iloc[lo : lo + 200_000], preserve_index=False
                    )
                    buffer = io.BytesIO()
                    pv.write_csv(part, buffer, write_options=pv.WriteOptions(include_header=False))
                    copy.write(buffer.getvalue())
        else:
            sql = f"INSERT INTO bench_floor ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: E501
            for lo in range(0, len(staged), 50_000):
                part = staged.iloc[lo : lo + 50_000]
                values = part["value"].to_numpy(np.float64).astype(object)
                values[np.isnan(part["value"].to_numpy(np.float64))] = None
                cols = [part[c].tolist() if c != "value" else values.tolist() for c in columns]
                cursor.executemany(sql, list(zip(*cols, strict=True)))
    total = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor")
    return {"seconds": total, "read": read, "insert": total - read}


def phase_import(path: Path) -> dict:
    # after django.setup(): app modules import models
    from monitoring.models import Dataset
    from monitoring.services import observations_import

    # Raw deletes: the ORM's cascade would load every observation (and inflate this process).
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM monitoring_revision WHERE observation_id IN (SELECT o.id FROM "
            "monitoring_observation o JOIN monitoring_dataset d ON d.id = o.dataset_id "
            "WHERE d.code = %s)",
            [DATASET],
        )
        cursor.execute(
            "DELETE FROM monitoring_observation WHERE dataset_id IN "
            "(SELECT id FROM monitoring_dataset WHERE code = %s)",
            [DATASET],
        )
    Dataset.objects.filter(code=DATASET).delete()
    start = time.perf_counter()
    log = observations_import(path=path)
    seconds = time.perf_counter() - start
    assert log.status == "succeeded", log.errors[:5]
    return {
        "seconds": seconds,
        "rows": log.rows_read,
        "created": log.rows_created,
        "new_territories": len(log.new_territories),
    }


def phase_reimport(path: Path) -> dict:
    from monitoring.services import observations_import  # after django.setup(): imports models

    start = time.perf_counter()
    log = observations_import(path=path)
    seconds = time.perf_counter() - start
    assert log.rows_created == 0 and log.rows_updated == 0, log.errors[:5]
    return {"seconds": seconds, "unchanged": log.rows_unchanged}


def child(phase: str, path: Path) -> None:
    setup_django()
    phases = {"floor": phase_floor, "import": phase_import, "reimport": phase_reimport}
    result = phases[phase](path)
    result["max_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_child(phase: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--file", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--phase", choices=["floor", "import", "reimport"])
    parser.add_argument("--file", type=Path)
    options = parser.parse_args()
    if options.phase:
        child(options.phase, options.file)
        return
    setup_django()
    path = prepare(options.rows, options.seed)
    connection.close()
    print(f"database: {connection.vendor}; file: {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    floor = run_child("floor", path)
    result = run_child("import", path)
    again = run_child("reimport", path)
    print(f"floor  (pandas read + bulk insert): {floor['seconds']:7.2f} s "
          f"(read {floor['read']:.2f}, insert {floor['insert']:.2f}); peak {floor['max_rss_mib']:.0f} MiB")  # noqa: E501  # fmt: skip
    print(f"import (observations_import):        {result['seconds']:7.2f} s "
          f"for {result['rows']} rows, {result['new_territories']} new territories; "
          f"peak {result['max_rss_mib']:.0f} MiB")  # fmt: skip
    print(f"re-import of the same file (nothing changes): {again['seconds']:.2f} s; "
          f"peak {again['max_rss_mib']:.0f} MiB")  # fmt: skip
    print(f"ratio import / floor: {result['seconds'] / floor['seconds']:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
