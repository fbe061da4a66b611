"""List-page plumbing shared by every app: sorting whitelist, pagination, query strings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator


@dataclass
class Listing:
    page_obj: object
    sort: str
    query_string_without_page: str
    query_string_without_sort: str


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` objects, so a list of millions costs no more
    than one of `cap`: `count` is at most `cap`, `more` says that further objects exist
    (a list page then says "more than …"), and the pages end at the cap."""

    def __init__(self, object_list, per_page, *, cap: int, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _counted(self) -> int:
        # SELECT COUNT(*) FROM (SELECT … LIMIT cap + 1): the database stops at the cap.
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def more(self) -> bool:
        return self._counted > self.cap


def paginate(
    request,
    queryset,
    *,
    sorts: dict[str, tuple[str, ...]],
    default: str,
    per_page=25,
    count_limit: int | None = None,
):
    """Apply the requested sort (only whitelisted keys) and paginate, keeping other params.
    With `count_limit`, count at most that many objects (CappedPaginator)."""
    sort = request.GET.get("sort", default)
    if sort not in sorts:
        sort = default
    queryset = queryset.order_by(*sorts[sort])
    if count_limit is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = CappedPaginator(queryset, per_page, cap=count_limit)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    without_page = params.urlencode()
    params.pop("sort", None)
    return Listing(page_obj, sort, without_page, params.urlencode())
