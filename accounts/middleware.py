"""Request-level guards of accounts: MFA for coordinators/admins, API tokens."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject

from .models import RoleLevel
from .scopes import scopes_for

# Pages a coordinator without MFA may still reach: setting MFA up, re-authenticating, leaving.
MFA_SETUP_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_authenticate",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_logout",
    "account_reauthenticate",
    "account_email_verification_sent",
    "account_confirm_email",
    "set_language",
    "healthz",
}


def needs_mfa(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    scopes = scopes_for(user)
    if scopes.superuser:
        return True
    roles = [*scopes.organisations.values(), *scopes.territories.values()]
    return any(role >= RoleLevel.COORDINATOR for role in roles)


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Coordinators and admins use two factors: without TOTP they are sent to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or getattr(request, "api_token", None):
            return None
        match = request.resolver_match
        if match is None or match.url_name in MFA_SETUP_URL_NAMES:
            return None
        if request.path_info.startswith(("/static/", "/api/")):
            return None
        if needs_mfa(user) and not has_mfa(user):
            return redirect("mfa_activate_totp")
        return None


class ApiTokenMiddleware:
    """`Authorization: Bearer bn_…` on /api/ makes the token's user the request's user.

    A token carries its user's memberships, so every rules check sees the same roles as in the
    pages. A wrong or expired token is refused outright rather than treated as anonymous.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.api_token = None
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if request.path_info.startswith("/api/") and header:
            from .services import token_authenticate

            scheme, _sep, raw = header.partition(" ")
            token = token_authenticate(raw.strip()) if scheme.lower() == "bearer" else None
            if token is None:
                return JsonResponse(
                    {
                        "detail": "The token is invalid, expired or revoked.",
                        "code": "not_authenticated",
                        "fields": {},
                    },
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            request.api_token = token
            request.user = token.user
            # Token requests carry no session: never treat them as a browser (no CSRF cookie).
            request._dont_enforce_csrf_checks = True
            request._cached_user = SimpleLazyObject(lambda: token.user)
        return self.get_response(request)
