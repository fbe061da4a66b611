"""Search speed against the naive `icontains` filter, in the same run.

    DATABASE_URL=… .venv/bin/python bench/search.py --organisations 100000 --offers 1000000
    (add --skip-generate to reuse the data of an earlier run with the same --seed)

For 200 typical queries (one to three words, half with facets) it times, on the offers list:
  search:    offer_list(filters=q + facets).ranked()[0:20] and its count (what the offers page
             shows: the engine's answer with the facets as index tags)
  icontains: every word icontains title_de or description_de, + facets, first 20 by title, count
and prints median and p95 of each and their ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.http import QueryDict  # noqa: E402

from offers.management.commands.generate import AUDIENCES, SENTENCES, SUBJECTS  # noqa: E402
from offers.models import ACCESSIBILITY, Offer  # noqa: E402
from offers.selectors import offer_list  # noqa: E402

FACETS = [{}, {"cost": "free"}, {"kind": "non_formal"}, {"step_free": True},
          {"cost": "free", "step_free": True}, {"stage": "school"}]  # fmt: skip


def queries(n: int, seed: int):
    rng = random.Random(seed)
    words = [w.strip(".,") for w in " ".join(SUBJECTS + AUDIENCES + SENTENCES).split()]
    words = [w for w in words if len(w) > 4 and w[0].isalpha()]
    result = []
    for i in range(n):
        q = " ".join(rng.sample(words, rng.choice([1, 1, 2, 2, 3])))
        result.append((q, FACETS[i % len(FACETS)] if i % 2 else {}))
    return result


ACCESS = {name for name, _label in ACCESSIBILITY}


def run_search(q, facets):
    # Exactly what the offers page asks: the words and the facets as its form sends them;
    # the listed state and the facets are answered by the index (tags), see offers/selectors.py.
    data = QueryDict(mutable=True)
    data["q"] = q
    for name, value in facets.items():
        data.appendlist("access" if name in ACCESS else name, name if name in ACCESS else value)
    results = offer_list(filters=data).ranked()
    return results.count(), [o.pk for o in results[0:20]]


def run_icontains(q, facets):
    qs = Offer.objects.listed().filter(**facets)
    for word in q.split():
        qs = qs.filter(Q(title_de__icontains=word) | Q(description_de__icontains=word))
    return qs.count(), list(qs.order_by("title_de", "pk").values_list("pk", flat=True)[:20])


WARM_TABLES = ["search_searchentry", "search_searchterm", "offers_offer", "offers_offer_languages",
               "actors_organisation", "places_territory"]  # fmt: skip


def warm_caches() -> str:
    """Read the tables and indexes both ways use into the operating system's cache, so that
    neither way is timed against a cold disk (a server in use has them cached; a run of the
    other database's benchmark in between evicts them). PostgreSQL: pg_prewarm of every
    relation into the OS cache (shared_buffers, 128 MB here, cannot hold them);
    SQLite: one sequential read of the database file."""
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            cursor.execute(
                "WITH t AS (SELECT oid, reltoastrelid FROM pg_class WHERE relname = ANY(%s)) "
                "SELECT coalesce(sum(pg_prewarm(oid, 'read')), 0) FROM pg_class "
                "WHERE oid IN (SELECT oid FROM t) OR oid IN (SELECT reltoastrelid FROM t) "
                "OR oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM t))",
                [WARM_TABLES],
            )
            blocks = cursor.fetchone()[0]
        size = blocks * 8192
    else:
        size = 0
        with open(connection.settings_dict["NAME"], "rb") as handle:
            while chunk := handle.read(1 << 24):
                size += len(chunk)
    return f"{size / 2**20:,.0f} MiB in {time.perf_counter() - start:.1f} s"


def timed(fn, items):
    times = []
    for q, facets in items:
        start = time.perf_counter()
        fn(q, facets)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument(
        "--search-only", action="store_true", help="time the search only (no icontains baseline)"
    )
    args = parser.parse_args()
    if not args.skip_generate:
        call_command("migrate", verbosity=0)
        call_command("generate", organisations=args.organisations, offers=args.offers,
                     seed=args.seed)  # fmt: skip
    items = queries(args.queries, args.seed)
    print(f"caches warmed: {warm_caches()}", flush=True)
    print(f"database: {connection.vendor}; offers: {Offer.objects.count()}; "
          f"queries: {len(items)}", flush=True)  # fmt: skip
    for q, facets in items[:10]:  # warm caches
        run_search(q, facets)
    s_med, s_p95 = timed(run_search, items)
    print(f"search     median {s_med:8.1f} ms   p95 {s_p95:8.1f} ms   "
          f"(load average {os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
    if args.search_only:
        return
    for q, facets in items[:10]:
        run_icontains(q, facets)
    i_med, i_p95 = timed(run_icontains, items)
    print(f"icontains  median {i_med:8.1f} ms   p95 {i_p95:8.1f} ms   "
          f"(load average {os.getloadavg()[0]:.1f})")  # fmt: skip
    print(f"ratio      median {i_med / s_med:8.1f} x    p95 {i_p95 / s_p95:8.1f} x")


if __name__ == "__main__":
    main()
