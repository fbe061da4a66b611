"""Builders for the minutes tests (#15): a working group of a city with a past meeting, the
people around it, and minutes at each step of their lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from actors.models import Visibility
from actors.tests.factories import OrganisationFactory, PersonFactory
from events.models import Minutes
from events.services_minutes import (
    action_item_save,
    decision_save,
    minutes_approve,
    minutes_open_review,
    minutes_save,
    minutes_start,
)
from places.tests.factories import TerritoryFactory

from .factories import EventFactory, WorkingGroupFactory


@dataclass
class Meeting:
    city: object
    org: object
    group: object
    event: object
    editor: object  # writes the minutes
    viewer: object  # a member of the lead organisation
    coordinator: object  # of the city: may approve
    chair: object  # the group's chair person's account: may approve
    chair_person: object
    stranger: object


def meeting(*, public: bool = True, title: str = "Sitzung der AG Monitoring") -> Meeting:
    city = TerritoryFactory(name_de="Erfurt")
    org = OrganisationFactory(seat=city, name_de="Bildungsbüro Erfurt")
    chair = UserFactory(display_name="Clara Vorsitz")
    chair_person = PersonFactory(
        given_name="Clara", family_name="Vorsitz", user=chair,
        name_visibility=Visibility.PUBLIC,
    )  # fmt: skip
    group = WorkingGroupFactory(
        name="AG Monitoring", lead_organisation=org, territory=city, chair=chair_person,
        is_public=public,
    )  # fmt: skip
    start = timezone.now() - timedelta(days=3)
    event = EventFactory(
        title=title, organisers=[org], territory=city, working_group=group, is_public=public,
        starts_at=start, ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    return Meeting(
        city=city, org=org, group=group, event=event,
        editor=member(organisation=org, role=RoleLevel.EDITOR, display_name="Eva Protokoll"),
        viewer=member(organisation=org, role=RoleLevel.VIEWER),
        coordinator=member(city, RoleLevel.COORDINATOR, display_name="Kora Koordination"),
        chair=chair, chair_person=chair_person, stranger=UserFactory(),
    )  # fmt: skip


def draft(m: Meeting, *, decision: str = "Der Bildungsbericht 2024 wird erstellt.") -> Minutes:
    minutes = minutes_start(event=m.event, actor=m.editor)
    minutes_save(
        minutes=minutes, data={"attendees": "Clara Vorsitz, Eva Protokoll",
                               "body": "<p>Die AG berät den Bildungsbericht.</p>"},
        actor=m.editor,
    )  # fmt: skip
    decision_save(minutes=minutes, data={"text": decision, "vote_result": "einstimmig"},
                  actor=m.editor)  # fmt: skip
    return Minutes.objects.get(pk=minutes.pk)


def in_review(m: Meeting, **kwargs) -> Minutes:
    minutes = draft(m, **kwargs)
    return minutes_open_review(minutes=minutes, actor=m.editor)


def approved(m: Meeting, **kwargs) -> Minutes:
    minutes = in_review(m, **kwargs)
    return minutes_approve(minutes=minutes, actor=m.chair)


def with_action(minutes: Minutes, actor, **data):
    values = {"text": "Datenlieferung der Schulen anfragen", **data}
    return action_item_save(minutes=minutes, data=values, actor=actor)
