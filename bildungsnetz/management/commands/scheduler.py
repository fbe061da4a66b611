"""`bildungsnetz scheduler`: queue the periodic tasks when they are due (see schedule.py), and
mark tasks a dead worker left running as failed (see task_recovery.py)."""

import time

from django.core.management.base import BaseCommand

from bildungsnetz.schedule import enqueue_due, periodic_tasks
from bildungsnetz.task_recovery import tasks_recover


class Command(BaseCommand):
    help = "Queue periodic background tasks when due; every minute, or once with --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="check once and exit (cron)")
        parser.add_argument("--list", action="store_true", help="list the periodic tasks")
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between checks")

    def handle(self, *args, once=False, list=False, interval=60.0, **options):
        if list:
            for periodic in periodic_tasks():
                self.stdout.write(f"{periodic.name}\tevery {periodic.every}")
            return
        while True:
            for name in enqueue_due():
                self.stdout.write(f"queued {name}")
            for task_id in tasks_recover():
                self.stdout.write(f"marked failed: task {task_id} (its worker stopped)")
            if once:
                return
            time.sleep(interval)
