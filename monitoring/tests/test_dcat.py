"""The DCAT-AP.de catalogue: valid against GovData's shapes, every distribution with its own
source's licence, IRIs from SITE_URL, landing pages that are pages, no empty indicators."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from monitoring.licences import CC_BY_3_0_DE, CC_BY_4_0, DL_DE_BY_2_0
from monitoring.models import IndicatorValue
from places.models import Level
from places.tests.factories import TerritoryFactory

from .factories import DatasetFactory, IndicatorFactory, observations_add

pytestmark = pytest.mark.django_db

STANDARDS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "dcat-ap-de"
SITE = "https://bildungsnetz.example.org"
EU = "http://publications.europa.eu/resource/authority/"
# Vocabularies the shapes' imports file names but that are not in support/ (the EU's
# controlled vocabularies and DCAT-AP.de's geocoding levels): whether a value is a member
# cannot be decided offline, so results saying only that are not defects of ours. The
# licences and contributors vocabularies are in support/ and are checked in full.
UNDECIDABLE_SCHEMES = {
    EU + "language", EU + "data-theme", EU + "file-type", EU + "frequency",
    EU + "planned-availability", EU + "dataset-type", EU + "access-right",
    EU + "distribution-status", "http://dcat-ap.de/def/politicalGeocoding/Level",
    "http://purl.org/adms/publishertype/1.0",
}  # fmt: skip
UNDECIDABLE_NAMESPACES = tuple(s + "/" for s in UNDECIDABLE_SCHEMES)


@functools.cache
def _shapes_and_support():
    from rdflib import Graph

    shapes, support = Graph(), Graph()
    for path in sorted((STANDARDS / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    for path in sorted((STANDARDS / "support").iterdir()):
        support.parse(path, format="xml" if path.suffix == ".rdf" else "turtle")
    return shapes, support


def _undecidable(report, shapes, result) -> bool:
    """A result that only says a value is not in a vocabulary that is not available offline:
    `skos:inScheme` of an EU vocabulary (sh:hasValue), `sh:class skos:Concept` or `sh:in` on
    a value from such a vocabulary."""
    from rdflib import URIRef
    from rdflib.namespace import SH, SKOS

    component = report.value(result, SH.sourceConstraintComponent)
    shape = report.value(result, SH.sourceShape)
    if component == SH.HasValueConstraintComponent:
        return (
            report.value(result, SH.resultPath) == SKOS.inScheme
            and str(shapes.value(shape, SH.hasValue)) in UNDECIDABLE_SCHEMES
        )
    value = report.value(result, SH.value)
    in_namespace = isinstance(value, URIRef) and str(value).startswith(UNDECIDABLE_NAMESPACES)
    if component == SH.ClassConstraintComponent:
        return in_namespace and shapes.value(shape, SH["class"]) == SKOS.Concept
    return component == SH.InConstraintComponent and in_namespace


def shacl_defects(text: str, fmt: str) -> list[str]:
    """The SHACL results of a catalogue, less the undecidable vocabulary memberships."""
    from pyshacl import validate
    from rdflib import RDF, Graph
    from rdflib.namespace import SH

    shapes, support = _shapes_and_support()
    data = Graph()
    data.parse(data=text, format=fmt)
    data += support
    _conforms, report, _text = validate(
        data, shacl_graph=shapes, inference="rdfs", allow_warnings=True
    )
    return sorted(
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: "
        f"{report.value(r, SH.resultMessage)} ({report.value(r, SH.value)})"
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if not _undecidable(report, shapes, r)
    )


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def small_catalogue(site):
    """Erfurt's GENESIS table (DL-DE), Berlin's planning areas (CC BY 3.0 DE), Vienna (CC BY
    4.0), an indicator computed from Erfurt's and Berlin's data, one without values."""
    germany = TerritoryFactory(scheme="iso", code="DE", name_de="Deutschland", level="country")
    thuringia = TerritoryFactory(code="16", name_de="Thüringen", level=Level.STATE, parent=germany)
    erfurt = TerritoryFactory(code="16051000", name_de="Erfurt", parent=thuringia)
    berlin = TerritoryFactory(code="11000000", name_de="Berlin", level=Level.STATE, parent=germany)
    area = TerritoryFactory(
        scheme="plr", code="01100101", name_de="Stülerstraße", level=Level.PLANNING_AREA,
        parent=berlin,
    )  # fmt: skip
    vienna = TerritoryFactory(scheme="gkz", code="90001", name_de="Wien", country="AT")
    genesis = DatasetFactory(
        code="12411-01-01-4", source="Statistisches Bundesamt (Destatis), GENESIS-Online",
        publisher="Statistische Ämter des Bundes und der Länder",
    )  # fmt: skip
    plr = DatasetFactory(
        code="einwohnerbestand-plr-2022-06", source="Amt für Statistik Berlin-Brandenburg",
        licence=CC_BY_3_0_DE.name, licence_url=CC_BY_3_0_DE.url, licence_iri=CC_BY_3_0_DE.dcat,
    )  # fmt: skip
    wien = DatasetFactory(
        code="wien-bevoelkerung", source="Stadt Wien – data.wien.gv.at",
        licence=CC_BY_4_0.name, licence_url=CC_BY_4_0.url, licence_iri=CC_BY_4_0.dcat,
    )  # fmt: skip
    DatasetFactory(code="geheim", is_public=False)
    observations_add(genesis, erfurt)
    observations_add(plr, area)
    observations_add(plr, berlin)
    observations_add(wien, vienna)
    population = IndicatorFactory(code="bevoelkerung", name="Bevölkerung")
    for territory, dataset in [(erfurt, genesis), (berlin, plr), (area, plr)]:
        IndicatorValue.objects.create(
            indicator=population, territory=territory, period="2024",
            period_date=datetime.date(2024, 12, 31), value=1000.0, dataset=dataset,
        )  # fmt: skip
    IndicatorFactory(code="ohne-werte", name="Ohne Werte")
    return {"genesis": genesis, "plr": plr, "wien": wien, "population": population}


def _nodes(client) -> list[dict]:
    return client.get(reverse("monitoring_opendata:catalog_jsonld"), HTTP_HOST="testserver").json()[
        "@graph"
    ]


def _entry(nodes, identifier: str) -> dict:
    return next(n for n in nodes if n.get("dct:identifier") == identifier)


def _many(value) -> list:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("monitoring_opendata:catalog_ttl", "turtle"),
        ("monitoring_opendata:catalog_jsonld", "json-ld"),
    ],
)
def test_catalogue_validates_against_the_dcat_ap_de_shapes(small_catalogue, client, name, fmt):
    if not (STANDARDS / "shapes").is_dir():
        pytest.skip(f"DCAT-AP.de shapes not found in {STANDARDS} (../shared is not checked out)")
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    _shapes, support = _shapes_and_support()
    for scheme in UNDECIDABLE_SCHEMES:  # the filter must not hide a vocabulary we have
        assert not list(support.subjects(SKOS.inScheme, URIRef(scheme))), scheme
    assert list(support.subjects(SKOS.inScheme, URIRef("http://dcat-ap.de/def/licenses")))
    text = client.get(reverse(name)).content.decode()
    assert "dcat:Distribution" in text
    assert shacl_defects(text, fmt) == []


def test_every_dataset_distribution_states_its_datasets_licence(small_catalogue, client):
    nodes = _nodes(client)
    by_id = {n["@id"]: n for n in nodes}
    for dataset in ("genesis", "plr", "wien"):
        dataset = small_catalogue[dataset]
        entry = _entry(nodes, dataset.code)
        distributions = [by_id[d["@id"]] for d in _many(entry["dcat:distribution"])]
        assert len(distributions) == 2
        for distribution in distributions:
            assert distribution["dct:license"] == {"@id": dataset.licence_iri}
            attribution = distribution["dcatde:licenseAttributionByText"]["@value"]
            assert dataset.source in attribution and dataset.licence in attribution
    plr = _entry(nodes, "einwohnerbestand-plr-2022-06")
    assert {by_id[d["@id"]]["dct:license"]["@id"] for d in plr["dcat:distribution"]} == {
        "http://dcat-ap.de/def/licenses/cc-by-de/3.0"
    }


def test_indicator_from_sources_under_two_licences_has_files_per_licence(small_catalogue, client):
    nodes = _nodes(client)
    by_id = {n["@id"]: n for n in nodes}
    entry = _entry(nodes, "indicator:bevoelkerung")
    licences = {}
    for ref in entry["dcat:distribution"]:
        distribution = by_id[ref["@id"]]
        licences.setdefault(distribution["dct:license"]["@id"], []).append(ref["@id"])
    assert set(licences) == {DL_DE_BY_2_0.dcat, CC_BY_3_0_DE.dcat}
    (berlin_csv,) = [url for url in licences[CC_BY_3_0_DE.dcat] if url.endswith(".csv")]
    assert berlin_csv == SITE + reverse(
        "monitoring_opendata:indicator_licence_download",
        kwargs={"code": "bevoelkerung", "licence": "cc-by-de-3.0", "fmt": "csv"},
    )
    body = b"".join(client.get(berlin_csv.removeprefix(SITE)).streaming_content).decode()
    rows = body.strip().splitlines()[1:]
    assert len(rows) == 2 and all("einwohnerbestand-plr-2022-06" in row for row in rows)
    attribution = by_id[berlin_csv]["dcatde:licenseAttributionByText"]["@value"]
    assert "Amt für Statistik Berlin-Brandenburg" in attribution
    assert "Destatis" not in attribution
    page = client.get(reverse("monitoring_opendata:index")).content.decode()
    assert (
        reverse(
            "monitoring_opendata:indicator_licence_download",
            kwargs={"code": "bevoelkerung", "licence": "cc-by-de-3.0", "fmt": "csv"},
        )
        in page
    )
    # no file for a licence none of its values come under
    assert (
        client.get(
            reverse(
                "monitoring_opendata:indicator_licence_download",
                kwargs={"code": "bevoelkerung", "licence": "cc-zero", "fmt": "csv"},
            )
        ).status_code
        == 404
    )


def test_indicators_without_values_are_left_out(small_catalogue, client):
    nodes = _nodes(client)
    identifiers = {n.get("dct:identifier") for n in nodes}
    assert "indicator:bevoelkerung" in identifiers
    assert "indicator:ohne-werte" not in identifiers
    assert "geheim" not in identifiers


def test_iris_come_from_site_url_whatever_the_request_host(small_catalogue, client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "intern.example.net"]
    text = client.get(
        reverse("monitoring_opendata:catalog_ttl"), HTTP_HOST="intern.example.net"
    ).content.decode()
    assert "intern.example.net" not in text and "testserver" not in text
    nodes = client.get(
        reverse("monitoring_opendata:catalog_jsonld"), HTTP_HOST="intern.example.net"
    ).json()
    for node in nodes["@graph"]:
        if node["@id"].startswith("http") and "dcat-ap.de" not in node["@id"]:
            assert node["@id"].startswith(SITE + "/"), node["@id"]


def test_landing_page_is_the_human_page_and_the_iri_leads_there(small_catalogue, client):
    nodes = _nodes(client)
    dataset = _entry(nodes, "einwohnerbestand-plr-2022-06")
    indicator = _entry(nodes, "indicator:bevoelkerung")
    assert dataset["dcat:landingPage"] == {
        "@id": SITE
        + reverse("monitoring:dataset_detail", kwargs={"code": "einwohnerbestand-plr-2022-06"})
    }
    assert indicator["dcat:landingPage"] == {
        "@id": SITE + reverse("monitoring:indicator_detail", kwargs={"code": "bevoelkerung"})
    }
    for entry in (dataset, indicator):
        assert entry["dcat:landingPage"]["@id"] != entry["@id"]
        response = client.get(entry["@id"].removeprefix(SITE))
        assert response.status_code == 303
        assert response["Location"] == entry["dcat:landingPage"]["@id"].removeprefix(SITE)


def test_indicators_are_dated_by_their_sources(small_catalogue, client):
    indicator = _entry(_nodes(client), "indicator:bevoelkerung")
    today = datetime.date.today().isoformat()
    assert indicator["dct:issued"] == {"@value": today, "@type": "xsd:date"}
    assert indicator["dct:modified"] == {"@value": today, "@type": "xsd:date"}


def test_entries_name_a_contributor_from_the_dcat_ap_de_vocabulary(small_catalogue, client):
    nodes = _nodes(client)
    contributors = "http://dcat-ap.de/def/contributors/"
    assert _entry(nodes, "12411-01-01-4")["dcatde:contributorID"] == {
        "@id": contributors + "genesisDestatis"
    }
    assert _entry(nodes, "einwohnerbestand-plr-2022-06")["dcatde:contributorID"] == {
        "@id": contributors + "berlinOpenData"
    }
    assert {c["@id"] for c in _entry(nodes, "indicator:bevoelkerung")["dcatde:contributorID"]} == {
        contributors + "genesisDestatis",
        contributors + "berlinOpenData",
    }


def test_spatial_coverage_is_a_location_not_the_deprecated_geocoding_uri(small_catalogue, client):
    nodes = _nodes(client)
    by_id = {n["@id"]: n for n in nodes}
    assert not any("dcatde:politicalGeocodingURI" in n for n in nodes)
    erfurt = _entry(nodes, "12411-01-01-4")["dct:spatial"]["@id"]
    assert erfurt == "http://dcat-ap.de/def/politicalGeocoding/regionalKey/160510000000"
    assert by_id[erfurt]["@type"] == "dct:Location"
    vienna = _entry(nodes, "wien-bevoelkerung")["dct:spatial"]["@id"]
    assert vienna == SITE + reverse("api-v1:get_place", kwargs={"key": "gkz:90001"})
    assert by_id[vienna]["@type"] == "dct:Location"
