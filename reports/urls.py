from django.urls import path

from . import views

app_name = "reports"
SECTION = "<slug:slug>/abschnitte/<int:pk>/"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("neu/", views.report_edit, name="report_create"),
    path("<slug:slug>/", views.report_detail, name="report_detail"),
    path("<slug:slug>/ausgaben/<int:number>/", views.edition_detail, name="edition_detail"),
    path("<slug:slug>/bearbeiten/", views.report_edit, name="report_edit"),
    path("<slug:slug>/status/", views.report_status, name="report_status"),
    path("<slug:slug>/daten.zip", views.report_data, name="report_data"),
    path("<slug:slug>/stadtteilprofile/", views.district_profiles, name="district_profiles"),
    path("<slug:slug>/pdf/", views.rendering_request, name="rendering_request"),
    path("<slug:slug>/pdf/<int:pk>/", views.rendering_detail, name="rendering_detail"),
    path("<slug:slug>/abschnitte/neu/", views.section_edit, name="section_create"),
    path(SECTION + "bearbeiten/", views.section_edit, name="section_edit"),
    path(SECTION + "kommentare/", views.comment_add, name="comment_add"),
    path(SECTION + "bausteine/neu/", views.block_create, name="block_create"),
]
