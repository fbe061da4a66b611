"""Shared pieces of every router: the error body and the documented error responses."""

from __future__ import annotations

from ninja import Schema


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
