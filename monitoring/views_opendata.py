"""/opendata/: the DCAT-AP.de catalogue, downloads and the ZIP of everything public."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .dcat import (
    catalogue_graph,
    indicator_entries,
    indicator_licence_datasets,
    licence_name,
    licence_slug,
)
from .downloads import download
from .opendata import everything_public, stream_zip
from .selectors import (
    EXPORT_HEADER,
    INDICATOR_HEADER,
    dataset_public_list,
    indicator_public_list,
    indicator_rows,
    observation_rows,
)


def index(request):
    return render(
        request,
        "monitoring/opendata.html",
        {"datasets": dataset_public_list(), "indicators": _indicator_files()},
    )


def _indicator_files() -> list[dict]:
    """Indicators with values and their files: one pair, or one pair per licence."""
    files = []
    for entry in indicator_entries():
        licences = [
            {"slug": licence_slug(iri), "name": licence_name(iri, group)}
            for iri, group in entry.licences.items()
        ]
        files.append({"indicator": entry.indicator, "licences": licences})
    return files


def catalog_jsonld(request):
    return HttpResponse(
        catalogue_graph().jsonld(), content_type="application/ld+json; charset=utf-8"
    )


def catalog_ttl(request):
    return HttpResponse(catalogue_graph().turtle(), content_type="text/turtle; charset=utf-8")


def catalogue_iri(request):
    return _see_other(reverse("monitoring_opendata:index"))


def dataset_iri(request, code: str):
    dataset = get_object_or_404(dataset_public_list(), code=code)
    return _see_other(reverse("monitoring:dataset_detail", args=[dataset.code]))


def indicator_iri(request, code: str):
    indicator = get_object_or_404(indicator_public_list(), code=code)
    return _see_other(reverse("monitoring:indicator_detail", args=[indicator.code]))


def _see_other(url: str) -> HttpResponse:
    """303 See Other: the IRI names the thing, the page describes it (Linked Data practice)."""
    response = HttpResponse(status=303)
    response["Location"] = url
    return response


def dataset_download(request, code: str, fmt: str):
    dataset = get_object_or_404(dataset_public_list(), code=code)
    return download(fmt, dataset.code, EXPORT_HEADER, observation_rows(dataset))


def indicator_download(request, code: str, fmt: str):
    indicator = get_object_or_404(indicator_public_list(), code=code)
    return download(fmt, indicator.code, INDICATOR_HEADER, indicator_rows(indicator))


def indicator_licence_download(request, code: str, licence: str, fmt: str):
    """The values of an indicator that come under one licence (see `dcat.py`)."""
    indicator = get_object_or_404(indicator_public_list(), code=code)
    codes = indicator_licence_datasets(indicator, licence)
    if codes is None:
        raise Http404
    column = INDICATOR_HEADER.index("dataset")
    rows = (row for row in indicator_rows(indicator) if row[column] in codes)
    return download(fmt, f"{indicator.code}-{licence}", INDICATOR_HEADER, rows)


def everything(request):
    response = StreamingHttpResponse(
        stream_zip(everything_public(settings.SITE_URL)), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="alles.zip"'
    return response
