"""Mounts each app's router under /api/v1/; the API app owns only the document and errors."""

from importlib import import_module
from importlib.util import find_spec

from django.urls import path
from ninja import NinjaAPI

from . import errors
from .docs import SelfHostedSwagger
from .throttles import IPThrottle, TokenThrottle


class BildungsnetzAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return errors.document_error_responses(super().get_openapi_schema(*args, **kwargs))


api = BildungsnetzAPI(
    title="Bildungsnetz API",
    version="1",
    description="Public data of Bildungsnetz: places, organisations, learning offers, "
    "partnerships, monitoring. Reading needs no account; a personal access token "
    "(`Authorization: Bearer bn_…`) shows what its user may see and, unless it is read-only, "
    "lets them change what their roles allow. Errors: "
    '`{"detail": …, "code": …, "fields": {…}}`. Lists are paginated with `limit` and `offset`.',
    urls_namespace="api-v1",
    docs=SelfHostedSwagger(),
    docs_url="/docs",
    throttle=[IPThrottle(), TokenThrottle()],
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
    ("/programme", "programme.api"),
    ("/events", "events.api"),
    ("/partners", "partners.api"),
    ("/knowledge", "knowledge.api"),
    ("/surveys", "surveys.api"),
    ("/reports", "reports.api"),
    ("/search", "search.api"),
]
for prefix, module in ROUTERS:
    if find_spec(module):
        api.add_router(prefix, import_module(module).router)

urlpatterns = [path("v1/", api.urls)]
