"""Test sessions and the second factor (a pytest plugin, loaded by the root conftest).

The MFA middleware accepts a session only if the second factor was entered in it. A test
that calls `client.force_login(user)` for a user who owns a second factor means "signed in
as this user", so the forced session records a second-factor step as allauth's own login
would. Tests of the refusal itself use `login_without_second_factor`.
"""

from __future__ import annotations

import time
from importlib import import_module

import pytest
from django.conf import settings


def _records_keys():
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    return AUTHENTICATION_METHODS_SESSION_KEY, _AUTHENTICATION_METHODS_USER_SESSION_KEY


def _authenticator(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()


def record_second_factor(client, user) -> None:
    """Write into the client's session what allauth writes after a TOTP code was entered."""
    authenticator = _authenticator(user)
    methods_key, user_key = _records_keys()
    session = client.session
    records = [r for r in session.get(methods_key, []) if isinstance(r, dict)]
    records.append(
        {
            "method": "mfa",
            "at": time.time(),
            "id": authenticator.pk if authenticator else None,
            "type": "totp",
        }
    )
    session[methods_key] = records
    session[user_key] = str(user.pk)
    session.save()


def signed_in_session_data(user) -> dict:
    """What a session holds once `user` has signed in (with their second factor, if they own
    one): to be copied into new sessions with `session_from`, which costs one write instead of
    a whole login."""
    from django.test import Client

    client = Client()
    Client.force_login(client, user)  # the plain login: the fixture below may not be active
    if _authenticator(user) is not None:
        record_second_factor(client, user)
    return dict(client.session.items())


def session_from(data: dict) -> str:
    """A new session holding `data` (from `signed_in_session_data`), its second-factor step
    dated now; returns its key for the session cookie."""
    methods_key, _user_key = _records_keys()
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(data)
    if methods_key in data:
        store[methods_key] = [{**record, "at": time.time()} for record in data[methods_key]]
    store.create()
    return store.session_key


def login_without_second_factor(client, user) -> None:
    """A session for `user` in which only the password was used (e.g. the admin site's old
    login form, or a session forced some other way)."""
    client.force_login(user)
    methods_key, user_key = _records_keys()
    session = client.session
    session[methods_key] = [{"method": "password", "at": time.time(), "email": user.email}]
    session[user_key] = str(user.pk)
    session.save()


@pytest.fixture(autouse=True)
def _forced_logins_used_the_second_factor(monkeypatch):
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if _authenticator(user) is not None:
            record_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
