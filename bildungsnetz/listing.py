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
    return _listing(request, paginator, sort)


def paginate_ranked(request, results, *, sort: str = "relevance", per_page=25):
    """Paginate results that come in their own order (search.engine.ranked: best match first)
    with the same query strings as `paginate`."""
    return _listing(request, Paginator(results, per_page), sort)


def _listing(request, paginator, sort: str) -> Listing:
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    without_page = params.urlencode()
    params.pop("sort", None)
    return Listing(page_obj, sort, without_page, params.urlencode())


class FilterError(Exception):
    """A list was asked with invalid filters (an unknown city, a year out of range …).

    Raised by `valid_filters`; the API answers it with 422 and each field's messages
    (api/errors.py), a list page shows the messages and lists nothing. An invalid filter never
    means "no filter", so it never lists everything."""

    def __init__(self, form):
        super().__init__("The filters are invalid.")
        self.form = form

    @property
    def fields(self) -> dict[str, list[str]]:
        return {name: [str(m) for m in errors] for name, errors in self.form.errors.items()}


def valid_filters(form) -> dict:
    """The cleaned data of a bound filter form, or FilterError: the one check of list filters
    that pages and API lists share."""
    if not form.is_valid():
        raise FilterError(form)
    return form.cleaned_data


def filters_or_error(form_class, data, **kwargs) -> dict:
    """`valid_filters` of `form_class(data)`: for API lists, which keep no form."""
    return valid_filters(form_class(data, **kwargs))
