import datetime as dt
import json

import pytest
from django.urls import reverse

from cooperation.models import Agreement, Partnership, PlacementState

from .factories import (
    AgreementFactory,
    OrganisationFactory,
    ParticipantFactory,
    PartnershipFactory,
    PersonFactory,
    ProjectFactory,
    TerritoryFactory,
)

XSS = '<script>alert("x")</script>'


def test_a_placement_is_walked_from_application_to_evaluation_in_the_browser(world, client):
    client.force_login(world.users["coordinator_a"])
    home = world.placement.home_organisation
    url = reverse("cooperation:placement_create", args=[world.placement.programme.slug])
    response = client.post(
        url,
        {
            "given_name": "Ida",
            "family_name": "Hospitantin",
            "home_organisation": home.pk,
            "home_unit": "Bildungsbüro",
            "wished_city": world.city_b.pk,
            "wished_field": "Monitoring",
            "learning_goals": "Monitoring lernen",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    detail = response["Location"]
    placement_url = detail
    host = OrganisationFactory(seat=world.city_b)
    decide = placement_url + "entscheidung/"
    assert client.post(decide, {"side": "home", "decision": "approve"}).status_code == 302
    client.force_login(world.users["coordinator_b"])
    assert client.post(decide, {"side": "host", "decision": "approve"}).status_code == 302
    steps = [
        ("matched", {"host_organisation": host.pk, "host_unit": "Referat 1"}),
        ("agreed", {"host_organisation": host.pk, "start": "2024-03-01", "end": "2024-06-30"}),
        ("started", {"start": "2024-03-01"}),
        (
            "interim_reported",
            {"interim_report": "Zwischenbericht", "interim_report_date": "2024-04-15"},
        ),
        ("final_reported", {"final_report": "Abschlussbericht", "final_report_date": "2024-07-01"}),
        ("evaluated", {"evaluation": "Auswertung"}),
    ]
    for state, data in steps:
        page = client.get(placement_url).content.decode()
        assert f'value="{state}"' in page
        response = client.post(placement_url + "status/", {"to_state": state, **data})
        assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(placement_url).content.decode()
    from cooperation.models import Placement

    placement = Placement.objects.get(person__family_name="Hospitantin")
    assert placement.state == PlacementState.EVALUATED
    assert placement.transitions.count() == 9  # application, two decisions, six steps
    assert "Auswertung" in page
    assert placement.person.name_visibility == "private"


def test_an_invalid_step_is_refused_with_a_clear_message(world, client):
    client.force_login(world.users["coordinator_a"])
    url = world.placement.get_absolute_url()
    response = client.post(
        url + "status/", {"to_state": "final_reported", "final_report": "zu früh"}, follow=True
    )
    html = response.content.decode()
    assert "Abschlussbericht" in html or "final report" in html
    world.placement.refresh_from_db()
    assert world.placement.state == PlacementState.APPLIED


def test_a_step_form_keeps_what_was_typed_when_a_field_is_missing(world, client):
    from cooperation.services import placement_decide

    for side in ("home", "host"):
        placement_decide(placement=world.placement, side=side, approve=True)
    client.force_login(world.users["coordinator_a"])
    url = world.placement.get_absolute_url()
    response = client.post(url + "status/", {"to_state": "matched", "host_unit": "Mein Referat"})
    assert response.status_code == 400
    assert 'value="Mein Referat"' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("viewer", 404), ("coordinator_c", 404), ("coordinator_b", 200)],
)
def test_placement_pages_are_private(world, client, role, status):
    if world.users[role]:
        client.force_login(world.users[role])
    response = client.get(world.placement.get_absolute_url())
    assert response.status_code == status


def test_the_person_is_not_named_on_the_public_programme_page(world, client):
    response = client.get(world.placement.programme.get_absolute_url())
    assert world.placement.person.family_name not in response.content.decode()


def test_an_unrelated_coordinator_cannot_edit_a_shared_partnership(world, client):
    client.force_login(world.users["coordinator_c"])
    url = reverse("cooperation:partnership_edit", args=[world.partnership.slug])
    assert client.get(url).status_code == 403
    client.force_login(world.users["coordinator_b"])
    assert client.get(url).status_code == 200


def test_a_private_partnership_is_not_found_by_outsiders(world, client):
    url = world.private_partnership.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(world.users["viewer"])
    assert client.get(url).status_code == 200


def test_a_coordinator_adds_a_partnership_and_the_form_keeps_input_on_error(world, client):
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:partnership_create")
    response = client.post(url, {"name_de": "Nur eine Seite", "kind": "cooperation",
                                 "status": "active", "cities": [world.city_a.pk]})  # fmt: skip
    assert response.status_code == 200
    assert 'value="Nur eine Seite"' in response.content.decode()
    response = client.post(url, {"name_de": "Astadt – Cstadt", "kind": "cooperation",
                                 "status": "active",
                                 "cities": [world.city_a.pk, world.city_c.pk]})  # fmt: skip
    assert response.status_code == 302
    assert Partnership.objects.get(name_de="Astadt – Cstadt").parties.count() == 2


def test_nobody_records_a_partnership_between_cities_they_do_not_coordinate(world, client):
    client.force_login(world.users["coordinator_c"])
    response = client.post(
        reverse("cooperation:partnership_create"),
        {
            "name_de": "Fremd",
            "kind": "cooperation",
            "status": "active",
            "cities": [world.city_a.pk, world.city_b.pk],
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert not Partnership.objects.filter(name_de="Fremd").exists()


def test_editing_the_text_keeps_a_version_and_shows_the_diff(world, client):
    agreement = world.agreement
    agreement.text = "Ziel 1: Austausch wird angestrebt."
    agreement.save()
    client.force_login(world.users["coordinator_b"])
    url = reverse("cooperation:agreement_edit", args=[agreement.slug])
    data = {
        "title_de": agreement.title_de,
        "kind": "cooperation",
        "is_public": "on",
        "text": "Ziel 1: Austausch wird vertieft.",
        "version_note": "Ziel 1 geschärft",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert agreement.versions.count() == 2
    html = client.get(agreement.versions.get(number=2).get_absolute_url()).content.decode()
    assert "<del>" in html and "<ins>" in html
    assert "angestrebt." in html and "vertieft." in html


def test_the_agreement_status_changes_only_through_the_recorded_transition(world, client):
    agreement = world.agreement
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:agreement_transition", args=[agreement.slug])
    response = client.post(url, {"to_state": "pending_approval", "note": "Ziffer 8"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "pending_approval"
    client.force_login(world.users["coordinator_c"])
    assert client.post(url, {"to_state": "draft"}).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(
    "name", ["partnership_list", "agreement_list", "project_list", "programme_list"]
)
def test_every_list_exports_in_every_format(world, client, fmt, name):
    response = client.get(reverse(f"cooperation:{name}"), {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_the_json_export_lists_public_partnerships_only(world, client):
    response = client.get(reverse("cooperation:partnership_list"), {"format": "json"})
    names = {row["name"] for row in json.loads(response.content)}
    assert world.partnership.name in names
    assert world.private_partnership.name not in names


def test_a_formula_in_a_name_is_neutralised_in_the_csv(db, client):
    PartnershipFactory(name="=HYPERLINK(1)")
    body = b"".join(client.get(reverse("cooperation:partnership_list"), {"format": "csv"}))
    assert b"'=HYPERLINK(1)" in body


def test_filters_narrow_the_partnership_list(db, client):
    berlin, paris, wien = TerritoryFactory(), TerritoryFactory(), TerritoryFactory()
    twin = PartnershipFactory(kind="twinning", parties=[berlin, paris], name="Berlin–Paris")
    PartnershipFactory(kind="professional_exchange", parties=[berlin, wien], name="Berlin–Wien")
    PartnershipFactory(kind="twinning", parties=[paris, wien], name="Paris–Wien",
                       since=dt.date(2030, 1, 1))  # fmt: skip
    url = reverse("cooperation:partnership_list")
    html = client.get(url, {"kind": "twinning", "city": berlin.code}).content.decode()
    assert twin.name in html and "Berlin–Wien" not in html and "Paris–Wien" not in html
    html = client.get(url, {"year": 2020}).content.decode()
    assert "Paris–Wien" not in html and "Berlin–Paris" in html
    html = client.get(url, {"q": "Wien"}).content.decode()
    assert "Berlin–Paris" not in html and "Berlin–Wien" in html
    html = client.get(url, {"q": "nichtsdergleichen"}).content.decode()
    assert "bn-empty-state" in html


def test_the_project_list_flags_projects_without_contact_persons(db, client):
    a, b = TerritoryFactory(), TerritoryFactory()
    partnership = PartnershipFactory(parties=[a, b])
    complete = ProjectFactory(partnership=partnership, title="Vollständig")
    for city in (a, b):
        ParticipantFactory(project=complete, organisation=OrganisationFactory(seat=city),
                           contact=PersonFactory())  # fmt: skip
    gap = ProjectFactory(partnership=partnership, title="Lückenhaft")
    ParticipantFactory(
        project=gap, organisation=OrganisationFactory(seat=a), contact=PersonFactory()
    )
    assert [s["missing_contact"] for s in gap.sides()] == [False, True]
    assert [s["missing_contact"] for s in complete.sides()] == [False, False]
    html = client.get(
        reverse("cooperation:project_list"), {"missing_contact": "on"}
    ).content.decode()
    assert (
        "Lückenhaft" not in html
    )  # it has a contact on side A only and no contact-less participant
    html = client.get(reverse("cooperation:project_detail", args=[gap.slug])).content.decode()
    assert "bn-flag" in html or "kern-alert--warning" in html


def test_htmx_requests_get_only_the_results(world, client):
    response = client.get(reverse("cooperation:partnership_list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and world.partnership.name in html


def test_names_with_markup_are_escaped_everywhere(world, client):
    world.partnership.name = XSS
    world.partnership.description = XSS
    world.partnership.save()
    world.agreement.title = XSS
    world.agreement.text = XSS
    world.agreement.save()
    world.goal.text = XSS
    world.goal.save()
    world.project.title = XSS
    world.project.save()
    pages = [
        reverse("cooperation:partnership_list"),
        world.partnership.get_absolute_url(),
        reverse("cooperation:agreement_list"),
        world.agreement.get_absolute_url(),
        world.goal.get_absolute_url(),
        reverse("cooperation:project_list"),
        world.project.get_absolute_url(),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert XSS not in html, url
        assert "&lt;script&gt;" in html, url


def test_a_goal_page_shows_what_is_done_for_it_and_its_history(world, client):
    project = ProjectFactory(partnership=world.partnership, title="Erhebungsinstrument")
    project.goals.add(world.goal)
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:goal_edit", args=[world.agreement.slug, world.goal.number])
    response = client.post(url, {"number": 1, "text_de": "Neu formuliert", "status": "in_progress",
                                 "progress": 50})  # fmt: skip
    assert response.status_code == 302
    html = client.get(world.goal.get_absolute_url()).content.decode()
    assert "Erhebungsinstrument" in html and "50 %" in html
    assert world.goal.history.count() == 2


def test_a_project_cannot_serve_goals_of_another_partnership(world, client):
    foreign = AgreementFactory()
    from .factories import GoalFactory

    goal = GoalFactory(agreement=foreign)
    client.force_login(world.users["coordinator_a"])
    response = client.post(
        reverse("cooperation:project_edit", args=[world.project.slug]),
        {"title_de": "X", "kind": "joint_project", "status": "planned", "goals": [goal.pk]},
    )
    assert response.status_code == 200
    assert not world.project.goals.exists()


def test_coordinators_see_a_warning_for_agreements_expiring_soon(world, client):
    from django.utils import timezone

    Agreement.objects.filter(pk=world.agreement.pk).update(
        status="in_force", valid_until=timezone.localdate() + dt.timedelta(days=10)
    )
    client.force_login(world.users["coordinator_a"])
    html = client.get(reverse("cooperation:agreement_list")).content.decode()
    assert "kern-alert--warning" in html
    client.logout()
    html = client.get(reverse("cooperation:agreement_list")).content.decode()
    assert "kern-alert--warning" not in html
