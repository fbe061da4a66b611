from django.urls import path

from .views import documentation, events, registration, series

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
