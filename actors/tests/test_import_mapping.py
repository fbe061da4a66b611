"""Importing organisation lists with a column mapping: CSV/XLSX or Turtle, header guesses,
dry run with duplicates, update by identifier, all or nothing or only the valid rows."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.mapping import guess, read_source
from actors.models import Organisation
from actors.tests.factories import OrganisationFactory
from actors.tests.test_rdf import TURTLE
from places.models import Territory

pytestmark = pytest.mark.django_db

CSV = (
    b"Bezeichnung;PLZ;Ort;Homepage;Art;poi_id\n"
    b"Lernhaus Ost;99085;Erfurt;lernhaus-ost.example;ngo;17\n"
    b"Kita Regenbogen;99086;Erfurt;;daycare;18\n"
)


def test_the_header_names_of_open_data_portals_are_guessed():
    assert guess("Bezeichnung") == "name"
    assert guess("PLZ") == "postcode"
    assert guess("str_hausnr") == "street"
    assert guess("E-Mail") == "email"
    assert guess("poi_id") == "external_id"
    assert guess("Kategorie") == "topics"
    assert guess("Lieblingsfarbe") == ""


def test_a_header_of_several_words_is_guessed_by_a_word_that_fits():
    assert guess("Name des Vereins") == "name"
    assert guess("Art der Einrichtung") == "kind"
    assert guess("Farbe des Logos") == ""


def test_a_turtle_file_gives_one_row_per_organisation():
    rows = read_source("vereine.ttl", TURTLE.encode())
    assert {r["name"] for r in rows} == {"ADFC Leipzig", "Foaf-Verein"}
    assert next(r for r in rows if r["name"] == "ADFC Leipzig")["postcode"] == "04103"


@pytest.fixture
def erfurt(reference_territories):
    return Territory.objects.get_by_key("ags:16051000")


@pytest.fixture
def coordinator(client, erfurt):
    user = member(erfurt, RoleLevel.COORDINATOR)
    client.force_login(user)
    return user


def _upload(client, content=CSV, name="liste.csv"):
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("actors:organisation_import_upload"), {"file": upload})


def _map(client, page, **options):
    """Send the mapping form as the page pre-filled it, with `options` changed."""
    form = page.context["form"]
    data = {"rows": form.initial.get("rows") or form.data.get("rows")}
    for bound in form.mapping_fields():
        data[bound.html_name] = bound.value() or ""
    data.update({"source": "Testliste", "licence": "CC0 1.0", "dry_run": "on"})
    data.update(options)
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(reverse("actors:organisation_import_map"), data)


def test_the_upload_leads_to_the_mapping_with_guessed_fields(client, coordinator):
    page = _upload(client)
    assert page.status_code == 200
    guessed = [bound.value() for bound in page.context["form"].mapping_fields()]
    assert guessed == ["name", "postcode", "locality", "website", "kind", "external_id"]


def test_a_dry_run_writes_nothing_and_a_real_run_imports(client, coordinator, erfurt):
    page = _upload(client)
    checked = _map(client, page, default_seat=erfurt.pk)
    assert checked.context["result"].ok
    assert not Organisation.objects.filter(source="Testliste").exists()
    done = _map(client, page, default_seat=erfurt.pk, dry_run=None)
    assert done.status_code == 302
    lernhaus = Organisation.objects.get(source="Testliste", external_id="17")
    assert (lernhaus.name, lernhaus.seat, lernhaus.website) == (
        "Lernhaus Ost",
        erfurt,
        "https://lernhaus-ost.example",
    )


def test_importing_the_same_file_again_changes_nothing(client, coordinator, erfurt):
    page = _upload(client)
    _map(client, page, default_seat=erfurt.pk, dry_run=None)
    history = Organisation.history.count()
    again = _map(client, page, default_seat=erfurt.pk, dry_run=None)
    assert again.status_code == 302
    assert Organisation.objects.filter(source="Testliste").count() == 2
    assert Organisation.history.count() == history


def test_a_possible_duplicate_is_noted_and_skipped_unless_chosen(client, coordinator, erfurt):
    existing = OrganisationFactory(name_de="Lernhaus Ost", seat=erfurt, phone="0361 1")
    page = _upload(client)
    checked = _map(client, page, default_seat=erfurt.pk)
    (note,) = checked.context["result"].notes
    assert note.row == 2 and "Lernhaus Ost" in note.message
    _map(client, page, default_seat=erfurt.pk, dry_run=None)
    assert Organisation.objects.filter(name_de="Lernhaus Ost").count() == 1
    _map(client, page, default_seat=erfurt.pk, dry_run=None, update_duplicates="on")
    existing.refresh_from_db()
    assert existing.website == "https://lernhaus-ost.example"


def test_one_bad_row_stops_everything_unless_the_valid_rows_are_chosen(client, coordinator, erfurt):
    content = CSV.replace(b";daycare;", b";spaceship;")
    page = _upload(client, content)
    refused = _map(client, page, default_seat=erfurt.pk, dry_run=None)
    assert refused.status_code == 200
    assert [e.row for e in refused.context["result"].errors] == [3]
    assert not Organisation.objects.filter(source="Testliste").exists()
    _map(client, page, default_seat=erfurt.pk, dry_run=None, valid_only="on")
    assert list(Organisation.objects.filter(source="Testliste").values_list("name", flat=True)) == [
        "Lernhaus Ost"
    ]


def test_a_turtle_list_imports_with_a_kind_and_seat_for_all_rows(client, coordinator, erfurt):
    page = _upload(client, TURTLE.encode(), "vereine.ttl")
    fields = {b.label: b.html_name for b in page.context["form"].mapping_fields()}
    done = _map(client, page, default_seat=erfurt.pk, default_kind="ngo", dry_run=None,
                **{fields["topics"]: ""})  # fmt: skip
    assert done.status_code == 302, re.sub(r"\s+", " ", done.content.decode())[:2000]
    adfc = Organisation.objects.get(external_id="http://example.org/Verein/ADFC")
    assert (adfc.kind, adfc.postcode, adfc.email) == ("ngo", "04103", "info@adfc-leipzig.de")


def test_a_row_problem_names_the_files_column_and_the_field_not_the_code(client, coordinator):
    content = CSV.replace(b";daycare;", b";spaceship;")
    page = _upload(client, content)
    with translation.override("en"):
        checked = _map(client, page)
    problems = {(e.row, e.column) for e in checked.context["result"].errors}
    assert (3, "Art → Kind") in problems
    assert (2, "Seat (official key or city name)") in problems
    assert "seat" not in {column for _row, column in problems}
