from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from actors.tests.factories import OrganisationFactory
from bildungsnetz.testing.module_data import loaded_for_the_module
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


# The apps whose demo the knowledge base's demo builds on (places come with actors).
DEMO_APPS = ["actors", "cooperation", "programme", "events", "knowledge"]


@pytest.fixture(scope="module")
def knowledge_demo(django_db_setup, django_db_blocker):
    """The demo of the knowledge base and the apps it links to, loaded once per module
    (`loaded_for_the_module`; as the root conftest's `whole_demo`, but without the apps the
    knowledge base does not need, which keeps it fast)."""
    with loaded_for_the_module(django_db_blocker):
        call_command("demo", only=DEMO_APPS, stdout=StringIO())
        yield
