"""Connects the login signals to the login event log (thin: the service does the work)."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .models import AuthEventKind
from .services import auth_event_log


def on_login_failed(sender, credentials=None, request=None, **kwargs):
    credentials = credentials or {}
    email = credentials.get("email") or credentials.get("username") or ""
    auth_event_log(kind=AuthEventKind.LOGIN_FAILED, request=request, email=str(email))


def on_logged_in(sender, request=None, user=None, **kwargs):
    auth_event_log(kind=AuthEventKind.LOGIN, request=request, user=user)


def on_logged_out(sender, request=None, user=None, **kwargs):
    if user is not None:
        auth_event_log(kind=AuthEventKind.LOGOUT, request=request, user=user)


def on_authenticator_added(sender, request=None, user=None, authenticator=None, **kwargs):
    """Setting up TOTP means entering a valid code: this session has used the second factor
    (otherwise the MFA middleware would ask for the code right after it was set up)."""
    if request is None or authenticator is None or authenticator.type != "totp":
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type="totp", activated=True)


def connect() -> None:
    authenticator_added.connect(on_authenticator_added, dispatch_uid="accounts.mfa_added")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts.login_failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="accounts.logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="accounts.logged_out")
