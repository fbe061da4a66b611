"""Logs with request ids: one JSON object a line in production, plain text in development.

`RequestIdMiddleware` (bildungsnetz/middleware.py) puts the request's id, method and path into
context variables while the request runs; `RequestContextFilter` copies them onto every log
record made meanwhile, by any logger, so a traceback, a slow query warning and the access line
of one request share an id that nginx also logs (X-Request-ID). `config(json=…)` is the
LOGGING dictionary the settings use.

This module imports no Django models: the settings import it.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
# What a client or a proxy may hand us as an id: a uuid, nginx's $request_id (32 hex digits),
# or any short token of letters, digits and - _ . : — nothing that could forge a log line.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

request_id: ContextVar[str] = ContextVar("request_id", default="-")
request_method: ContextVar[str] = ContextVar("request_method", default="-")
request_path: ContextVar[str] = ContextVar("request_path", default="-")

ACCESS_LOGGER = "bildungsnetz.access"


def accepted_request_id(value: str | None) -> str:
    """The id a client sent, if well-formed; otherwise a fresh uuid4."""
    if value and REQUEST_ID_PATTERN.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestContextFilter(logging.Filter):
    """Adds request_id, method and path of the current request to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        # An access line carries its own values (extra=…); keep them.
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        if not hasattr(record, "method"):
            record.method = request_method.get()
        if not hasattr(record, "path"):
            record.path = request_path.get()
        return True


JSON_FIELDS = "%(levelname)s %(name)s %(message)s %(request_id)s"


def config(*, json: bool, level: str = "INFO") -> dict:
    """The LOGGING setting: JSON lines (`json=True`) or plain text, both with request ids."""
    formatters = {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": JSON_FIELDS,
            "rename_fields": {"levelname": "level", "name": "logger"},
            # "timestamp": ISO 8601 in UTC, whatever TIME_ZONE the process runs in.
            "timestamp": True,
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "bildungsnetz.logging.RequestContextFilter"}},
        "formatters": formatters,
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json else "plain",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Our access line (bildungsnetz.access) replaces the development server's.
            "django.server": {"level": "WARNING"},
            # WeasyPrint narrates every step of a PDF at INFO; warnings (missing fonts) remain.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
