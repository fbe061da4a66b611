"""`bildungsnetz serve`: the web server, the background worker and the scheduler.

With DEBUG on: Django's development server. With DEBUG off: static files are collected into
STATIC_ROOT when they changed (bildungsnetz/serving.py) and gunicorn serves with several
worker processes. The background worker and the scheduler run beside either.
"""

import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bildungsnetz.serving import default_workers, prepare_static, server_argv


class Command(BaseCommand):
    help = "Run the web server, the background task worker and the scheduler together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="web server processes with DEBUG off [WEB_CONCURRENCY, else 2 x cores + 1]",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="with DEBUG off, do not collect static files (already done at deployment)",
        )

    def handle(self, *args, addrport, no_worker, workers, no_collectstatic, **options):
        if settings.DEBUG:
            self._with_helpers(
                no_worker, lambda: call_command("runserver", addrport, use_reloader=False)
            )
            return
        if not no_collectstatic:
            prepare_static(self.stdout)
        workers = workers or default_workers()
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        argv = server_argv(sys.executable, addrport, workers)
        self.stdout.write(
            f"Serving with gunicorn ({workers} workers) on {argv[argv.index('--bind') + 1]}"
        )
        self._with_helpers(no_worker, lambda: self._run_server(argv))

    def _run_server(self, argv):
        server = subprocess.Popen(argv)  # noqa: S603 - our own interpreter and gunicorn
        try:
            code = server.wait()
        finally:
            if server.poll() is None:
                server.terminate()  # gunicorn stops gracefully on SIGTERM
                server.wait(timeout=60)
        if code:
            raise CommandError(f"the web server stopped with exit code {code}")

    def _with_helpers(self, no_worker, run):
        helpers = []
        if not no_worker:
            # The worker runs queued tasks; the scheduler queues the periodic ones when due.
            for command in ("db_worker", "scheduler"):
                helpers.append(
                    subprocess.Popen(  # noqa: S603 - our own interpreter and command
                        [sys.executable, "-m", "bildungsnetz.cli", command]
                    )
                )
        # A service manager stops us with SIGTERM: leave through the `finally` below, so the
        # server and the helpers stop with us instead of living on as orphans.
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            run()
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            for helper in helpers:
                if helper.poll() is None:
                    helper.terminate()
            for helper in helpers:
                helper.wait(timeout=10)


def _exit_on_sigterm(signum, frame):
    raise SystemExit(0)
