import io
import json
import zipfile

import pytest
from django.urls import reverse

from monitoring.models import DL_DE_BY_2_0_DCAT

pytestmark = pytest.mark.django_db
# `genesis` imported once for the module (monitoring/tests/conftest.py).
GENESIS_ONCE = True


def test_catalogue_page_lists_indicators_by_area(catalogue, client):
    page = client.get(reverse("monitoring:indicator_list")).content.decode()
    assert "Anteil der Schulabgänger ohne Hauptschulabschluss" in page
    assert "Frühkindliche Bildung" in page or "Early childhood education" in page


def test_every_public_page_answers(genesis, client):
    for url in [
        reverse("monitoring:indicator_list"),
        reverse("monitoring:indicator_detail", kwargs={"code": "kita-krippenplatzanteil"}),
        reverse("monitoring:dataset_list"),
        reverse("monitoring:dataset_detail", kwargs={"code": "22541-01-01-4"}),
        reverse("monitoring:compare"),
        reverse("monitoring:segregation"),
        reverse("monitoring_opendata:index"),
    ]:
        assert client.get(url).status_code == 200, url


def test_dataset_page_shows_source_licence_and_retrieval(genesis, client):
    page = client.get(
        reverse("monitoring:dataset_detail", kwargs={"code": "12411-01-01-4"})
    ).content.decode()
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in page
    assert "10.03.2026" in page  # retrieval date from the GENESIS file name


def test_comparison_shows_comparability_notes(genesis, client):
    page = client.get(
        reverse("monitoring:compare"), {"gebiet": ["ags:16051000", "gkz:90001"]}
    ).content.decode()
    assert "Erfurt" in page and "Wien" in page
    assert "Stichtag 1.1." in page  # the population indicator's comparability note
    assert "Comparing across countries" in page or "Vergleich über Ländergrenzen" in page


def test_chart_has_spec_table_and_download(genesis, client):
    response = client.get(
        reverse(
            "monitoring:indicator_detail", kwargs={"code": "abgaenger-ohne-hauptschulabschluss"}
        ),
        {"gebiet": "ags:16051000"},
    )
    page = response.content.decode()
    assert 'id="chart-series"' in page and "vega-lite" in page
    assert "<table" in page
    download = client.get(
        reverse(
            "monitoring:indicator_detail", kwargs={"code": "abgaenger-ohne-hauptschulabschluss"}
        ),
        {"format": "csv"},
    )
    body = b"".join(download.streaming_content).decode()
    assert body.startswith("indicator,territory_key,")
    assert "ags:16051000,Erfurt,2015,9.127" in body


def test_dcat_catalogue_structure(genesis, client):
    graph = client.get(reverse("monitoring_opendata:catalog_jsonld")).json()
    assert graph["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert graph["@context"]["dcatde"] == "http://dcat-ap.de/def/dcatde/"
    nodes = graph["@graph"]
    (catalogue,) = [n for n in nodes if n.get("@type") == "dcat:Catalog"]
    assert catalogue["dct:publisher"]
    datasets = [n for n in nodes if n.get("@type") == "dcat:Dataset"]
    leavers = next(n for n in datasets if n["dct:identifier"] == "21111-02-06-4")
    assert leavers["dcatde:politicalGeocodingLevelURI"] == {
        "@id": "http://dcat-ap.de/def/politicalGeocoding/Level/federal"
    }
    temporal = next(n for n in nodes if n["@id"] == leavers["dct:temporal"]["@id"])
    assert temporal["dcat:startDate"] == {"@value": "2014-12-31", "@type": "xsd:date"}
    distributions = [n for n in nodes if n.get("@type") == "dcat:Distribution"]
    assert distributions
    for node in distributions:
        assert node["dct:license"] == {"@id": DL_DE_BY_2_0_DCAT}
        assert node["dcatde:licenseAttributionByText"]
    by_id = {n["@id"]: n for n in nodes}
    berlin = next(
        n for n in datasets if n["dct:identifier"] == "indicator:frauenanteil-bevoelkerung"
    )
    assert berlin["dct:publisher"]["@id"] in by_id
    ttl = client.get(reverse("monitoring_opendata:catalog_ttl")).content.decode()
    assert "@prefix dcatde: <http://dcat-ap.de/def/dcatde/> ." in ttl
    assert "a dcat:Catalog" in ttl and "dcatde:licenseAttributionByText" in ttl
    assert ttl.count("a dcat:Dataset") == len(datasets)


def test_city_dataset_is_geocoded_with_its_regional_key(reference_territories, catalogue, client):
    from monitoring.services import observations_import

    from .factories import ffcsv

    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    observations_import(data=data, filename=name)
    nodes = client.get(reverse("monitoring_opendata:catalog_jsonld")).json()["@graph"]
    dataset = next(n for n in nodes if n.get("dct:identifier") == "99999-01-01-4")
    assert dataset["dct:spatial"] == {
        "@id": "http://dcat-ap.de/def/politicalGeocoding/regionalKey/160510000000"
    }


def test_everything_public_as_a_streamed_zip(genesis, client):
    response = client.get(reverse("monitoring_opendata:everything"))
    assert response.streaming
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"catalog.jsonld", "catalog.ttl", "datasets/12411-01-01-4.csv",
            "indicators/abgaenger-ohne-hauptschulabschluss.csv"} <= names  # fmt: skip
    assert "218793" in archive.read("datasets/12411-01-01-4.csv").decode()
    json.loads(archive.read("catalog.jsonld"))


def test_territory_sections_hook_lists_key_indicators(genesis, erfurt):
    from django.apps import apps

    (section,) = apps.get_app_config("monitoring").territory_sections(erfurt)
    assert section["template"] == "monitoring/_territory_section.html"
    assert any(v.indicator.code == "bevoelkerung" for v in section["items"])
