from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("export/", views.account_export, name="export"),
    path("loeschen/", views.account_delete, name="delete"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
    path("mitglieder/<int:pk>/rolle/", views.membership_change, name="membership_change"),
    path("mitglieder/<int:pk>/entfernen/", views.membership_remove, name="membership_remove"),
    path("mitglieder/<str:kind>/<str:key>/", views.memberships, name="memberships"),
    path(
        "verlauf/<str:app_label>/<str:model_name>/<str:pk>/",
        views.history,
        name="history",
    ),
    path(
        "verlauf/<str:app_label>/<str:model_name>/<str:pk>/<int:history_id>/zuruecksetzen/",
        views.history_revert_view,
        name="history_revert",
    ),
    path("verarbeitungsverzeichnis/", views.processing_record_view, name="processing_record"),
]
