"""Signatories of an agreement: recorded on the agreement form, checked, listed, versioned
(#12, finding 3)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bildungsnetz.tests.formdata import posted
from cooperation.models import Agreement, AgreementSignatory

from .factories import OrganisationFactory, PersonFactory, TerritoryFactory

PREFIX = "signatories"


def _rows(*rows, initial: int = 0) -> dict:
    """The formset part of a post: management form and one block per row."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(initial),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{PREFIX}-{index}-{key}"] = value
    return data


def _open(client, url) -> dict:
    """What the browser sends back for the page as shown: the form, every row, the token."""
    response = client.get(url)
    assert response.status_code == 200
    formset = response.context["formset"]
    data = posted(response.context["form"])
    data.update(posted(formset.management_form))
    for row in formset:
        data.update(posted(row))
    data[f"{PREFIX}-VERSION"] = formset.version
    return data


def _new_agreement(world, **extra) -> dict:
    return {
        "partnership": str(world.partnership.pk),
        "title_de": "Vereinbarung mit Unterschriften",
        "kind": "cooperation",
        "is_public": "on",
        **extra,
    }


def test_a_coordinator_records_signatories_with_a_new_agreement(world, client):
    organisation = OrganisationFactory(seat=world.city_a, name="Stadtverwaltung Astadt")
    client.force_login(world.users["coordinator_a"])
    data = _new_agreement(world, signed_on="2024-05-02")
    data.update(
        _rows(
            {
                "name": "Erika Oberhaupt",
                "function": "Oberbürgermeisterin",
                "organisation": str(organisation.pk),
                "signed_place": str(world.city_a.pk),
                "signed_on": "2024-05-02",
            },
            {"name": "Max Partner", "function": "Bürgermeister", "signed_on": "2024-04-30"},
            {"name": "", "function": ""},  # an empty row is not saved
        )
    )
    response = client.post(reverse("cooperation:agreement_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get(title_de="Vereinbarung mit Unterschriften")
    first, second = agreement.signatories.all()
    assert (first.name, first.function, first.organisation, first.signed_place) == (
        "Erika Oberhaupt", "Oberbürgermeisterin", organisation, world.city_a,
    )  # fmt: skip
    assert first.signed_on == dt.date(2024, 5, 2) and first.position == 0
    assert (second.name, second.position) == ("Max Partner", 1)
    html = client.get(agreement.get_absolute_url()).content.decode()
    assert "Keine Unterzeichnenden erfasst" not in html
    assert "Erika Oberhaupt" in html and "Stadtverwaltung Astadt" in html
    assert f"unterzeichnet in {world.city_a.name} am 2. Mai 2024" in html


def test_a_signature_in_the_future_is_refused_and_the_input_kept(world, client):
    client.force_login(world.users["coordinator_a"])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    data = _new_agreement(world)
    data.update(_rows({"name": "Erika Zukunft", "function": "OB", "signed_on": tomorrow}))
    response = client.post(reverse("cooperation:agreement_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ein Datum der Unterschrift kann nicht in der Zukunft liegen." in html
    assert 'value="Erika Zukunft"' in html and f'value="{tomorrow}"' in html
    assert 'value="Vereinbarung mit Unterschriften"' in html
    assert not Agreement.objects.filter(title_de="Vereinbarung mit Unterschriften").exists()


def test_a_signature_after_the_agreements_date_of_signing_is_refused(world, client):
    client.force_login(world.users["coordinator_a"])
    data = _new_agreement(world, signed_on="2024-05-02")
    data.update(_rows({"name": "Zu Spät", "signed_on": "2024-05-03"}))
    response = client.post(reverse("cooperation:agreement_create"), data)
    assert response.status_code == 200
    assert "eine Unterschrift kann nicht danach liegen" in response.content.decode()


def test_a_signatory_needs_a_name(world, client):
    client.force_login(world.users["coordinator_a"])
    data = _new_agreement(world)
    data.update(_rows({"name": "", "function": "Oberbürgermeister"}))
    response = client.post(reverse("cooperation:agreement_create"), data)
    assert response.status_code == 200
    assert "Geben Sie den Namen der Person an, die unterschrieben hat." in (
        response.content.decode()
    )


def test_an_organisation_of_neither_side_is_not_offered(world, client):
    ours = OrganisationFactory(seat=world.city_b, name="Amt in Bstadt")
    foreign = OrganisationFactory(seat=world.city_c, name="Amt in Cstadt")
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:agreement_edit", args=[world.agreement.slug])
    choices = client.get(url).context["formset"].forms[0].fields["organisation"].queryset
    assert ours in choices and foreign not in choices
    data = _open(client, url)
    data.update(_rows({"name": "Fremd", "organisation": str(foreign.pk)}))
    assert client.post(url, data).status_code == 200
    assert not world.agreement.signatories.exists()


def test_editing_changes_removes_and_keeps_the_history_of_signatories(world, client):
    agreement = world.agreement
    keep = AgreementSignatory.objects.create(agreement=agreement, name="Bleibt", position=0)
    drop = AgreementSignatory.objects.create(agreement=agreement, name="Geht", position=1)
    client.force_login(world.users["coordinator_b"])
    url = reverse("cooperation:agreement_edit", args=[agreement.slug])
    data = _open(client, url)
    data[f"{PREFIX}-0-function"] = "Bürgermeisterin"
    data[f"{PREFIX}-1-DELETE"] = "on"
    data[f"{PREFIX}-2-name"] = "Neu"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [(s.name, s.function) for s in agreement.signatories.all()] == [
        ("Bleibt", "Bürgermeisterin"),
        ("Neu", ""),
    ]
    assert not AgreementSignatory.objects.filter(pk=drop.pk).exists()
    kinds = set(AgreementSignatory.history.values_list("name", "history_type"))
    assert {("Bleibt", "~"), ("Geht", "-"), ("Neu", "+")} <= kinds
    unchanged = keep.history.count()
    client.post(url, _open(client, url))  # saving as shown writes no new history
    assert keep.history.count() == unchanged


def test_a_signatory_linked_to_a_person_keeps_the_persons_name(world, client):
    person = PersonFactory(given_name="Andrea", family_name="Register")
    AgreementSignatory.objects.create(agreement=world.agreement, person=person, function="OB")
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:agreement_edit", args=[world.agreement.slug])
    assert client.post(url, _open(client, url)).status_code == 302
    signatory = world.agreement.signatories.get()
    assert (signatory.person, signatory.name) == (person, "")


def test_the_second_saver_of_the_signatories_sees_the_conflict_and_keeps_their_input(world):
    url = reverse("cooperation:agreement_edit", args=[world.agreement.slug])
    first, second = Client(), Client()
    first.force_login(world.users["coordinator_a"])
    second.force_login(world.users["coordinator_b"])
    first.post(url, _open(first, url))  # the factory's empty translations are stored as ""
    mine, theirs = _open(first, url), _open(second, url)
    mine[f"{PREFIX}-0-name"] = "Von A"
    assert first.post(url, mine).status_code == 302
    theirs[f"{PREFIX}-0-name"] = "Von B"
    response = second.post(url, theirs)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Von A" in html and 'value="Von B"' in html
    assert [s.name for s in world.agreement.signatories.all()] == ["Von A"]
    again = posted(response.context["form"])
    again.update(theirs)
    again[f"{PREFIX}-VERSION"] = response.context["formset"].version
    assert second.post(url, again).status_code == 302
    assert [s.name for s in world.agreement.signatories.all()] == ["Von B"]


def test_a_post_without_signatory_rows_leaves_them_alone(world, client):
    AgreementSignatory.objects.create(agreement=world.agreement, name="Bleibt")
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:agreement_edit", args=[world.agreement.slug])
    data = posted(client.get(url).context["form"])
    assert client.post(url, data).status_code == 302
    assert [s.name for s in world.agreement.signatories.all()] == ["Bleibt"]


def test_only_the_partys_coordinators_edit_signatories(world, client):
    client.force_login(world.users["coordinator_c"])
    url = reverse("cooperation:agreement_edit", args=[world.agreement.slug])
    data = {"title_de": "X", "kind": "cooperation", **_rows({"name": "Fremd"})}
    assert client.post(url, data).status_code == 403
    assert not world.agreement.signatories.exists()


def test_the_api_gives_signatories_with_place_and_date(world, client):
    place = TerritoryFactory(name="Unterschriftsort")
    AgreementSignatory.objects.create(
        agreement=world.agreement, name="Erika API", function="OB", signed_place=place,
        signed_on=dt.date(2023, 3, 1),
    )  # fmt: skip
    body = client.get(reverse("api-v1:get_agreement", kwargs={"slug": world.agreement.slug})).json()
    assert body["signatories"] == [
        {"name": "Erika API", "function": "OB", "organisation": None,
         "signed_place": place.key, "signed_on": "2023-03-01"}
    ]  # fmt: skip


def test_a_new_agreement_offers_two_empty_signatory_rows(world, client):
    client.force_login(world.users["coordinator_a"])
    response = client.get(reverse("cooperation:agreement_create"))
    assert len(response.context["formset"].forms) == 2
    html = response.content.decode()
    assert 'name="signatories-0-signed_on"' in html and "data-signatory-template" in html


def test_a_linked_persons_private_name_is_not_shown_on_the_agreement_form(world, client):
    from actors.models import Visibility

    person = PersonFactory(family_name="Verborgen", name_visibility=Visibility.PRIVATE)
    AgreementSignatory.objects.create(agreement=world.agreement, person=person, function="OB")
    client.force_login(world.users["coordinator_a"])
    url = reverse("cooperation:agreement_edit", args=[world.agreement.slug])
    assert "Verborgen" not in client.get(url).content.decode()
    assert "Verborgen" not in client.get(world.agreement.get_absolute_url()).content.decode()
