"""Working-group pages and the API: the group page lists its meetings and members (people only
as far as their visibility allows) and an open-items area; the API lists events with the list
page's filters and answers an invalid filter with 422."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.models import Topic, Visibility
from actors.tests.factories import OrganisationFactory, PersonFactory
from events.models import Event, GroupMembership, WorkingGroup

from .factories import EventFactory, GroupMembershipFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_the_group_page_shows_meetings_members_and_open_items(client):
    group = WorkingGroupFactory(name="AK Schule–Wirtschaft")
    EventFactory(title="Nächste Sitzung", working_group=group)
    past = EventFactory(title="Letzte Sitzung", working_group=group)
    Event.objects.filter(pk=past.pk).update(
        starts_at=past.starts_at - timedelta(days=90), ends_at=past.ends_at - timedelta(days=90)
    )
    GroupMembershipFactory(group=group, organisation=OrganisationFactory(name="IHK Erfurt"))
    hidden = PersonFactory(given_name="Versteckte", name_visibility=Visibility.PRIVATE)
    GroupMembershipFactory(group=group, organisation=None, person=hidden)
    response = client.get(group.get_absolute_url())
    html = response.content.decode()
    assert [e.title for e in response.context["meetings"]["upcoming"]] == ["Nächste Sitzung"]
    assert [e.title for e in response.context["meetings"]["past"]] == ["Letzte Sitzung"]
    assert "IHK Erfurt" in html and "Versteckte" not in html
    assert 'id="offene-punkte"' in html and "Offene Punkte" in html


def test_an_editor_of_the_lead_creates_a_group_and_adds_a_member(client):
    lead = OrganisationFactory()
    client.force_login(member(organisation=lead, role=RoleLevel.EDITOR))
    response = client.post(
        reverse("groups:group_create"),
        {"name": "AG Monitoring", "lead_organisation": lead.pk, "cadence": "monatlich"},
    )
    group = WorkingGroup.objects.get(name="AG Monitoring")
    assert response.status_code == 302 and group.slug == "ag-monitoring"
    partner = OrganisationFactory()
    client.post(
        reverse("groups:member_add", args=[group.slug]),
        {"organisation": partner.pk, "role": "member"},
    )
    assert GroupMembership.objects.filter(group=group, organisation=partner).exists()


def test_a_group_without_name_keeps_what_was_typed(client):
    lead = OrganisationFactory()
    client.force_login(member(organisation=lead, role=RoleLevel.EDITOR))
    response = client.post(
        reverse("groups:group_create"), {"name": "", "lead_organisation": lead.pk,
                                         "cadence": "jeden ersten Dienstag"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "jeden ersten Dienstag" in response.content.decode()
    assert not WorkingGroup.objects.exists()


def test_the_group_list_filters_by_topic(client, taxonomies):
    topic = Topic.objects.get(slug="bildungsmonitoring")
    WorkingGroupFactory(name="AG Monitoring", topic=topic)
    WorkingGroupFactory(name="Bildungsbeirat")
    response = client.get(reverse("groups:group_list"), {"topic": "bildungsmonitoring"})
    assert [g.name for g in response.context["page_obj"]] == ["AG Monitoring"]


def test_the_api_lists_events_with_the_list_filters(client):
    group = WorkingGroupFactory()
    EventFactory(title="Sitzung", working_group=group)
    EventFactory(title="Anderes")
    EventFactory(title="Intern", working_group=group, is_public=False)
    response = client.get(reverse("api-v1:list_events"), {"group": group.slug})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["title"] for i in items] == ["Sitzung"]
    assert items[0]["ical_status"] == "CONFIRMED"
    assert items[0]["start"].endswith("+01:00") or items[0]["start"].endswith("+02:00")


def test_the_api_refuses_an_unknown_filter_value(client):
    response = client.get(reverse("api-v1:list_events"), {"city": "00000000"})
    assert response.status_code == 422


def test_the_api_lists_public_working_groups(client):
    WorkingGroupFactory(name="Öffentlich")
    WorkingGroupFactory(name="Intern", is_public=False)
    names = [g["name"] for g in client.get(reverse("api-v1:list_working_groups")).json()["items"]]
    assert names == ["Öffentlich"]


def test_the_event_list_and_the_global_search_find_an_event_by_a_word(client):
    public = EventFactory(title="Fachtag Berufsorientierung", description="<p>Mit Kammern</p>")
    EventFactory(title="Jour fixe Monitoring")
    hidden = EventFactory(title="Interner Fachtag Berufsorientierung", is_public=False)
    listed = client.get(reverse("events:event_list"), {"q": "Berufsorientierung"})
    assert [e.title for e in listed.context["page_obj"]] == ["Fachtag Berufsorientierung"]
    found = client.get(reverse("search:global"), {"q": "Berufsorientierung"}).content.decode()
    assert public.get_absolute_url() in found and hidden.get_absolute_url() not in found
