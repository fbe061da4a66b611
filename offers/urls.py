from django.urls import path

from . import feeds, views

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="offer_list"),
    path("neu/", views.offer_create_view, name="offer_create"),
    path("import/", views.offer_import, name="offer_import"),
    path("feed/rss/", feeds.OfferSearchFeed(), name="feed_rss"),
    path("feed/atom/", feeds.OfferSearchAtomFeed(), name="feed_atom"),
    path("suche-speichern/", views.saved_search_create_view, name="saved_search_create"),
    path(
        "suche-bestaetigen/<str:token>/",
        views.saved_search_confirm_view,
        name="saved_search_confirm",
    ),
    path(
        "suche-abbestellen/<str:token>/",
        views.saved_search_unsubscribe_view,
        name="saved_search_unsubscribe",
    ),
    path("<slug:slug>/", views.offer_detail, name="offer_detail"),
    path("<slug:slug>/bearbeiten/", views.offer_edit, name="offer_edit"),
    path("<slug:slug>/bestaetigen/", views.offer_confirm_view, name="offer_confirm"),
]
