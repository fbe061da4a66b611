"""List pages and API lists, one way for every app: filters checked once (`valid_filters`),
a sort whitelist (`Sorting`), capped pagination (`paginate`), and the page itself (`ListPage`:
export, full page or HTMX partial)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.shortcuts import render

from .exports import FORMATS, Column, export_table


@dataclass
class Listing:
    page_obj: object
    sort: str
    query_string_without_page: str
    query_string_without_sort: str


def capped_count(objects, cap: int) -> int:
    """How many of `objects` there are, counting at most `cap + 1` (one more says "more").

    A queryset is counted without its order: SELECT COUNT(*) FROM (SELECT … LIMIT cap + 1)
    stops at the cap either way, but with an ORDER BY the database walks an index in that
    order and fetches the rows at random (an ordered count of 10,001 offers read 60,000 pages
    where a sequential scan reads 6,000). Which rows make up the cap + 1 does not matter."""
    if hasattr(objects, "order_by"):
        objects = objects.order_by()
    return len(objects[: cap + 1]) if isinstance(objects, Sequence) else objects[: cap + 1].count()


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` objects, so a list of millions costs no more
    than one of `cap`: `count` is at most `cap`, `more` says that further objects exist
    (a list page then says "more than …"), and the pages end at the cap."""

    def __init__(self, object_list, per_page, *, cap: int, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _counted(self) -> int:
        return capped_count(self.object_list, self.cap)

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


# --- The list kit: one list page, from filter form to export or HTMX partial ----------------


EXPORT_PARAMETER = "format"


def export_format(request) -> str | None:
    """The export asked for (`?format=csv|xlsx|json`, the last one given), or None."""
    fmt = request.GET.get(EXPORT_PARAMETER)
    return fmt if fmt in FORMATS else None


def filter_data(request):
    """The list's query without the export request, for binding its filter form: the export
    link adds `format=csv` to the shown list's query, and a list may filter by a field of the
    same name (an offer's format: course, workshop …), which must keep its own values."""
    data = request.GET.copy()
    values = [v for v in data.getlist(EXPORT_PARAMETER) if v not in FORMATS]
    if values:
        data.setlist(EXPORT_PARAMETER, values)
    else:
        data.pop(EXPORT_PARAMETER, None)
    return data


def query_with(params, name: str, value: str | None) -> str:
    """The query string `params` with `name` set to `value` and the page dropped ("" without
    a value): links such as "Did you mean …" that change one parameter of the current list."""
    if not value:
        return ""
    params = params.copy()
    params.pop("page", None)
    params[name] = value
    return params.urlencode()


@dataclass(frozen=True)
class Sorting:
    """A list's sort whitelist: key → `order_by` fields, the links' labels, the default key.
    Pages, exports and API lists of one entity share it (it lives beside the selector)."""

    orders: Mapping[str, tuple[str, ...]]
    labels: Sequence[tuple[str, str]]
    default: str

    def key(self, requested: str | None) -> str:
        return requested if requested in self.orders else self.default

    def apply(self, queryset, requested: str | None = None):
        return queryset.order_by(*self.orders[self.key(requested)])


@dataclass(frozen=True)
class ListPage:
    """One list page: filter form (bound to `filter_data(request)`) → selector → whitelisted
    sort → (capped) pagination →
    `?format=csv|xlsx|json` export of every filtered row in the shown order → the full page,
    or only the results partial for an HTMX request.

    Invalid filters (`valid_filters`) list nothing and the page says why
    (`includes/filter_errors.html` in the partial), as the API answers them with 422."""

    sorting: Sorting
    template: str
    partial: str
    export_name: str
    export_columns: Sequence[Column]
    per_page: int = 25
    count_limit: int | None = None  # count at most this many rows (CappedPaginator)

    def response(
        self,
        request,
        *,
        form,
        select: Callable[[dict], object],
        sort_links: Sequence[tuple[str, str]] | None = None,
        context: dict | Callable[[], dict] | None = None,
    ):
        """`select(filters)` is the entity's selector with the form's cleaned data bound
        (`lambda filters: organisation_list(user=request.user, filters=filters)`);
        `context` (a dict, or a function called only when a page is rendered) adds to the
        template context."""
        try:
            queryset = select(valid_filters(form))
        except FilterError:
            queryset = select({}).none()
        fmt = export_format(request)
        if fmt:
            return self.export(request, queryset, fmt)
        listing = paginate(
            request,
            queryset,
            sorts=self.sorting.orders,
            default=self.sorting.default,
            per_page=self.per_page,
            count_limit=self.count_limit,
        )
        return self.render(
            request, form=form, listing=listing, sort_links=sort_links, context=context
        )

    def export(self, request, queryset, fmt: str):
        """Every row of `queryset` in the order the page shows (the requested sort)."""
        rows = self.sorting.apply(queryset, request.GET.get("sort"))
        return export_table(fmt, self.export_name, self.export_columns, rows)

    def render(
        self,
        request,
        *,
        form,
        listing: Listing,
        sort_links: Sequence[tuple[str, str]] | None = None,
        context: dict | Callable[[], dict] | None = None,
    ):
        """The full page, or its results partial for HTMX, around `listing`."""
        extra = context() if callable(context) else (context or {})
        paginator = listing.page_obj.paginator
        return render(
            request,
            self.partial if request.htmx else self.template,
            {
                "form": form,
                "listing": listing,
                "page_obj": listing.page_obj,
                "query_string_without_page": listing.query_string_without_page,
                "sort_links": self.sorting.labels if sort_links is None else sort_links,
                "list_more": getattr(paginator, "more", False),
                **extra,
            },
        )
