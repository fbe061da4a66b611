from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin
from actors.admin import ScopedAdminMixin

from .models import (
    Event,
    EventDocument,
    EventPhoto,
    GroupMembership,
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
