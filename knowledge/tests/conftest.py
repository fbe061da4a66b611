from __future__ import annotations

import pytest

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory


@pytest.fixture
def city(db):
    return TerritoryFactory(name_de="Erfurt", level="city")


@pytest.fixture
def org(city):
    return OrganisationFactory(seat=city, name_de="Verein Erfurt")


@pytest.fixture
def author(org):
    return member(organisation=org, role=RoleLevel.EDITOR, email="autorin@example.org")


@pytest.fixture
def reviewer(org):
    return member(organisation=org, role=RoleLevel.EDITOR, email="pruefer@example.org")


@pytest.fixture
def coordinator(city):
    return member(city, RoleLevel.COORDINATOR)


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
