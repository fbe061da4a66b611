"""Contact requests: only editors send them; they reach the fixed contact person (or, without
one, the editors) without the sender's e-mail address; one open request per listing; an
accepted request becomes a model partnership in the cities' partnership."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.models import Role
from actors.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from cooperation.models import Partnership, ProjectKind
from partners import services
from partners.models import ContactRequest, RequestState

from .factories import ContactRequestFactory, PartnerListingFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Wir suchen eine Partnerschule für Projekttage zur Berufsorientierung."


def _send(client, listing, organisation):
    with translation.override("en"):
        url = reverse("partners:request_create", args=[listing.pk])
    return client.post(url, {"from_organisation": organisation.pk, "message": MESSAGE})


def test_an_editor_sends_a_request_that_reaches_the_fixed_contact_person_without_her_address(
    client, erfurt_editor, verein_erfurt, offers_school_partnership, wien_contact,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(erfurt_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, offers_school_partnership, verein_erfurt)
    request = ContactRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert request.recipient == wien_contact and request.sender == erfurt_editor
    (sent,) = mail.outbox
    assert sent.to == ["kovac@wien.example"]
    assert "Brückenverein Erfurt" in sent.subject and MESSAGE in sent.body
    assert erfurt_editor.email not in sent.body


def test_without_a_fixed_contact_person_the_editors_of_the_organisation_get_the_request(
    client, erfurt_editor, verein_erfurt, verein_wien, wien_editor,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    listing = PartnerListingFactory(organisation=verein_wien)
    Role.objects.filter(organisation=verein_wien).delete()
    client.force_login(erfurt_editor)
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, listing, verein_erfurt)
    assert mail.outbox[0].to == ["redaktion@wien.example"]
    assert ContactRequest.objects.get().recipient is None


def test_a_viewer_of_the_organisation_cannot_send_a_request(
    client, verein_erfurt, offers_school_partnership
):
    viewer = member(organisation=verein_erfurt, role=RoleLevel.VIEWER)
    client.force_login(viewer)
    response = _send(client, offers_school_partnership, verein_erfurt)
    assert response.status_code == 400  # the organisation is not among the choices
    assert not ContactRequest.objects.exists()


def test_a_second_open_request_about_the_same_listing_is_refused(
    client, erfurt_editor, verein_erfurt, offers_school_partnership
):
    client.force_login(erfurt_editor)
    _send(client, offers_school_partnership, verein_erfurt)
    response = _send(client, offers_school_partnership, verein_erfurt)
    assert response.status_code == 400
    assert "already asked about this listing" in response.content.decode()
    assert ContactRequest.objects.count() == 1


def test_too_many_requests_in_a_day_are_refused(erfurt_editor, verein_erfurt, wien, settings):
    for _n in range(services.DAILY_REQUEST_LIMIT):
        services.contact_request_send(
            from_organisation=verein_erfurt, message="Hallo", user=erfurt_editor,
            listing=PartnerListingFactory(organisation=OrganisationFactory(seat=wien)),
        )  # fmt: skip
    with pytest.raises(services.ValidationError) as refused:
        services.contact_request_send(
            from_organisation=verein_erfurt, message="Hallo", user=erfurt_editor,
            listing=PartnerListingFactory(organisation=OrganisationFactory(seat=wien)),
        )  # fmt: skip
    assert refused.value.code == "rate_limit"


def test_the_sender_address_shows_only_after_acceptance(
    client, erfurt_editor, wien_editor, verein_erfurt, offers_school_partnership, erfurt_wien
):
    request = services.contact_request_send(
        from_organisation=verein_erfurt, listing=offers_school_partnership, message=MESSAGE,
        user=erfurt_editor,
    )  # fmt: skip
    client.force_login(wien_editor)
    page = client.get(request.get_absolute_url()).content.decode()
    assert MESSAGE in page and erfurt_editor.email not in page
    services.contact_request_accept(request=request, user=wien_editor)
    assert erfurt_editor.email in client.get(request.get_absolute_url()).content.decode()


def test_accepting_makes_a_model_partnership_in_the_partnership_of_the_two_cities(
    client, erfurt_editor, wien_editor, verein_erfurt, offers_school_partnership, erfurt_wien,
    wien_contact,
):  # fmt: skip
    erfurt_contact = PersonFactory(given_name="Jonas", family_name="Beispiel")
    RoleFactory(person=erfurt_contact, organisation=verein_erfurt, is_contact=True)
    request = services.contact_request_send(
        from_organisation=verein_erfurt, listing=offers_school_partnership, message=MESSAGE,
        user=erfurt_editor,
    )  # fmt: skip
    client.force_login(wien_editor)
    url = reverse("partners:request_answer", args=[request.pk])
    client.post(url, {"accept": "1", "note": "Gern!"})
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED and request.answer_note == "Gern!"
    project = request.project
    assert project.kind == ProjectKind.MODEL_PARTNERSHIP and project.partnership == erfurt_wien
    contacts = {p.organisation.slug: p.contact for p in project.participants.all()}
    assert contacts == {"brueckenverein-erfurt": erfurt_contact, "lernwerkstatt-wien": wien_contact}
    assert not project.sides_missing_contact()


def test_without_a_partnership_of_the_cities_one_between_the_organisations_is_made(
    erfurt_editor, wien_editor, verein_erfurt, offers_school_partnership
):
    request = services.contact_request_send(
        from_organisation=verein_erfurt, listing=offers_school_partnership, message=MESSAGE,
        user=erfurt_editor,
    )  # fmt: skip
    project = services.contact_request_accept(request=request, user=wien_editor).project
    parties = {p.organisation.slug for p in project.partnership.parties.all()}
    assert parties == {"brueckenverein-erfurt", "lernwerkstatt-wien"}
    assert Partnership.objects.count() == 1


def test_declining_and_withdrawing_close_the_request_and_allow_a_new_one(
    client, erfurt_editor, wien_editor, verein_erfurt, offers_school_partnership
):
    request = ContactRequestFactory(
        from_organisation=verein_erfurt, listing=offers_school_partnership
    )
    client.force_login(wien_editor)
    client.post(reverse("partners:request_answer", args=[request.pk]), {"decline": "1"})
    request.refresh_from_db()
    assert request.state == RequestState.DECLINED and request.project is None
    second = ContactRequestFactory(
        from_organisation=verein_erfurt, listing=offers_school_partnership
    )
    # The receiving side cannot withdraw it; the sending side can.
    assert client.post(reverse("partners:request_withdraw", args=[second.pk])).status_code == 403
    client.force_login(erfurt_editor)
    client.post(reverse("partners:request_withdraw", args=[second.pk]))
    second.refresh_from_db()
    assert second.state == RequestState.WITHDRAWN


def test_the_addressed_contact_person_answers_with_her_own_account(
    client, erfurt_editor, verein_erfurt, offers_school_partnership, wien_contact, stranger
):
    wien_contact.user = stranger
    wien_contact.save()
    request = services.contact_request_send(
        from_organisation=verein_erfurt, listing=offers_school_partnership, message=MESSAGE,
        user=erfurt_editor,
    )  # fmt: skip
    client.force_login(stranger)
    assert client.get(request.get_absolute_url()).status_code == 200
    client.post(reverse("partners:request_answer", args=[request.pk]), {"accept": "1"})
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED


def test_the_inbox_lists_received_and_sent_requests_for_editors_only(
    client, erfurt_editor, wien_editor, verein_erfurt, verein_wien, offers_school_partnership
):
    ContactRequestFactory(from_organisation=verein_erfurt, listing=offers_school_partnership)
    url = reverse("partners:inbox", args=[verein_wien.slug])
    client.force_login(wien_editor)
    response = client.get(url)
    assert [r.from_organisation for r in response.context["received"]] == [verein_erfurt]
    client.force_login(erfurt_editor)
    assert client.get(url).status_code == 403
    sent = client.get(reverse("partners:inbox", args=[verein_erfurt.slug])).context["sent"]
    assert [r.to_organisation for r in sent] == [verein_wien]


def test_the_landing_page_lists_the_open_requests_addressed_to_the_contact_person(
    client, erfurt_editor, verein_erfurt, offers_school_partnership, wien_contact, stranger
):
    wien_contact.user = stranger
    wien_contact.save()
    request = services.contact_request_send(
        from_organisation=verein_erfurt, listing=offers_school_partnership, message=MESSAGE,
        user=erfurt_editor,
    )  # fmt: skip
    client.force_login(stranger)
    with translation.override("en"):
        home = client.get(reverse("partners:home"))
    assert list(home.context["addressed"]) == [request]
    assert request.get_absolute_url() in home.content.decode()
