from django.urls import path

from . import views

app_name = "programme"
PACKAGE = "<slug:slug>/arbeitspakete/<int:package_pk>/"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("neu/", views.programme_edit, name="programme_create"),
    path("aufgaben/", views.task_list, name="task_list"),
    path("aufgaben/<int:pk>/", views.task_detail, name="task_detail"),
    path("aufgaben/<int:pk>/bearbeiten/", views.task_edit, name="task_edit"),
    path("aufgaben/<int:pk>/status/", views.task_status, name="task_status"),
    path("aufgaben/<int:pk>/loeschen/", views.task_delete, name="task_delete"),
    path("meilensteine/<int:pk>/bearbeiten/", views.milestone_edit, name="milestone_edit"),
    path("meilensteine/<int:pk>/loeschen/", views.milestone_delete, name="milestone_delete"),
    path("ergebnisse/<int:pk>/bearbeiten/", views.deliverable_edit, name="deliverable_edit"),
    path("ergebnisse/<int:pk>/loeschen/", views.deliverable_delete, name="deliverable_delete"),
    path("geloescht/<slug:kind>/<int:pk>/", views.deleted, name="deleted"),
    path("geloescht/<slug:kind>/<int:pk>/wiederherstellen/", views.restore, name="restore"),
    path("<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("<slug:slug>/bearbeiten/", views.programme_edit, name="programme_edit"),
    path("<slug:slug>/loeschen/", views.programme_delete, name="programme_delete"),
    path("<slug:slug>/arbeitspakete/neu/", views.package_edit, name="package_create"),
    path("<slug:slug>/arbeitspakete/<int:pk>/", views.package_detail, name="package_detail"),
    path("<slug:slug>/arbeitspakete/<int:pk>/bearbeiten/", views.package_edit, name="package_edit"),
    path(
        "<slug:slug>/arbeitspakete/<int:pk>/loeschen/", views.package_delete, name="package_delete"
    ),
    path(PACKAGE + "aufgaben/neu/", views.task_edit, name="task_create"),
    path(PACKAGE + "meilensteine/neu/", views.milestone_edit, name="milestone_create"),
    path(PACKAGE + "ergebnisse/neu/", views.deliverable_edit, name="deliverable_create"),
]
