"""Staff apply for a placement themselves; the coordinators of both sides decide (#12, finding 11).

An employee is any member of an administration that takes part in the programme; the sending
side is the home administration's city, the host side the wished host city.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import RoleLevel
from cooperation.models import Placement, PlacementState
from cooperation.services import placement_decide, placement_transition

from .factories import (
    OrganisationFactory,
    PersonFactory,
    PlacementFactory,
    ProgrammeFactory,
    TerritoryFactory,
    member,
)

S = PlacementState


@pytest.fixture
def eva(db):
    """Berlin's EVA: a Senate department takes part; Vienna hosts."""
    berlin = TerritoryFactory(name="Berlin")
    wien = TerritoryFactory(name="Wien", scheme="gkz", code="90001", country="AT")
    senate = OrganisationFactory(name="Senatsverwaltung für Umwelt", seat=berlin)
    programme = ProgrammeFactory(name="Europäischer Verwaltungsaustausch", slug="eva")
    programme.cities.set([berlin])
    programme.organisations.set([senate])
    employee = member(organisation=senate, role=RoleLevel.VIEWER)
    employee.display_name = "Ida Hospitantin"
    employee.save()
    return {
        "programme": programme,
        "senate": senate,
        "wien": wien,
        "employee": employee,
        "berlin_coordinator": member(berlin),
        "wien_coordinator": member(wien),
    }


def _apply(client, eva, **extra):
    client.force_login(eva["employee"])
    url = reverse("cooperation:placement_apply", args=[eva["programme"].slug])
    data = {
        "given_name": "Ida",
        "family_name": "Hospitantin",
        "home_organisation": eva["senate"].pk,
        "home_unit": "Referat Klimaschutz",
        "wished_city": eva["wien"].pk,
        "wished_field": "Klimaanpassung",
        "learning_goals": "Hitzeschutz in Wien kennenlernen",
        **extra,
    }
    return client.post(url, data)


def test_an_employee_sees_the_apply_button_on_the_programme_page(eva, client):
    client.force_login(eva["employee"])
    html = client.get(eva["programme"].get_absolute_url()).content.decode()
    assert reverse("cooperation:placement_apply", args=["eva"]) in html
    assert ">Bewerben<" in html
    # Recording an application for someone else stays with the coordinators.
    assert reverse("cooperation:placement_create", args=["eva"]) not in html


def test_an_employee_applies_and_the_application_is_theirs(
    eva, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(client, eva)
    assert response.status_code == 302, response.content.decode()[:2000]
    placement = Placement.objects.get()
    assert placement.person.user == eva["employee"]
    assert placement.person.name_visibility == "private"
    assert placement.state == S.APPLIED
    assert placement.transitions.get().user == eva["employee"]
    page = client.get(placement.get_absolute_url()).content.decode()
    assert "Hospitantin" in page and "Entscheidung steht aus" in page
    # Both sides' coordinators are told by e-mail, without the applicant's name.
    assert len(mail.outbox) == 1
    coordinators = {eva["berlin_coordinator"].email, eva["wien_coordinator"].email}
    assert set(mail.outbox[0].to) == coordinators
    assert "Hospitantin" not in mail.outbox[0].body
    assert placement.get_absolute_url() in mail.outbox[0].body


def test_an_employee_with_a_person_is_not_asked_for_a_name_again(eva, client):
    person = PersonFactory(user=eva["employee"], given_name="Ida", family_name="Bekannt")
    client.force_login(eva["employee"])
    html = client.get(reverse("cooperation:placement_apply", args=["eva"])).content.decode()
    assert 'name="given_name"' not in html
    assert _apply(client, eva, given_name="", family_name="").status_code == 302
    assert Placement.objects.get().person == person


def test_the_application_form_keeps_the_input_when_something_is_missing(eva, client):
    response = _apply(client, eva, wished_city="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hitzeschutz in Wien kennenlernen" in html and 'value="Referat Klimaschutz"' in html
    assert not Placement.objects.exists()


def test_staff_of_an_administration_that_does_not_take_part_cannot_apply(eva, client):
    outsider = member(organisation=OrganisationFactory(), role=RoleLevel.ADMIN)
    client.force_login(outsider)
    url = reverse("cooperation:placement_apply", args=["eva"])
    assert client.get(url).status_code == 403
    assert ">Bewerben<" not in client.get(eva["programme"].get_absolute_url()).content.decode()


def test_an_employee_cannot_apply_in_the_name_of_another_administration(eva, client):
    response = _apply(client, eva, home_organisation=OrganisationFactory(seat=eva["wien"]).pk)
    assert response.status_code == 400
    assert not Placement.objects.exists()


def test_the_applicant_sees_and_withdraws_but_cannot_decide(eva, client):
    _apply(client, eva)
    placement = Placement.objects.get()
    html = client.get(placement.get_absolute_url()).content.decode()
    assert reverse("cooperation:placement_decide", args=[placement.pk]) not in html
    assert 'value="withdrawn"' in html
    decide = reverse("cooperation:placement_decide", args=[placement.pk])
    for side in ("home", "host"):
        response = client.post(decide, {"side": side, "decision": "approve"})
        assert response.status_code == 403
    assert not placement.transitions.exclude(decision="").exists()
    listing = client.get(reverse("cooperation:placement_list")).content.decode()
    assert placement.get_absolute_url() in listing
    response = client.post(placement.get_absolute_url() + "status/", {"to_state": "withdrawn"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.state == S.WITHDRAWN


def test_both_coordinators_decide_each_for_their_side(eva, client):
    _apply(client, eva)
    placement = Placement.objects.get()
    decide = reverse("cooperation:placement_decide", args=[placement.pk])
    client.force_login(eva["wien_coordinator"])
    assert (
        placement.get_absolute_url()
        in client.get(reverse("cooperation:placement_list")).content.decode()
    )
    html = client.get(placement.get_absolute_url()).content.decode()
    assert 'name="side" value="host"' in html and 'name="side" value="home"' not in html
    # Vienna cannot decide for Berlin.
    assert client.post(decide, {"side": "home", "decision": "approve"}).status_code == 403
    assert client.post(decide, {"side": "host", "decision": "approve"}).status_code == 302
    placement.refresh_from_db()
    assert placement.state == S.APPLIED
    client.force_login(eva["berlin_coordinator"])
    response = client.post(decide, {"side": "home", "decision": "approve", "reason": "Gern"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.state == S.APPROVED
    log = list(placement.transitions.exclude(decision="").values_list("side", "user", "to_state"))
    assert log == [
        ("host", eva["wien_coordinator"].pk, S.APPLIED),
        ("home", eva["berlin_coordinator"].pk, S.APPROVED),
    ]


def test_a_rejection_without_a_reason_is_refused_and_keeps_the_choice(eva, client):
    _apply(client, eva)
    placement = Placement.objects.get()
    client.force_login(eva["berlin_coordinator"])
    decide = reverse("cooperation:placement_decide", args=[placement.pk])
    response = client.post(decide, {"side": "home", "decision": "reject"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte geben Sie den Grund für die Ablehnung an." in html
    assert re.search(r'value="reject"[^>]*checked', html)
    placement.refresh_from_db()
    assert placement.state == S.APPLIED
    response = client.post(decide, {"side": "home", "decision": "reject", "reason": "Zu knapp"})
    placement.refresh_from_db()
    assert placement.state == S.REJECTED
    assert "Zu knapp" in client.get(placement.get_absolute_url()).content.decode()


def test_a_plain_step_to_rejected_is_refused_while_the_sides_decide(eva, client):
    placement = PlacementFactory(home_organisation=eva["senate"], wished_city=eva["wien"])
    client.force_login(eva["berlin_coordinator"])
    client.post(placement.get_absolute_url() + "status/", {"to_state": "rejected"})
    placement.refresh_from_db()
    assert placement.state == S.APPLIED


def _under_way(placement, start=dt.date(2024, 3, 1)):
    for side in ("home", "host"):
        placement_decide(placement=placement, side=side, approve=True)
    host = OrganisationFactory(seat=placement.wished_city)
    placement_transition(placement=placement, to_state=S.MATCHED,
                         changes={"host_organisation": host})  # fmt: skip
    placement_transition(placement=placement, to_state=S.AGREED,
                         changes={"start": start, "end": dt.date(2024, 6, 30)})  # fmt: skip
    placement_transition(placement=placement, to_state=S.STARTED)
    placement.refresh_from_db()
    return placement


@pytest.mark.parametrize(
    ("to_state", "data", "german"),
    [
        ("interim_reported",
         {"interim_report": "Halbzeit in Wien", "interim_report_date": "2024-02-20"},
         "Der Zwischenbericht kann nicht vor dem Beginn der Hospitation (01.03.2024)"),
        ("final_reported",
         {"final_report": "Abschluss in Wien", "final_report_date": "2024-01-10"},
         "Der Abschlussbericht kann nicht vor dem Beginn der Hospitation (01.03.2024)"),
    ],
)  # fmt: skip
def test_a_report_dated_before_the_start_is_refused_and_the_form_keeps_the_text(
    eva, client, to_state, data, german
):
    placement = _under_way(
        PlacementFactory(
            home_organisation=eva["senate"],
            wished_city=eva["wien"],
            person=PersonFactory(user=eva["employee"]),
        )
    )
    client.force_login(eva["employee"])  # the participant files their own reports
    response = client.post(placement.get_absolute_url() + "status/", {"to_state": to_state, **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert german in html
    text = next(v for k, v in data.items() if not k.endswith("_date"))
    assert text in html
    assert next(v for k, v in data.items() if k.endswith("_date")) in html
    placement.refresh_from_db()
    assert placement.state == S.STARTED


def test_the_step_back_is_labelled_back_not_move_on(eva, client):
    placement = PlacementFactory(home_organisation=eva["senate"], wished_city=eva["wien"])
    for side in ("home", "host"):
        placement_decide(placement=placement, side=side, approve=True)
    placement_transition(
        placement=placement,
        to_state=S.MATCHED,
        changes={"host_organisation": OrganisationFactory(seat=eva["wien"])},
    )
    client.force_login(eva["berlin_coordinator"])
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "Zurück zu: Bewerbung genehmigt" in html
    assert "Weiter: Bewerbung genehmigt" not in html
    assert "Weiter: Hospitation vereinbart" in html


def test_withdrawing_and_cancelling_say_what_they_do_not_move_on(eva, client):
    placement = PlacementFactory(
        home_organisation=eva["senate"],
        wished_city=eva["wien"],
        person=PersonFactory(user=eva["employee"]),
    )
    client.force_login(eva["employee"])
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "Bewerbung zurückziehen" in html
    assert "Weiter: Zurückgezogen" not in html
