"""URLs of the surveys app: the results pages (included by `surveys.urls`)."""

from django.urls import path

from . import views_results as views

urlpatterns = [
    path("wellen/<slug:slug>/ergebnisse/", views.results_wave, name="results_wave"),
    path(
        "wellen/<slug:slug>/ergebnisse/aufschluesselung/",
        views.results_breakdown,
        name="results_breakdown",
    ),
    path(
        "wellen/<slug:slug>/ergebnisse/indizes/<slug:code>/veroeffentlichen/",
        views.results_index_publish,
        name="results_index_publish",
    ),
    path("vergleich/", views.results_compare, name="results_compare"),
]
