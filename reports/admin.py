from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from actors.admin import ScopedAdminMixin

from .models import Block, Edition, Report, Section

# Every admin checks the saved report against the rules (ScopedAdminMixin), as in programme.
# Editions are frozen: shown, never edited.


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["order", "chapter", "title", "body"]


class EditionInline(admin.TabularInline):
    model = Edition
    extra = 0
    fields = ["number", "title", "published_at", "published_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["title", "kind", "territory", "period", "status", "is_demo"]
    list_filter = ["kind", "status", "is_demo"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["territory", "comparison_territories", "owner"]
    inlines = [SectionInline, EditionInline]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["section", "order", "kind", "title"]
    list_filter = ["kind"]
    raw_id_fields = ["section"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
