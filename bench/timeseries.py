"""Time series of one territory with 10,000,000 observations stored.

Builds 1,000 territories x 10 measures x 50 breakdowns x 20 periods = 10,000,000 rows in
`monitoring_observation` (bulk path of the importer), then times two reads through the ORM:
one series (territory x measure x breakdown, 20 values in period order) and every series of
the territory (10,000 values). The same reads are first timed when only that territory's
10,000 rows are stored; the ratio 10M / 10k shows what the table size costs (with the series
index it should stay close to 1).

    DATABASE_URL=sqlite:////tmp/bench_ts.sqlite3 .venv/bin/python bench/timeseries.py
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mon_bench .venv/bin/python bench/timeseries.py

Prints the figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
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
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench_timeseries.sqlite3")

MEASURES, DIMS, PERIODS = 10, 50, 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--territories", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    options = parser.parse_args()

    django.setup()
    # after django.setup(): app modules import models
    from monitoring.importer import insert_observations
    from monitoring.models import Dataset, DimensionKey, Measure, Observation
    from places.models import Level
    from places.services import territories_sync

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_revision")
        cursor.execute("DELETE FROM monitoring_indicatorvalue")
        cursor.execute("DELETE FROM monitoring_observation")
    territories_sync([{"scheme": "iso", "code": "DE", "name_de": "Deutschland", "level": Level.COUNTRY, "country": "DE"}])  # noqa: E501  # fmt: skip
    items = [
        {"scheme": "local", "code": f"DE:bench-{i}", "name_de": f"Bench {i}", "level": Level.MUNICIPALITY,  # noqa: E501
         "country": "DE", "parent": "iso:DE"}
        for i in range(options.territories)
    ]  # fmt: skip
    territory_ids = [t.pk for t in territories_sync(items).values() if t.scheme == "local"]
    dataset, _ = Dataset.objects.get_or_create(code="bench-timeseries", defaults={"title": "Bench"})
    measure_ids = [Measure.objects.get_or_create(code=f"BENCH{m}", defaults={"label": f"M{m}"})[0].pk for m in range(MEASURES)]  # noqa: E501  # fmt: skip
    dim_ids = [DimensionKey.objects.get_or_create(key=f"BENCHDIM=D{d:02d}" if d else "")[0].pk for d in range(DIMS)]  # noqa: E501  # fmt: skip
    periods = [str(2000 + p) for p in range(PERIODS)]
    rng = np.random.default_rng(1)

    def frame_for(tids):
        n = len(tids) * MEASURES * DIMS * PERIODS
        grid = np.indices((len(tids), MEASURES, DIMS, PERIODS)).reshape(4, -1)
        return pd.DataFrame(
            {
                "dataset_id": np.full(n, dataset.pk),
                "measure_id": np.asarray(measure_ids)[grid[1]],
                "territory_id": np.asarray(tids)[grid[0]],
                "period": np.asarray(periods, dtype=object)[grid[3]],
                "period_date": np.array([f"{p}-12-31" for p in periods], dtype="datetime64[D]")[
                    grid[3]
                ],
                "dimension_key_id": np.asarray(dim_ids)[grid[2]],
                "value": rng.random(n) * 1000,
                "symbol": np.full(n, "", dtype=object),
                "quality": np.full(n, "", dtype=object),
            }
        )

    target = territory_ids[0]

    def timed():
        one, whole = [], []
        for _ in range(options.repeat):
            start = time.perf_counter()
            rows = list(
                Observation.objects.filter(territory_id=target, measure_id=measure_ids[3], dimension_key_id=dim_ids[0])  # noqa: E501
                .order_by("period_date").values_list("period", "value", "symbol")
            )  # fmt: skip
            one.append(time.perf_counter() - start)
            assert len(rows) == PERIODS
            start = time.perf_counter()
            rows = list(
                Observation.objects.filter(territory_id=target)
                .order_by("measure_id", "dimension_key_id", "period_date")
                .values_list("measure_id", "dimension_key_id", "period", "value", "symbol")
            )
            whole.append(time.perf_counter() - start)
            assert len(rows) == MEASURES * DIMS * PERIODS
        return statistics.median(one), statistics.median(whole)

    with transaction.atomic():
        insert_observations(frame_for([target]))
    small = timed()
    start = time.perf_counter()
    rest = territory_ids[1:]
    for lo in range(0, len(rest), 100):
        with transaction.atomic():
            insert_observations(frame_for(rest[lo : lo + 100]))
    fill = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Observation.objects.count()
    large = timed()
    print(f"database: {connection.vendor}; observations stored: {total:,}; filled in {fill:.0f} s")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"one series (20 values):    {small[0] * 1000:7.2f} ms with 10k rows, {large[0] * 1000:7.2f} ms with {total:,}; ratio {large[0] / small[0]:.2f}")  # noqa: E501  # fmt: skip
    print(f"all series (10,000 values): {small[1] * 1000:7.2f} ms with 10k rows, {large[1] * 1000:7.2f} ms with {total:,}; ratio {large[1] / small[1]:.2f}")  # noqa: E501  # fmt: skip


if __name__ == "__main__":
    main()
