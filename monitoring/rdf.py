"""A small RDF graph with JSON-LD and Turtle output, enough for a DCAT catalogue.

Pure Python. rdflib is not a dependency: the catalogue is a simple graph of IRIs, blank nodes
and typed literals, and both serialisations are written from the same triples here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class IRI:
    value: str


@dataclass(frozen=True)
class Blank:
    id: str


@dataclass(frozen=True)
class Literal:
    value: str
    datatype: str | None = None  # compact, e.g. "xsd:date"
    lang: str | None = None


class Graph:
    def __init__(self) -> None:
        self.triples: list[tuple[IRI | Blank, str, IRI | Blank | Literal]] = []
        self._seen: set = set()  # an RDF graph is a set: a triple added twice is there once
        self._blank = 0

    def blank(self) -> Blank:
        self._blank += 1
        return Blank(f"b{self._blank}")

    def add(self, subject, predicate: str, obj) -> None:
        if obj is None or obj == "":
            return
        if isinstance(obj, str):
            obj = Literal(obj)
        triple = (subject, predicate, obj)
        if triple not in self._seen:
            self._seen.add(triple)
            self.triples.append(triple)

    def subjects(self) -> dict:
        nodes: dict = {}
        for s, p, o in self.triples:
            nodes.setdefault(s, {}).setdefault(p, []).append(o)
        return nodes

    # --- JSON-LD (flattened, compact IRIs) -------------------------------------------------

    def to_jsonld(self) -> dict:
        graph = []
        for subject, props in self.subjects().items():
            node = {"@id": _node_id(subject)}
            for predicate, objects in props.items():
                key = "@type" if predicate == "rdf:type" else predicate
                values = [o.value if key == "@type" else _jsonld_object(o) for o in objects]
                node[key] = values[0] if len(values) == 1 else values
            graph.append(node)
        return {"@context": dict(PREFIXES), "@graph": graph}

    def jsonld(self) -> str:
        return json.dumps(self.to_jsonld(), ensure_ascii=False, indent=1)

    # --- Turtle ----------------------------------------------------------------------------

    def turtle(self) -> str:
        lines = [f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES.items()]
        lines.append("")
        for subject, props in self.subjects().items():
            parts = []
            for predicate, objects in props.items():
                name = "a" if predicate == "rdf:type" else predicate
                rendered = ", ".join(_turtle_object(o) for o in objects)
                parts.append(f"    {name} {rendered}")
            lines.append(_turtle_subject(subject) + "\n" + " ;\n".join(parts) + " .\n")
        return "\n".join(lines)


def _node_id(node) -> str:
    return f"_:{node.id}" if isinstance(node, Blank) else node.value


def _jsonld_object(obj):
    if isinstance(obj, IRI | Blank):
        return {"@id": _node_id(obj)}
    if obj.datatype:
        return {"@value": obj.value, "@type": obj.datatype}
    if obj.lang:
        return {"@value": obj.value, "@language": obj.lang}
    return obj.value


_COMPACT = re.compile(r"([a-z]+):([A-Za-z][\w-]*)")


def _turtle_iri(value: str) -> str:
    match = _COMPACT.fullmatch(value)
    if match and match[1] in PREFIXES:
        return value
    return "<" + value.replace(">", "%3E").replace(" ", "%20") + ">"


def _turtle_subject(node) -> str:
    return f"_:{node.id}" if isinstance(node, Blank) else _turtle_iri(node.value)


def _turtle_object(obj) -> str:
    if isinstance(obj, Blank):
        return f"_:{obj.id}"
    if isinstance(obj, IRI):
        return _turtle_iri(obj.value)
    text = (
        obj.value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    if obj.datatype:
        return f'"{text}"^^{obj.datatype}'
    if obj.lang:
        return f'"{text}"@{obj.lang}'
    return f'"{text}"'
