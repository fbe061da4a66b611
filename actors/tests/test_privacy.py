import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Membership, RoleLevel
from accounts.tests.factories import UserFactory
from actors.models import Person, Visibility
from actors.privacy import ERASED_NAME, person_erase, person_export, person_visible_fields
from actors.services import organisation_update
from actors.tests.factories import OrganisationFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    org = OrganisationFactory()
    person = PersonFactory(
        given_name="Erika", family_name="Mustermann", email="erika@example.org",
        phone="+49 361 123456", name_visibility=Visibility.PUBLIC,
        email_visibility=Visibility.MEMBERS, phone_visibility=Visibility.PRIVATE,
    )  # fmt: skip
    RoleFactory(person=person, organisation=org, is_contact=True)
    return person


def _coordinator_of(org):
    user = UserFactory()
    Membership.objects.create(user=user, territory=org.seat, role=RoleLevel.COORDINATOR)
    return user


def test_residents_never_see_a_private_phone_number(contact):
    from django.contrib.auth.models import AnonymousUser

    visible = person_visible_fields(contact, AnonymousUser())
    assert visible == {"name": "Erika Mustermann"}


def test_members_see_the_email_and_coordinators_the_phone(contact):
    member = UserFactory()
    Membership.objects.create(
        user=member, organisation=OrganisationFactory(), role=RoleLevel.VIEWER
    )
    assert set(person_visible_fields(contact, member)) == {"name", "email"}
    coordinator = _coordinator_of(contact.roles.first().organisation)
    assert set(person_visible_fields(contact, coordinator)) == {"name", "email", "phone"}


def test_the_person_sees_all_own_fields(contact):
    user = UserFactory()
    contact.user = user
    contact.save()
    assert set(person_visible_fields(contact, user)) == {"name", "email", "phone"}


def test_the_export_holds_fields_roles_memberships_and_history(contact):
    user = UserFactory()
    org = contact.roles.first().organisation
    Membership.objects.create(user=user, organisation=org, role=RoleLevel.EDITOR)
    contact.user = user
    contact.phone = "+49 361 999"
    contact.save()
    data = person_export(person=contact)
    text = json.dumps(data, default=str)
    assert data["person"]["email"] == "erika@example.org"
    assert "+49 361 123456" in text and "+49 361 999" in text  # history keeps the old number
    assert data["related"]["actors.role"][0]["organisation_id"] == org.pk
    assert data["user"]["memberships"][0]["role"]
    assert len(data["history"]) >= 2


def test_after_erasure_no_page_api_or_export_shows_the_person(client, contact):
    org = contact.roles.first().organisation
    coordinator = _coordinator_of(org)
    person_erase(person=contact, user=coordinator)
    organisation_update(organisation=org, data={"short_name": "neu"})
    contact.refresh_from_db()
    assert contact.full_name == ERASED_NAME and contact.erased_at
    secrets = ["Erika", "Mustermann", "erika@example.org", "123456"]
    superuser = UserFactory(is_superuser=True, is_staff=True)
    from accounts.tests.factories import with_mfa

    with_mfa(superuser)
    client.force_login(superuser)
    responses = [
        client.get(org.get_absolute_url()),
        client.get(reverse("api-v1:get_organisation", kwargs={"slug": org.slug})),
        client.get(reverse("actors:organisation_list"), {"format": "json"}),
        client.get(
            reverse(
                "accounts:history",
                kwargs={"app_label": "actors", "model_name": "person", "pk": contact.pk},
            )
        ),
        # The admin's history leads to the platform's history page (accounts/history_admin.py).
        client.get(
            reverse("admin:actors_person_history", kwargs={"object_id": contact.pk}), follow=True
        ),
    ]
    for response in responses:
        body = response.content.decode()
        assert response.status_code == 200
        for secret in secrets:
            assert secret not in body, (response.request["PATH_INFO"], secret)
    exported = json.dumps(person_export(person=contact), default=str)
    for secret in secrets:
        assert secret not in exported
    for record in Person.history.filter(id=contact.pk):
        assert record.email == "" and record.phone == "" and record.given_name == ""


def test_only_coordinators_or_the_person_erase(contact):
    editor = UserFactory()
    Membership.objects.create(
        user=editor, organisation=contact.roles.first().organisation, role=RoleLevel.EDITOR
    )
    with pytest.raises(PermissionDenied):
        person_erase(person=contact, user=editor)
