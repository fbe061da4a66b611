from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import translate_url
from django.utils.translation import get_language

from . import engine
from .forms import GlobalSearchForm
from .registry import sources

PER_PAGE = 20


class _Page:
    """Paginator input of known length whose slices are fetched by the engine."""

    def __init__(self, result_for):
        self.result_for = result_for
        self.total = result_for(0, 0).total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        return self.result_for(item.start or 0, (item.stop or self.total) - (item.start or 0)).hits


def global_search(request):
    form = GlobalSearchForm(request.GET)
    cd = form.cleaned_data if form.is_valid() else {"q": "", "kind": [], "city": None}
    labels = {k: s.label for k, s in sources().items()}
    first = engine.search(cd["q"], kinds=cd["kind"], territory=cd["city"], limit=0)
    page_obj = None
    if first.query:
        page_obj = Paginator(
            _Page(
                lambda offset, limit: engine.search(
                    cd["q"], kinds=cd["kind"], territory=cd["city"], limit=limit, offset=offset
                )
            ),
            PER_PAGE,
        ).get_page(request.GET.get("page"))
        language = get_language()
        for hit in page_obj.object_list:
            hit.label = labels.get(hit.kind, hit.kind)
            hit.link = translate_url(hit.url, language)
    params = request.GET.copy()
    params.pop("page", None)
    kinds = [
        {"kind": k, "label": label, "count": first.counts.get(k, 0), "selected": k in cd["kind"]}
        for k, label in labels.items()
    ]
    context = {
        "form": form,
        "result": first,
        "kinds": kinds,
        "page_obj": page_obj,
        "query_string_without_page": params.urlencode(),
    }
    template = "search/_results.html" if request.htmx else "search/global.html"
    return render(request, template, context)
