from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import translate_url
from django.utils.translation import get_language

from bildungsnetz.listing import query_with

from . import engine
from .forms import GlobalSearchForm
from .registry import sources

PER_PAGE = 20


class _Page:
    """Paginator input over a GlobalResult: its length is the number of candidates, a slice
    fetches the display text of just those hits."""

    def __init__(self, result: engine.GlobalResult):
        self.result = result

    def count(self):
        return self.result.total

    def __len__(self):
        return self.result.total

    def __getitem__(self, item):
        start = item.start or 0
        return self.result.page(start, (item.stop or self.result.total) - start)


def _grouped(hits, labels) -> list[dict]:
    """The page's hits (ranked across kinds) grouped by kind, each group where its best hit
    ranks, the hits in rank order inside it."""
    language = get_language()
    groups: dict[str, dict] = {}
    for hit in hits:
        hit.link = translate_url(hit.url, language)
        group = groups.setdefault(
            hit.kind, {"kind": hit.kind, "label": labels.get(hit.kind, hit.kind), "hits": []}
        )
        group["hits"].append(hit)
    return list(groups.values())


def global_search(request):
    form = GlobalSearchForm(request.GET)
    cd = form.cleaned_data if form.is_valid() else {"q": "", "kind": [], "city": None}
    labels = {k: s.label for k, s in sources().items()}
    # One search per request: counts per kind and the ranked candidates; the page's hits are
    # fetched when the paginator slices.
    first = engine.search(cd["q"], kinds=cd["kind"], territory=cd["city"], limit=0)
    page_obj, groups = None, []
    if first.query:
        page_obj = Paginator(_Page(first), PER_PAGE).get_page(request.GET.get("page"))
        groups = _grouped(page_obj.object_list, labels)
    params = request.GET.copy()
    params.pop("page", None)
    kinds = [
        {
            "kind": k,
            "label": label,
            "count": first.counts.get(k, 0),
            "more": k in first.more,
            "selected": k in cd["kind"],
        }
        for k, label in labels.items()
    ]
    context = {
        "form": form,
        "result": first,
        "kinds": kinds,
        "page_obj": page_obj,
        "groups": groups,
        "query_string_without_page": params.urlencode(),
        "suggestion_query": query_with(request.GET, "q", first.suggestion),
    }
    template = "search/_results.html" if request.htmx else "search/global.html"
    return render(request, template, context)
