"""Search speed and ranking quality, against the brute-force exact ranking in the same run.

    DATABASE_URL=… .venv/bin/python bench/search.py --organisations 100000 --offers 1000000
    (add --skip-generate to reuse the data of an earlier run with the same --seed)

For 200 typical queries (one to three words, every second one with facets) it times, on the
offers list, what the page shows: offer_list(filters=q + facets).ranked(), its count and the
first page of 20 with snippets. For every query it also computes the exact top 20 by brute
force (search.reference: every match read and scored in one SQL statement) and prints the
overlap of the shown 20 with it, the brute force's own time and the ratio. Then the global
search (every kind, first page) for the same words.
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
from django.http import QueryDict  # noqa: E402

from offers.management.commands.generate import AUDIENCES, SENTENCES, SUBJECTS  # noqa: E402
from offers.models import ACCESSIBILITY, Offer  # noqa: E402
from offers.selectors import offer_list  # noqa: E402
from search import engine, reference  # noqa: E402
from search.models import SearchEntry  # noqa: E402

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
    results = offer_list(filters=_form(q, facets)).ranked()
    return results.count(), [o.pk for o in results[0:20]]


def _form(q, facets):
    data = QueryDict(mutable=True)
    data["q"] = q
    for name, value in facets.items():
        data.appendlist("access" if name in ACCESS else name, name if name in ACCESS else value)
    return data


def run_page(q, facets):
    """The whole offers page's search work: the ranked page and the facet counts."""
    search = offer_list(filters=_form(q, facets))
    results = search.ranked()
    shown = [o.pk for o in results[0:20]]
    search.facets()
    return results.count(), shown


def run_brute_force(q, facets):
    results = offer_list(filters=_form(q, facets)).ranked()
    return [obj for _entry, obj in reference.brute_force(results, 20)]


def run_global(q, facets):
    result = engine.search(q)
    return result.total, [h.object_id for h in result.hits]


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
    """(median ms, p95 ms, answers) of fn over items."""
    times, answers = [], []
    for q, facets in items:
        start = time.perf_counter()
        answers.append(fn(q, facets))
        times.append((time.perf_counter() - start) * 1000)
    return _stats(times), answers


def _stats(times):
    times = sorted(times)
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)]


def _line(name, stats, extra=""):
    return f"{name:<28} median {stats[0]:8.1f} ms   p95 {stats[1]:8.1f} ms {extra}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--skip-generate", action="store_true")
    args = parser.parse_args()
    if not args.skip_generate:
        call_command("migrate", verbosity=0)
        call_command("generate", organisations=args.organisations, offers=args.offers,
                     seed=args.seed)  # fmt: skip
    items = queries(args.queries, args.seed)
    print(f"caches warmed: {warm_caches()}", flush=True)
    print(f"database: {connection.vendor}; offers: {Offer.objects.count()}; "
          f"index entries: {SearchEntry.objects.count()}; queries: {len(items)}",
          flush=True)  # fmt: skip
    for q, facets in items[:10]:  # warm caches
        run_search(q, facets)
    plain = [i for i in items if not i[1]]
    faceted = [i for i in items if i[1]]
    (all_stats, answers) = timed(run_search, items)
    plain_stats, _a = timed(run_search, plain)
    faceted_stats, _a = timed(run_search, faceted)
    page_stats, _a = timed(run_page, items)
    brute_stats, exact = timed(run_brute_force, items)
    overlaps = [
        len(set(shown) & set(best)) / len(best) if best else 1.0
        for (_count, shown), best in zip(answers, exact, strict=True)
    ]
    identical = sum(shown == best for (_count, shown), best in zip(answers, exact, strict=True))
    load = f"(load average {os.getloadavg()[0]:.1f})"
    print(_line("search, all queries", all_stats, load))
    print(_line("search, without facets", plain_stats, f"({len(plain)} queries)"))
    print(_line("search, with facets", faceted_stats, f"({len(faceted)} queries)"))
    print(_line("search + facet counts", page_stats, "(the offers page's whole search)"))
    print(_line("brute force, exact top 20", brute_stats))
    print(f"ratio brute force / search   median {brute_stats[0] / all_stats[0]:8.1f} x    "
          f"p95 {brute_stats[1] / all_stats[1]:8.1f} x")  # fmt: skip
    counts = sorted(count for count, _shown in answers)
    print(f"matches per query            median {statistics.median(counts):,.0f}   "
          f"max {counts[-1]:,} (counted exactly up to {engine.COUNT_LIMIT:,})")  # fmt: skip
    print(
        f"top-20 overlap with exact    min {min(overlaps):.0%}   mean "
        f"{statistics.mean(overlaps):.1%}   identical order in {identical} of {len(items)}"
    )
    for q, facets in plain[:5]:
        run_global(q, facets)
    global_stats, _a = timed(run_global, plain)
    print(_line("global search, first page", global_stats, f"({len(plain)} queries) {load}"))


if __name__ == "__main__":
    main()
