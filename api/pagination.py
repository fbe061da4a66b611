"""The API's one pagination: `limit` (1..NINJA_PAGINATION_MAX_LIMIT) and a bounded `offset`.

Ninja's default offset is unbounded, so a huge number reaches the database and fails there;
the bound turns it into a 422 in the error format. Set as NINJA_PAGINATION_CLASS, so every
router's `@paginate` uses it.
"""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 1_000_000


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
