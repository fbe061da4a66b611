from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from accounts.history_admin import HistoryAdmin
from actors.admin import ScopedAdminMixin

from .models import Attachment, Entry, EntryStateChange, EvidenceLink, ReviewComment

# Every admin checks the saved object against the rules (ScopedAdminMixin), as in programme.
# The workflow (status, reviewer) moves only through the pages' services, never here.


class EvidenceInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "licence", "text_status"]
    readonly_fields = ["text_status"]


@admin.register(Entry)
class EntryAdmin(ScopedAdminMixin, ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["title", "kind", "status", "territory", "review_due", "is_public"]
    list_filter = ["kind", "status", "is_public", "is_demo"]
    search_fields = ["title_de", "title_en", "source"]
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = ["territory", "organisations", "contact"]
    raw_id_fields = ["projects", "goals", "events", "work_packages", "indicators"]
    readonly_fields = ["status", "owner", "reviewer", "published_at"]
    inlines = [EvidenceInline, AttachmentInline]


@admin.register(ReviewComment)
class ReviewCommentAdmin(ObjectPermissionsModelAdmin):
    list_display = ["entry", "section", "author", "created"]
    raw_id_fields = ["entry"]


@admin.register(EntryStateChange)
class EntryStateChangeAdmin(ObjectPermissionsModelAdmin):
    list_display = ["entry", "from_state", "to_state", "user", "at"]
    raw_id_fields = ["entry"]
