from django.contrib import admin
from django.core.exceptions import PermissionDenied
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin

from .models import Language, Organisation, Person, Role, TargetGroup, Topic


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["person"]


class ScopedAdminMixin:
    """rules checks "add" without an object; check the new object's scope before saving."""

    def save_model(self, request, obj, form, change):
        perm = f"{obj._meta.app_label}.change_{obj._meta.model_name}"
        if not request.user.has_perm(perm, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(
    ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin
):
    list_display = ["name", "kind", "seat", "verified", "is_public", "is_demo"]
    list_filter = ["kind", "verified", "is_public", "is_demo"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}
    autocomplete_fields = ["seat", "parent"]
    filter_horizontal = ["topics", "languages", "target_groups"]
    inlines = [RoleInline]

    def save_model(self, request, obj, form, change):
        # Creating or moving needs the right at the target seat or parent (one rule with the
        # pages and the import), not only a role in the organisation itself.
        placed = not change or {"seat", "parent"} & set(form.changed_data)
        if placed and not request.user.has_perm("actors.place_organisation", obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Person)
class PersonAdmin(ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["family_name", "given_name", "name_visibility", "is_demo"]
    search_fields = ["family_name", "given_name", "email"]
    readonly_fields = ["erased_at"]


@admin.register(Role)
class RoleAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin):
    list_display = ["person", "function", "organisation", "is_contact", "is_public"]
    list_filter = ["is_contact", "is_public"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Topic, TargetGroup)
class TaxonomyAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


@admin.register(Language)
class LanguageAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
