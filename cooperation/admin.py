from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin
from actors.admin import ScopedAdminMixin

from .models import (
    Agreement,
    AgreementSignatory,
    AgreementTransition,
    AgreementVersion,
    CouncilDecision,
    ExchangeCall,
    ExchangeProgramme,
    Goal,
    GoalIndicator,
    GoalOwner,
    Milestone,
    Partnership,
    PartnershipParty,
    Placement,
    PlacementTransition,
    Project,
    ProjectParticipant,
    StudyVisit,
)

# Every admin below checks the saved object against the rules (ScopedAdminMixin): `rules` asks
# "add" without an object, so without the check any coordinator could add an agreement to, or
# move one into, a partnership of cities they do not coordinate.


class PartyInline(admin.TabularInline):
    model = PartnershipParty
    extra = 0
    autocomplete_fields = ["territory", "organisation"]


@admin.register(Partnership)
class PartnershipAdmin(
    ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin
):
    list_display = ["name", "kind", "status", "since", "until", "is_public", "is_demo"]
    list_filter = ["kind", "status", "is_public", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}
    filter_horizontal = ["topics"]
    inlines = [PartyInline]


class SignatoryInline(admin.TabularInline):
    model = AgreementSignatory
    extra = 0
    autocomplete_fields = ["person", "organisation"]


class TransitionInline(admin.TabularInline):
    """Read-only: status changes happen through the service, which records them."""

    model = AgreementTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_state", "to_state", "user", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


class CouncilDecisionInline(admin.StackedInline):
    """Read-only: written by the council check (cooperation/services_council.py)."""

    model = CouncilDecision
    extra = 0
    can_delete = False
    readonly_fields = ["paper_url", "checked_at", "error", "result", "decided_on", "web_url",
                       "proposed_step", "settled_at", "settled_by"]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


class VersionInline(admin.TabularInline):
    model = AgreementVersion
    extra = 0
    can_delete = False
    readonly_fields = ["number", "note", "created", "created_by"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin):
    list_display = ["title", "kind", "status", "signed_on", "valid_until", "is_public"]
    list_filter = ["kind", "status", "is_public", "is_demo"]
    search_fields = ["title", "slug"]
    readonly_fields = ["status"]
    autocomplete_fields = ["partnership", "signed_place"]
    filter_horizontal = ["topics"]
    inlines = [SignatoryInline, VersionInline, TransitionInline, CouncilDecisionInline]


class GoalOwnerInline(admin.TabularInline):
    model = GoalOwner
    extra = 0
    autocomplete_fields = ["organisation", "person"]


class GoalIndicatorInline(admin.TabularInline):
    model = GoalIndicator
    extra = 0
    autocomplete_fields = ["territory"]


@admin.register(Goal)
class GoalAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin):
    list_display = ["__str__", "agreement", "status", "progress"]
    list_filter = ["status"]
    search_fields = ["text", "agreement__title"]
    filter_horizontal = ["topics"]
    inlines = [GoalOwnerInline, GoalIndicatorInline]


class ParticipantInline(admin.TabularInline):
    model = ProjectParticipant
    extra = 0
    autocomplete_fields = ["organisation", "contact"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin):
    list_display = ["title", "kind", "status", "partnership", "start", "end", "progress"]
    list_filter = ["kind", "status", "is_public", "is_demo"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = ["partnership"]
    filter_horizontal = ["goals", "topics"]
    inlines = [ParticipantInline, MilestoneInline]


class CallInline(admin.TabularInline):
    model = ExchangeCall
    extra = 0


@admin.register(ExchangeProgramme)
class ExchangeProgrammeAdmin(
    ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin, TranslationAdmin
):
    list_display = ["name", "acronym", "start_year", "end_year", "is_public"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name_de"]}
    autocomplete_fields = ["coordinator", "predecessor"]
    filter_horizontal = ["cities", "organisations", "topics"]
    inlines = [CallInline]


class PlacementTransitionInline(admin.TabularInline):
    model = PlacementTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_state", "to_state", "side", "decision", "user", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Placement)
class PlacementAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["__str__", "programme", "state", "start", "end"]
    list_filter = ["state", "programme"]
    readonly_fields = ["state"]
    autocomplete_fields = ["person", "home_organisation", "host_organisation", "wished_city"]
    inlines = [PlacementTransitionInline]


@admin.register(StudyVisit)
class StudyVisitAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin):
    list_display = ["title", "kind", "origin", "destination", "start"]
    list_filter = ["kind"]
    autocomplete_fields = ["partnership", "programme", "origin", "destination"]
