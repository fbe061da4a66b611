"""What `bildungsnetz serve` needs in production: collected static files and a WSGI server.

With DEBUG off the pages link static files by their hashed names from the manifest that
`collectstatic` writes; without it every page is a 500. `prepare_static` collects them into
STATIC_ROOT before the server starts, and only when the source files changed since the last
run (a collect hashes and compresses every file, half a minute), under a lock so two starting
instances do not collect into each other. `server_argv` is the gunicorn command line.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

STAMP = ".bildungsnetz-collected"
MANIFEST = "staticfiles.json"
MAX_DEFAULT_WORKERS = 8


def static_fingerprint() -> str:
    """A hash of every source static file (name, size, modification time) and the storage."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    entries = []
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore):
            stat = os.stat(storage.path(path))
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\n")
    return digest.hexdigest()


def prepare_static(stdout=None) -> bool:
    """Collect static files into STATIC_ROOT unless they are current; True if it collected."""
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".collect.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        fingerprint = static_fingerprint()
        stamp = root / STAMP
        current = stamp.is_file() and stamp.read_text().strip() == fingerprint
        if current and (root / MANIFEST).is_file():
            return False
        if stdout is not None:
            stdout.write(f"Collecting static files into {root} …")
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint + "\n")
        return True


def default_workers() -> int:
    """WEB_CONCURRENCY if set (gunicorn's own convention), else 2 x cores + 1, at most 8."""
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if configured:
        return int(configured)
    return min(2 * (os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)


def bind_address(addrport: str) -> str:
    """runserver's ADDR forms for gunicorn: "8000" → "127.0.0.1:8000"; "unix:/path" stays."""
    if addrport.isdigit():
        return f"127.0.0.1:{addrport}"
    return addrport


def server_argv(python: str, addrport: str, workers: int) -> list[str]:
    """The production web server: gunicorn with `workers` processes. The access log is the
    application's own (one JSON line per request with its request id, bildungsnetz/logging.py),
    so gunicorn writes none of its own.

    Further gunicorn options (e.g. `--timeout 120`) go into GUNICORN_CMD_ARGS.
    """
    return [
        python,
        "-m",
        "gunicorn",
        "bildungsnetz.wsgi:application",
        "--bind",
        bind_address(addrport),
        "--workers",
        str(workers),
        # No control socket: it would sit in the service user's home, shared by every
        # instance of that user, and nothing here uses it.
        "--no-control-socket",
    ]
