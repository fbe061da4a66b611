"""The organisation export shows labels in the page's language and keeps the codes in `_code`
columns (#12, finding 7)."""

import csv
import io

import pytest
from django.urls import reverse

from actors.models import OrganisationKind
from actors.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_a_german_csv_shows_kind_and_verified_as_words_and_keeps_the_codes(client):
    OrganisationFactory(name_de="Lernwerk", kind=OrganisationKind.NGO, verified=False)
    (row,) = _csv(client.get(reverse("actors:organisation_list"), {"format": "csv"}))
    assert (row["kind"], row["kind_code"]) == ("NGO / Verein", "ngo")
    assert (row["verified"], row["verified_code"]) == ("Nein", "False")
