import json
import time

import pytest
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.urls import reverse

from accounts.demo import DEMO_TOTP_SECRET, totp_code
from accounts.models import ApiToken, AuthEvent, AuthEventKind, Membership, RoleLevel, User
from accounts.services import email_hash, token_create
from accounts.tests.factories import UserFactory, with_mfa
from accounts.tests.sessions import record_second_factor
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


def test_it_logs_failed_logins_also_for_unknown_addresses(client):
    client.post(
        reverse("account_login"), {"login": "niemand@example.org", "password": "falsch-falsch"}
    )
    event = AuthEvent.objects.get(kind=AuthEventKind.LOGIN_FAILED)
    assert event.user is None
    assert event.email_hash == email_hash("niemand@example.org")
    assert event.ip_address == "127.0.0.1"
    assert "niemand" not in event.email_hash


def test_it_logs_a_successful_login(client):
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "ein-langes-test-passwort"}
    )
    assert response.status_code == 302
    assert AuthEvent.objects.filter(kind=AuthEventKind.LOGIN, user=user).exists()


def test_it_does_not_reveal_whether_an_address_has_an_account(client):
    UserFactory(email="bekannt@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "bekannt@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "unbekannt@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_it_sends_coordinators_without_mfa_to_set_it_up(client):
    user = UserFactory()
    Membership.objects.create(user=user, territory=TerritoryFactory(), role=RoleLevel.COORDINATOR)
    client.force_login(user)
    response = client.get(reverse("actors:organisation_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    with_mfa(user)
    # Owning the device is not enough: this session has to enter the code.
    assert client.get(reverse("actors:organisation_list"))["Location"].startswith(
        reverse("mfa_reauthenticate")
    )
    record_second_factor(client, user)
    assert client.get(reverse("actors:organisation_list")).status_code == 200


def test_it_lets_editors_work_without_mfa(client):
    user = UserFactory()
    Membership.objects.create(user=user, organisation=OrganisationFactory(), role=RoleLevel.EDITOR)
    client.force_login(user)
    assert client.get(reverse("actors:organisation_list")).status_code == 200


def test_it_requires_mfa_for_superusers(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_it_exports_the_own_account_as_json(client):
    user = UserFactory(display_name="Erika")
    token_create(user=user, name="Skript")
    client.force_login(user)
    response = client.get(reverse("accounts:export"))
    data = json.loads(response.content)
    assert data["user"]["email"] == user.email
    assert data["api_tokens"][0]["name"] == "Skript"
    assert "token_hash" not in json.dumps(data)


def test_it_deletes_the_own_account_after_the_password(client):
    user = UserFactory()
    client.force_login(user)
    wrong = client.post(reverse("accounts:delete"), {"password": "falsch"})
    assert wrong.status_code == 200 and User.objects.filter(pk=user.pk).exists()
    client.post(reverse("accounts:delete"), {"password": "ein-langes-test-passwort"})
    assert not User.objects.filter(pk=user.pk).exists()
    assert AuthEvent.objects.filter(kind=AuthEventKind.ACCOUNT_DELETED).exists()


def test_it_shows_a_new_token_once_and_stores_only_its_hash(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:tokens"), {"name": "Import", "read_only": "on"})
    token = ApiToken.objects.get(user=user)
    raw = response.context["created"]
    assert raw.startswith("bn_") and raw in response.content.decode()
    assert raw not in token.token_hash and token.prefix == raw[:10]
    assert raw not in client.get(reverse("accounts:tokens")).content.decode()


def test_coordinators_invite_change_and_remove_members(client):
    city = TerritoryFactory()
    coordinator = with_mfa(UserFactory())
    Membership.objects.create(user=coordinator, territory=city, role=RoleLevel.COORDINATOR)
    client.force_login(coordinator)
    url = reverse("accounts:memberships", args=["gebiet", city.key])
    client.post(url, {"email": "neu@example.org", "role": RoleLevel.EDITOR})
    membership = Membership.objects.get(user__email="neu@example.org")
    assert membership.role == RoleLevel.EDITOR
    client.post(
        reverse("accounts:membership_change", args=[membership.pk]),
        {f"m{membership.pk}-role": RoleLevel.VIEWER},
    )
    membership.refresh_from_db()
    assert membership.role == RoleLevel.VIEWER
    client.post(reverse("accounts:membership_remove", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_it_rejects_handing_out_a_role_above_the_own(client):
    city = TerritoryFactory()
    coordinator = with_mfa(UserFactory())
    Membership.objects.create(user=coordinator, territory=city, role=RoleLevel.COORDINATOR)
    client.force_login(coordinator)
    url = reverse("accounts:memberships", args=["gebiet", city.key])
    client.post(url, {"email": "chef@example.org", "role": RoleLevel.ADMIN})
    assert not Membership.objects.filter(user__email="chef@example.org").exists()


def test_the_history_shows_who_changed_what_and_a_coordinator_reverts_it(client):
    from actors.services import organisation_update

    city = TerritoryFactory()
    org = OrganisationFactory(seat=city, name_de="Alter Name")
    coordinator = with_mfa(UserFactory(display_name="Koordinatorin"))
    Membership.objects.create(user=coordinator, territory=city, role=RoleLevel.COORDINATOR)
    client.force_login(coordinator)
    client.post(
        reverse("actors:organisation_edit", args=[org.slug]),
        {"name_de": "Neuer Name", "kind": org.kind, "seat": city.pk, "is_public": "on"},
    )
    org.refresh_from_db()
    assert org.name_de == "Neuer Name"
    url = reverse("accounts:history", args=["actors", "organisation", org.pk])
    page = client.get(url).content.decode()
    assert "Alter Name" in page and "Neuer Name" in page and "Koordinatorin" in page
    first = org.history.order_by("history_date").first()
    client.post(
        reverse(
            "accounts:history_revert", args=["actors", "organisation", org.pk, first.history_id]
        )
    )
    org.refresh_from_db()
    assert org.name_de == "Alter Name"
    latest = org.history.order_by("-history_date").first()
    assert latest.history_user == coordinator and org.history.count() == 3
    organisation_update(organisation=org, data={"name_de": "x"})


def test_a_coordinator_cannot_revert_an_entry_back_into_another_city(client):
    from actors.services import organisation_update

    theirs, ours = TerritoryFactory(), TerritoryFactory()
    org = OrganisationFactory(seat=theirs, name_de="Umgezogen")
    organisation_update(organisation=org, data={"seat": ours})  # moved by a platform admin
    coordinator = with_mfa(UserFactory())
    Membership.objects.create(user=coordinator, territory=ours, role=RoleLevel.COORDINATOR)
    client.force_login(coordinator)
    first = org.history.order_by("history_date").first()
    response = client.post(
        reverse(
            "accounts:history_revert", args=["actors", "organisation", org.pk, first.history_id]
        ),
        follow=True,
    )
    org.refresh_from_db()
    assert org.seat == ours and org.history.count() == 2
    assert "Diese Version können Sie nicht wiederherstellen" in response.content.decode()


def test_the_record_of_processing_activities_lists_every_model_with_personal_data(client):
    response = client.get(reverse("accounts:processing_record"), {"format": "json"})
    data = response.json()
    models = {a["model"] for a in data["activities"]}
    assert {"actors.person", "accounts.user", "accounts.authevent"} <= models
    person = next(a for a in data["activities"] if a["model"] == "actors.person")
    assert {d["field"] for d in person["data"]} >= {"email", "phone"}
    assert client.get(reverse("accounts:processing_record")).status_code == 200
    assert client.get(reverse("accounts:processing_record"), {"format": "print"}).status_code == 200


def test_demo_logins_print_a_current_totp_code():
    assert validate_totp_code(DEMO_TOTP_SECRET, totp_code())


def test_a_code_from_the_previous_30_second_window_is_still_accepted():
    """A code typed just before its window ends arrives in the next one; the login must not
    fail for that (it made a browser journey fail at random)."""
    assert validate_totp_code(DEMO_TOTP_SECRET, totp_code(at=time.time() - 30))
    assert not validate_totp_code(DEMO_TOTP_SECRET, totp_code(at=time.time() - 90))


def test_login_events_are_purged_after_the_retention_period():
    from datetime import timedelta

    from django.utils import timezone

    from accounts.services import auth_events_purge

    AuthEvent.objects.create(
        kind=AuthEventKind.LOGIN_FAILED, created=timezone.now() - timedelta(days=91)
    )
    AuthEvent.objects.create(kind=AuthEventKind.LOGIN_FAILED)
    assert auth_events_purge(days=90) == 1
    assert AuthEvent.objects.count() == 1
