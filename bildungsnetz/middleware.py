"""Input hygiene for every request, page or API: one place strips what no person types.

Control characters (a vertical tab in a title, a NUL byte) are stripped from the query string,
form fields and JSON bodies before any view, form or schema sees them, so no stored text can
later break an XLSX export, an XML feed or a PostgreSQL query. Imports of files clean their
cells with the same function (`bildungsnetz.text.strip_control_characters`).

`RequestIdMiddleware` gives every request an id (bildungsnetz/logging.py) and writes one access
line per request. `StorageFullMiddleware` answers a write that failed for lack of space (disk
full, quota) with a clear message instead of a server error, for every upload at once.
"""

from __future__ import annotations

import errno
import json
import logging
import time

from django.core.signals import request_finished
from django.http import HttpResponseNotFound, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import logging as request_logging
from .text import CONTROL_CHARACTERS, clean_json_strings, strip_control_characters

access_log = logging.getLogger(request_logging.ACCESS_LOGGER)

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _clean_querydict(data: QueryDict) -> QueryDict:
    if not any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values)
        for key, values in data.lists()
    ):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(
            strip_control_characters(key), [strip_control_characters(v) for v in values]
        )
    cleaned._mutable = False
    return cleaned


def _invalid(message: str) -> JsonResponse:
    # The API's one error format (api.errors), status 422 as documented for every operation.
    return JsonResponse(
        {"detail": "The request is invalid.", "code": "invalid", "fields": {"__all__": [message]}},
        status=422,
    )


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path_info):
            # No page or object has such a name; the API answers in its own error format.
            if request.path_info.startswith("/api/"):
                body = {"detail": "Not found.", "code": "not_found", "fields": {}}
                return JsonResponse(body, status=404)
            return HttpResponseNotFound()
        request.GET = _clean_querydict(request.GET)
        if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
            if request.content_type == "application/json":
                failure = self._clean_json_body(request)
                if failure is not None:
                    return failure
            elif request.content_type in FORM_TYPES and request.method == "POST":
                request._post = _clean_querydict(request.POST)
        return self.get_response(request)

    @staticmethod
    def _clean_json_body(request):
        body = request.body
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return None  # not JSON: the API answers with its own validation error
        except RecursionError:
            return _invalid("The JSON body is nested too deeply.")
        if request.path_info.startswith("/api/") and not isinstance(data, dict):
            # Every write of the API takes one object; pydantic would read an array of pairs
            # as one, so a body like [["email", …]] must not get that far.
            return _invalid("The request body must be a JSON object.")
        try:
            cleaned = clean_json_strings(data)
        except RecursionError:
            return _invalid("The JSON body is nested too deeply.")
        if cleaned != data:
            request._body = json.dumps(cleaned, ensure_ascii=False).encode("utf-8")
        return None


class RequestIdMiddleware:
    """request.id from a well-formed X-Request-ID (nginx's $request_id) or a new uuid4; sent
    back in the response, attached to every log record of the request, and one access line
    (method, path, status, duration_ms) when the response leaves. First in MIDDLEWARE, so
    redirects and refusals of the middleware below get an id too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.id = request_logging.accepted_request_id(
            request.headers.get(request_logging.REQUEST_ID_HEADER)
        )
        request_logging.request_id.set(request.id)
        request_logging.request_method.set(request.method or "-")
        request_logging.request_path.set(request.path)
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response[request_logging.REQUEST_ID_HEADER] = request.id
            return response
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            access_log.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                status,
                duration_ms,
                extra={"status": status, "duration_ms": duration_ms},
            )


def _forget_request(**kwargs) -> None:
    """The request's values stay set until the server closes the response: Django logs a 4xx
    or 5xx response ("Not Found: …") only after the middleware returned it."""
    request_logging.request_id.set("-")
    request_logging.request_method.set("-")
    request_logging.request_path.set("-")


request_finished.connect(_forget_request, dispatch_uid="bildungsnetz.forget_request")


# errno values of a write refused for lack of space: a full disk, a user's or group's quota.
NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
STORAGE_FULL_STATUS = 507  # Insufficient Storage (RFC 4918)


class StorageFullMiddleware:
    """A view that stores a file on a full disk (bildungsnetz.storage leaves no half file, and
    the row is saved after its file) answers 507 with a message in the reader's language: a
    page, or JSON under /api/. Any other error is left to Django's error handling."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OSError) or exception.errno not in NO_SPACE:
            return None
        logging.getLogger(__name__).error(
            "A file could not be stored for lack of space: %s", exception, exc_info=exception
        )
        if request.path.startswith("/api/"):
            detail = _("The file could not be stored: the storage is full. Nothing was saved.")
            return JsonResponse({"detail": detail}, status=STORAGE_FULL_STATUS)
        return render(request, "storage_full.html", status=STORAGE_FULL_STATUS)
