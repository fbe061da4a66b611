from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory

from .factories import ProgrammeFactory, WorkPackageFactory


@pytest.fixture
def city(db):
    return TerritoryFactory(name_de="Erfurt")


@pytest.fixture
def programme(city):
    return ProgrammeFactory(territory=city, start=dt.date(2023, 1, 1), end=dt.date(2026, 12, 31))


@pytest.fixture
def package(programme):
    return WorkPackageFactory(
        programme=programme, number="AP 3", position=3, title="Bildungskonferenzen",
        start=dt.date(2023, 3, 1), end=dt.date(2024, 12, 31),
    )  # fmt: skip


@pytest.fixture
def coordinator(city):
    return member(city, RoleLevel.COORDINATOR)


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def other_org(db):
    return OrganisationFactory()


@pytest.fixture
def today():
    return timezone.localdate()
