from django.urls import path, re_path

from . import views_opendata as views

app_name = "monitoring_opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog_jsonld"),
    path("catalog.ttl", views.catalog_ttl, name="catalog_ttl"),
    path("alles.zip", views.everything, name="everything"),
    # The catalogue's IRIs for itself, datasets and indicators: they redirect to the pages.
    path("id/katalog", views.catalogue_iri, name="catalogue_iri"),
    path("id/datensatz/<str:code>", views.dataset_iri, name="dataset_iri"),
    path("id/indikator/<slug:code>", views.indicator_iri, name="indicator_iri"),
    re_path(
        r"^datensaetze/(?P<code>[^/]+)\.(?P<fmt>csv|json)$",
        views.dataset_download,
        name="dataset_download",
    ),
    re_path(
        r"^indikatoren/(?P<code>[-\w]+)\.(?P<fmt>csv|json)$",
        views.indicator_download,
        name="indicator_download",
    ),
    re_path(
        r"^indikatoren/(?P<code>[-\w]+)/(?P<licence>[-\w.]+)\.(?P<fmt>csv|json)$",
        views.indicator_licence_download,
        name="indicator_licence_download",
    ),
]
