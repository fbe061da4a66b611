"""The DDI-Codebook 2.5 export: `codeBook` in namespace ddi:codebook:2_5 with stdyDscr,
fileDscr and dataDscr, one `var` per column of the coded CSV, in the same order."""

import csv
import io
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own export in a test

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from surveys.tests import exports_world

NS = {"ddi": "ddi:codebook:2_5"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def wave(db):
    return exports_world.build()


def _ddi(client, wave):
    response = client.get(reverse("surveys:export_ddi", args=[wave.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own export


def _csv_header(client, wave):
    user = UserFactory()
    wave.coordinators.add(user)
    client.force_login(user)
    response = client.get(reverse("surveys:export_answers", args=[wave.slug]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    client.logout()
    return next(csv.reader(io.StringIO(body)))


@pytest.mark.django_db
def test_the_ddi_codebook_parses_in_the_ddi_2_5_namespace(client, wave):
    response = client.get(reverse("surveys:export_ddi", args=[wave.slug]))
    assert b'<codeBook xmlns="ddi:codebook:2_5"' in response.content
    root = _ddi(client, wave)
    assert root.tag == "{ddi:codebook:2_5}codeBook"
    assert root.get("version") == "2.5"
    assert [child.tag.split("}")[1] for child in root] == ["stdyDscr", "fileDscr", "dataDscr"]
    assert root.findtext("ddi:stdyDscr/ddi:citation/ddi:titlStmt/ddi:titl", namespaces=NS) == (
        wave.title
    )
    assert root.find("ddi:stdyDscr/ddi:citation/ddi:titlStmt/ddi:IDNo", NS) is not None
    summary = root.find("ddi:stdyDscr/ddi:stdyInfo/ddi:sumDscr", NS)
    assert summary.findtext("ddi:timePrd", namespaces=NS) == wave.period
    assert summary.findtext("ddi:universe", namespaces=NS) == wave.population
    assert root.find("ddi:stdyDscr/ddi:method/ddi:dataColl/ddi:collMode", NS) is not None


@pytest.mark.django_db
def test_the_ddi_file_description_counts_complete_responses_and_columns(client, wave):
    root = _ddi(client, wave)
    dimensions = root.find("ddi:fileDscr/ddi:fileTxt/ddi:dimensns", NS)
    assert dimensions.findtext("ddi:caseQnty", namespaces=NS) == "3"  # not the started one
    variables = root.findall("ddi:dataDscr/ddi:var", NS)
    assert dimensions.findtext("ddi:varQnty", namespaces=NS) == str(len(variables))


@pytest.mark.django_db
def test_the_ddi_variables_match_the_coded_csv_column_for_column(client, wave):
    names = [var.get("name") for var in _ddi(client, wave).findall("ddi:dataDscr/ddi:var", NS)]
    assert names == _csv_header(client, wave)


def _codes(var) -> list[str]:
    return [c.findtext("ddi:catValu", namespaces=NS) for c in var.findall("ddi:catgry", NS)]


@pytest.mark.django_db
def test_the_ddi_categories_are_the_options_with_labels_and_missing_codes(client, wave):
    variables = {
        var.get("name"): var for var in _ddi(client, wave).findall("ddi:dataDscr/ddi:var", NS)
    }
    role = variables["TH01"]
    categories = role.findall("ddi:catgry", NS)
    assert [c.findtext("ddi:catValu", namespaces=NS) for c in categories] == ["1", "2", "99"]
    assert [c.get("missing") for c in categories] == [None, None, "Y"]
    labels = {label.get(XML_LANG): label.text for label in categories[0].findall("ddi:labl", NS)}
    assert labels["de"] == "Elternteil"
    assert role.findtext("ddi:qstn/ddi:qstnLit", namespaces=NS) == "In welcher Rolle antworten Sie?"
    assert role.find("ddi:varFormat", NS).get("type") == "numeric"
    assert _codes(variables["TH05a"]) == ["1", "2", "3", "4"]
    assert _codes(variables["TH03_2"]) == ["0", "1"]
    assert variables["TH14"].find("ddi:varFormat", NS).get("type") == "character"
    assert variables["TH04"].get("intrvl") == "contin"


@pytest.mark.django_db
def test_a_conditional_question_names_its_condition_as_the_variables_universe(client, wave):
    variables = {
        var.get("name"): var for var in _ddi(client, wave).findall("ddi:dataDscr/ddi:var", NS)
    }
    assert variables["TH07"].findtext("ddi:universe", namespaces=NS) == "TH06 = 1"
    assert variables["TH06"].find("ddi:universe", NS) is None
