from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin
from actors.admin import ScopedAdminMixin

from .models import ContactRequest, PartnerListing, RecognitionConsent

# Every admin checks the saved object against the rules (ScopedAdminMixin), as in cooperation.


@admin.register(PartnerListing)
class PartnerListingAdmin(
    ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin
):
    list_display = ["title", "organisation", "direction", "format", "active", "valid_until"]
    list_filter = ["direction", "format", "active", "is_demo"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation", "cities"]
    filter_horizontal = ["topics", "target_groups", "languages"]


@admin.register(ContactRequest)
class ContactRequestAdmin(ObjectPermissionsModelAdmin):
    list_display = ["from_organisation", "to_organisation", "listing", "state", "sent_at"]
    list_filter = ["state"]
    search_fields = ["from_organisation__name", "to_organisation__name"]
    raw_id_fields = ["from_organisation", "to_organisation", "listing", "recipient", "project"]
    readonly_fields = ["sender", "answered_by"]


@admin.register(RecognitionConsent)
class RecognitionConsentAdmin(ObjectPermissionsModelAdmin):
    list_display = ["person", "project", "given_at"]
    raw_id_fields = ["person", "project"]
    readonly_fields = ["recorded_by"]
