"""Exports show labels in the page's language and keep the codes in `_code` columns (#12,
finding 7); the import reads those codes, so an export can be imported again."""

import csv
import io
import json

import pytest
from django.urls import reverse, translate_url

from offers.imports import COLUMNS
from offers.tests.factories import OfferFactory
from offers.views import OFFERS

EXPORT_COLUMNS = OFFERS.export_columns

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_the_export_columns_are_the_import_columns_with_codes_beside():
    assert [c.name for c in EXPORT_COLUMNS] == COLUMNS
    header = [name for c in EXPORT_COLUMNS for name in c.header]
    assert header[header.index("kind") + 1] == "kind_code"
    assert header[header.index("is_online") + 1] == "is_online_code"
    assert "title_code" not in header


def test_a_german_csv_shows_labels_and_keeps_the_codes(client, reference_territories):
    OfferFactory(title_de="Nähkurs", kind="non_formal", format="course", is_online=False,
                 step_free=True)  # fmt: skip
    (row,) = _csv(client.get(reverse("offers:offer_list"), {"format": "csv"}))
    assert (row["kind"], row["kind_code"]) == ("Non-formal", "non_formal")
    assert (row["format"], row["format_code"]) == ("Kurs", "course")
    assert (row["is_online"], row["is_online_code"]) == ("Nein", "False")
    assert (row["step_free"], row["step_free_code"]) == ("Ja", "True")


def test_an_english_csv_shows_english_labels(client, reference_territories):
    OfferFactory(title_de="Nähkurs", kind="informal", is_online=True)
    (row,) = _csv(client.get(translate_url(reverse("offers:offer_list"), "en"), {"format": "csv"}))
    assert (row["kind"], row["kind_code"]) == ("Informal", "informal")
    assert (row["is_online"], row["is_online_code"]) == ("Yes", "True")


def test_the_json_export_keeps_codes_and_booleans(client, reference_territories):
    OfferFactory(title_de="Nähkurs", kind="formal", is_online=False)
    (row,) = json.loads(client.get(reverse("offers:offer_list"), {"format": "json"}).content)
    assert row["kind"] == "Formal" and row["kind_code"] == "formal"
    assert row["is_online"] == "Nein" and row["is_online_code"] is False
