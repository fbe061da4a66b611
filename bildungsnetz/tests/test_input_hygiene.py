"""Issue #11, findings 5, 7 (table imports), 9, 10 and 13 (NUL/PATCH): one mechanism each.

Control characters are stripped from every request (query, form, JSON body) and every imported
cell, and every writer is safe against what may already be stored; coordinates have one
validation for model, form, API and import; a broken or hostile file gives a clear error.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from actors.imports import import_organisations
from actors.models import Organisation
from bildungsnetz.exports import xlsx_response
from bildungsnetz.imports import ImportFileError, read_table
from bildungsnetz.middleware import CleanInputMiddleware
from bildungsnetz.text import strip_control_characters
from bildungsnetz.uploads import check_archive
from offers.imports import import_offers
from offers.models import Offer
from offers.tests.factories import OfferFactory, OrganisationFactory

VT = "\u000b"


def _through_middleware(request):
    seen = {}

    def view(req):
        seen["GET"] = req.GET.copy()
        seen["POST"] = req.POST.copy()
        if req.content_type == "application/json":
            seen["body"] = req.body
        return None

    response = CleanInputMiddleware(view)(request)
    return response, seen


def test_it_strips_control_characters_but_keeps_tabs_and_line_breaks():
    assert (
        strip_control_characters(f"Lese{VT}kurs\x00\ttag\r\nzwei\ud800") == "Lesekurs\ttag\r\nzwei"
    )


def test_it_strips_control_characters_from_form_fields_and_the_query_string():
    request = RequestFactory().post(
        reverse("offers:offer_list") + f"?q=Lesen{VT}", {"title": f"Schach{VT}kurs\x00"}
    )
    response, seen = _through_middleware(request)
    assert response is None
    assert seen["POST"]["title"] == "Schachkurs"
    assert seen["GET"]["q"] == "Lesen"


def test_it_strips_control_characters_from_json_bodies_at_any_depth():
    body = {"title": f"Kurs{VT}", "tags": [{"name": "a\x00b"}]}
    request = RequestFactory().patch("/api/v1/x", json.dumps(body), content_type="application/json")
    _response, seen = _through_middleware(request)
    assert json.loads(seen["body"]) == {"title": "Kurs", "tags": [{"name": "ab"}]}


def test_a_deeply_nested_json_body_gets_the_apis_422_not_a_crash():
    body = "[" * 100_000 + "]" * 100_000
    request = RequestFactory().post("/api/v1/x", body, content_type="application/json")
    response, _seen = _through_middleware(request)
    assert response.status_code == 422
    assert json.loads(response.content)["code"] == "invalid"


@pytest.mark.parametrize("body", ["[]", '[["email", "x@example.org"]]', '"text"', "42"])
def test_an_api_write_with_a_body_that_is_not_an_object_gets_422(body):
    request = RequestFactory().patch(
        reverse("api-v1:get_organisation", kwargs={"slug": "x"}),
        body,
        content_type="application/json",
    )
    response, _seen = _through_middleware(request)
    assert response.status_code == 422
    assert json.loads(response.content)["fields"]["__all__"] == [
        "The request body must be a JSON object."
    ]


@pytest.mark.django_db
def test_a_nul_character_in_an_api_query_is_stripped_not_a_crash(client, reference_territories):
    response = client.get(reverse("api-v1:list_places"), {"q": "Erf\x00urt"})
    assert response.status_code == 200
    assert "Erfurt" in response.content.decode()


def test_the_xlsx_writer_survives_control_characters_already_stored():
    response = xlsx_response("export", ["title"], [[f"Kurs{VT}eins\x00"]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Kurseins"


@pytest.mark.django_db
def test_offer_exports_and_feeds_answer_with_a_vertical_tab_in_a_stored_title(client, taxonomies):
    OfferFactory(title_de=f"Lese{VT}kurs", title=f"Lese{VT}kurs")
    for url in (
        reverse("offers:offer_list", query={"format": "xlsx"}),
        reverse("offers:offer_list", query={"format": "csv"}),
        reverse("offers:feed_rss"),
        reverse("offers:feed_atom"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response) if response.streaming else response.content
        if "xlsx" in url:
            cells = load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
            content = "".join(str(v) for row in cells for v in row).encode()
            assert b"Lesekurs" in content
        assert VT.encode() not in content, url


@pytest.mark.django_db
def test_the_organisation_import_refuses_a_nul_byte_and_strips_other_controls(taxonomies):
    with pytest.raises(ImportFileError, match="NUL"):
        import_organisations(
            "orgs.csv", b"name;kind;seat\nLern\x00werk;ngo;16051000\n", dry_run=False
        )
    content = f"name;kind;seat\nLern{VT}werk Erfurt;ngo;16051000\n".encode()
    result = import_organisations("orgs.csv", content, dry_run=False)
    assert result.ok, result.errors
    assert list(Organisation.objects.values_list("name_de", flat=True)) == ["Lernwerk Erfurt"]


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)) * 40, b"\x81\x8d\x8f\x90\x9d" * 100, b"name;kind\n\x00\x00\x00\x01"],
    ids=["random-bytes", "undecodable-cp1252", "nul-bytes"],
)
def test_a_file_that_is_not_text_gets_a_clear_error_not_a_crash(content):
    with pytest.raises(ImportFileError):
        read_table("orgs.csv", content)


def test_a_cp1252_csv_is_read():
    rows = read_table("orgs.csv", "name;kind\nStraßenkinder e.V.;ngo\n".encode("cp1252"))
    assert rows == [{"name": "Straßenkinder e.V.", "kind": "ngo"}]


@pytest.mark.django_db
def test_a_deeply_nested_json_import_gets_a_clear_error(taxonomies):
    with pytest.raises(ImportFileError):
        import_offers("offers.json", ("[" * 50_000 + "]" * 50_000).encode(), dry_run=True)


def _xlsx(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["name", "kind", "seat"])
    for n in range(rows):
        sheet.append([f"Verein {n}", "ngo", "16051000"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_row_limit_is_enforced_while_reading_an_xlsx():
    with pytest.raises(ImportFileError, match="20"):
        read_table("orgs.xlsx", _xlsx(25), max_rows=20)
    assert len(read_table("orgs.xlsx", _xlsx(20), max_rows=20)) == 20


def test_a_zip_bomb_is_refused_before_it_is_unpacked(settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.csv", b"\x00" * (20 * 1024 * 1024))
    from django.core.exceptions import ValidationError

    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ValidationError):
        check_archive(buffer.getvalue())
    settings.ARCHIVE_MAX_RATIO = 10_000
    settings.ARCHIVE_MAX_UNPACKED_BYTES = 1024 * 1024
    with pytest.raises(ValidationError):
        check_archive(buffer.getvalue())


def test_a_table_import_above_the_size_limit_is_refused_before_parsing(settings):
    settings.TABLE_IMPORT_MAX_BYTES = 1024
    with pytest.raises(ImportFileError, match="MB"):
        read_table("orgs.csv", b"name;kind\n" + b"Verein;ngo\n" * 200)


@pytest.mark.django_db
@pytest.mark.parametrize("latitude", ["inf", "999", "nan", "-91"])
def test_the_offer_import_refuses_coordinates_out_of_bounds(taxonomies, latitude):
    OrganisationFactory(slug="lernwerk")
    csv = (
        "title;provider;kind;format;stage;latitude;longitude\n"
        f"Schachkurs;lernwerk;non_formal;course;school;{latitude};11.0\n"
    )
    result = import_offers("offers.csv", csv.encode(), dry_run=False)
    assert [e.column for e in result.errors] == ["latitude"]
    assert not Offer.objects.exists()


@pytest.mark.django_db
def test_the_offer_model_refuses_infinite_coordinates(taxonomies):
    from django.core.exceptions import ValidationError

    offer = OfferFactory()
    offer.longitude = float("inf")
    with pytest.raises(ValidationError) as caught:
        offer.full_clean()
    assert "longitude" in caught.value.message_dict


def test_an_xlsx_with_too_much_shared_text_is_refused_before_openpyxl_reads_it(settings):
    settings.XLSX_SHARED_STRINGS_MAX_BYTES = 1024
    buffer = io.BytesIO(_xlsx(3))
    with zipfile.ZipFile(buffer, "a") as archive:  # a texts table as spreadsheet programs write
        texts = "".join(f"<si><t>Verein {n}</t></si>" for n in range(200))
        archive.writestr("xl/sharedStrings.xml", f"<sst>{texts}</sst>")
    with pytest.raises(ImportFileError, match="CSV"):
        read_table("orgs.xlsx", buffer.getvalue())
