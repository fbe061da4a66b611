from django.contrib import admin
from django.core.exceptions import PermissionDenied
from rules.contrib.admin import ObjectPermissionsModelAdmin

from .history_admin import HistoryAdmin
from .models import ApiToken, AuthEvent, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "territory"]


@admin.register(User)
class UserAdmin(ObjectPermissionsModelAdmin):
    list_display = ["email", "display_name", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "display_name"]
    ordering = ["email"]
    fields = ["email", "display_name", "is_active", "is_staff", "is_superuser", "last_login",
              "date_joined"]  # fmt: skip
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ObjectPermissionsModelAdmin, HistoryAdmin):
    list_display = ["user", "role", "organisation", "territory", "expires"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name", "territory__name"]
    autocomplete_fields = ["user", "organisation", "territory"]

    def save_model(self, request, obj, form, change):
        # The add permission has no object: check the scope the new row lands in.
        if not change and not request.user.has_perm("accounts.add_membership", obj.scope):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the login signals only."""

    list_display = ["created", "kind", "user", "ip_address", "email_hash"]
    list_filter = ["kind", "created"]
    search_fields = ["user__email", "ip_address", "email_hash"]
    date_hierarchy = "created"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("accounts.view_authevent")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "read_only", "expires", "last_used", "revoked"]
    list_filter = ["read_only"]
    search_fields = ["name", "user__email", "prefix"]
    readonly_fields = ["user", "prefix", "created", "last_used", "revoked"]

    def has_add_permission(self, request):
        return False  # tokens are created by their owner, who sees the secret once
