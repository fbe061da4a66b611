from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from actors.tests.factories import OrganisationFactory
from events.models import (
    Event,
    EventKind,
    GroupMembership,
    Registration,
    RegistrationQuestion,
    Series,
    Session,
    WorkingGroup,
)

BERLIN = ZoneInfo("Europe/Berlin")


def _in_days(days: int, hour: int = 10) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=BERLIN)


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = EventKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Werkstatt {n}")
    slug = factory.Sequence(lambda n: f"werkstatt-{n}")
    starts_at = factory.LazyFunction(lambda: _in_days(14))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=3))
    is_public = True

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if not create:
            return
        self.organisers.set(extracted if extracted is not None else [OrganisationFactory()])


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Programmpunkt {n}")
    starts_at = factory.SelfAttribute("event.starts_at")
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=1))


class RegistrationQuestionFactory(DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    event = factory.SubFactory(EventFactory)
    text = factory.Sequence(lambda n: f"Frage {n}")


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, registration_enabled=True)
    name = factory.Sequence(lambda n: f"Teilnehmerin {n}")
    email = factory.Sequence(lambda n: f"teilnehmerin{n}@example.org")


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"AG Übergang {n}")
    slug = factory.Sequence(lambda n: f"ag-uebergang-{n}")
    lead_organisation = factory.SubFactory(OrganisationFactory)
    is_public = True


class GroupMembershipFactory(DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(WorkingGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class SeriesFactory(DjangoModelFactory):
    class Meta:
        model = Series
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Jour fixe {n}")
    slug = factory.Sequence(lambda n: f"jour-fixe-{n}")
    rule = "FREQ=MONTHLY;BYDAY=1TU"
    first_date = date(2027, 1, 1)
    start_time = time(10, 0)
    end_time = time(11, 30)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if not create:
            return
        self.organisers.set(extracted if extracted is not None else [OrganisationFactory()])
