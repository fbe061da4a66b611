"""Input hygiene for every request, page or API: one place strips what no person types.

Control characters (a vertical tab in a title, a NUL byte) are stripped from the query string,
form fields and JSON bodies before any view, form or schema sees them, so no stored text can
later break an XLSX export, an XML feed or a PostgreSQL query. Imports of files clean their
cells with the same function (`bildungsnetz.text.strip_control_characters`).
"""

from __future__ import annotations

import json

from django.http import HttpResponseNotFound, JsonResponse, QueryDict

from .text import CONTROL_CHARACTERS, clean_json_strings, strip_control_characters

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
