"""One error format for the whole API: {"detail": …, "code": …, "fields": {…}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError

STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    409: "conflict",
    429: "throttled",
}


def _body(detail: str, code: str, fields: dict | None = None) -> dict:
    return {"detail": detail, "code": code, "fields": fields or {}}


def install(api) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request, exc: ValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            loc = [
                str(p)
                for p in error.get("loc", [])
                if p not in ("body", "query", "path", "payload")
            ]
            fields.setdefault(".".join(loc) or "__all__", []).append(error.get("msg", "invalid"))
        return api.create_response(
            request, _body("The request is invalid.", "invalid", fields), status=422
        )

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, _body("Not found.", "not_found"), status=404)

    @api.exception_handler(PermissionDenied)
    def on_denied(request, exc):
        return api.create_response(
            request, _body("You may not do this.", "permission_denied"), status=403
        )

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        return api.create_response(
            request, _body("Authentication required.", "not_authenticated"), status=401
        )

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        code = STATUS_CODES.get(exc.status_code, "error")
        return api.create_response(request, _body(str(exc), code), status=exc.status_code)
