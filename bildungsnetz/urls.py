from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views as accounts_views

from . import files, views

# German without a prefix, English under /en/: links and curl both get a stable language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "favicon.svg")),
    # Uploaded files, in development and production alike, only after the owning object's
    # rules (bildungsnetz/files.py); MEDIA_URL is this path, so `field.url` links to the check.
    path(settings.MEDIA_URL.strip("/") + "/<path:name>", files.protected_file, name="media"),
]
if settings.BENCH_BARE_VIEW:  # the load test's ceiling (bench/load.py), off by default
    urlpatterns.append(path("__bench/bare", views.bench_bare))
if "api" in settings.INSTALLED_APPS:
    urlpatterns.append(path("api/", include("api.urls")))

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # Before the admin's own URLs: its login is allauth's (rate limits, second factor).
    path("admin/login/", accounts_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("konto/", include("allauth.urls")),
    path("organisationen/", include("actors.urls")),
    path("seiten/", include("pages.urls")),
    path("orte/", include("places.urls")),
    *views.optional_app_urls(),
    prefix_default_language=False,
)
