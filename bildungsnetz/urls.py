from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

from . import views

# German without a prefix, English under /en/: links and curl both get a stable language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "favicon.svg")),
]
if "api" in settings.INSTALLED_APPS:
    urlpatterns.append(path("api/", include("api.urls")))

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("konto/", include("allauth.urls")),
    path("organisationen/", include("actors.urls")),
    path("seiten/", include("pages.urls")),
    path("orte/", include("places.urls")),
    *views.optional_app_urls(),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
