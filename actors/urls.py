from django.urls import path

from . import views

app_name = "actors"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("neu/", views.organisation_create_view, name="organisation_create"),
    path("import/", views.organisation_import, name="organisation_import"),
    path("import/zuordnen/", views.organisation_import_upload, name="organisation_import_upload"),
    path("import/spalten/", views.organisation_import_map, name="organisation_import_map"),
    path("registrieren/", views.organisation_register_view, name="organisation_register"),
    path("registrierungen/", views.registration_queue, name="registration_queue"),
    path("<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("<slug:slug>/bearbeiten/", views.organisation_edit, name="organisation_edit"),
    path("<slug:slug>/pruefen/", views.organisation_review, name="organisation_review"),
]
