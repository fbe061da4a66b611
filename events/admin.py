from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin
from actors.admin import ScopedAdminMixin

from .models import (
    ActionItem,
    Decision,
    Event,
    EventDocument,
    EventPhoto,
    GroupMembership,
    Minutes,
    RegistrationQuestion,
    Series,
    SeriesException,
    Session,
    WorkingGroup,
)

# Every admin checks the saved object against the rules (ScopedAdminMixin). Registrations are
# not in the admin: the participant list is the organisers' page, with its exports.


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    autocomplete_fields = ["speakers"]


class QuestionInline(admin.TabularInline):
    model = RegistrationQuestion
    extra = 0


class DocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0


class PhotoInline(admin.TabularInline):
    model = EventPhoto
    extra = 0


@admin.register(Event)
class EventAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["title", "kind", "status", "starts_at", "territory", "is_public", "is_demo"]
    list_filter = ["kind", "status", "attendance_mode", "is_public", "is_demo"]
    search_fields = ["title", "slug"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["territory", "organisers", "working_group", "series"]
    filter_horizontal = ["topics", "target_groups", "languages"]
    readonly_fields = ["sequence", "series_date"]
    inlines = [SessionInline, QuestionInline, DocumentInline, PhotoInline]


class ExceptionInline(admin.TabularInline):
    model = SeriesException
    extra = 0


@admin.register(Series)
class SeriesAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["title", "rule", "first_date", "last_date", "is_public", "is_demo"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["territory", "organisers", "working_group"]
    inlines = [ExceptionInline]


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["organisation", "person"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["name", "lead_organisation", "territory", "is_public", "is_demo"]
    list_filter = ["is_public", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["lead_organisation", "chair", "territory", "topic"]
    inlines = [MembershipInline]


# --- Minutes (#15): read-only here. Writing, review, approval and freezing go through the
# minutes pages (events.services_minutes), which keep every version.
class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["number", "text", "vote_result"]
    readonly_fields = fields
    can_delete = False


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["number", "text", "owner_person", "owner_user", "due", "status", "task"]
    readonly_fields = fields
    can_delete = False


@admin.register(Minutes)
class MinutesAdmin(ObjectPermissionsModelAdmin):
    list_display = ["event", "status", "version", "approved_at", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["event__title"]
    fields = ["event", "status", "minute_taker", "attendees", "body", "version",
              "approved_version", "approved_at", "approved_by", "is_demo"]  # fmt: skip
    readonly_fields = fields
    inlines = [DecisionInline, ActionItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
