"""The demo: only what the source documents state, invented details marked; loads twice
without changes."""

import pytest
from django.apps import apps
from django.urls import reverse

from actors import demo as actors_demo
from events import demo as events_demo
from events.models import Event, EventStatus, Series, WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(taxonomies, settings):
    settings.DEMO_OPEN_DATA = False  # the events name demo organisations, not the open data
    actors_demo.load()
    events_demo.load()


def _counts():
    return {
        m.__name__: m._default_manager.count() for m in apps.get_app_config("events").get_models()
    }


def test_loading_the_demo_twice_changes_nothing(loaded):
    before = _counts()
    events_demo.load()
    assert _counts() == before
    assert before["HistoricalEvent"] == before["Event"]  # one record each: created, never changed


def test_the_mitteldeutsche_bildungskonferenz_is_hosted_by_bismit_and_transmit_with_an_emmd_session(
    loaded, client
):
    event = Event.objects.get(slug="mitteldeutsche-bildungskonferenz-2022")
    assert "Bildung! Motor für die Region im Wandel" in event.title
    assert sorted(o.short_name for o in event.organisers.all()) == ["BiSMit", "TransMit"]
    assert "EMMD" in event.sessions.get().title
    assert event.is_demo and "angenommen" in event.description
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200 and "Demo-Inhalt" in page.content.decode()


def test_workshop_4_in_wolgograd_keeps_its_findings(loaded, client):
    event = Event.objects.get(slug="x-deutsch-russische-staedtepartnerschaftskonferenz-workshop-4")
    assert event.territory.key == "local:RU:wolgograd"
    assert event.time_zone == "Europe/Volgograd"
    assert "Modellpartnerschaften" in event.outcomes
    names = {p.family_name for p in event.sessions.get().speakers.all()}
    assert names == {"Grebennikow", "Domke"}
    assert "Modellpartnerschaften" in client.get(event.get_absolute_url()).content.decode()


def test_the_work_programme_names_six_groups_and_the_internal_one_is_not_public(loaded, client):
    names = set(WorkingGroup.objects.values_list("name", flat=True))
    assert names == {
        "AG Übergang Kita–Grundschule", "AK Schule–Wirtschaft", "AK Übergang Schule–Beruf",
        "AG Monitoring", "Steuerungsgruppe Bildung", "Bildungsbeirat",
    }  # fmt: skip
    listed = client.get(reverse("groups:group_list")).context["page_obj"].paginator.count
    assert listed == 5
    monitoring = WorkingGroup.objects.get(slug="ag-monitoring")
    assert client.get(monitoring.get_absolute_url()).status_code == 404


def test_the_demo_jour_fixe_meets_every_first_tuesday_at_ten(loaded):
    series = Series.objects.get(slug="jour-fixe-kooperationspartner-erfurt")
    meetings = list(series.events.all())
    assert meetings and series.is_demo
    assert {m.local_start.isoweekday() for m in meetings} == {2}
    assert {m.local_start.day <= 7 for m in meetings} == {True}
    assert {m.local_start.hour for m in meetings} == {10}
    assert {m.status for m in meetings} == {EventStatus.SCHEDULED}
