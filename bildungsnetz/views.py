from importlib.util import find_spec

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import include, path

# App URL modules mounted when present, so domain apps can land independently.
OPTIONAL_APPS = [
    ("kooperation/", "cooperation.urls"),
    ("angebote/", "offers.urls"),
    ("monitoring/", "monitoring.urls"),
    ("opendata/", "monitoring.opendata_urls"),
    ("veranstaltungen/", "events.urls"),
    ("arbeitsgruppen/", "events.group_urls"),
    ("programm/", "programme.urls"),
    ("wissen/", "knowledge.urls"),
    ("partnersuche/", "partners.urls"),
    ("befragungen/", "surveys.urls"),
    ("berichte/", "reports.urls"),
    ("suche/", "search.urls"),
    ("mein-konto/", "accounts.urls"),
]


def optional_app_urls():
    return [path(prefix, include(module)) for prefix, module in OPTIONAL_APPS if find_spec(module)]


def home(request):
    return render(request, "home.html")


def bench_bare(request):
    """The load test's ceiling: the least a Django view does (see BENCH_BARE_VIEW)."""
    return HttpResponse("ok")


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
