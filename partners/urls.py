from django.urls import path

from . import views

app_name = "partners"
LISTING = "angebote-und-gesuche/<int:pk>/"
ORGANISATION = "organisationen/<slug:slug>/"
REQUEST = "anfragen/<int:pk>/"
PROJECT = "anerkennung/projekte/<slug:slug>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("meine-organisation/", views.my_organisations, name="my_organisations"),
    path("angebote-und-gesuche/", views.listing_list, name="listing_list"),
    path(LISTING, views.listing_detail, name="listing_detail"),
    path(LISTING + "bearbeiten/", views.listing_edit, name="listing_edit"),
    path(LISTING + "loeschen/", views.listing_delete, name="listing_delete"),
    path(LISTING + "anfragen/", views.request_create, name="request_create"),
    path(ORGANISATION + "neu/", views.listing_edit, name="listing_create"),
    path(ORGANISATION + "vorschlaege/", views.suggestions, name="suggestions"),
    path(ORGANISATION + "anfragen/", views.inbox, name="inbox"),
    path(REQUEST, views.request_detail, name="request_detail"),
    path(REQUEST + "antworten/", views.request_answer, name="request_answer"),
    path(REQUEST + "zurueckziehen/", views.request_withdraw, name="request_withdraw"),
    path("anerkennung/", views.recognition, name="recognition"),
    path("anerkennung/jahresuebersicht/", views.overview, name="overview"),
    path(PROJECT, views.project_recognition, name="project_recognition"),
    path(PROJECT + "zustimmung/<int:participant_pk>/", views.consent, name="consent"),
    path(
        "anerkennung/partnerschaften/<slug:slug>/",
        views.partnership_recognition,
        name="partnership_recognition",
    ),
]
