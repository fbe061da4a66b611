"""Load test: the production server set-up under a realistic mix, against a bare-view ceiling.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/load_bench \\
        .venv/bin/python bench/load.py --database postgres --workers 4
    .venv/bin/python bench/load.py --database sqlite --workers 4   # file: --sqlite-path
    (--skip-generate reuses the data of an earlier run; --organisations 2000 --offers 20000
     --time 20s --page-time 0 for a quick one)

1. Data: `migrate`, `demo` (monitoring, reports, events) and `generate` with 100,000
   organisations and 1,000,000 offers (search index included; about 6 minutes per database on
   a quiet machine), unless --skip-generate. An editor of a few generated organisations (no
   second factor needed at that role) gets a session; the offers they may edit are the edit
   targets.
2. Server: `bildungsnetz serve 127.0.0.1:<free port> --workers N --no-worker` with DEBUG off,
   exactly the production command (gunicorn, collected static files), plus BENCH_BARE_VIEW=1
   for the ceiling. Only 127.0.0.1. API rate limits are lifted for the run (one client IP).
3. Locust (bench/locustfile.py), headless, as a subprocess:
   - the mix: --users clients, each pausing --wait seconds (uniform) between actions, for
     --time: 70 % public pages and search (home, organisation list with filters, organisation
     detail, offer search with words, offer list with facets, offer detail, an indicator page,
     a report, the event list), 20 % API reads, 10 % logged-in edits (GET an offer's edit form,
     POST it back with a changed description, CSRF token and edit_version);
   - the ceiling: the bare view alone, the same clients without pause, for --time;
   - unless --page-time 0: each page of the mix alone, without pause, for --page-time: its
     saturated throughput as a share of the ceiling.
4. Prints a table per page (requests/s, p50/p95/p99 ms, errors, share of the ceiling) and the
   totals, and writes the same as JSON and Markdown to --out (.json / .md).

Not a test and not in CI. Heavy: run it on a machine that does nothing else, or say what else
ran beside the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bildungsnetz.settings")

WORK = Path("/tmp/bildungsnetz-load")
PUBLIC_PAGES = ["home", "organisation list (filters)", "organisation detail",
                "offer search (words)", "offer list (facets)", "offer detail", "indicator",
                "report", "event list"]  # fmt: skip
API_PAGES = ["api: organisations", "api: organisation", "api: offers", "api: offer",
             "api: place", "api: indicators"]  # fmt: skip
EDIT_PAGES = ["edit: form", "edit: save"]
SPAWN_RATE = 10  # clients started per second (--spawn-rate)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--sqlite-path", default=str(WORK / "load.sqlite3"))
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", default="60s", help="the mix and the ceiling, each")
    parser.add_argument("--page-time", default="10s", help="each page alone; 0 to skip")
    parser.add_argument("--wait", default="0.5,2", help="pause between actions, min,max s")
    parser.add_argument("--out", default=None, help="file stem [/tmp/bildungsnetz-load/load-DB]")
    return parser.parse_args()


def database_url(args) -> str:
    if args.database == "sqlite":
        Path(args.sqlite_path).parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{Path(args.sqlite_path).resolve()}"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("--database postgres needs DATABASE_URL=postgresql://… (a database of its own)")
    return url


def prepare(args) -> dict:
    """Data (unless --skip-generate), the editor's session and the targets of the clients."""
    import django  # bench: Django starts only after DATABASE_URL is chosen from the arguments

    django.setup()
    # bench: app modules after django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import Membership, RoleLevel
    from actors.models import Organisation
    from monitoring.models import Indicator
    from offers.management.commands.generate import AUDIENCES, SENTENCES, SUBJECTS
    from offers.models import Offer
    from places.models import Level, Territory
    from reports.models import Report

    if not args.skip_generate:
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        call_command("demo")
        call_command("generate", organisations=args.organisations, offers=args.offers,
                     seed=args.seed)  # fmt: skip
        print(f"data prepared in {time.monotonic() - started:.0f} s")
    rng = random.Random(args.seed)
    prefix = f"gen{args.seed}-"
    offers = list(
        Offer.objects.listed().filter(slug__startswith=prefix).values_list("pk", flat=True)[:1]
    )
    if not offers:
        sys.exit("no generated offers: run without --skip-generate first")
    orgs = _sample(Organisation.objects.filter(is_public=True, slug__startswith=prefix), rng, 300)
    listed = _sample(Offer.objects.listed().filter(slug__startswith=prefix), rng, 300)
    # The editor: a plain editor (no second factor at that role) of the providers of 50 offers.
    editable = _sample(Offer.objects.listed().filter(slug__startswith=prefix), rng, 50, "provider")
    user, _ = get_user_model().objects.get_or_create(
        email="load-editor@bench.invalid", defaults={"is_active": True}
    )
    for provider in {p for _slug, p in editable}:
        Membership.objects.get_or_create(user=user, organisation_id=provider, role=RoleLevel.EDITOR)
    client = Client()
    client.force_login(user)
    words = [w.strip(".,") for w in " ".join(SUBJECTS + AUDIENCES + SENTENCES).split()]
    return {
        "organisations": [slug for slug, _ in orgs],
        "offers": [slug for slug, _ in listed],
        "org_kinds": sorted(set(Organisation.objects.values_list("kind", flat=True)[:1000])),
        "cities": list(
            Territory.objects.filter(level=Level.CITY).values_list("code", flat=True)[:200]
        ),
        "places": [t.key for t in Territory.objects.filter(level=Level.CITY)[:200]],
        "indicators": list(Indicator.objects.values_list("code", flat=True)[:100]),
        "reports": list(Report.objects.values_list("slug", flat=True)[:50]),
        "words": sorted({w for w in words if len(w) > 4 and w[0].isalpha()}),
        "counts": {"organisations": Organisation.objects.count(), "offers": Offer.objects.count()},
        "edit": {
            "session": client.cookies["sessionid"].value,
            "offers": [slug for slug, _ in editable],
        },  # fmt: skip
    }


def database_settings() -> dict:
    """The database server's settings that move these figures (printed and written with them):
    on PostgreSQL the buffer cache and whether autovacuum keeps the visibility map current
    (docs/deployment.md), on SQLite its version."""
    from django.db import connection  # bench: Django is set up by prepare()

    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT sqlite_version()")
            return {"sqlite": cursor.fetchone()[0]}
        names = ["server_version", "shared_buffers", "effective_cache_size", "work_mem",
                 "autovacuum", "max_connections"]  # fmt: skip
        cursor.execute("SELECT name, setting, unit FROM pg_settings WHERE name = ANY(%s)", [names])
        found = {name: f"{setting}{'×' + unit if unit else ''}" for name, setting, unit in cursor}
    return {name: found.get(name) for name in names}


def _sample(queryset, rng, n, other="pk"):
    """About n random rows (slug, other) by random primary keys: no ORDER BY random()."""
    ids = queryset.order_by("pk").values_list("pk", flat=True)
    low, high = ids.first(), ids.last()
    picks = rng.sample(range(low, high + 1), min(n * 3, high - low + 1))
    rows = list(queryset.filter(pk__in=picks).values_list("slug", other)[:n])
    rng.shuffle(rows)
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(url: str, port: int) -> dict:
    """The server's environment; load.py runs with it too, so the editor's session is signed
    with the same SECRET_KEY as the server checks it with."""
    return {
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-" + "x" * 40),
        "BENCH_BARE_VIEW": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        # Plain HTTP on the loopback: no TLS redirect, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        # Every client comes from 127.0.0.1: the per-IP API limit would refuse the mix.
        "API_RATE_ANON": "1000000/m",
        "BILDUNGSNETZ_VAR_DIR": str(WORK / "var"),
        "LOG_LEVEL": "INFO",  # production default: the access log with durations
    }


def start_server(args, port: int, log):
    argv = [sys.executable, "-m", "bildungsnetz.cli", "serve", f"127.0.0.1:{port}",
            "--workers", str(args.workers), "--no-worker"]  # fmt: skip
    server = subprocess.Popen(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit code {server.returncode}); see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):  # noqa: S310
                return server
        except (urllib.error.URLError, OSError):
            time.sleep(1)
    server.terminate()
    sys.exit(f"the server did not answer within 180 s; see {log.name}")


def keep_reachable(targets: dict, port: int) -> dict:
    """Drop targets an anonymous visitor cannot open (hidden reports, empty indicators): the
    run measures pages, not 404s. Also warms every worker a little."""

    def ok(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:  # noqa: S310
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    checks = {"organisations": "/organisationen/{}/", "offers": "/angebote/{}/",
              "indicators": "/monitoring/indikatoren/{}/", "reports": "/berichte/{}/",
              "places": "/api/v1/places/{}"}  # fmt: skip
    with ThreadPoolExecutor(4) as pool:
        for key, pattern in checks.items():
            found = list(pool.map(lambda v, p=pattern: ok(p.format(v)), targets[key]))
            kept = [v for v, good in zip(targets[key], found, strict=True) if good]
            print(f"  {key}: {len(kept)} of {len(targets[key])} reachable")
            if not kept:
                sys.exit(f"no reachable {key}")
            targets[key] = kept
    return targets


def locust(port: int, user_class: str, users: int, duration: str, targets: Path, stem: Path,
           wait: str, only: str = "") -> list[dict]:  # fmt: skip
    env = {**os.environ, "LOAD_TARGETS": str(targets), "LOAD_WAIT": wait, "LOAD_ONLY": only,
           "LOAD_RAW": f"{stem}_raw.json"}  # fmt: skip
    argv = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless", "--users", str(users), "--spawn-rate", str(SPAWN_RATE),
            "--run-time", duration, "--host", f"http://127.0.0.1:{port}", "--csv", str(stem),
            "--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING",
            user_class]  # fmt: skip
    subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=False)  # noqa: S603
    settle(port)
    with open(f"{stem}_stats.csv", encoding="utf-8") as f:
        return [_row(r) for r in csv.DictReader(f)]


def settle(port: int, limit: float = 180) -> None:
    """Wait until the workers have worked off what the last run left queued (requests of
    clients already gone), so that it does not count against the next run."""
    deadline, quick = time.monotonic() + limit, 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__bench/bare", timeout=limit):  # noqa: S310
                pass
        except (urllib.error.URLError, OSError):
            time.sleep(1)
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
        time.sleep(0.2)


def _row(r) -> dict:
    return {
        "name": r["Name"],
        "requests": int(r["Request Count"]),
        "errors": int(r["Failure Count"]),
        "rps": float(r["Requests/s"]),
        "p50": _ms(r["50%"]),
        "p95": _ms(r["95%"]),
        "p99": _ms(r["99%"]),
    }


def _ms(value):
    return None if value in ("", "N/A") else float(value)


def table(result: dict) -> str:
    ceiling = result["ceiling"]["rps"]
    lines = [
        "| page | req/s in the mix | p50 ms | p95 ms | p99 ms | errors | alone: req/s | "
        "share of the bare view |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result["pages"]:
        alone = result["alone"].get(row["name"])
        share = f"{100 * alone / ceiling:.1f} %" if alone and ceiling else "–"
        lines.append(
            f"| {row['name']} | {row['rps']:.1f} | {_f(row['p50'])} | {_f(row['p95'])} | "
            f"{_f(row['p99'])} | {row['errors']} | {f'{alone:.1f}' if alone else '–'} | {share} |"
        )
    for label, row in (("public pages", result["public"]), ("all", result["total"])):
        lines.append(
            f"| **{label}** | {row['rps']:.1f} | {_f(row['p50'])} | {_f(row['p95'])} | "
            f"{_f(row['p99'])} | {row['errors']} | | |"
        )
    c = result["ceiling"]
    lines.append(
        f"| bare view (ceiling, alone) | | {_f(c['p50'])} | {_f(c['p95'])} | {_f(c['p99'])} | "
        f"{c['errors']} | {c['rps']:.1f} | 100 % |"
    )
    return "\n".join(lines)


def _f(value):
    return "–" if value is None else f"{value:.0f}"


def public_summary(stem: Path) -> dict:
    """Every public page's requests together, from the times the clients recorded."""
    raw = json.loads(Path(f"{stem}_raw.json").read_text())
    rows = [(ms, failed) for name, ms, failed in raw if name in PUBLIC_PAGES]
    times = sorted(ms for ms, _failed in rows)

    def q(p):
        return times[min(int(p * len(times)), len(times) - 1)] if times else None

    return {"requests": len(rows), "errors": sum(1 for _ms, failed in rows if failed),
            "p50": q(0.5), "p95": q(0.95), "p99": q(0.99)}  # fmt: skip


def main():
    global SPAWN_RATE  # noqa: PLW0603 - one setting for every locust run
    args = arguments()
    SPAWN_RATE = args.spawn_rate
    url = database_url(args)
    port = free_port()
    os.environ.update(server_env(url, port))
    WORK.mkdir(parents=True, exist_ok=True)
    stem = Path(args.out or WORK / f"load-{args.database}")
    targets = prepare(args)
    settings = database_settings()
    print(f"data: {targets['counts']['organisations']} organisations, "
          f"{targets['counts']['offers']} offers; database: {settings}")  # fmt: skip
    targets_file = WORK / f"targets-{args.database}.json"
    log = open(WORK / f"server-{args.database}.log", "w")  # noqa: SIM115
    print(f"server: bildungsnetz serve 127.0.0.1:{port} --workers {args.workers} (DEBUG off)")
    server = start_server(args, port, log)
    try:
        targets = keep_reachable(targets, port)
        targets_file.write_text(json.dumps(targets))
        print(f"mix: {args.users} clients, pause {args.wait} s, {args.time}")
        rows = locust(port, "MixUser", args.users, args.time, targets_file,
                      Path(f"{stem}-mix"), args.wait)  # fmt: skip
        public = public_summary(Path(f"{stem}-mix"))
        public["rps"] = sum(r["rps"] for r in rows if r["name"] in PUBLIC_PAGES)
        print(f"ceiling: the bare view, {args.users} clients without pause, {args.time}")
        ceiling = locust(port, "BareUser", args.users, args.time, targets_file,
                         Path(f"{stem}-bare"), args.wait)[-1]  # fmt: skip
        alone = {}
        if args.page_time not in ("0", "0s", ""):
            for page in PUBLIC_PAGES + API_PAGES:
                print(f"alone: {page}, {args.page_time}")
                alone[page] = locust(port, "PageUser", args.users, args.page_time, targets_file,
                                     Path(f"{stem}-alone"), args.wait,
                                     only=page)[-1]["rps"]  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    order = PUBLIC_PAGES + API_PAGES + EDIT_PAGES
    pages = sorted((r for r in rows if r["name"] != "Aggregated"),
                   key=lambda r: order.index(r["name"]) if r["name"] in order else 99)  # fmt: skip
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": args.database,
        "database_settings": settings,
        "data": targets["counts"],
        "workers": args.workers, "users": args.users, "time": args.time, "wait": args.wait,
        "page_time": args.page_time, "load_average": os.getloadavg(), "cores": os.cpu_count(),
        "pages": pages, "total": next(r for r in rows if r["name"] == "Aggregated"),
        "public": public, "ceiling": ceiling, "alone": alone,
    }  # fmt: skip
    markdown = table(result) + "\n\nDatabase: " + ", ".join(f"{k} {v}" for k, v in settings.items())
    print()
    print(markdown)
    print(
        f"\npublic pages: {public['errors']} errors, p95 {_f(public['p95'])} ms; "
        "target: no errors, p95 < 300 ms"
    )
    Path(f"{stem}.json").write_text(json.dumps(result, indent=2))
    Path(f"{stem}.md").write_text(markdown + "\n")
    print(f"written: {stem}.json, {stem}.md")


if __name__ == "__main__":
    main()
