"""Admin of surveys. Instruments and waves are saved against the rules (ScopedAdminMixin);
questions of a frozen version, invitations, responses and answers are shown, never changed
(answers are what respondents gave; tokens exist only as hashes)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from rules.contrib.admin import ObjectPermissionsModelAdmin

from actors.admin import ScopedAdminMixin

from .models import (
    Answer,
    Choice,
    Instrument,
    Invitation,
    Question,
    Quota,
    Response,
    SurveyIndex,
    SurveySection,
    Version,
    Wave,
)


class SuperuserOnly:
    """Models below an instrument or a wave: the platform's admins only (the pages are the
    place for everyone else)."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ReadOnly(SuperuserOnly):
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    fields = ["number", "note", "frozen_at"]
    readonly_fields = ["frozen_at"]
    show_change_link = True


@admin.register(Instrument)
class InstrumentAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, TranslationAdmin):
    list_display = ["title", "code", "territory", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["title", "code"]
    raw_id_fields = ["territory", "organisation", "created_by"]
    inlines = [VersionInline]


class SectionInline(TranslationTabularInline):
    model = SurveySection
    extra = 0
    fields = ["order", "title", "description"]


@admin.register(Version)
class VersionAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["instrument", "number", "note", "frozen_at"]
    readonly_fields = ["frozen_at"]
    inlines = [SectionInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)


class ChoiceInline(TranslationTabularInline):
    model = Choice
    extra = 0
    fields = ["role", "order", "code", "label", "is_missing"]


@admin.register(Question)
class QuestionAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["code", "text", "kind", "version", "required"]
    list_filter = ["kind"]
    search_fields = ["code", "text"]
    raw_id_fields = ["version", "section", "condition_question"]
    inlines = [ChoiceInline]

    def has_change_permission(self, request, obj=None):
        frozen = obj is not None and obj.version.is_frozen
        return super().has_change_permission(request, obj) and not frozen

    def has_delete_permission(self, request, obj=None):
        frozen = obj is not None and obj.version.is_frozen
        return super().has_delete_permission(request, obj) and not frozen


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    raw_id_fields = ["choice"]


@admin.register(Wave)
class WaveAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["title", "territory", "period", "status", "access", "opens", "closes"]
    list_filter = ["status", "access", "is_demo"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["version", "territory", "organisation", "coordinators"]
    readonly_fields = ["open_key"]
    inlines = [QuotaInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["wave", "sent_at", "reminders", "reminded_at"]
    list_filter = ["wave"]
    exclude = ["token_hash", "panel_key"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "item", "code", "number", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["wave", "status", "language", "started", "submitted", "is_demo"]
    list_filter = ["status", "is_demo"]
    exclude = ["resume_hash", "panel_key"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["response", "question", "item", "code", "number"]
    raw_id_fields = ["response", "question", "item"]


@admin.register(SurveyIndex)
class SurveyIndexAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["name", "code", "instrument", "indicator"]
    raw_id_fields = ["instrument", "indicator"]
