from importlib.util import find_spec

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.cache import never_cache

from . import health
from .pagecache import public_page

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


@public_page
def home(request):
    return render(request, "home.html")


def bench_bare(request):
    """The load test's ceiling: the least a Django view does (see BENCH_BARE_VIEW)."""
    return HttpResponse("ok")


def healthz(request):
    """Liveness: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: database, migrations, cache, media storage and task queue; 503 if one fails."""
    ready, checks = health.readiness()
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )
