"""Documentation after the event: outcomes, files and photos (with a required text
alternative), checked by the upload rules and served only to those who may see the event."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from events.models import EventPhoto

from .factories import EventFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def organiser_client(client):
    event = EventFactory()
    client.force_login(member(organisation=event.organisers.get(), role=RoleLevel.EDITOR))
    return client, event


def _post(client, event, data):
    return client.post(reverse("events:documentation", args=[event.slug]), data)


def test_a_photo_without_a_text_alternative_is_refused(organiser_client):
    client, event = organiser_client
    response = _post(client, event, {
        "part": "photo", "photo-image": SimpleUploadedFile("bild.png", PNG, "image/png"),
        "photo-alt_text": "", "photo-caption": "Podium am Vormittag",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Podium am Vormittag" in response.content.decode()
    assert not EventPhoto.objects.exists()


def test_a_photo_with_its_text_alternative_is_shown_and_served(organiser_client):
    client, event = organiser_client
    response = _post(client, event, {
        "part": "photo", "photo-image": SimpleUploadedFile("bild.png", PNG, "image/png"),
        "photo-alt_text": "Fünf Menschen auf einem Podium",
    })  # fmt: skip
    assert response.status_code == 302
    photo = EventPhoto.objects.get()
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'alt="Fünf Menschen auf einem Podium"' in html
    assert client.get(photo.image.url).status_code == 200


def test_a_program_named_like_a_pdf_is_refused(organiser_client):
    client, event = organiser_client
    response = _post(client, event, {
        "part": "document", "document-title": "Ergebnisse",
        "document-file": SimpleUploadedFile("ergebnisse.pdf", b"MZ\x90\x00", "application/pdf"),
    })  # fmt: skip
    assert response.status_code == 400
    assert not event.documents.exists()


def test_files_of_a_hidden_event_are_not_served_to_strangers(organiser_client):
    client, event = organiser_client
    _post(client, event, {
        "part": "document", "document-title": "Protokoll",
        "document-file": SimpleUploadedFile("protokoll.pdf", PDF, "application/pdf"),
    })  # fmt: skip
    document = event.documents.get()
    assert client.get(document.file.url).status_code == 200
    event.is_public = False
    event.save()
    client.logout()
    assert client.get(document.file.url).status_code == 404


def test_outcomes_are_cleaned_and_stay_after_the_event(organiser_client):
    client, event = organiser_client
    token = (
        client.get(reverse("events:documentation", args=[event.slug]))
        .context["outcomes_form"]["edit_version"]
        .value()
    )
    _post(client, event, {
        "part": "outcomes", "outcomes": "<p>Drei Modellprojekte</p><script>x()</script>",
        "edit_version": token,
    })  # fmt: skip
    event.refresh_from_db()
    assert event.outcomes == "<p>Drei Modellprojekte</p>"
