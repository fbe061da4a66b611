"""URLs of the surveys app: the authoring pages (included by `surveys.urls`): instruments,
their versions, sections, questions and options; waves, invitations and quotas."""

from django.urls import path

from . import views

_version = "instrumente/<slug:code>/versionen/<int:number>/"

urlpatterns = [
    path("instrumente/", views.instrument_list, name="instrument_list"),
    path("instrumente/neu/", views.instrument_create, name="instrument_create"),
    path("instrumente/<slug:code>/", views.instrument_detail, name="instrument_detail"),
    path("instrumente/<slug:code>/texte/", views.instrument_edit, name="instrument_edit"),
    path("instrumente/<slug:code>/wellen/neu/", views.wave_create, name="wave_create"),
    path(_version, views.version_detail, name="version_detail"),
    path(f"{_version}neue-version/", views.version_new, name="version_new"),
    path(f"{_version}abschnitte/neu/", views.section_form, name="section_create"),
    path(f"{_version}abschnitte/<int:pk>/", views.section_form, name="section_edit"),
    path(f"{_version}fragen/neu/", views.question_form, name="question_create"),
    path(f"{_version}fragen/<int:pk>/", views.question_form, name="question_edit"),
    path(f"{_version}fragen/<int:pk>/loeschen/", views.question_delete, name="question_delete"),
    path(f"{_version}fragen/<int:pk>/verschieben/", views.question_move, name="question_move"),
    path(f"{_version}fragen/<int:pk>/optionen/", views.choice_create, name="choice_create"),
    path(
        f"{_version}fragen/<int:pk>/optionen/<int:choice_pk>/loeschen/",
        views.choice_delete,
        name="choice_delete",
    ),
    path("wellen/<slug:slug>/", views.wave_detail, name="wave_detail"),
    path("wellen/<slug:slug>/bearbeiten/", views.wave_edit, name="wave_edit"),
    path("wellen/<slug:slug>/oeffnen/", views.wave_open, name="wave_open"),
    path("wellen/<slug:slug>/schliessen/", views.wave_close, name="wave_close"),
    path("wellen/<slug:slug>/einladungen/", views.invitation_import, name="invitation_import"),
    path("wellen/<slug:slug>/quoten/", views.quota_create, name="quota_create"),
    path("wellen/<slug:slug>/quoten/<int:pk>/loeschen/", views.quota_delete, name="quota_delete"),
]
