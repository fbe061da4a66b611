"""One error format for the whole API: {"detail": …, "code": …, "fields": {…}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from bildungsnetz.concurrency import EditConflict, etag
from bildungsnetz.listing import FilterError

STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    409: "conflict",
    412: "precondition_failed",
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

    @api.exception_handler(FilterError)
    def on_invalid_filters(request, exc: FilterError):
        # The same check as the list pages (bildungsnetz.listing.valid_filters): an unknown
        # city or topic is an error with its field's message, never "no filter".
        return api.create_response(
            request, _body("The filters are invalid.", "invalid", exc.fields), status=422
        )

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, _body("Not found.", "not_found"), status=404)

    @api.exception_handler(PermissionDenied)
    def on_denied(request, exc):
        detail = str(exc) or "You may not do this."
        return api.create_response(request, _body(detail, "permission_denied"), status=403)

    @api.exception_handler(DjangoValidationError)
    def on_model_validation(request, exc: DjangoValidationError):
        fields = (
            {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"__all__": [str(m) for m in exc.messages]}
        )
        return api.create_response(
            request, _body("The request is invalid.", "invalid", fields), status=422
        )

    @api.exception_handler(EditConflict)
    def on_edit_conflict(request, exc: EditConflict):
        # The stored version's ETag comes along: GET it, merge, send again with that If-Match.
        response = api.create_response(
            request,
            _body(
                "The object was changed since the version in If-Match; fetch it again.",
                "precondition_failed",
            ),
            status=412,
        )
        response["ETag"] = etag(exc.stored)
        return response

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        return api.create_response(
            request, _body("Authentication required.", "not_authenticated"), status=401
        )

    @api.exception_handler(Throttled)
    def on_throttled(request, exc: Throttled):
        response = api.create_response(
            request, _body("Too many requests, slow down.", "throttled"), status=429
        )
        response["Retry-After"] = str(max(1, int(exc.wait or 1)))
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        code = STATUS_CODES.get(exc.status_code, "error")
        return api.create_response(request, _body(str(exc), code), status=exc.status_code)


ERROR_SCHEMA = {
    "type": "object",
    "title": "Error",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail", "code", "fields"],
}
DESCRIPTIONS = {
    401: "No valid token",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    422: "Invalid parameters or body",
    412: "The object changed since the version named in If-Match (the ETag of its GET)",
    429: "Rate limit reached",
}


def document_error_responses(schema: dict) -> dict:
    """Every operation can answer with the error format: document it once for all routers.

    422 and 429 can come from every operation, 404 from those with path parameters, 401/403
    from those that need a token, 412 from PATCH (sent with If-Match). Responses a router
    documents itself are kept. Ninja keys a router's responses by number, the document by
    text: the keys are made text first, so each status is declared once (a number and its
    text side by side serialise to a duplicated key that breaks YAML readers and the docs page).
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation["responses"] = {
                str(code): response for code, response in operation["responses"].items()
            }
            codes = [422, 429]
            if "{" in path:
                codes.append(404)
            if operation.get("security"):
                codes += [401, 403]
            if method == "patch":
                codes.append(412)
            for code in codes:
                operation["responses"].setdefault(
                    str(code),
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": ref}},
                    },
                )
    return schema
