from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin
from actors.admin import ScopedAdminMixin

from .models import Offer, SavedSearch


@admin.register(Offer)
class OfferAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    """The same rules as the pages: editors of the provider, checked again with the provider
    the offer is saved with (an editor may not hand an offer to another organisation)."""

    list_display = ("title", "provider", "kind", "format", "stage", "cost", "is_public")
    list_filter = ("kind", "format", "stage", "cost", "is_public", "is_demo")
    search_fields = ("title_de", "provider__name_de")
    raw_id_fields = ("provider", "district")
    prepopulated_fields = {"slug": ("title_de",)}
    readonly_fields = ("confirmed_at", "stale_notified_at")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    """Personal data of subscribers: the platform's superusers only (no rules grant more)."""

    list_display = ("email", "query", "confirmed_at", "unsubscribed_at")
    raw_id_fields = ("user",)
