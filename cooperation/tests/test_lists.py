"""The cooperation lists (#13, finding 2): one selector per list for page, export and API; one
check of the filters (an invalid filter lists nothing and says why); search words through the
search module like the other lists of the platform."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from cooperation import selectors

from .factories import (
    AgreementFactory,
    GoalFactory,
    OrganisationFactory,
    ParticipantFactory,
    PartnershipFactory,
    ProgrammeFactory,
    ProjectFactory,
    TerritoryFactory,
)

LISTS = ["partnership_list", "agreement_list", "project_list", "programme_list", "placement_list"]


@pytest.mark.parametrize("name", LISTS)
def test_an_unknown_city_on_a_list_page_lists_nothing_and_says_why(world, client, name):
    # Before, an invalid filter was no filter: every object the user may see was listed.
    client.force_login(world.users["superuser"])
    url = reverse(f"cooperation:{name}")
    assert "bn-empty-state" not in client.get(url).content.decode()
    response = client.get(url, {"city": "99999999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "bn-empty-state" in html and "kern-alert--danger" in html
    assert world.partnership.name not in html.split('id="results"')[1]
    partial = client.get(url, {"city": "99999999"}, headers={"HX-Request": "true"})
    assert "kern-alert--danger" in partial.content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_an_export_with_an_unknown_city_exports_nothing(world, client, name):
    client.force_login(world.users["superuser"])
    url = reverse(f"cooperation:{name}")
    assert json.loads(client.get(url, {"format": "json"}).content)
    assert json.loads(client.get(url, {"format": "json", "city": "99999999"}).content) == []


def _found(selector, words, user):
    with translation.override("de"):
        return set(selector(user=user, filters={"q": words}))


def test_cooperation_lists_find_word_forms_and_umlauts_like_the_other_lists(db):
    # The search module normalises German: "Strassen" finds "Straßen", "schulen" finds "Schule";
    # the ORM stand-in it replaces matched letters only.
    from django.contrib.auth.models import AnonymousUser

    anyone = AnonymousUser()
    partnership = PartnershipFactory(name="Städtepartnerschaft", description="Straßen und Schule")
    PartnershipFactory(name="Andere")
    assert _found(selectors.partnership_list, "Strassen", anyone) == {partnership}
    assert _found(selectors.partnership_list, "staedtepartnerschaft", anyone) == {partnership}


def test_cooperation_lists_find_by_german_and_english_words(db):
    from django.contrib.auth.models import AnonymousUser

    anyone = AnonymousUser()
    city = TerritoryFactory(name="Astadt")
    partnership = PartnershipFactory(
        name_de="Jugendaustausch", name_en="Youth exchange", parties=[city, TerritoryFactory()]
    )
    agreement = AgreementFactory(
        partnership=partnership, summary_de="Gemeinsame Ziele", summary_en="Shared aims",
        text="Die Parteien vereinbaren einen Lehreraustausch.",
    )  # fmt: skip
    GoalFactory(agreement=agreement, text_de="Mehr Sprachkurse", text_en="More language courses")
    project = ProjectFactory(
        partnership=partnership, title_de="Schulgarten", title_en="School garden"
    )
    ParticipantFactory(project=project, organisation=OrganisationFactory(name="Gartenverein"))
    programme = ProgrammeFactory(
        name_de="Verwaltungsaustausch", name_en="Staff exchange", acronym="VAX",
        description_de="Hospitationen", funder="Erasmus",
    )  # fmt: skip
    programme.cities.add(city)
    AgreementFactory(), ProjectFactory(), ProgrammeFactory()  # noqa: B018 - not to be found

    assert _found(selectors.partnership_list, "Jugendaustausch", anyone) == {partnership}
    assert _found(selectors.partnership_list, "youth", anyone) == {partnership}
    assert _found(selectors.partnership_list, "Astadt", anyone) == {partnership}
    assert _found(selectors.agreement_list, "aims", anyone) == {agreement}
    assert _found(selectors.agreement_list, "Lehreraustausch", anyone) == {agreement}
    assert _found(selectors.agreement_list, "language courses", anyone) == {agreement}
    assert _found(selectors.project_list, "garden", anyone) == {project}
    assert _found(selectors.project_list, "Gartenverein", anyone) == {project}
    assert _found(selectors.programme_list, "staff exchange", anyone) == {programme}
    assert _found(selectors.programme_list, "VAX", anyone) == {programme}
    assert _found(selectors.programme_list, "Erasmus Astadt", anyone) == {programme}
    assert _found(selectors.programme_list, "nichtsdergleichen", anyone) == set()


def test_the_page_the_export_and_the_api_list_the_same_for_the_same_filters(world, client):
    url = reverse("cooperation:project_list")
    params = {"city": world.city_a.code, "q": world.project.title}
    page = client.get(url, params).content.decode()
    export = json.loads(client.get(url, {**params, "format": "json"}).content)
    api = client.get(reverse("api-v1:list_projects"), params).json()["items"]
    assert world.project.title in page
    assert [row["title"] for row in export] == [world.project.title]
    assert [item["slug"] for item in api] == [world.project.slug]
