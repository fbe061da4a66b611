"""The coded export of a wave (coordinators only) and its codebook: one row per complete
response with a sequential number, one column per variable, formulas neutralised."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import UserFactory, member
from surveys.tests import exports_world
from surveys.tests.exports_world import VARIABLES


@pytest.fixture
def wave(db):
    return exports_world.build()


@pytest.fixture
def coordinator(wave):
    user = UserFactory()
    wave.coordinators.add(user)
    return user


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def _get(client, name, wave, **params):
    return client.get(reverse(f"surveys:{name}", args=[wave.slug]), params)


@pytest.mark.django_db
def test_the_coded_csv_has_one_row_per_complete_response_and_one_column_per_variable(
    client, wave, coordinator
):
    client.force_login(coordinator)
    response = _get(client, "export_answers", wave)
    assert response.status_code == 200
    rows = _csv(response)
    assert list(rows[0]) == ["respondent", "version", "language", "submitted", *VARIABLES]
    assert [r["respondent"] for r in rows] == ["1", "2", "3"]  # the started one is left out
    first, second, third = rows
    assert first["submitted"] == "2026-03-01" and first["version"] == "1"
    offers = [first[f"TH03_{code}"] for code in "123"]
    assert (first["TH01"], offers) == ("1", ["1", "1", "0"])
    assert (second["TH03_1"], second["TH03_3"], second["language"]) == ("0", "1", "en")
    assert (first["TH05a"], first["TH05b"], second["TH05b"]) == ("3", "4", "")
    assert (first["TH04"], second["TH04"], third["TH04"]) == ("2", "", "1.5")
    assert (first["TH07"], second["TH07"]) == ("2", "")
    assert third["TH14"] == "Mehr Kurse"


@pytest.mark.django_db
def test_the_export_never_holds_database_ids_or_resume_keys(client, wave, coordinator):
    client.force_login(coordinator)
    body = b"".join(_get(client, "export_answers", wave).streaming_content).decode()
    for response in wave.responses.all():
        assert response.resume_hash not in body
    assert "panel_key" not in body  # the wave does not link waves


@pytest.mark.django_db
def test_the_panel_key_is_a_column_only_where_the_wave_links_waves(client):
    wave = exports_world.build(links_waves=True)
    user = UserFactory()
    wave.coordinators.add(user)
    client.force_login(user)
    rows = _csv(_get(client, "export_answers", wave))
    assert [r["panel_key"] for r in rows] == ["panel0", "panel1", "panel2"]


@pytest.mark.django_db
def test_the_export_neutralises_formulas(client, wave, coordinator):
    client.force_login(coordinator)
    rows = _csv(_get(client, "export_answers", wave))
    assert rows[0]["TH14"] == '\'=HYPERLINK("http://x")'


@pytest.mark.django_db
def test_the_coded_xlsx_keeps_codes_as_numbers(client, wave, coordinator):
    client.force_login(coordinator)
    response = _get(client, "export_answers", wave, format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, first, *_ = list(sheet.values)
    row = dict(zip(header, first, strict=True))
    assert row["TH01"] == 1 and row["TH03_3"] == 0 and row["TH04"] == 2
    assert row["TH14"] == '\'=HYPERLINK("http://x")'


@pytest.mark.django_db
def test_the_raw_export_is_refused_to_a_non_coordinator(client, wave):
    client.force_login(member(wave.territory, RoleLevel.EDITOR))
    assert _get(client, "export_answers", wave).status_code == 403


@pytest.mark.django_db
def test_the_raw_export_is_refused_to_anonymous(client, wave):
    response = _get(client, "export_answers", wave)
    assert response.status_code in (302, 403)
    assert not hasattr(response, "streaming_content")


@pytest.mark.django_db
def test_a_coordinator_of_the_city_may_export_the_raw_answers(client, wave):
    client.force_login(member(wave.territory, RoleLevel.COORDINATOR))
    assert _get(client, "export_answers", wave).status_code == 200


@pytest.mark.django_db
def test_an_unknown_format_is_not_found(client, wave, coordinator):
    client.force_login(coordinator)
    assert _get(client, "export_answers", wave, format="exe").status_code == 404


@pytest.mark.django_db
def test_a_wave_in_preparation_exports_nothing_to_the_public(client, wave):
    wave.status = "draft"
    wave.save()
    assert _get(client, "export_codebook", wave).status_code == 404


@pytest.mark.django_db
def test_the_codebook_lists_every_column_with_texts_codes_missing_codes_and_conditions(
    client, wave
):
    rows = _csv(_get(client, "export_codebook", wave))
    assert [r["variable"] for r in rows][4:] == VARIABLES
    by_name = {r["variable"]: r for r in rows}
    assert by_name["TH01"]["question_de"] == "In welcher Rolle antworten Sie?"
    assert by_name["TH01"]["question_en"] == "In which role are you answering?"
    codes = "1 = Elternteil; 2 = Schülerin oder Schüler; 99 = Weiß nicht"
    assert by_name["TH01"]["codes_de"] == codes
    assert by_name["TH01"]["missing_codes"] == "99"
    assert by_name["TH01"]["type"] == "single"
    assert by_name["TH07"]["condition"] == "TH06 = 1"
    assert by_name["TH03_2"]["codes_de"] == "0 = nicht gewählt; 1 = gewählt"
    assert by_name["TH05a"]["question_de"] == "Wie sehr stimmen Sie zu? – Ich erfahre davon."
    assert by_name["TH05a"]["version"] == "1"


@pytest.mark.django_db
def test_the_exports_page_says_the_raw_export_is_for_coordinators_only(client, wave, coordinator):
    page = _get(client, "export_wave", wave).content.decode()
    raw = reverse("surveys:export_answers", args=[wave.slug])
    assert "Koordinator" in page and raw not in page
    client.force_login(coordinator)
    page = _get(client, "export_wave", wave).content.decode()
    assert raw in page
    assert reverse("surveys:export_ddi", args=[wave.slug]) in page


@pytest.mark.django_db
def test_the_codebook_comes_as_xlsx_too(client, wave):
    response = _get(client, "export_codebook", wave, format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert list(header[:2]) == ["variable", "question_de"]
    assert [row[0] for row in rows][4:] == VARIABLES
