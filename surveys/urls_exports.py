"""URLs of the surveys app: the exports pages (included by `surveys.urls`)."""

from django.urls import path

from . import views_exports as views

urlpatterns = [
    path("wellen/<slug:slug>/export/", views.export_wave, name="export_wave"),
    path("wellen/<slug:slug>/export/daten/", views.export_answers, name="export_answers"),
    path("wellen/<slug:slug>/export/codebuch/", views.export_codebook, name="export_codebook"),
    path("wellen/<slug:slug>/export/ddi.xml", views.export_ddi, name="export_ddi"),
    path(
        "wellen/<slug:slug>/fragebogen.pdf",
        views.export_instrument_pdf,
        name="export_instrument_pdf",
    ),
    path(
        "instrumente/<slug:code>/versionen/<int:number>/fragebogen.pdf",
        views.export_version_pdf,
        name="export_version_pdf",
    ),
]
