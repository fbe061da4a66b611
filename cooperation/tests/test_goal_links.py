"""On the goal page coordinators link projects and attach monitoring indicators with baseline
and target; the page shows progress with the latest value, its period and source
(#12, finding 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bildungsnetz.tests.formdata import posted
from cooperation.models import GoalIndicator

from .factories import PartnershipFactory, ProjectFactory, TerritoryFactory


@pytest.fixture
def indicator(world):
    """A monitoring indicator with two values for city A, from a dataset with a licence."""
    from monitoring.models import Dataset, Indicator, IndicatorValue

    dataset = Dataset.objects.create(
        code="test-schulen", title="Schulstatistik", source="Statistisches Landesamt",
        licence="dl-de/by-2-0",
    )  # fmt: skip
    indicator = Indicator.objects.create(
        code="abschlussquote", area="context", name="Quote ohne Abschluss", unit="%"
    )
    for period, value in (("2021", 12.0), ("2023", 10.0)):
        IndicatorValue.objects.create(
            indicator=indicator, territory=world.city_a, period=period, value=value,
            period_date=dt.date(int(period), 12, 31), dataset=dataset,
        )  # fmt: skip
    return indicator


def _coordinator(world, role="coordinator_a") -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _link_url(goal):
    return reverse("cooperation:goal_project_link", args=[goal.agreement.slug, goal.number])


def _attach_url(goal):
    return reverse("cooperation:goal_indicator_create", args=[goal.agreement.slug, goal.number])


def test_a_coordinator_links_a_project_of_the_partnership_to_a_goal(world):
    client = _coordinator(world)
    goal, project = world.goal, world.project
    page = client.get(goal.get_absolute_url())
    assert "0 Projekte" in page.content.decode()
    assert list(page.context["project_form"].fields["project"].queryset) == [project]
    response = client.post(_link_url(goal), {"project": project.slug})
    assert response.status_code == 302
    assert goal in project.goals.all()
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "1 Projekt" in html and project.title in html


def test_a_project_of_another_partnership_cannot_be_linked(world):
    other = ProjectFactory(partnership=PartnershipFactory(parties=[world.city_a, world.city_c]))
    client = _coordinator(world)
    response = client.post(_link_url(world.goal), {"project": other.slug})
    assert response.status_code == 400
    assert not other.goals.exists()


def test_a_coordinator_unlinks_a_project(world):
    world.project.goals.add(world.goal)
    client = _coordinator(world, "coordinator_b")
    url = reverse(
        "cooperation:goal_project_unlink",
        args=[world.agreement.slug, world.goal.number, world.project.slug],
    )
    assert client.post(url).status_code == 302
    assert not world.project.goals.exists()


@pytest.mark.parametrize("role", ["viewer", "editor", "coordinator_c"])
def test_only_a_partys_coordinator_links_and_attaches(world, indicator, role):
    client = _coordinator(world, role)
    assert client.post(_link_url(world.goal), {"project": world.project.slug}).status_code in (
        403, 404,
    )  # fmt: skip
    assert client.get(_attach_url(world.goal)).status_code in (403, 404)
    assert not world.project.goals.exists()
    html = client.get(world.goal.get_absolute_url()).content.decode()
    assert "Indikator anhängen" not in html and "Projekt mit diesem Ziel verknüpfen" not in html


def test_a_coordinator_attaches_an_indicator_and_sees_progress_with_its_source(world, indicator):
    client = _coordinator(world)
    form = client.get(_attach_url(world.goal)).content.decode()
    # one choice among many, in KERN's select, not a bare multiple select
    assert 'class="kern-form-input__select" name="indicator"' in form
    assert "multiple" not in form.split('name="indicator"')[1].split("</select>")[0]
    response = client.post(
        _attach_url(world.goal),
        {"indicator": indicator.pk, "territory": world.city_a.pk, "baseline_period": "2021",
         "target_value": "8", "target_period": "2030"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    link = GoalIndicator.objects.get(goal=world.goal)
    assert (link.baseline_value, link.baseline_period) == (12.0, "2021")  # from monitoring
    html = client.get(world.goal.get_absolute_url()).content.decode()
    assert "Quote ohne Abschluss" in html
    assert "(2023; Quelle: Statistisches Landesamt, dl-de/by-2-0)" in html
    assert "50 %" in html  # from 12 towards 8, now 10


def test_without_a_baseline_the_latest_value_becomes_the_baseline(world, indicator):
    client = _coordinator(world)
    data = {"indicator": indicator.pk, "territory": world.city_a.pk, "target_value": "8",
            "target_period": "2030"}  # fmt: skip
    assert client.post(_attach_url(world.goal), data).status_code == 302
    link = GoalIndicator.objects.get(goal=world.goal)
    assert (link.baseline_value, link.baseline_period) == (10.0, "2023")


def test_a_target_equal_to_the_baseline_is_refused_and_the_input_kept(world, indicator):
    client = _coordinator(world)
    data = {"indicator": indicator.pk, "territory": world.city_a.pk, "baseline_value": "10",
            "baseline_period": "2023", "target_value": "10", "target_period": "2030"}  # fmt: skip
    response = client.post(_attach_url(world.goal), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der Fortschritt dorthin lässt sich nicht messen" in html
    assert 'value="2030"' in html and f'<option value="{indicator.pk}" selected>' in html
    assert not GoalIndicator.objects.exists()


def test_a_target_year_before_the_baseline_year_is_refused(world, indicator):
    client = _coordinator(world)
    data = {"indicator": indicator.pk, "territory": world.city_a.pk, "baseline_value": "10",
            "baseline_period": "2023", "target_value": "8", "target_period": "2020"}  # fmt: skip
    assert client.post(_attach_url(world.goal), data).status_code == 200
    assert not GoalIndicator.objects.exists()


def test_the_same_indicator_and_place_cannot_be_attached_twice(world, indicator):
    GoalIndicator.objects.create(
        goal=world.goal, indicator=indicator, territory=world.city_a, target_value=8
    )
    client = _coordinator(world)
    data = {"indicator": indicator.pk, "territory": world.city_a.pk, "baseline_value": "12",
            "target_value": "8", "target_period": "2030"}  # fmt: skip
    assert client.post(_attach_url(world.goal), data).status_code == 200
    assert GoalIndicator.objects.count() == 1


def test_only_the_partnerships_places_and_their_districts_are_offered(world, indicator):
    district = TerritoryFactory(name="Bezirk in Astadt", level="district", parent=world.city_a)
    client = _coordinator(world)
    choices = client.get(_attach_url(world.goal)).context["form"].fields["territory"].queryset
    assert set(choices) == {world.city_a, world.city_b, district}


def test_a_coordinator_changes_and_detaches_an_indicator(world, indicator):
    link = GoalIndicator.objects.create(
        goal=world.goal, indicator=indicator, territory=world.city_a, baseline_value=12,
        baseline_period="2021", target_value=8, target_period="2030",
    )  # fmt: skip
    client = _coordinator(world, "coordinator_b")
    args = [world.agreement.slug, world.goal.number, link.pk]
    url = reverse("cooperation:goal_indicator_edit", args=args)
    data = posted(client.get(url).context["form"])
    assert data["edit_version"]  # the edit form carries the version token
    data["target_value"] = "6"
    assert client.post(url, data).status_code == 302
    link.refresh_from_db()
    assert link.target_value == 6
    assert link.history.count() == 2
    assert client.post(reverse("cooperation:goal_indicator_remove", args=args)).status_code == 302
    assert not GoalIndicator.objects.exists()


def test_the_second_saver_of_a_goal_indicator_sees_the_conflict(world, indicator):
    link = GoalIndicator.objects.create(
        goal=world.goal, indicator=indicator, territory=world.city_a, baseline_value=12,
        baseline_period="2021", target_value=8, target_period="2030",
    )  # fmt: skip
    url = reverse(
        "cooperation:goal_indicator_edit", args=[world.agreement.slug, world.goal.number, link.pk]
    )
    first, second = _coordinator(world), _coordinator(world, "coordinator_b")
    mine = posted(first.get(url).context["form"])
    theirs = posted(second.get(url).context["form"])
    assert first.post(url, {**mine, "target_value": "7"}).status_code == 302
    response = second.post(url, {**theirs, "target_value": "5"})
    assert response.status_code == 409
    assert 'value="5' in response.content.decode()
    link.refresh_from_db()
    assert link.target_value == 7


def test_the_api_gives_a_goals_indicators_with_progress(world, indicator, client):
    GoalIndicator.objects.create(
        goal=world.goal, indicator=indicator, territory=world.city_a, baseline_value=12,
        baseline_period="2021", target_value=8, target_period="2030",
    )  # fmt: skip
    body = client.get(reverse("api-v1:get_agreement", kwargs={"slug": world.agreement.slug})).json()
    (row,) = body["goals"][0]["indicators"]
    assert row["indicator"] == "abschlussquote" and row["territory"] == world.city_a.key
    assert (row["latest_value"], row["latest_period"], row["progress"]) == (10.0, "2023", 50.0)
    assert (row["source"], row["licence"]) == ("Statistisches Landesamt", "dl-de/by-2-0")


def test_a_goals_latest_value_older_than_the_threshold_carries_its_year(world, indicator, settings):
    GoalIndicator.objects.create(
        goal=world.goal, indicator=indicator, territory=world.city_a,
        baseline_value=12.0, baseline_period="2021", target_value=8.0, target_period="2030",
    )  # fmt: skip
    client = _coordinator(world)
    settings.MONITORING_STALE_AFTER_YEARS = 1
    assert "Stand 2023" in client.get(world.goal.get_absolute_url()).content.decode()
    settings.MONITORING_STALE_AFTER_YEARS = 50
    assert "Stand 2023" not in client.get(world.goal.get_absolute_url()).content.decode()
