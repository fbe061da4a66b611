"""Input hygiene for every API call, whatever router answers it."""

from __future__ import annotations

from django.http import JsonResponse


class RejectNullCharactersMiddleware:
    """NUL characters are never meaningful input, and PostgreSQL text refuses them (a 500).

    Django forms reject them per field; ninja schemas do not, so /api/ rejects them once here,
    in the path, the query string and a JSON body, with a 422 in the API's error format.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/") and self._has_nul(request):
            return JsonResponse(
                {
                    "detail": "The request contains a NUL character.",
                    "code": "invalid",
                    "fields": {"__all__": ["NUL characters are not allowed."]},
                },
                status=422,
            )
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            return True
        if request.content_type == "application/json" and request.method in {
            "POST",
            "PUT",
            "PATCH",
        }:
            body = request.body
            return b"\\u0000" in body or b"\x00" in body
        return False
