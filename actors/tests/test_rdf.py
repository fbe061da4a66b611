"""Organisations read from RDF (Turtle) as municipal open-data projects publish them."""

import pytest

from actors.opendata import clean_url
from actors.rdf import RdfError, organisations_from_turtle, parse_address_iri

TURTLE = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix ld: <http://leipzig-data.de/Data/Model/> .
@prefix ldot: <http://leipzig-data.de/Data/Ortsteil/> .

ld:Verein a <http://www.w3.org/2002/07/owl#Class> ; rdfs:subClassOf org:Organization .

<http://example.org/Verein/ADFC> a ld:Verein ;
    rdfs:label "ADFC Leipzig", "Allgemeiner Deutscher Fahrrad-Club (ADFC)" ;
    ld:hasAddress <http://leipzig-data.de/Data/04103.Leipzig.Gruenewaldstrasse.19> ;
    ld:hasCategories "Umwelt und Stadtgrün" ;
    ld:hasOrtsteil ldot:Zentrum-Ost ;
    foaf:homepage <http://www.adfc-leipzig.de> ;
    foaf:mbox "mailto:info@adfc-leipzig.de" ;
    foaf:phone "0341-22540313" .

<http://example.org/Foaf> a foaf:Organization ; foaf:name "Foaf-Verein" .
<http://example.org/Thing> a foaf:Person ; foaf:name "Nobody" .
"""


def _adfc():
    return next(o for o in organisations_from_turtle(TURTLE) if o.external_id.endswith("ADFC"))


def test_it_finds_organisations_by_class_and_by_declared_subclass():
    found = {o.external_id: o for o in organisations_from_turtle(TURTLE)}
    assert set(found) == {"http://example.org/Verein/ADFC", "http://example.org/Foaf"}


def test_the_first_label_is_the_name_and_the_others_are_alternatives():
    adfc = _adfc()
    assert adfc.name == "ADFC Leipzig"
    assert adfc.alternative_names == ["Allgemeiner Deutscher Fahrrad-Club (ADFC)"]


def test_it_reads_contact_address_categories_and_district():
    adfc = _adfc()
    assert adfc.website == "http://www.adfc-leipzig.de"
    assert adfc.email == "info@adfc-leipzig.de"
    assert adfc.phone == "0341-22540313"
    assert (adfc.postcode, adfc.locality, adfc.street) == (
        "04103",
        "Leipzig",
        "Gruenewaldstraße 19",
    )
    assert adfc.categories == ["Umwelt und Stadtgrün"]
    assert adfc.district == "Zentrum-Ost"


def test_an_address_iri_splits_into_postcode_locality_and_street():
    iri = "http://leipzig-data.de/Data/04205.Leipzig.NeueLeipzigerStrasse.39"
    assert parse_address_iri(iri) == ("04205", "Leipzig", "Neue Leipziger Straße 39")
    assert parse_address_iri("http://example.org/somewhere") == ("", "", "")


def test_a_file_that_is_not_turtle_is_refused():
    with pytest.raises(RdfError):
        organisations_from_turtle("this is ; not turtle <")


def test_a_website_left_as_a_local_file_path_becomes_a_web_address():
    assert clean_url("file:///home/x/RDFData/www.VDE-Leipzig-Halle.de") == (
        "http://www.VDE-Leipzig-Halle.de"
    )
    assert clean_url("www.enedas.de") == "http://www.enedas.de"
    assert clean_url("not a url") == ""
