"""Authentication of write endpoints: a personal access token that is not read-only.

The token itself is resolved by accounts.middleware.ApiTokenMiddleware for every /api/ call
(reads see what the token's user may see); this class only gates the writes and documents the
bearer scheme in the OpenAPI document.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja.security import HttpBearer


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
