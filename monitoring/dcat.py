"""The DCAT-AP.de 3.0 catalogue of the open data: every public dataset and every public
indicator with values, as one graph (served as JSON-LD and Turtle, see `rdf.py`).

Choices the shapes leave open, made here once:

- IRIs are built from `settings.SITE_URL` only, never from the request's host, and under
  German URLs, so the same catalogue comes out whoever asks. Datasets and indicators are
  identified by `/opendata/id/…` IRIs that answer with a redirect (303) to their human page,
  which is the `dcat:landingPage`.
- Every distribution carries the licence of the data it holds: a dataset's files its
  `licence_iri`; an indicator's files the licences of the datasets its values were computed
  from (`IndicatorValue.dataset`). Where those differ, the indicator has one pair of files per
  licence, each holding only the values under that licence, so no file claims a licence that
  does not cover all of it. Values without a dataset are the platform's own computation and
  come under the default licence.
- `dct:spatial` names `dct:Location`s: the DCAT-AP.de political geocoding IRI for German
  territories (it replaces the deprecated `dcatde:politicalGeocodingURI`), the platform's own
  territory IRI elsewhere (Vienna).
- `dcatde:contributorID` names the German open-data portal a source's data came from, where
  the DCAT-AP.de contributor vocabulary has one, and the platform's own ID once GovData has
  given it one (`settings.OPENDATA_CONTRIBUTOR_ID`).
- Indicators without any value are left out: their files would hold a header only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import translation

from places.models import Level, Territory

from .licences import DEFAULT as DEFAULT_LICENCE
from .licences import licence_lookup
from .models import Dataset, DatasetRegion, Indicator, IndicatorValue, Observation
from .rdf import IRI, Graph, Literal

PUBLISHER_NAME = "Bildungsnetz – Plattform für kommunale Bildungskooperation"
GEO = "http://dcat-ap.de/def/politicalGeocoding/"
LICENCES = "http://dcat-ap.de/def/licenses/"
CONTRIBUTORS = "http://dcat-ap.de/def/contributors/"
THEME_EDUCATION = "http://publications.europa.eu/resource/authority/data-theme/EDUC"
THEME_SOCIETY = "http://publications.europa.eu/resource/authority/data-theme/SOCI"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
LANG_DE = "http://publications.europa.eu/resource/authority/language/DEU"
FORMATS = {"csv": "text/csv", "json": "application/json"}

# Fragments of a dataset's source or publisher, lower case, and the portal of the DCAT-AP.de
# contributor vocabulary (support/dcat-ap-de-contributors.rdf) that publishes its data.
SOURCE_CONTRIBUTORS = (
    ("regionaldatenbank", "regionalstatistik"),
    ("regionalstatistik", "regionalstatistik"),
    ("genesis", "genesisDestatis"),
    ("destatis", "genesisDestatis"),
    ("statistisches bundesamt", "genesisDestatis"),
    ("berlin", "berlinOpenData"),
)


def ars(territory: Territory) -> tuple[str | None, str] | None:
    """(geocoding IRI, level IRI) for a German territory, after the DCAT-AP.de vocabularies."""
    if territory.scheme == "iso" and territory.code == "DE":
        return None, GEO + "Level/federal"
    if territory.scheme != "ags":
        return None
    code = territory.code
    if len(code) == 2:
        return GEO + f"stateKey/{code}", GEO + "Level/state"
    if len(code) == 3:
        return GEO + f"governmentDistrictKey/{code}", GEO + "Level/administrativeDistrict"
    if len(code) == 5:
        return GEO + f"districtKey/{code}", GEO + "Level/administrativeDistrict"
    regional = territory.ars or (code[:5] + "0000" + code[5:])
    return GEO + f"regionalKey/{regional}", GEO + "Level/municipality"


def licence_iri(dataset: Dataset | None) -> str:
    """The DCAT-AP.de licence IRI of a dataset's data (the default for the platform's own)."""
    if dataset is None:
        return DEFAULT_LICENCE.dcat
    if dataset.licence_iri:
        return dataset.licence_iri
    known = licence_lookup(dataset.licence_url) or licence_lookup(dataset.licence)
    return (known or DEFAULT_LICENCE).dcat


def licence_slug(iri: str) -> str:
    """A file-name part for a licence IRI: ".../licenses/cc-by-de/3.0" -> "cc-by-de-3.0"."""
    tail = iri.removeprefix(LICENCES).rstrip("/")
    return re.sub(r"[^\w.]+", "-", tail).strip("-") or "lizenz"


def licence_name(iri: str, datasets: list[Dataset | None]) -> str:
    named = next((d.licence for d in datasets if d is not None and d.licence), "")
    return named or getattr(licence_lookup(iri), "name", iri)


def contributor_ids(datasets: list[Dataset]) -> list[str]:
    found = set()
    own = getattr(settings, "OPENDATA_CONTRIBUTOR_ID", "")
    if own:
        found.add(own)
    for dataset in datasets:
        text = f"{dataset.source} {dataset.publisher}".lower()
        for fragment, contributor in SOURCE_CONTRIBUTORS:
            if fragment in text:
                found.add(CONTRIBUTORS + contributor)
                break
    return sorted(found)


# --- reads ---------------------------------------------------------------------------------


@dataclass
class IndicatorEntry:
    indicator: Indicator
    start: object
    end: object
    # licence IRI -> the datasets (None: the platform's own values) its values come from
    licences: dict[str, list[Dataset | None]] = field(default_factory=dict)
    territories: list[Territory] = field(default_factory=list)

    def datasets(self) -> list[Dataset]:
        return [d for group in self.licences.values() for d in group if d is not None]


def indicator_entries() -> list[IndicatorEntry]:
    """Public indicators that have values, with their span, licences and territories."""
    stats = {
        row["indicator_id"]: row
        for row in IndicatorValue.objects.filter(indicator__is_public=True)
        .values("indicator_id")
        .annotate(start=Min("period_date"), end=Max("period_date"), n=Count("id"))
        if row["n"]
    }
    sources: dict[int, set[int | None]] = defaultdict(set)
    pairs = IndicatorValue.objects.filter(indicator_id__in=stats).values_list(
        "indicator_id", "dataset_id"
    )
    for indicator_id, dataset_id in pairs.distinct():
        sources[indicator_id].add(dataset_id)
    datasets = Dataset.objects.in_bulk({d for ids in sources.values() for d in ids if d})
    places: dict[int, set[int]] = defaultdict(set)
    located = (
        IndicatorValue.objects.filter(indicator_id__in=stats)
        .exclude(territory__level__in=[Level.PLANNING_AREA, Level.DISTRICT_REGION])
        .values_list("indicator_id", "territory_id")
        .distinct()
    )
    for indicator_id, territory_id in located:
        places[indicator_id].add(territory_id)
    territories = Territory.objects.in_bulk({t for ids in places.values() for t in ids})

    entries = []
    for indicator in Indicator.objects.public().filter(pk__in=stats).order_by("code"):
        row = stats[indicator.pk]
        entry = IndicatorEntry(indicator, row["start"], row["end"])
        for dataset_id in sorted(sources[indicator.pk], key=lambda i: (i is None, i)):
            dataset = datasets.get(dataset_id) if dataset_id else None
            entry.licences.setdefault(licence_iri(dataset), []).append(dataset)
        entry.territories = [territories[t] for t in sorted(places[indicator.pk])]
        entries.append(entry)
    return entries


def indicator_licence_datasets(indicator: Indicator, slug: str) -> set[str] | None:
    """Codes of the datasets whose values make up an indicator's file for one licence ("" for
    the platform's own values); None when the indicator has no values under that licence."""
    ids = set(
        IndicatorValue.objects.filter(indicator=indicator)
        .values_list("dataset_id", flat=True)
        .distinct()
    )
    datasets = Dataset.objects.in_bulk(ids - {None})
    codes = {
        dataset.code if dataset else ""
        for dataset in [datasets.get(i) for i in ids]
        if licence_slug(licence_iri(dataset)) == slug
    }
    return codes or None


# --- the graph -----------------------------------------------------------------------------


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _date(value) -> Literal | None:
    if value is None:
        return None
    return Literal(value.isoformat(), "xsd:date")


def _temporal(graph: Graph, node: IRI, start, end) -> None:
    if start is None:
        return
    period = graph.blank()
    graph.add(node, "dct:temporal", period)
    graph.add(period, "rdf:type", IRI("dct:PeriodOfTime"))
    graph.add(period, "dcat:startDate", _date(start))
    graph.add(period, "dcat:endDate", _date(end))


def _coverage(territories: list[Territory]) -> list[Territory]:
    """What an entry covers, for geocoding: up to three territories, or their lowest common
    ancestor."""
    if len(territories) <= 3:
        return territories
    paths = [t.path.strip("/").split("/") for t in territories if t.path]
    common = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(int(parts[0]))
    if not common:
        return []
    return [Territory.objects.get(pk=common[-1])]


def _spatial(graph: Graph, node: IRI, territories: list[Territory]) -> None:
    levels = set()
    for territory in _coverage(territories):
        found = ars(territory)
        geocode, level = found if found else (None, None)
        location = IRI(geocode or settings.SITE_URL + f"/api/v1/places/{territory.key}")
        graph.add(node, "dct:spatial", location)
        graph.add(location, "rdf:type", IRI("dct:Location"))
        graph.add(location, "skos:prefLabel", Literal(territory.name, lang="de"))
        if level:
            levels.add(level)
    for level in sorted(levels):
        graph.add(node, "dcatde:politicalGeocodingLevelURI", IRI(level))


def _distribution(graph: Graph, parent: IRI, url: str, title: str, licence: str, by: str):
    fmt = url.rsplit(".", 1)[1]
    node = IRI(url)
    graph.add(parent, "dcat:distribution", node)
    graph.add(node, "rdf:type", IRI("dcat:Distribution"))
    graph.add(node, "dct:title", Literal(title, lang="de"))
    graph.add(node, "dcat:accessURL", IRI(url))
    graph.add(node, "dcat:downloadURL", IRI(url))
    graph.add(node, "dct:format", IRI(FILE_TYPE + fmt.upper()))
    graph.add(node, "dcat:mediaType", IRI(MEDIA_TYPE + FORMATS[fmt]))
    graph.add(node, "dct:license", IRI(licence))
    graph.add(node, "dcatde:licenseAttributionByText", Literal(by, lang="de"))


def _entry(graph: Graph, catalogue: IRI, publisher: IRI, node: IRI, page: str, **facts) -> None:
    graph.add(catalogue, "dcat:dataset", node)
    graph.add(node, "rdf:type", IRI("dcat:Dataset"))
    graph.add(node, "dct:identifier", Literal(facts["identifier"]))
    graph.add(node, "dct:title", Literal(facts["title"], lang="de"))
    graph.add(node, "dct:description", Literal(facts["description"], lang="de"))
    graph.add(node, "dct:publisher", publisher)
    graph.add(node, "dcat:theme", IRI(facts["theme"]))
    graph.add(node, "dcat:landingPage", IRI(page))
    graph.add(node, "dct:issued", _date(facts["issued"]))
    graph.add(node, "dct:modified", _date(facts["modified"]))
    for contributor in contributor_ids(facts["datasets"]):
        graph.add(node, "dcatde:contributorID", IRI(contributor))


def _source_text(dataset: Dataset) -> str:
    return dataset.source or dataset.publisher or dataset.code


def catalogue_graph() -> Graph:
    """The DCAT-AP.de catalogue of every public dataset and every public indicator with
    values."""
    with translation.override(settings.LANGUAGE_CODE):
        return _catalogue_graph()


def _catalogue_graph() -> Graph:
    graph = Graph()
    catalogue = IRI(_url("monitoring_opendata:catalogue_iri"))
    publisher = IRI(settings.SITE_URL + "/#publisher")
    graph.add(catalogue, "rdf:type", IRI("dcat:Catalog"))
    graph.add(catalogue, "dct:title", Literal("Bildungsnetz – Bildungsmonitoring", lang="de"))
    graph.add(catalogue, "dct:description", Literal(
        "Amtliche Statistiken, Indikatoren und Vergleiche des kommunalen Bildungsmonitorings.",
        lang="de"))  # fmt: skip
    graph.add(catalogue, "dct:publisher", publisher)
    graph.add(catalogue, "dct:language", IRI(LANG_DE))
    graph.add(catalogue, "foaf:homepage", IRI(_url("monitoring_opendata:index")))
    graph.add(publisher, "rdf:type", IRI("foaf:Agent"))
    graph.add(publisher, "foaf:name", Literal(PUBLISHER_NAME, lang="de"))

    spans = {
        row["dataset_id"]: (row["start"], row["end"])
        for row in Observation.objects.values("dataset_id").annotate(
            start=Min("period_date"), end=Max("period_date")
        )
    }
    regions: dict[int, list[Territory]] = defaultdict(list)
    for region in DatasetRegion.objects.select_related("territory").order_by("territory_id"):
        regions[region.dataset_id].append(region.territory)

    modified = []
    for dataset in Dataset.objects.public().order_by("code"):
        node = IRI(_url("monitoring_opendata:dataset_iri", dataset.code))
        source = _source_text(dataset)
        _entry(
            graph, catalogue, publisher, node, _url("monitoring:dataset_detail", dataset.code),
            identifier=dataset.code, title=dataset.title,
            description=f"{dataset.title}. Quelle: {source}, Tabelle {dataset.code}.",
            theme=THEME_EDUCATION, issued=dataset.created.date(),
            modified=dataset.updated.date(), datasets=[dataset],
        )  # fmt: skip
        modified.append(dataset.updated.date())
        if dataset.publisher:
            creator = graph.blank()
            graph.add(node, "dct:creator", creator)
            graph.add(creator, "rdf:type", IRI("foaf:Organization"))
            graph.add(creator, "foaf:name", Literal(dataset.publisher))
        _temporal(graph, node, *spans.get(dataset.pk, (None, None)))
        _spatial(graph, node, regions.get(dataset.pk, []))
        licence = licence_iri(dataset)
        by = f"{source}; {licence_name(licence, [dataset])}"
        for fmt in FORMATS:
            url = _url("monitoring_opendata:dataset_download", dataset.code, fmt)
            _distribution(graph, node, url, f"{dataset.code} ({fmt.upper()})", licence, by)

    for entry in indicator_entries():
        indicator, datasets = entry.indicator, entry.datasets()
        node = IRI(_url("monitoring_opendata:indicator_iri", indicator.code))
        issued = min((d.created.date() for d in datasets), default=None)
        changed = max((d.updated.date() for d in datasets), default=None)
        _entry(
            graph, catalogue, publisher, node,
            _url("monitoring:indicator_detail", indicator.code),
            identifier=f"indicator:{indicator.code}", title=indicator.name,
            description=indicator.definition or indicator.name,
            theme=THEME_EDUCATION if indicator.area != "context" else THEME_SOCIETY,
            issued=issued, modified=changed, datasets=datasets,
        )  # fmt: skip
        if changed:
            modified.append(changed)
        graph.add(node, "dcat:keyword", Literal(indicator.get_area_display(), lang="de"))
        _temporal(graph, node, entry.start, entry.end)
        _spatial(graph, node, entry.territories)
        split = len(entry.licences) > 1
        for licence, group in entry.licences.items():
            sources = sorted({_source_text(d) for d in group if d} or {PUBLISHER_NAME})
            by = f"Bildungsnetz nach {', '.join(sources)}; {licence_name(licence, group)}"
            name = licence_name(licence, group)
            for fmt in FORMATS:
                if split:
                    args = (indicator.code, licence_slug(licence), fmt)
                    url = _url("monitoring_opendata:indicator_licence_download", *args)
                    title = f"{indicator.name}, Werte unter {name} ({fmt.upper()})"
                else:
                    url = _url("monitoring_opendata:indicator_download", indicator.code, fmt)
                    title = f"{indicator.name} ({fmt.upper()})"
                _distribution(graph, node, url, title, licence, by)
    graph.add(catalogue, "dct:modified", _date(max(modified, default=None)))
    return graph
