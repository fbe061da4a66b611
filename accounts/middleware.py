"""Request-level guards of accounts: MFA for coordinators/admins, API tokens."""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from .predicates import COORDINATOR, holds_role_anywhere
from .services import token_authenticate

# Pages anyone signed in may reach whatever their second factor: finishing the second factor,
# leaving, confirming the address, the language switch, the health check.
MFA_ALWAYS_ALLOWED_URL_NAMES = {
    "mfa_authenticate",
    "mfa_reauthenticate",
    "account_logout",
    "account_email_verification_sent",
    "account_confirm_email",
    "set_language",
    "healthz",
}
# Pages a user who must use MFA but has no second factor yet may reach to set one up. Never
# open to a session that skipped an existing second factor: a password alone must not be
# enough to read the recovery codes.
MFA_SETUP_URL_NAMES = MFA_ALWAYS_ALLOWED_URL_NAMES | {
    "mfa_activate_totp",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
}

MFA_REQUIRED_API_ERROR = {
    "detail": "This account needs a second factor: sign in with it first, or use a token.",
    "code": "mfa_required",
    "fields": {},
}


# Coordinators and admins (and superusers) anywhere: the same rule as who may add things.
needs_mfa = holds_role_anywhere(COORDINATOR)


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def used_mfa_in_session(request) -> bool:
    """Whether the second factor was entered in this very session (login, reauthentication or
    setting it up), as allauth records it; owning a device is not enough."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class RequireMFAMiddleware:
    """Coordinators and admins use two factors, in every session and on every path.

    Without a second factor they are sent to set it up; with one that this session has not
    used (a login that skipped it, e.g. a forced session) they are sent to enter it. A
    session-authenticated API call gets 403 instead; token calls pass (tokens are minted only
    from a session that used the second factor).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or getattr(request, "api_token", None):
            return None
        if request.path_info.startswith("/static/"):
            return None
        match = request.resolver_match
        url_name = match.url_name if match is not None else None
        if url_name in MFA_ALWAYS_ALLOWED_URL_NAMES or not needs_mfa(user):
            return None
        if used_mfa_in_session(request):
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(MFA_REQUIRED_API_ERROR, status=403)
        if match is None:
            return None
        if not has_mfa(user):
            if url_name in MFA_SETUP_URL_NAMES:
                return None
            return redirect("mfa_activate_totp")
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")


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
