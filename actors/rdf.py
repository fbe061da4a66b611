"""Organisations from RDF (Turtle) as municipal open-data projects publish them. Pure: rdflib,
no Django models.

An organisation is a subject typed `org:Organization`, `foaf:Organization`, or a class the
file declares a subclass of one of them (the Leipzig Open Data Project's `ld:Verein`). Names
from `rdfs:label` / `foaf:name` / `skos:prefLabel` (the first in sorted order is the name, the
others alternatives), homepage, e-mail, phone, address, categories, district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

ORG = Namespace("http://www.w3.org/ns/org#")
LD = Namespace("http://leipzig-data.de/Data/Model/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SCHEMA = Namespace("http://schema.org/")
DCT = Namespace("http://purl.org/dc/terms/")
ORGANISATION_CLASSES = (ORG.Organization, FOAF.Organization, SCHEMA.Organization)
NAME_PREDICATES = (RDFS.label, FOAF.name, SKOS.prefLabel, SCHEMA.name)
WEBSITE_PREDICATES = (FOAF.homepage, SCHEMA.url, VCARD.url)
EMAIL_PREDICATES = (FOAF.mbox, VCARD.hasEmail, SCHEMA.email)
PHONE_PREDICATES = (FOAF.phone, VCARD.hasTelephone, SCHEMA.telephone)


class RdfError(ValueError):
    """The file is not readable Turtle."""


@dataclass
class RdfOrganisation:
    external_id: str
    name: str
    alternative_names: list[str] = field(default_factory=list)
    website: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    postcode: str = ""
    locality: str = ""
    categories: list[str] = field(default_factory=list)
    district: str = ""
    description: str = ""

    def as_row(self) -> dict[str, str]:
        """The record as a table row (the column mapping step reads the same fields as a CSV)."""
        return {
            "name": self.name,
            "alternative_names": "; ".join(self.alternative_names),
            "website": self.website,
            "email": self.email,
            "phone": self.phone,
            "street": self.street,
            "postcode": self.postcode,
            "locality": self.locality,
            "topics": "; ".join(self.categories),
            "district": self.district,
            "description": self.description,
            "external_id": self.external_id,
        }


def read_graph(content: bytes | str) -> Graph:
    graph = Graph()
    try:
        graph.parse(data=content, format="turtle")
    except Exception as exc:  # rdflib raises parser-specific errors without a common base
        raise RdfError(str(exc)) from exc
    return graph


def organisation_subjects(graph: Graph) -> list[URIRef]:
    classes = set(ORGANISATION_CLASSES)
    for cls in ORGANISATION_CLASSES:
        classes.update(graph.transitive_subjects(RDFS.subClassOf, cls))
    subjects = {s for cls in classes for s in graph.subjects(RDF.type, cls)}
    return sorted(s for s in subjects if isinstance(s, URIRef))


def organisations_from_graph(graph: Graph) -> list[RdfOrganisation]:
    found = []
    for subject in organisation_subjects(graph):
        # A record without a label is named after its identifier ("KinderVereinigung.Leipzig").
        names = _texts(graph, subject, NAME_PREDICATES) or [_humanise(local_name(str(subject)))]
        record = RdfOrganisation(external_id=str(subject), name=names[0])
        record.alternative_names = names[1:]
        record.website = _first(_texts(graph, subject, (FOAF.homepage, SCHEMA.url, VCARD.url)))
        record.email = _mail(
            _first(_texts(graph, subject, (FOAF.mbox, VCARD.hasEmail, SCHEMA.email)))
        )
        record.phone = _first(
            _texts(graph, subject, (FOAF.phone, VCARD.hasTelephone, SCHEMA.telephone))
        )
        record.categories = _texts(graph, subject, (LD.hasCategories, DCT.subject))
        record.description = _first(_texts(graph, subject, (RDFS.comment, DCT.description)))
        district = graph.value(subject, LD.hasOrtsteil)
        if district is not None:
            record.district = local_name(str(district))
        addresses = sorted(str(a) for a in graph.objects(subject, LD.hasAddress))
        if addresses:
            record.postcode, record.locality, record.street = parse_address_iri(addresses[0])
        found.append(record)
    return found


def organisations_from_turtle(content: bytes | str) -> list[RdfOrganisation]:
    return organisations_from_graph(read_graph(content))


_ADDRESS = re.compile(r"/(\d{5})\.([^./]+)\.([^./]+)(?:\.([^/]+))?$")
_CAMEL = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])")


def parse_address_iri(iri: str) -> tuple[str, str, str]:
    """(postcode, locality, street) from an address IRI of the Leipzig Open Data Project:
    `<…/Data/04103.Leipzig.Gruenewaldstrasse.19>` → ("04103", "Leipzig", "Gruenewaldstrasse 19").
    The IRIs spell umlauts as ae/oe/ue; only "strasse" is turned back into "straße" (the other
    spellings are ambiguous). Anything else: ("", "", "")."""
    match = _ADDRESS.search(unquote(iri))
    if not match:
        return "", "", ""
    postcode, locality, street, number = match.groups()
    street = _CAMEL.sub(" ", street)
    street = re.sub(r"strasse\b", "straße", street)
    street = re.sub(r"\bStrasse\b", "Straße", street)
    locality = _CAMEL.sub(" ", locality)
    return postcode, locality, " ".join(p for p in (street, number) if p)


def local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


def _texts(graph: Graph, subject, predicates) -> list[str]:
    values: list[str] = []
    for predicate in predicates:
        for value in sorted(graph.objects(subject, predicate), key=str):
            text = " ".join(str(value).split())
            if isinstance(value, (Literal, URIRef)) and text and text not in values:
                values.append(text)
    return values


def _humanise(name: str) -> str:
    return _CAMEL.sub(" ", name.replace(".", " ").replace("_", " ")).strip()


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _mail(value: str) -> str:
    return value.removeprefix("mailto:").strip()
