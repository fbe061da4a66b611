"""Recognition: a model partnership's page names people only with their consent (else "a
member of staff of …"); the person or an editor of their organisation records it; the yearly
overview counts model partnerships, organisations and people per city and year, with CSV."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from actors.tests.factories import OrganisationFactory, PersonFactory
from cooperation.models import ProjectKind
from cooperation.tests.factories import ParticipantFactory, ProjectFactory
from partners.models import RecognitionConsent

pytestmark = pytest.mark.django_db
THIS_YEAR = dt.date.today().year
LAST_YEAR = THIS_YEAR - 1


@pytest.fixture
def model_partnership(erfurt_wien, verein_erfurt, verein_wien, wien_contact):
    project = ProjectFactory(
        partnership=erfurt_wien, kind=ProjectKind.MODEL_PARTNERSHIP, slug="schulbruecke",
        title_de="Schulbrücke Erfurt – Wien", start=dt.date(LAST_YEAR, 3, 1),
        end=dt.date(THIS_YEAR + 1, 6, 30),
    )  # fmt: skip
    erfurt_person = PersonFactory(given_name="Jonas", family_name="Beispiel")
    ParticipantFactory(project=project, organisation=verein_erfurt, contact=erfurt_person)
    ParticipantFactory(project=project, organisation=verein_wien, contact=wien_contact)
    return project


def _page(client, project):
    with translation.override("en"):
        return client.get(reverse("partners:project_recognition", args=[project.slug]))


def test_people_are_named_only_with_their_consent(client, model_partnership, wien_contact):
    RecognitionConsent.objects.create(person=wien_contact, project=model_partnership)
    page = _page(client, model_partnership).content.decode()
    assert "Marija Kovač" in page
    assert "Jonas Beispiel" not in page
    assert "a member of staff of Brückenverein Erfurt" in page


def test_the_person_gives_and_withdraws_consent_with_her_own_account(
    client, model_partnership, wien_contact, stranger
):
    wien_contact.user = stranger
    wien_contact.save()
    participant = model_partnership.participants.get(contact=wien_contact)
    url = reverse("partners:consent", args=[model_partnership.slug, participant.pk])
    client.force_login(stranger)
    client.post(url, {"consent": "yes"})
    assert "Marija Kovač" in _page(client, model_partnership).content.decode()
    client.post(url, {"consent": "no"})
    assert "Marija Kovač" not in _page(client, model_partnership).content.decode()


def test_someone_else_cannot_record_a_persons_consent(
    client, model_partnership, wien_contact, stranger
):
    participant = model_partnership.participants.get(contact=wien_contact)
    client.force_login(stranger)
    url = reverse("partners:consent", args=[model_partnership.slug, participant.pk])
    assert client.post(url, {"consent": "yes"}).status_code == 403
    assert not RecognitionConsent.objects.exists()


def test_the_partnership_page_lists_its_projects_with_who_is_engaged(
    client, model_partnership, erfurt_wien
):
    with translation.override("en"):
        url = reverse("partners:partnership_recognition", args=[erfurt_wien.slug])
    page = client.get(url).content.decode()
    assert "Schulbrücke Erfurt – Wien" in page and "a member of staff of Lernwerkstatt Wien" in page


def test_a_project_that_is_not_public_has_no_recognition_page(client, model_partnership):
    model_partnership.is_public = False
    model_partnership.save()
    assert _page(client, model_partnership).status_code == 404


def test_the_yearly_overview_counts_per_city_and_year_and_exports_csv(
    client, model_partnership, erfurt, verein_wien
):
    second = ProjectFactory(
        partnership=model_partnership.partnership, kind=ProjectKind.MODEL_PARTNERSHIP,
        start=dt.date(THIS_YEAR, 1, 1),
    )  # fmt: skip
    ParticipantFactory(project=second, organisation=verein_wien)
    ParticipantFactory(project=second, organisation=OrganisationFactory(seat=erfurt))
    with translation.override("en"):
        url = reverse("partners:overview")
    rows = {(r["city"].name, r["year"]): r for r in client.get(url).context["rows"]}
    # Running into next year counts up to this year only.
    assert set(rows) == {
        ("Erfurt", LAST_YEAR), ("Vienna", LAST_YEAR), ("Erfurt", THIS_YEAR), ("Vienna", THIS_YEAR),
    }  # fmt: skip
    now = rows[("Erfurt", THIS_YEAR)]
    assert (now["model_partnerships"], now["organisations"], now["people"]) == (2, 2, 1)
    assert rows[("Vienna", LAST_YEAR)]["model_partnerships"] == 1
    response = client.get(url, {"format": "csv", "city": "16051000"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(body)))
    assert [(r["year"], r["city"], r["model_partnerships"]) for r in table] == [
        (str(THIS_YEAR), "Erfurt", "2"), (str(LAST_YEAR), "Erfurt", "1"),
    ]  # fmt: skip


def test_the_json_ld_of_the_page_names_only_consenting_people(
    client, model_partnership, wien_contact
):
    RecognitionConsent.objects.create(person=wien_contact, project=model_partnership)
    page = _page(client, model_partnership).content.decode()
    script = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(script)
    assert data["@type"] == "Project"
    people = [m["name"] for m in data["member"] if m["@type"] == "Person"]
    organisations = [m["name"] for m in data["member"] if m["@type"] == "Organization"]
    assert people == ["Marija Kovač"]
    assert set(organisations) == {"Brückenverein Erfurt", "Lernwerkstatt Wien"}
