"""URLs of the surveys app: the answer pages (included by `surveys.urls`). Public, no account:
the secret in the path (open key, invitation token, resume key) is the access."""

from django.urls import path

from . import views_answer

urlpatterns = [
    path("teilnehmen/<str:open_key>/", views_answer.answer_start, name="answer_start"),
    path("einladung/<str:token>/", views_answer.answer_invitation, name="answer_invitation"),
    path(
        "antworten/<str:resume_key>/<int:page_number>/",
        views_answer.answer_page,
        name="answer_page",
    ),
    path(
        "antworten/<str:resume_key>/gespeichert/",
        views_answer.answer_saved,
        name="answer_saved",
    ),
    path("fortsetzen/", views_answer.answer_resume, name="answer_resume"),
    path("danke/", views_answer.answer_done, name="answer_done"),
    path("kontingent-erreicht/", views_answer.answer_quota_full, name="answer_quota_full"),
]
