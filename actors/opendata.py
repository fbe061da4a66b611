"""Open data into the directory: the associations and STEM learning places of Leipzig (Leipzig
Open Data Project, RDF) and Bochum's schools, further-education providers and day-care centres
(Stadt Bochum, CSV). Every entry keeps its source, licence and identifier there, so loading the
same files again changes nothing (actors.bulk). The data files live outside the repository
(settings.OPEN_DATA_DIR, by default ../shared/data); a missing file is skipped with a note.

Real public data is not invented demo content: entries are not marked `is_demo`. They are
public (published by their cities under CC0) but not `verified` (no coordinator checked them).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.html import escape
from django.utils.text import slugify
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from bildungsnetz.upsert import upsert
from places.models import Territory
from places.services import territories_load_reference
from places.utm import utm_to_latlon
from search.indexing import suspended

from .bulk import OrganisationRecord, SyncReport, organisations_sync
from .models import Organisation, OrganisationKind, Topic
from .rdf import LD, local_name, organisations_from_graph, read_graph
from .services import taxonomies_load

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
CC0 = "CC0 1.0"
LEIPZIG = "ags:14713000"
BOCHUM = "ags:05911000"


@dataclass(frozen=True)
class Dataset:
    key: str
    path: str  # below OPEN_DATA_DIR
    source: str
    licence: str = CC0


LEIPZIG_ASSOCIATIONS = Dataset(
    "leipzig-vereine",
    "leipzig/Vereine.ttl",
    "The Leipzig Open Data Project: Vereine in der Stadt Leipzig (Vereine.ttl), "
    "https://github.com/LeipzigData/RDFData",
)
LEIPZIG_MINT = Dataset(
    "leipzig-mint",
    "leipzig/MINTBroschuere2014.ttl",
    "The Leipzig Open Data Project: MINT-Broschüre 2014 des Projekts „Lernen vor Ort“ der "
    "Stadt Leipzig (MINTBroschuere2014.ttl), https://github.com/LeipzigData/RDFData",
)
BOCHUM_SCHOOLS = Dataset(
    "bochum-bildung",
    "bochum/bochum_schools.csv",
    "Stadt Bochum, Open Data: Bildungseinrichtungen (data/EDUC/bochum_schools.csv, abgerufen "
    "2023-10-17), https://github.com/StadtBochum/OpenData",
)
BOCHUM_DAYCARE = Dataset(
    "bochum-kitas",
    "bochum/bochum_daycare_centers.csv",
    "Stadt Bochum, Open Data: Kindertagesstätten (data/EDUC/bochum_daycare_centers.csv, "
    "abgerufen 2023-10-17), https://github.com/StadtBochum/OpenData",
)

# Leipzig's association categories → topics: an existing topic's slug, or (German, English)
# for a topic created for the category.
CATEGORY_TOPICS: dict[str, str | tuple[str, str]] = {
    "Arbeitslose": ("Arbeitslose", "Unemployed people"),
    "Behindertenvereine": "inklusion",
    "Behinderungen": "inklusion",
    "Bildende Kunst": ("Bildende Kunst", "Visual arts"),
    "Bildung und Freizeit": ("Bildung und Freizeit", "Education and leisure"),
    "Bürgervereine": "zivilgesellschaft",
    "Frauenvereine": ("Frauen", "Women"),
    "Interkulturelle Vereine": "integration-migration",
    "Jugend und Familie": ("Kinder, Jugend und Familie", "Children, youth and family"),
    "Jugendsozialarbeit": ("Jugendsozialarbeit", "Youth social work"),
    "Karneval": ("Karneval", "Carnival"),
    "Kinder": ("Kinder, Jugend und Familie", "Children, youth and family"),
    "Kinder, Jugend und Familie": ("Kinder, Jugend und Familie", "Children, youth and family"),
    "Kinder- und Jugendkultur": ("Kinder- und Jugendkultur", "Culture for children and youth"),
    "Kinder- und Jugendschutz": ("Kinder- und Jugendschutz", "Child and youth protection"),
    "Kleingärtnervereine": ("Kleingärten", "Allotment gardens"),
    "Komplementäre Versorgung": ("Komplementäre Versorgung", "Complementary care"),
    "Kulturvereine": ("Kultur", "Culture"),
    "Literatur": ("Literatur", "Literature"),
    "Medien": ("Medien", "Media"),
    "Museum": ("Museen", "Museums"),
    "Musik": ("Musik", "Music"),
    "Neurologische Krankheiten": ("Neurologische Krankheiten", "Neurological diseases"),
    "Organische Krankheiten": ("Organische Krankheiten", "Physical diseases"),
    "Prävention": ("Prävention", "Prevention"),
    "Psychische Krankheiten": ("Psychische Krankheiten", "Mental illness"),
    "Psychosoziale und soziale Probleme": (
        "Psychosoziale und soziale Probleme",
        "Psychosocial and social problems",
    ),
    "Selbsthilfe": ("Selbsthilfe", "Self-help"),
    "Selbsthilfegruppen": ("Selbsthilfe", "Self-help"),
    "Seniorenvereine": ("Seniorinnen und Senioren", "Older people"),
    "Sozialpsychiatrische Hilfen": ("Sozialpsychiatrische Hilfen", "Social-psychiatric support"),
    "Sozialpsychiatrischer Dienst": ("Sozialpsychiatrische Hilfen", "Social-psychiatric support"),
    "Sozio- und Stadtteilkultur": ("Sozio- und Stadtteilkultur", "Neighbourhood culture"),
    "Stadtgeschichte und Heimatpflege": (
        "Stadtgeschichte und Heimatpflege",
        "Local history and heritage",
    ),
    "Stationäre Hilfen": ("Stationäre Hilfen", "Residential care"),
    "Sucht/Abhängigkeit": ("Suchthilfe", "Addiction support"),
    "Suchtberatungs- und Behandlungsstellen": ("Suchthilfe", "Addiction support"),
    "Suchthilfe": ("Suchthilfe", "Addiction support"),
    "Tanz und Theater": ("Tanz und Theater", "Dance and theatre"),
    "Umwelt und Stadtgrün": ("Umwelt und Stadtgrün", "Environment and urban green"),
    "Wohnen": ("Wohnen", "Housing"),
    "Wohnprojekte": ("Wohnen", "Housing"),
}

# Bochum's categories (the last part of `kateg_pfad`) → organisation kind and topic slug.
BOCHUM_KINDS = {
    "Weiterbildungseinrichtungen": OrganisationKind.ADULT_EDUCATION,
    "Volkshochschulen": OrganisationKind.ADULT_EDUCATION,
    "Private Lehrinstitute": OrganisationKind.ADULT_EDUCATION,
    "Hochschulen": OrganisationKind.UNIVERSITY,
    "Wissenschaft und Forschung": OrganisationKind.UNIVERSITY,
    "Staatliche Universitäten": OrganisationKind.UNIVERSITY,
    "Staatliche Fachhochschulen": OrganisationKind.UNIVERSITY,
    "Private Fachhochschulen": OrganisationKind.UNIVERSITY,
    "Fernuniversität": OrganisationKind.UNIVERSITY,
    "Studentenwerke": OrganisationKind.OTHER,
}
BOCHUM_TOPICS = {
    OrganisationKind.ADULT_EDUCATION: "weiterbildung",
    OrganisationKind.SCHOOL: "formale-bildung",
    OrganisationKind.DAYCARE: "fruehkindliche-bildung",
}


def data_dir() -> Path:
    return Path(getattr(settings, "OPEN_DATA_DIR", "") or DEFAULT_DIR)


def available(dataset: Dataset) -> bool:
    return (data_dir() / dataset.path).is_file()


def read_bytes(dataset: Dataset) -> bytes:
    return (data_dir() / dataset.path).read_bytes()


# --- Leipzig: associations ------------------------------------------------------------------


def category_topics(categories) -> list[str]:
    """Topic slugs for Leipzig categories, creating the topics not yet there (idempotent)."""
    slugs = []
    for category in categories:
        target = CATEGORY_TOPICS.get(category, (category, category))
        if isinstance(target, str):
            slug = target
        else:
            slug = slugify(target[0].replace("ß", "ss"))
            upsert(Topic, {"slug": slug}, {"name_de": target[0], "name_en": target[1]})
        if slug not in slugs:
            slugs.append(slug)
    return slugs


def leipzig_districts() -> dict[str, Territory]:
    """The Ortsteile of Leipzig in places' reference data by the name in the data's IRIs
    (`ldot:Gruenau-Nord` → local key DE:leipzig-gruenau-nord)."""
    return {
        t.code.removeprefix("DE:leipzig-"): t
        for t in Territory.objects.filter(scheme="local", code__startswith="DE:leipzig-")
    }


def leipzig_associations_records() -> list[OrganisationRecord]:
    leipzig = Territory.objects.get_by_key(LEIPZIG)
    districts = leipzig_districts()
    items = organisations_from_graph(read_graph(read_bytes(LEIPZIG_ASSOCIATIONS)))
    topic_of = {c: category_topics([c]) for c in sorted({c for i in items for c in i.categories})}
    records = []
    for item in items:
        district = districts.get(item.district.lower())
        paragraphs = [item.description]
        if item.alternative_names:
            paragraphs.append("Auch: " + "; ".join(item.alternative_names))
        if item.categories:
            paragraphs.append("Kategorien: " + ", ".join(item.categories))
        values = {
            "name_de": item.name[:255],
            "name_en": item.name[:255],
            "kind": OrganisationKind.NGO,
            "seat_id": (district or leipzig).pk,
            "street": item.street[:200],
            "postcode": item.postcode[:10],
            "locality": item.locality or "Leipzig",
            "website": clean_url(item.website),
            "email": clean_email(item.email),
            "phone": item.phone[:40],
            "description_de": html_paragraphs(paragraphs),
            "description_en": "",
            **OPEN_DATA_FLAGS,
        }
        topics = [slug for c in item.categories for slug in topic_of[c]]
        records.append(OrganisationRecord(item.external_id, values, list(dict.fromkeys(topics))))
    return records


# --- Leipzig: STEM learning places (MINT-Broschüre 2014) ------------------------------------

MINT = "http://leipzig-data.de/Data/MINT-2014/"
_VENUE = re.compile(r"^(?P<street>.+?)(?:,|\s+in)\s+(?P<postcode>\d{5})\s+(?P<locality>.+)$")


def parse_venue(text: str) -> tuple[str, str, str]:
    """(street, postcode, locality) of "Engelsdorfer Straße 377 in 04319 Leipzig"; a venue that
    is only a name ("Auwaldstation") gives ("", "", "")."""
    match = _VENUE.match(" ".join(text.split()))
    if not match:
        return "", "", ""
    return match["street"][:200], match["postcode"], match["locality"][:100]


# The brochure's tags → topics; every learning place is about STEM ("MINT").
MINT_TOPIC = ("mint", "MINT (Mathematik, Informatik, Naturwissenschaft, Technik)", "STEM")
MINT_TAG_TOPICS = {"Umweltbildung": "bne", "Berufsorientierung": "berufsorientierung",
                   "GTA": "ganztag"}  # fmt: skip


def ensure_mint_topic() -> None:
    slug, name_de, name_en = MINT_TOPIC
    upsert(Topic, {"slug": slug}, {"name_de": name_de, "name_en": name_en})


def mint_topics(tags) -> list[str]:
    """Topic slugs of a place's or offer's tags (after `ensure_mint_topic`)."""
    return [MINT_TOPIC[0], *sorted({MINT_TAG_TOPICS[t] for t in tags if t in MINT_TAG_TOPICS})]


def mint_kind(name: str) -> str:
    lowered = name.lower()
    for words, kind in [
        (("universität", "hochschule", "akademie", "institut", "forschung"), "university"),
        (("bibliothek",), "library"),
        (("schule", "gymnasium"), "school"),
        (("gmbh", " ag", "werke"), "company"),
        (("e. v", "e.v", "verein", "verband", "club"), "ngo"),
    ]:
        if any(word in lowered for word in words):
            return kind
    return OrganisationKind.OTHER


def host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    return host.removeprefix("www.")


def mint_graph():
    path = data_dir() / LEIPZIG_MINT.path
    return _graph(str(path), path.stat().st_mtime)


@lru_cache(maxsize=4)
def _graph(path: str, _mtime: float):
    """Parsed once per process and file version: the places and the offers read the same."""
    return read_graph(Path(path).read_bytes())


def leipzig_mint_records(graph, *, known_hosts: dict[str, Organisation]):
    """(records of the learning places not yet in the directory, {place IRI: organisation
    already in the directory under the same website})."""
    mint = _Mint(graph)
    ensure_mint_topic()
    leipzig = Territory.objects.get_by_key(LEIPZIG)
    venues: dict[str, tuple[str, str, str]] = {}
    for offer in mint.subjects("Angebot"):
        place = str(graph.value(offer, LD.relatedBundle)).casefold()
        venue = parse_venue(str(graph.value(offer, LD.Veranstaltungsort) or ""))
        if venue[0] and place not in venues:
            venues[place] = venue
    records, same = [], {}
    for place in mint.subjects("Ortsbeschreibung"):
        iri = str(place)
        name = mint.text(place, "label") or local_name(iri)
        websites = mint.texts(place, "Internet")
        website = clean_url(websites[0] if websites else "")
        existing = known_hosts.get(host(website)) if website else None
        if existing is not None:
            same[iri] = existing
            continue
        street, postcode, locality = venues.get(iri.casefold(), ("", "", "Leipzig"))
        paragraphs = [
            mint.text(place, "Kurzinformation"),
            labelled("Angebote", mint.text(place, "Leistungsangebot")),
            labelled("Besonderheiten", mint.text(place, "Besonderheiten")),
            labelled("Öffnungszeiten", mint.text(place, "Oeffnungszeiten")),
            labelled("Anbindung", mint.text(place, "OePNV-Anbindung")),
            "Außerschulischer MINT-Lernort der MINT-Broschüre 2014 (Lernen vor Ort, Leipzig).",
        ]
        values = {
            "name_de": name[:255],
            "name_en": name[:255],
            "kind": mint_kind(name),
            "seat_id": leipzig.pk,
            "street": street,
            "postcode": postcode,
            "locality": locality,
            "website": website,
            "email": clean_email(mint.text(place, "Mail")),
            "phone": _known(mint.text(place, "Telefon"))[:40],
            "description_de": html_paragraphs(paragraphs),
            "description_en": "",
            **OPEN_DATA_FLAGS,
        }
        tags = {local_name(str(t)) for t in graph.objects(place, URIRef(MINT + "hasTag"))}
        records.append(OrganisationRecord(iri, values, mint_topics(tags)))
    return records, same


class _Mint:
    def __init__(self, graph):
        self.graph = graph

    def subjects(self, cls: str):
        return sorted(self.graph.subjects(RDF.type, URIRef(MINT + cls)))

    def texts(self, subject, name: str) -> list[str]:
        predicate = RDFS.label if name == "label" else URIRef(MINT + name)
        return sorted(" ".join(str(v).split()) for v in self.graph.objects(subject, predicate))

    def text(self, subject, name: str) -> str:
        values = self.texts(subject, name)
        return _known(values[0]) if values else ""


# --- Bochum -----------------------------------------------------------------------------------


def bochum_records(dataset: Dataset, *, daycare: bool) -> list[OrganisationRecord]:
    bochum = Territory.objects.get_by_key(BOCHUM)
    text = read_bytes(dataset).decode("utf-8-sig")
    rows: dict[str, list[dict]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        rows.setdefault(row["poi_id"], []).append(row)
    ids = sorted(rows, key=int)
    primary = [next((r for r in rows[i] if r["erstkateg"] == "1"), rows[i][0]) for i in ids]
    lat, lon = utm_to_latlon(
        [float(r["rechts_utm"] or "nan") for r in primary],
        [float(r["hoch_utm"] or "nan") for r in primary],
        zone=32,
    )
    records = []
    for n, row in enumerate(primary):
        categories = list(dict.fromkeys(r["kategorie"] for r in rows[ids[n]]))
        if daycare:
            kind = OrganisationKind.DAYCARE
        else:
            kind = BOCHUM_KINDS.get(row["kategorie"], OrganisationKind.SCHOOL)
        postcode, _sep, locality = row["plz_ort"].partition(" ")
        paragraphs = [row["beschreib"], "Kategorie: " + ", ".join(categories)]
        values = {
            "name_de": row["name"][:255],
            "name_en": row["name"][:255],
            "kind": kind,
            "seat_id": bochum.pk,
            "street": row["str_hausnr"][:200],
            "postcode": postcode[:10],
            "locality": locality or "Bochum",
            "latitude": _round(lat[n]),
            "longitude": _round(lon[n]),
            "website": clean_url(row["link"]),
            "email": "",
            "phone": "",
            "description_de": html_paragraphs(paragraphs),
            "description_en": "",
            **OPEN_DATA_FLAGS,
        }
        topic = BOCHUM_TOPICS.get(kind)
        records.append(OrganisationRecord(row["poi_id"], values, [topic] if topic else []))
    return records


# --- shared -----------------------------------------------------------------------------------

OPEN_DATA_FLAGS = {"is_public": True, "verified": False, "is_demo": False}
_url_ok = URLValidator(schemes=["http", "https"])
_email_ok = EmailValidator()


def clean_url(value: str) -> str:
    """A website as the directory stores it: with a scheme, or "" if it is no web address
    (the Leipzig data has a few `file:///…/www.example.de` left from its making)."""
    value = (value or "").strip()
    if value.startswith("file://"):
        value = value.rstrip("/").rsplit("/", 1)[-1]
    if value and "://" not in value:
        value = "http://" + value
    if len(value) > 200:
        return ""
    try:
        _url_ok(value)
    except ValidationError:
        return ""
    return value


def clean_email(value: str) -> str:
    value = (value or "").strip().removeprefix("mailto:")
    try:
        _email_ok(value)
    except ValidationError:
        return ""
    return value[:254]


def html_paragraphs(paragraphs) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)


def labelled(label: str, text: str) -> str:
    return f"{label}: {text}" if text else ""


def _known(value: str) -> str:
    return "" if value.strip().lower() in ("keine angabe", "-", "") else value.strip()


def _round(value) -> float | None:
    value = float(value)
    return None if value != value else round(value, 6)


# --- loading ----------------------------------------------------------------------------------


def load_leipzig(stdout=None) -> dict[str, SyncReport]:
    reports = {}
    if available(LEIPZIG_ASSOCIATIONS):
        reports["leipzig-vereine"] = organisations_sync(
            leipzig_associations_records(),
            source=LEIPZIG_ASSOCIATIONS.source,
            licence=LEIPZIG_ASSOCIATIONS.licence,
        )
    if available(LEIPZIG_MINT):
        reports["leipzig-mint"] = load_mint_places(mint_graph())
    _report(reports, stdout)
    return reports


def load_mint_places(graph) -> SyncReport:
    """The learning places; where a place is already in the directory (same website, e.g. an
    association of Leipzig), that entry stands for it. The report maps every place IRI to its
    organisation."""
    known = {
        host(o.website): o
        for o in Organisation.objects.filter(source=LEIPZIG_ASSOCIATIONS.source).exclude(website="")
    }
    records, same = leipzig_mint_records(graph, known_hosts=known)
    report = organisations_sync(records, source=LEIPZIG_MINT.source, licence=LEIPZIG_MINT.licence)
    report.by_external_id.update(same)
    return report


def load_bochum(stdout=None) -> dict[str, SyncReport]:
    reports = {}
    for dataset, daycare in [(BOCHUM_SCHOOLS, False), (BOCHUM_DAYCARE, True)]:
        if available(dataset):
            reports[dataset.key] = organisations_sync(
                bochum_records(dataset, daycare=daycare),
                source=dataset.source,
                licence=dataset.licence,
            )
    _report(reports, stdout)
    return reports


def load(stdout=None, *, cities=("leipzig", "bochum")) -> dict[str, SyncReport]:
    """Every open dataset of the given cities into the directory (idempotent)."""
    territories_load_reference()
    taxonomies_load()
    reports = {}
    # New topics are saved one by one; their signals would re-index organisations that
    # organisations_sync indexes in bulk anyway.
    with suspended():
        _load_cities(reports, cities, stdout)
    return reports


def _load_cities(reports, cities, stdout) -> None:
    if "leipzig" in cities:
        reports.update(load_leipzig(stdout))
    if "bochum" in cities:
        reports.update(load_bochum(stdout))


def _report(reports, stdout) -> None:
    if stdout:
        for key, report in reports.items():
            stdout.write(f"  {key}: {report}")
