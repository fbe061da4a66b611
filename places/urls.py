from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("", views.territory_list, name="territory_list"),
    path("<str:key>/", views.territory_detail, name="territory_detail"),
]
