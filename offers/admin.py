from django.contrib import admin

from .models import Offer, SavedSearch


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ("title", "provider", "kind", "format", "stage", "cost", "is_public")
    list_filter = ("kind", "format", "stage", "cost", "is_public", "is_demo")
    search_fields = ("title_de", "provider__name_de")
    raw_id_fields = ("provider", "district")
    prepopulated_fields = {"slug": ("title_de",)}


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("email", "query", "confirmed_at", "unsubscribed_at")
    raw_id_fields = ("user",)
