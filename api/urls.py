"""Mounts each app's router under /api/v1/; the API app owns only the document and errors."""

from importlib import import_module
from importlib.util import find_spec

from django.urls import path
from ninja import NinjaAPI

from . import errors

api = NinjaAPI(
    title="Bildungsnetz API",
    version="1",
    description="Public data of Bildungsnetz: organisations, learning offers, partnerships, "
    "monitoring. Write access with personal access tokens.",
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)

# (prefix, module) of the app routers, in the order imports may flow.
ROUTERS = [
    ("/places", "places.api"),
    ("/organisations", "actors.api"),
    ("/accounts", "accounts.api"),
    ("/cooperation", "cooperation.api"),
    ("/offers", "offers.api"),
    ("/monitoring", "monitoring.api"),
    ("/search", "search.api"),
]
for prefix, module in ROUTERS:
    if find_spec(module):
        api.add_router(prefix, import_module(module).router)

urlpatterns = [path("v1/", api.urls)]
