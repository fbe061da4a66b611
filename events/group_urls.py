from django.urls import path

from .views import (
    groups,
    minutes_lists,  # minutes (#15)
)

app_name = "groups"

urlpatterns = [
    path("", groups.group_list, name="group_list"),
    path("neu/", groups.group_edit, name="group_create"),
    # Across minutes (#15): before "<slug>/", which would take these words for a group.
    path("beschluesse/", minutes_lists.decision_list, name="decision_list"),
    path("offene-punkte/", minutes_lists.open_item_list, name="open_items"),
    path("<slug:slug>/", groups.group_detail, name="group_detail"),
    path("<slug:slug>/bearbeiten/", groups.group_edit, name="group_edit"),
    path("<slug:slug>/mitglieder/", groups.member_add, name="member_add"),
    path("<slug:slug>/mitglieder/<int:pk>/entfernen/", groups.member_remove, name="member_remove"),
]
