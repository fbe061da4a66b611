from django.urls import path

from . import views
from .feeds import EntryFeed

app_name = "knowledge"
urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("neu/", views.entry_edit, name="entry_create"),
    path("feed/", EntryFeed(), name="entry_feed"),
    path("pruefen/", views.review_list, name="review_list"),
    path("dateien/<int:pk>/entfernen/", views.attachment_remove, name="attachment_delete"),
    path("<slug:slug>/", views.entry_detail, name="entry_detail"),
    path("<slug:slug>/bearbeiten/", views.entry_edit, name="entry_edit"),
    path("<slug:slug>/einreichen/", views.entry_submit_view, name="entry_submit"),
    path("<slug:slug>/freigeben/", views.entry_approve_view, name="entry_approve"),
    path("<slug:slug>/zurueckgeben/", views.entry_return_view, name="entry_return"),
    path("<slug:slug>/bestaetigen/", views.entry_confirm_view, name="entry_confirm"),
    path("<slug:slug>/kommentare/", views.comment_create, name="comment_create"),
    path("<slug:slug>/dateien/neu/", views.attachment_create, name="attachment_create"),
]
