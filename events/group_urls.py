from django.urls import path

from .views import groups

app_name = "groups"

urlpatterns = [
    path("", groups.group_list, name="group_list"),
    path("neu/", groups.group_edit, name="group_create"),
    path("<slug:slug>/", groups.group_detail, name="group_detail"),
    path("<slug:slug>/bearbeiten/", groups.group_edit, name="group_edit"),
    path("<slug:slug>/mitglieder/", groups.member_add, name="member_add"),
    path("<slug:slug>/mitglieder/<int:pk>/entfernen/", groups.member_remove, name="member_remove"),
]
