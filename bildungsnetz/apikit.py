"""The kit every app's API router uses: the error body, the documented error responses and the
write authentication. It lives in the project package, below every app, so an app's `api.py`
never imports the `api` app (which only mounts the routers and owns the OpenAPI document).

Writes need a personal access token that is not read-only. The token itself is resolved by
accounts.middleware.ApiTokenMiddleware for every /api/ call (reads see what the token's user
may see); `write_auth` only gates the writes and documents the bearer scheme.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Schema
from ninja.security import HttpBearer


class ErrorOut(Schema):
    detail: str
    code: str
    fields: dict[str, list[str]] = {}


def errors(*codes: int) -> dict:
    """Document error responses, e.g. `response={200: Out, **errors(404)}`."""
    return dict.fromkeys(codes, ErrorOut)


# Every endpoint may answer these: invalid parameters and the rate limit.
COMMON = (422, 429)
READ_ERRORS = errors(*COMMON)
DETAIL_ERRORS = errors(404, *COMMON)
WRITE_ERRORS = errors(401, 403, 404, *COMMON)
# A change sent with If-Match: 412 when the object changed since that version.
PATCH_ERRORS = errors(401, 403, 404, 412, *COMMON)


class WriteToken(HttpBearer):
    openapi_description = "Personal access token (create it under “Mein Konto → API-Tokens”)."

    def __call__(self, request):
        token = getattr(request, "api_token", None)
        if token is None:
            return None
        if token.read_only:
            raise PermissionDenied("This token is read-only.")
        return token

    def authenticate(self, request, token):  # pragma: no cover - __call__ does the work
        return None


write_auth = WriteToken()
