import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.tests.factories import OrganisationFactory
from offers.imports import import_offers
from offers.models import Offer

pytestmark = pytest.mark.django_db

HEADER = "title;provider;kind;format;stage;languages;age_min;age_max;district;cost;step_free\n"


@pytest.fixture
def provider(taxonomies):
    return OrganisationFactory(slug="lernwerk")


def test_it_imports_valid_rows(provider):
    csv = HEADER + "Schachkurs;lernwerk;non_formal;course;school;de;8;12;ags:16051000;free;ja\n"
    result = import_offers("offers.csv", csv.encode(), dry_run=False)
    assert result.ok and result.created == 1
    offer = Offer.objects.get(title_de="Schachkurs")
    assert offer.step_free and offer.age_min == 8
    assert [lang.code for lang in offer.languages.all()] == ["de"]


def test_a_bad_row_writes_nothing_and_names_the_row(provider):
    csv = (
        HEADER
        + "Gut;lernwerk;non_formal;course;school;de;8;12;ags:16051000;free;ja\n"
        + "Schlecht;lernwerk;weird;course;school;xx;12;8;ags:99999999;free;vielleicht\n"
    )
    result = import_offers("offers.csv", csv.encode(), dry_run=False)
    assert not result.ok
    assert {e.column for e in result.errors} == {"kind", "languages", "age_max", "district",
                                                 "step_free"}  # fmt: skip
    assert {e.row for e in result.errors} == {3}
    assert not Offer.objects.exists()


def test_dry_run_writes_nothing(provider):
    csv = HEADER + "Schachkurs;lernwerk;non_formal;course;school;de;8;12;;free;\n"
    result = import_offers("offers.csv", csv.encode(), dry_run=True)
    assert result.ok and not Offer.objects.exists()


def test_it_imports_json(provider):
    rows = [{"title": "Töpfern", "provider": "lernwerk", "kind": "informal",
             "format": "open_place", "stage": "adult", "languages": ["de", "tr"],
             "step_free": True}]  # fmt: skip
    result = import_offers("offers.json", json.dumps(rows).encode(), dry_run=False)
    assert result.ok, result.errors
    assert Offer.objects.get().languages.count() == 2


def test_it_rejects_a_provider_the_user_may_not_publish_for(provider):
    from accounts.tests.factories import UserFactory

    csv = HEADER + "Schachkurs;lernwerk;non_formal;course;school;;;;;free;\n"
    result = import_offers("offers.csv", csv.encode(), dry_run=False, user=UserFactory())
    assert [e.column for e in result.errors] == ["provider"]
    assert not Offer.objects.exists()


def test_an_export_can_be_imported_again(client, demo):
    response = client.get(reverse("offers:offer_list"), {"format": "json"})
    data = json.loads(response.content)
    assert len(data) == Offer.objects.listed().count()
    Offer.objects.all().delete()
    for row in data:
        row["title"] = row["title"] + " (neu)"
    result = import_offers("export.json", json.dumps(data, default=str).encode(), dry_run=False)
    assert result.ok, result.errors
    assert Offer.objects.count() == len(data)


def test_the_import_page_shows_its_outcome_as_every_import_page_does(client, provider):
    """One result partial (includes/import_result.html) for organisations and offers: a dry
    run says how to import, problems are a captioned table by row."""
    client.force_login(member(organisation=provider, role=RoleLevel.EDITOR))
    good = HEADER + "Schachkurs;lernwerk;non_formal;course;school;de;8;12;;free;\n"
    bad = HEADER + "Schachkurs;lernwerk;weird;course;school;de;8;12;;free;\n"
    with translation.override("en"):
        url = reverse("offers:offer_import")
        checked = client.post(url, {"file": SimpleUploadedFile("a.csv", good.encode()),
                                    "dry_run": "on"})  # fmt: skip
        refused = client.post(url, {"file": SimpleUploadedFile("a.csv", bad.encode())})
    assert "Untick “dry run” to import it." in checked.content.decode()
    page = refused.content.decode()
    assert "1 problem found – nothing was written." in page and "Problems by row" in page
    assert not Offer.objects.exists()
