"""/opendata/: the DCAT-AP.de catalogue, downloads and the ZIP of everything public."""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Dataset, Indicator
from .opendata import catalogue_graph, everything_public, stream_zip
from .services import EXPORT_HEADER, INDICATOR_HEADER, indicator_rows, observation_rows
from .views import download


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def index(request):
    return render(
        request,
        "monitoring/opendata.html",
        {"datasets": Dataset.objects.public(), "indicators": Indicator.objects.public()},
    )


def catalog_jsonld(request):
    return HttpResponse(
        catalogue_graph(_base(request)).jsonld(), content_type="application/ld+json; charset=utf-8"
    )


def catalog_ttl(request):
    return HttpResponse(
        catalogue_graph(_base(request)).turtle(), content_type="text/turtle; charset=utf-8"
    )


def dataset_download(request, code: str, fmt: str):
    dataset = get_object_or_404(Dataset.objects.public(), code=code)
    return download(fmt, dataset.code, EXPORT_HEADER, observation_rows(dataset))


def indicator_download(request, code: str, fmt: str):
    indicator = get_object_or_404(Indicator.objects.public(), code=code)
    return download(fmt, indicator.code, INDICATOR_HEADER, indicator_rows(indicator))


def everything(request):
    response = StreamingHttpResponse(
        stream_zip(everything_public(_base(request))), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="alles.zip"'
    return response
