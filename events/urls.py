from django.urls import path

from .views import (  # minutes (#15)
    documentation,
    events,
    minutes,
    minutes_review,
    registration,
    series,
)

app_name = "events"

urlpatterns = [
    path("", events.event_list, name="event_list"),
    path("kalender.ics", events.event_feed, name="event_feed"),
    path("neu/", events.event_edit, name="event_create"),
    path("reihen/", series.series_list, name="series_list"),
    path("reihen/neu/", series.series_edit, name="series_create"),
    path("reihen/<slug:slug>/", series.series_detail, name="series_detail"),
    path("reihen/<slug:slug>/bearbeiten/", series.series_edit, name="series_edit"),
    path("reihen/<slug:slug>/ausnahmen/", series.series_exception_add, name="series_exception"),
    path(
        "reihen/<slug:slug>/ausnahmen/<int:pk>/entfernen/",
        series.series_exception_remove,
        name="series_exception_remove",
    ),
    path("anmeldung/<str:token>/", registration.registration_status, name="registration_status"),
    path(
        "abmelden/<str:token>/", registration.registration_cancel_view, name="registration_cancel"
    ),
    path("<slug:slug>/", events.event_detail, name="event_detail"),
    path("<slug:slug>/kalender.ics", events.event_ics, name="event_ics"),
    path("<slug:slug>/bearbeiten/", events.event_edit, name="event_edit"),
    path("<slug:slug>/absagen/", events.event_cancel_view, name="event_cancel"),
    path("<slug:slug>/programm/neu/", events.session_edit, name="session_create"),
    path("<slug:slug>/programm/<int:pk>/", events.session_edit, name="session_edit"),
    path("<slug:slug>/programm/<int:pk>/entfernen/", events.session_remove, name="session_remove"),
    path(
        "<slug:slug>/anmelden/", registration.registration_create_view, name="registration_create"
    ),
    path("<slug:slug>/teilnehmende/", registration.participant_list, name="participant_list"),
    path("<slug:slug>/anwesenheit/", registration.attendance, name="attendance"),
    path("<slug:slug>/fragen/", registration.questions, name="questions"),
    path(
        "<slug:slug>/fragen/<int:pk>/entfernen/",
        registration.question_delete,
        name="question_delete",
    ),  # fmt: skip
    path("<slug:slug>/dokumentation/", documentation.documentation, name="documentation"),
    path(
        "<slug:slug>/dokumentation/<str:kind>/<int:pk>/entfernen/",
        documentation.attachment_delete,
        name="attachment_delete",
    ),
]

# Minutes, decisions and action items (#15).
MINUTES = "<slug:slug>/protokoll/"
urlpatterns += [
    path(
        "protokoll-abstimmung/<str:token>/",
        minutes_review.review_link,
        name="minutes_review_link",
    ),
    path(MINUTES, minutes.minutes_detail, name="minutes_detail"),
    path(MINUTES + "anlegen/", minutes.minutes_start_view, name="minutes_start"),
    path(MINUTES + "bearbeiten/", minutes.minutes_edit, name="minutes_edit"),
    path(MINUTES + "zur-abstimmung/", minutes.minutes_review, name="minutes_review"),
    path(MINUTES + "genehmigen/", minutes.minutes_approve_view, name="minutes_approve"),
    path(MINUTES + "versionen/<int:number>/", minutes.version_detail, name="minutes_version"),
    path(MINUTES + "tagesordnung/", minutes.agenda_add, name="agenda_add"),
    path(MINUTES + "beschluesse/", minutes.decision_add, name="decision_add"),
    path(MINUTES + "beschluesse/<int:number>/", minutes.decision_edit, name="decision_edit"),
    path(
        MINUTES + "beschluesse/<int:number>/aktionspunkt/",
        minutes.decision_to_action,
        name="decision_to_action",
    ),
    path(MINUTES + "aktionspunkte/", minutes.action_add, name="action_add"),
    path(MINUTES + "aktionspunkte/<int:number>/", minutes.action_edit, name="action_edit"),
    path(
        MINUTES + "aktionspunkte/<int:number>/status/", minutes.action_status, name="action_status"
    ),
    path(
        MINUTES + "aktionspunkte/<int:number>/aufgabe/",
        minutes.action_to_task,
        name="action_to_task",
    ),
    path(MINUTES + "<slug:kind>/<int:number>/entfernen/", minutes.item_remove, name="item_remove"),
    path(MINUTES + "einladungen/", minutes_review.invitation_create, name="minutes_invite"),
    path(MINUTES + "aenderungen/", minutes_review.amendment_create, name="amendment_create"),
    path(
        MINUTES + "aenderungen/<int:number>/",
        minutes_review.amendment_decide,
        name="amendment_decide",
    ),
]
