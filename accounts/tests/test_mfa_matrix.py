"""The MFA matrix: every way to get a session or call the API x every kind of user.

A role that requires a second factor (coordinators and up, the platform admin) counts as signed
in only once the second factor was entered *in this session*. Each row logs in one way, then
tries three surfaces with that session:

- page: `/mein-konto/tokens/` (where API tokens are minted)
- api: `/api/v1/organisations/<slug>` listing a person whose phone is private (coordinators see
  it); with the "API token" path the call carries the user's token instead of a session
- admin: `/admin/accounts/user/`

Outcomes: ok (200), login (sent to the login), setup (sent to set up a second factor), code
(sent to enter the second factor), 403; for the API: private (200 with the private phone),
public (200 without it), 403 (JSON error, no data).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.demo import totp_code
from accounts.models import Membership, RoleLevel
from accounts.services import token_create
from accounts.tests.factories import UserFactory, with_mfa
from accounts.tests.sessions import login_without_second_factor
from actors.models import Visibility
from actors.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-test-passwort"  # the factories' test password
PRIVATE_PHONE = "+49 361 555 0101"

# fmt: off
MATRIX = [
    # login path,                 user kind,                page,    api,       admin
    ("allauth, password + code",  "editor",                 "ok",    "public",  "403"),
    ("allauth, password + code",  "coordinator, no device", "setup", "403",     "setup"),
    ("allauth, password + code",  "coordinator",            "ok",    "private", "403"),
    ("allauth, password + code",  "superuser",              "ok",    "private", "ok"),
    ("allauth, password only",    "coordinator",            "login", "public",  "login"),
    ("allauth, password only",    "superuser",              "login", "public",  "login"),
    ("admin login form",          "coordinator",            "login", "public",  "login"),
    ("admin login form",          "superuser",              "login", "public",  "login"),
    ("forced session",            "editor",                 "ok",    "public",  "403"),
    ("forced session",            "coordinator, no device", "setup", "403",     "setup"),
    ("forced session",            "coordinator",            "code",  "403",     "code"),
    ("forced session",            "superuser",              "code",  "403",     "code"),
    ("API token",                 "editor",                 "login", "public",  "login"),
    ("API token",                 "coordinator, no device", "login", "private", "login"),
    ("API token",                 "coordinator",            "login", "private", "login"),
    ("API token",                 "superuser",              "login", "private", "login"),
]
# fmt: on


@pytest.fixture
def org():
    city = TerritoryFactory()
    organisation = OrganisationFactory(seat=city, is_public=True)
    person = PersonFactory(phone=PRIVATE_PHONE, phone_visibility=Visibility.PRIVATE)
    RoleFactory(person=person, organisation=organisation, is_public=True)
    return organisation


def make_user(kind: str, org):
    if kind == "superuser":
        return with_mfa(UserFactory(is_superuser=True, is_staff=True))
    user = UserFactory()
    if kind == "editor":
        Membership.objects.create(user=user, organisation=org, role=RoleLevel.EDITOR)
    else:
        Membership.objects.create(user=user, territory=org.seat, role=RoleLevel.COORDINATOR)
    if kind == "coordinator":
        with_mfa(user)
    return user


# --- Login paths ----------------------------------------------------------------------------
def _allauth_password(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the password login failed"
    return response


def _allauth_password_and_code(client, user):
    response = _allauth_password(client, user)
    if response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
        assert response.status_code == 302, "the code was not accepted"


def _admin_form(client, user):
    response = client.post(
        reverse("admin_login", query={"next": reverse("admin:index")}),
        {"username": user.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


LOGINS = {
    "allauth, password + code": _allauth_password_and_code,
    "allauth, password only": _allauth_password,
    "admin login form": _admin_form,
    "forced session": login_without_second_factor,
    "API token": lambda client, user: None,
}


# --- Outcomes -------------------------------------------------------------------------------
def page_outcome(response, client) -> str:
    if response.status_code == 302 and response["Location"].startswith(reverse("admin_login")):
        response = client.get(response["Location"])  # the admin site's own login hop
    if response.status_code in (200, 403):
        return {200: "ok", 403: "403"}[response.status_code]
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    for prefix, outcome in (
        (reverse("account_login"), "login"),
        (reverse("mfa_activate_totp"), "setup"),
        (reverse("mfa_reauthenticate"), "code"),
    ):
        if location.startswith(prefix):
            return outcome
    raise AssertionError(f"unexpected redirect to {location}")


def api_outcome(response) -> str:
    if response.status_code == 403:
        assert response.json()["code"] == "mfa_required"
        assert PRIVATE_PHONE not in response.content.decode()
        return "403"
    assert response.status_code == 200, response.status_code
    return "private" if PRIVATE_PHONE in response.content.decode() else "public"


@pytest.mark.parametrize(
    ("login", "kind", "page", "api", "admin"),
    MATRIX,
    ids=[f"{login} | {kind}" for login, kind, *_ in MATRIX],
)
def test_a_second_factor_role_is_signed_in_only_after_the_code_in_this_session(
    client, org, login, kind, page, api, admin
):
    user = make_user(kind, org)
    LOGINS[login](client, user)
    headers = {}
    if login == "API token":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token_create(user=user, name='t')[1]}"

    got = {
        "page": page_outcome(client.get(reverse("accounts:tokens")), client),
        "api": api_outcome(
            client.get(reverse("api-v1:get_organisation", kwargs={"slug": org.slug}), **headers)
        ),
        "admin": page_outcome(client.get(reverse("admin:accounts_user_changelist")), client),
    }
    assert got == {"page": page, "api": api, "admin": admin}


def test_the_admin_login_form_never_signs_in_even_after_failed_logins(client, org):
    """Finding 1: 11 wrong passwords and then the right one logged in through /admin/login/."""
    admin = make_user("superuser", org)
    for _ in range(11):
        client.post(reverse("admin_login"), {"username": admin.email, "password": "falsch-falsch"})
        client.post(reverse("account_login"), {"login": admin.email, "password": "falsch"})
    response = client.post(reverse("admin_login"), {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    # The login allauth owns is rate-limited: the right password is refused now as well.
    client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert page_outcome(client.get(reverse("admin:accounts_user_changelist")), client) == "login"


def test_entering_the_code_again_lets_a_forced_session_in(client, org):
    user = make_user("coordinator", org)
    login_without_second_factor(client, user)
    response = client.get(reverse("accounts:tokens"))
    assert page_outcome(response, client) == "code"
    response = client.post(response["Location"], {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:tokens")
    assert client.get(reverse("accounts:tokens")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_setting_up_the_second_factor_counts_for_this_session(client, org):
    """After activating TOTP the coordinator works on without entering the code again (allauth
    announces the new authenticator on commit, hence a real transaction here)."""
    from allauth.mfa.models import Authenticator

    user = make_user("coordinator, no device", org)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret=secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert client.get(reverse("accounts:tokens")).status_code == 200
