from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin
from actors.admin import ScopedAdminMixin

from .models import BudgetLine, Deliverable, Milestone, Programme, Task, WorkPackage

# Every admin checks the saved object against the rules (ScopedAdminMixin), as in cooperation.


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = [
        "title",
        "funder",
        "start",
        "end",
        "territory",
        "lead_organisation",
        "is_public",
    ]
    list_filter = ["is_public", "is_demo"]
    search_fields = ["title", "funder"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["territory", "lead_organisation"]
    inlines = [BudgetLineInline]


@admin.register(WorkPackage)
class WorkPackageAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["number", "title", "programme", "lead_organisation"]
    list_filter = ["programme"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["lead_organisation", "goals"]


@admin.register(Task)
class TaskAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["title", "package", "status", "due"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["package", "owner"]


@admin.register(Milestone)
class MilestoneAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["title", "package", "due", "reached_at"]
    raw_id_fields = ["package"]


@admin.register(Deliverable)
class DeliverableAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["title", "package", "due", "delivered_at"]
    raw_id_fields = ["package"]
