"""Reads to a PostgreSQL read replica, writes to the primary, and a client's reads back to the
primary as long as a replica may not yet show what it just wrote.

Active only when DATABASE_REPLICA_URLS names replicas (settings: aliases `replica_1`, …,
each a `TEST: MIRROR` of `default`, so the test database is never a second one). The router:

- writes, relations and migrations: always `default` (the primary);
- reads inside a transaction on the primary: `default` (a transaction sees its own rows);
- reads of a request after that request wrote: `default` (pinned for the rest of it);
- reads of a client that wrote less than REPLICA_PIN_SECONDS ago: `default`. Every request
  that is not GET/HEAD/OPTIONS, and every write, sets a short-lived cookie
  (`PinToPrimaryMiddleware`), so the page shown after a POST's redirect reads on the primary
  even on another app machine. A logged-in session is saved on every request
  (SESSION_SAVE_EVERY_REQUEST), so signed-in people read on the primary; anonymous visitors,
  the bulk of the traffic, read on the replicas;
- any other read: one of the replicas, chosen per request (one request sees one replica).

The decisions depend only on context variables the middleware sets, so they are tested as a
unit without real replication.
"""

from __future__ import annotations

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY = "default"
PIN_COOKIE = "bn_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Set for the length of a request by PinToPrimaryMiddleware; outside requests (commands, the
# worker, the scheduler) `pinned` is True: batch work reads what it wrote.
pinned: ContextVar[bool] = ContextVar("db_pinned", default=True)
replica_choice: ContextVar[str | None] = ContextVar("db_replica_choice", default=None)
wrote: ContextVar[bool] = ContextVar("db_wrote", default=False)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def in_primary_transaction() -> bool:
    # in_atomic_block, not get_autocommit(): asking must not open a connection to the primary.
    return connections[PRIMARY].in_atomic_block


def pin() -> None:
    """From now on this context (request) reads on the primary."""
    pinned.set(True)
    wrote.set(True)


class ReplicaRouter:
    """Django database router; listed in DATABASE_ROUTERS when replicas are configured."""

    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas or pinned.get() or in_primary_transaction():
            return PRIMARY
        choice = replica_choice.get()
        if choice not in replicas:
            choice = random.choice(replicas)  # noqa: S311 - load spreading, not security
            replica_choice.set(choice)
        return choice

    def db_for_write(self, model, **hints):
        # A request that writes reads its own writes from here on.
        pin()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PinToPrimaryMiddleware:
    """Per request: pinned to the primary if the client wrote within REPLICA_PIN_SECONDS (the
    cookie), else free to read on a replica until it writes. Writing requests renew the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned_until = _cookie_time(request.COOKIES.get(PIN_COOKIE))
        unsafe = request.method not in SAFE_METHODS
        tokens = (
            pinned.set(unsafe or pinned_until > time.time()),
            replica_choice.set(None),
            wrote.set(False),
        )
        try:
            response = self.get_response(request)
            if unsafe or wrote.get():
                # This request wrote (or may have): the next ones read on the primary too.
                seconds = settings.REPLICA_PIN_SECONDS
                response.set_cookie(
                    PIN_COOKIE,
                    str(int(time.time()) + seconds),
                    max_age=seconds,
                    httponly=True,
                    secure=settings.SESSION_COOKIE_SECURE,
                    samesite="Lax",
                )
            return response
        finally:
            wrote.reset(tokens[2])
            replica_choice.reset(tokens[1])
            pinned.reset(tokens[0])


def _cookie_time(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
