from django.urls import path

from . import views, views_import

app_name = "monitoring"
urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("indikatoren/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("datensaetze/", views.dataset_list, name="dataset_list"),
    path("datensaetze/<str:code>/", views.dataset_detail, name="dataset_detail"),
    path("vergleich/", views.compare, name="compare"),
    path("vergleichsgruppen/<slug:slug>/", views.peer_group_detail, name="peer_group"),
    path("segregation/", views.segregation_page, name="segregation"),
    path("import/", views_import.import_start, name="import_start"),
    path("import/zuordnung/", views_import.mapping_create, name="mapping_create"),
    path("import/<int:pk>/", views_import.import_detail, name="import_detail"),
    path("import/<int:pk>/bestaetigen/", views_import.import_confirm, name="import_confirm"),
]
