from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Language, Organisation, Person, Role, TargetGroup, Topic


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Organisation)
class OrganisationAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "seat", "verified", "is_public", "is_demo"]
    list_filter = ["kind", "verified", "is_public", "is_demo"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}
    autocomplete_fields = ["seat", "parent"]
    filter_horizontal = ["topics", "languages", "target_groups"]
    inlines = [RoleInline]


@admin.register(Person)
class PersonAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "name_visibility", "is_demo"]
    search_fields = ["family_name", "given_name", "email"]
    readonly_fields = ["erased_at"]


@admin.register(Role)
class RoleAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin, TranslationAdmin):
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
