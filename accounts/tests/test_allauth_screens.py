"""Every django-allauth screen the URL conf reaches looks and reads like the rest of the site.

For each screen, in German at /konto/… and in English at /en/konto/…: it answers 200, it is
rendered inside base.html (skip link, main landmark), its heading is in the page's language
(German addresses the reader formally, as the rest of the site does), every form control in
the page has a label, the building blocks carry KERN UX classes, and nothing in it needs
'unsafe-inline' (no inline script or style, no on* handlers) under the site's CSP.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory, with_mfa

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-test-passwort"  # the factories' test password
CONTROLS = {"input", "select", "textarea"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
INFORMAL_GERMAN = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines)\b", re.I)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts re-authentications per IP in the cache; every screen here re-authenticates."""
    cache.clear()
    yield
    cache.clear()


class PageAudit(HTMLParser):
    """What the assertions need from one HTML page, in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.has_skip_link = False
        self.has_main = False
        self.labels_for: set[str] = set()
        self.controls: list[dict] = []  # attrs of form controls, "_in_label" if wrapped
        self.inline_scripts = 0
        self.style_elements = 0
        self.inline_attrs: list[str] = []  # style= and on*= attributes
        self.unstyled: list[str] = []  # building blocks in <main> without their KERN class
        self.h1: list[str] = []
        self.main_text: list[str] = []
        self._label_depth = 0
        self._main_depth = 0
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        classes = attrs.get("class", "").split()
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.inline_attrs.append(f"<{tag} {name}=…>")
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "a" and "bn-skip-link" in classes and attrs.get("href") == "#main":
            self.has_skip_link = True
        elif tag == "main" and attrs.get("id") == "main":
            self.has_main = True
            self._main_depth = 1
        elif tag == "main":
            self._main_depth += 1
        elif tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1
        elif tag == "style":
            self.style_elements += 1
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.labels_for.add(attrs["for"])
        elif tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        if tag in CONTROLS:
            is_labelled_type = attrs.get("type", "text") not in UNLABELLED_INPUT_TYPES
            if tag != "input" or is_labelled_type:
                self.controls.append({**attrs, "_tag": tag, "_in_label": self._label_depth > 0})
        if self._main_depth:
            self._check_kern(tag, attrs, classes)

    def _check_kern(self, tag, attrs, classes):
        prefix = {
            "h1": "kern-heading",
            "h2": "kern-",
            "button": "kern-btn",
            "select": "kern-form-input__select",
            "textarea": "kern-form-input__input",
            "label": "kern-label",
        }.get(tag)
        if tag == "input" and attrs.get("type") != "hidden":
            prefix = "kern-form-"
        if prefix and not any(c.startswith(prefix) for c in classes):
            self.unstyled.append(f"<{tag} class={attrs.get('class', '')!r}>")

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        elif tag == "main" and self._main_depth:
            self._main_depth -= 1
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data
        if self._main_depth:
            self.main_text.append(data)

    def unlabelled_controls(self) -> list[str]:
        missing = []
        for control in self.controls:
            labelled = (
                control["_in_label"]
                or control.get("aria-label")
                or control.get("aria-labelledby")
                or (control.get("id") and control["id"] in self.labels_for)
            )
            if not labelled:
                missing.append(f"<{control['_tag']} name={control.get('name')!r}>")
        return missing


def audit(response) -> PageAudit:
    page = PageAudit()
    page.feed(response.content.decode())
    return page


def squash(text: str) -> str:
    return " ".join(text.split())


def _url(lang: str, name: str, **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def _log_in(client, user, lang: str):
    """Logged in and freshly re-authenticated with the password (allauth asks again for it
    before MFA changes), as a person would be after the re-authentication screen."""
    client.force_login(user)
    response = client.post(_url(lang, "account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, "re-authentication with the password failed"


def _user_with_mfa():
    user = with_mfa(UserFactory())
    RecoveryCodes.activate(user)
    return user


# Each screen: how to get there (returns the URL to GET), and its heading in German / English.
def _anonymous(name, **kwargs):
    return lambda client, lang: _url(lang, name, **kwargs)


def _logged_in(name, make_user=UserFactory):
    def reach(client, lang):
        _log_in(client, make_user(), lang)
        return _url(lang, name)

    return reach


def _reset_from_valid_key(client, lang):
    user = UserFactory()
    url = _url(
        lang,
        "account_reset_password_from_key",
        uidb36=user_pk_to_url_str(user),
        key=default_token_generator.make_token(user),
    )
    response = client.get(url)  # allauth moves the key into the session, then redirects
    assert response.status_code == 302
    return response["Location"]


def _confirm_email_with_valid_key(client, lang):
    address = EmailAddress.objects.create(
        user=UserFactory(verified=False), email="neu@example.org", verified=False, primary=True
    )
    return _url(lang, "account_confirm_email", key=EmailConfirmationHMAC(address).key)


def _mfa_authenticate(client, lang):
    user = with_mfa(UserFactory())
    response = client.post(_url(lang, "account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == _url(lang, "mfa_authenticate")
    return response["Location"]


def _set_password(client, lang):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    return _url(lang, "account_set_password")


def _activate_totp(client, lang):
    _log_in(client, UserFactory(), lang)
    return _url(lang, "mfa_activate_totp")


SCREENS = {
    # logged out
    "login": (_anonymous("account_login"), "Anmelden", "Log in"),
    "signup": (_anonymous("account_signup"), "Registrieren", "Sign up"),
    "password_reset": (
        _anonymous("account_reset_password"),
        "Passwort zurücksetzen",
        "Password Reset",
    ),
    "password_reset_done": (
        _anonymous("account_reset_password_done"),
        "Passwort zurücksetzen",
        "Password Reset",
    ),
    "password_reset_from_key_invalid": (
        _anonymous("account_reset_password_from_key", uidb36="1", key="ungueltig"),
        "Ungültiger Link",
        "Bad Token",
    ),
    "password_reset_from_key": (_reset_from_valid_key, "Passwort ändern", "Change Password"),
    "password_reset_from_key_done": (
        _anonymous("account_reset_password_from_key_done"),
        "Passwort ändern",
        "Change Password",
    ),
    "verification_sent": (
        _anonymous("account_email_verification_sent"),
        "Bestätigen Sie Ihre E-Mail-Adresse",
        "Verify Your Email Address",
    ),
    "confirm_email_invalid": (
        _anonymous("account_confirm_email", key="ungueltig"),
        "E-Mail-Adresse bestätigen",
        "Confirm Email Address",
    ),
    "confirm_email": (
        _confirm_email_with_valid_key,
        "E-Mail-Adresse bestätigen",
        "Confirm Email Address",
    ),
    "account_inactive": (_anonymous("account_inactive"), "Konto inaktiv", "Account Inactive"),
    "mfa_authenticate": (
        _mfa_authenticate,
        "Zwei-Faktor-Authentifizierung",
        "Two-factor authentication",
    ),
    # logged in
    "password_change": (
        _logged_in("account_change_password"),
        "Passwort ändern",
        "Change Password",
    ),
    "password_set": (_set_password, "Passwort setzen", "Set Password"),
    "email": (_logged_in("account_email"), "E-Mail-Adressen", "Email Addresses"),
    "logout": (_logged_in("account_logout"), "Abmelden", "Log out"),
    "reauthenticate": (
        _logged_in("account_reauthenticate"),
        "Zugriff bestätigen",
        "Confirm Access",
    ),
    "mfa_index": (
        _logged_in("mfa_index", _user_with_mfa),
        "Zwei-Faktor-Authentifizierung",
        "Two-Factor Authentication",
    ),
    "mfa_activate_totp": (
        _activate_totp,
        "Zwei-Faktor-Authentifizierung einrichten",
        "Set up two-factor authentication",
    ),
    "mfa_deactivate_totp": (
        _logged_in("mfa_deactivate_totp", _user_with_mfa),
        "Authenticator-App deaktivieren",
        "Deactivate Authenticator App",
    ),
    "mfa_reauthenticate": (
        _logged_in("mfa_reauthenticate", _user_with_mfa),
        "Zugriff bestätigen",
        "Confirm Access",
    ),
    "mfa_recovery_codes": (
        _logged_in("mfa_view_recovery_codes", _user_with_mfa),
        "Wiederherstellungscodes",
        "Recovery Codes",
    ),
    "mfa_recovery_codes_generate": (
        _logged_in("mfa_generate_recovery_codes", _user_with_mfa),
        "Wiederherstellungscodes",
        "Recovery Codes",
    ),
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_allauth_screen_is_a_page_of_the_site(client, screen, lang):
    reach, heading_de, heading_en = SCREENS[screen]
    url = reach(client, lang)
    assert url.startswith("/en/konto/" if lang == "en" else "/konto/")

    response = client.get(url)

    assert response.status_code == 200
    page = audit(response)
    assert page.has_skip_link and page.has_main, "not rendered inside base.html"
    assert page.html_lang == lang
    assert [squash(h) for h in page.h1] == [heading_de if lang == "de" else heading_en]
    assert page.unlabelled_controls() == []
    assert page.unstyled == [], "building blocks without their KERN UX class"
    assert page.inline_scripts == 0 and page.style_elements == 0
    assert page.inline_attrs == []
    if lang == "de":
        informal = INFORMAL_GERMAN.findall(" ".join(page.main_text))
        assert informal == [], "the site addresses the reader as 'Sie'"


def test_field_errors_are_tied_to_their_field_and_summarised(client):
    response = client.post(reverse("account_reset_password"), {"email": "keine-adresse"})

    assert response.status_code == 200
    html = response.content.decode()
    control = re.search(r"<input[^>]*\bname=\"email\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in control
    described_by = re.search(r'aria-describedby="([^"]+)"', control).group(1).split()
    assert "id_email_error" in described_by
    assert 'id="id_email_error"' in html
    assert "bn-error-summary" in html  # the summary links to the field; site.js focuses it
    assert 'href="#id_email"' in html


def test_adding_an_invalid_address_shows_the_error_in_kern(client):
    _log_in(client, UserFactory(), "de")

    response = client.post(reverse("account_email"), {"action_add": "", "email": "x"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "kern-form-input--error" in html
    assert 'id="id_email_error"' in html


def test_the_flash_messages_address_the_reader_formally(client):
    _log_in(client, UserFactory(), "de")

    response = client.post(reverse("account_logout"), follow=True)

    assert "Sie haben sich abgemeldet." in response.content.decode()
