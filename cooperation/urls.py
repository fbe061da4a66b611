from django.urls import path

from . import views

app_name = "cooperation"
urlpatterns = [
    path("", views.partnership_list, name="partnership_list"),
    path("partnerschaften/neu/", views.partnership_create_view, name="partnership_create"),
    path("partnerschaften/<slug:slug>/", views.partnership_detail, name="partnership_detail"),
    path(
        "partnerschaften/<slug:slug>/bearbeiten/",
        views.partnership_edit,
        name="partnership_edit",
    ),
    path("vereinbarungen/", views.agreement_list, name="agreement_list"),
    path("vereinbarungen/neu/", views.agreement_create_view, name="agreement_create"),
    path("vereinbarungen/<slug:slug>/", views.agreement_detail, name="agreement_detail"),
    path("vereinbarungen/<slug:slug>/bearbeiten/", views.agreement_edit, name="agreement_edit"),
    path(
        "vereinbarungen/<slug:slug>/status/",
        views.agreement_transition_view,
        name="agreement_transition",
    ),
    path(
        "vereinbarungen/<slug:slug>/ratsbeschluss/",
        views.agreement_council_step_view,
        name="agreement_council_step",
    ),
    path(
        "vereinbarungen/<slug:slug>/fassungen/<int:number>/",
        views.agreement_version,
        name="agreement_version",
    ),
    path("vereinbarungen/<slug:slug>/ziele/neu/", views.goal_edit, name="goal_create"),
    path("vereinbarungen/<slug:slug>/ziele/<int:number>/", views.goal_detail, name="goal_detail"),
    path(
        "vereinbarungen/<slug:slug>/ziele/<int:number>/bearbeiten/",
        views.goal_edit,
        name="goal_edit",
    ),
    path(
        "vereinbarungen/<slug:slug>/ziele/<int:number>/projekte/",
        views.goal_project_link_view,
        name="goal_project_link",
    ),
    path(
        "vereinbarungen/<slug:slug>/ziele/<int:number>/projekte/<slug:project>/loesen/",
        views.goal_project_unlink_view,
        name="goal_project_unlink",
    ),
    path(
        "vereinbarungen/<slug:slug>/ziele/<int:number>/indikatoren/neu/",
        views.goal_indicator_edit,
        name="goal_indicator_create",
    ),
    path(
        "vereinbarungen/<slug:slug>/ziele/<int:number>/indikatoren/<int:pk>/",
        views.goal_indicator_edit,
        name="goal_indicator_edit",
    ),
    path(
        "vereinbarungen/<slug:slug>/ziele/<int:number>/indikatoren/<int:pk>/entfernen/",
        views.goal_indicator_remove_view,
        name="goal_indicator_remove",
    ),
    path("projekte/", views.project_list, name="project_list"),
    path("projekte/neu/", views.project_edit, name="project_create"),
    path("projekte/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projekte/<slug:slug>/bearbeiten/", views.project_edit, name="project_edit"),
    path("projekte/<slug:slug>/beteiligte/neu/", views.participant_edit, name="participant_create"),
    path(
        "projekte/<slug:slug>/beteiligte/<int:pk>/",
        views.participant_edit,
        name="participant_edit",
    ),
    path("projekte/<slug:slug>/meilensteine/neu/", views.milestone_add, name="milestone_create"),
    path("austausch/", views.programme_list, name="programme_list"),
    path("austausch/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("austausch/<slug:slug>/bewerbung/", views.placement_create, name="placement_create"),
    path("austausch/<slug:slug>/bewerben/", views.placement_apply_self, name="placement_apply"),
    path("hospitationen/", views.placement_list, name="placement_list"),
    path("hospitationen/<int:pk>/", views.placement_detail, name="placement_detail"),
    path(
        "hospitationen/<int:pk>/status/",
        views.placement_transition_view,
        name="placement_transition",
    ),
    path(
        "hospitationen/<int:pk>/entscheidung/",
        views.placement_decide_view,
        name="placement_decide",
    ),
]
