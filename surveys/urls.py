"""URLs of the surveys app, one module per part: authoring (instruments, waves, invitations),
answering (public, no account), results (suppressed tables, comparisons, indices) and exports
(coded data, codebook, DDI, printable instrument)."""

from django.urls import path

from . import urls_answer, urls_authoring, urls_exports, urls_results, views

app_name = "surveys"
urlpatterns = [
    path("", views.home, name="home"),
    *urls_authoring.urlpatterns,
    *urls_answer.urlpatterns,
    *urls_results.urlpatterns,
    *urls_exports.urlpatterns,
]
