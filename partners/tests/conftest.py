"""Erfurt and Vienna with their cooperation, an Erfurt association seeking a school
partnership and a Vienna association offering one, each with a fixed contact person."""

from __future__ import annotations

import pytest

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from actors.models import Language, TargetGroup, Topic
from actors.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from cooperation.models import PartnershipKind
from cooperation.tests.factories import PartnershipFactory
from partners.models import Direction, ListingFormat
from places.models import Territory

from .factories import PartnerListingFactory


@pytest.fixture
def erfurt(taxonomies):
    return Territory.objects.get_by_key("ags:16051000")


@pytest.fixture
def wien(taxonomies):
    return Territory.objects.get_by_key("gkz:90001")


@pytest.fixture
def berlin(taxonomies):
    return Territory.objects.get_by_key("ags:11000000")


@pytest.fixture
def erfurt_wien(erfurt, wien):
    return PartnershipFactory(
        name_de="Erfurt – Wien", slug="erfurt-wien", kind=PartnershipKind.COOPERATION,
        parties=[erfurt, wien], is_public=True,
    )  # fmt: skip


def topic(slug):
    return Topic.objects.get(slug=slug)


def group(slug):
    return TargetGroup.objects.get(slug=slug)


def language(code):
    return Language.objects.get(code=code)


@pytest.fixture
def verein_erfurt(erfurt):
    organisation = OrganisationFactory(
        name_de="Brückenverein Erfurt", slug="brueckenverein-erfurt", seat=erfurt
    )
    organisation.languages.set([language("de")])
    return organisation


@pytest.fixture
def seeks_school_partnership(verein_erfurt):
    return PartnerListingFactory(
        organisation=verein_erfurt, direction=Direction.SEEK,
        format=ListingFormat.SCHOOL_PARTNERSHIP, title_de="Schulpartnerschaft gesucht",
        topics=[topic("berufsorientierung"), topic("schulpartnerschaften")],
        target_groups=[group("jugendliche")],
    )  # fmt: skip


@pytest.fixture
def verein_wien(wien):
    organisation = OrganisationFactory(
        name_de="Lernwerkstatt Wien", slug="lernwerkstatt-wien", seat=wien
    )
    organisation.languages.set([language("de"), language("tr")])
    return organisation


@pytest.fixture
def wien_contact(verein_wien):
    person = PersonFactory(given_name="Marija", family_name="Kovač", email="kovac@wien.example")
    RoleFactory(person=person, organisation=verein_wien, is_contact=True)
    return person


@pytest.fixture
def offers_school_partnership(verein_wien, wien_contact):
    return PartnerListingFactory(
        organisation=verein_wien, direction=Direction.OFFER,
        format=ListingFormat.SCHOOL_PARTNERSHIP, title_de="Schulpartnerschaften in Wien",
        topics=[topic("schulpartnerschaften"), topic("berufsorientierung")],
        target_groups=[group("jugendliche")], languages=[language("de")],
    )  # fmt: skip


@pytest.fixture
def erfurt_editor(verein_erfurt):
    return member(
        organisation=verein_erfurt, role=RoleLevel.EDITOR, email="redaktion@erfurt.example"
    )


@pytest.fixture
def wien_editor(verein_wien):
    return member(organisation=verein_wien, role=RoleLevel.EDITOR, email="redaktion@wien.example")


@pytest.fixture
def stranger(db):
    return UserFactory()
