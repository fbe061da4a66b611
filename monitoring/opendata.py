"""Open data: CSV/JSON files, the DCAT-AP.de catalogue (JSON-LD and Turtle from one graph),
and the streamed ZIP of everything public."""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone

from places.models import Level, Territory

from .models import DL_DE_BY_2_0, DL_DE_BY_2_0_DCAT, Dataset, DatasetRegion, Indicator, Observation
from .rdf import IRI, Graph, Literal

PUBLISHER_NAME = "Bildungsnetz – Plattform für kommunale Bildungskooperation"
GEO = "http://dcat-ap.de/def/politicalGeocoding/"
THEME_EDUCATION = "http://publications.europa.eu/resource/authority/data-theme/EDUC"
THEME_SOCIETY = "http://publications.europa.eu/resource/authority/data-theme/SOCI"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANG_DE = "http://publications.europa.eu/resource/authority/language/DEU"


# --- files ---------------------------------------------------------------------------------


def write_csv(out, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Plain RFC 4180 CSV, comma-separated, no BOM: machine-readable open data. Numbers and
    symbols are written as they are (a spreadsheet 'neutralisation' would corrupt "-")."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)


def write_json(out, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    out.write("[")
    for i, row in enumerate(rows):
        out.write(
            ("\n" if i == 0 else ",\n")
            + json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False)
        )
    out.write("\n]\n")


class _Buffer:
    """A write target that hands out what was written so far (for streaming responses)."""

    def __init__(self) -> None:
        self.parts: list = []

    def write(self, data) -> int:
        self.parts.append(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self):
        data, self.parts = self.parts, []
        return data


def stream_csv(header, rows: Iterable[Sequence]) -> Iterator[str]:
    buffer = _Buffer()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for i, row in enumerate(rows, start=1):
        writer.writerow(row)
        if i % 5000 == 0:
            yield "".join(buffer.take())
    yield "".join(buffer.take())


def stream_json(header, rows: Iterable[Sequence]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("\n" if i == 0 else ",\n") + json.dumps(
            dict(zip(header, row, strict=True)), ensure_ascii=False
        )
    yield "\n]\n"


class _ZipSink:
    """Unseekable file for zipfile: members are written with data descriptors and streamed."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def stream_zip(members: Iterable[tuple[str, Iterable[str]]]) -> Iterator[bytes]:
    """Yield a ZIP archive of (name, text chunks) members as it is being written."""
    sink = _ZipSink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in members:
            with archive.open(name, "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk.encode("utf-8"))
                    if sink.position > 1 << 20:
                        yield sink.take()
            yield sink.take()
    yield sink.take()


def everything_public(base_url: str) -> Iterator[tuple[str, Iterable[str]]]:
    from .services import EXPORT_HEADER, INDICATOR_HEADER, indicator_rows, observation_rows

    graph = catalogue_graph(base_url)
    yield "LIESMICH.txt", [_readme()]
    yield "catalog.jsonld", [graph.jsonld()]
    yield "catalog.ttl", [graph.turtle()]
    for dataset in Dataset.objects.public().order_by("code"):
        yield f"datasets/{dataset.code}.csv", stream_csv(EXPORT_HEADER, observation_rows(dataset))
    for indicator in Indicator.objects.public().order_by("code"):
        yield (
            f"indicators/{indicator.code}.csv",
            stream_csv(INDICATOR_HEADER, indicator_rows(indicator)),
        )


def _readme() -> str:
    return (
        "Bildungsnetz – offene Daten des Bildungsmonitorings\n\n"
        "datasets/*.csv: Beobachtungen je Tabelle (dataset, measure, territory_code, period,\n"
        "dimensions, value, symbol, quality). Zeichen: '-' nichts (echte Null), '.' unbekannt\n"
        "oder geheim, 'x' nicht sinnvoll, '/' nicht sicher genug, '...' noch nicht vorhanden,\n"
        "'()' eingeschränkte Aussagekraft; Qualität p vorläufig, r berichtigt, s geschätzt.\n"
        "indicators/*.csv: berechnete Indikatoren je Gebiet und Zeitraum.\n"
        "catalog.jsonld / catalog.ttl: DCAT-AP.de-Katalog.\n\n"
        f"Lizenz der amtlichen Daten: {DL_DE_BY_2_0} (dl-de/by-2-0), Quelle jeweils im Katalog.\n"
    )


# --- DCAT-AP.de ------------------------------------------------------------------------------


def ars(territory: Territory) -> tuple[str, str] | None:
    """(geocoding URI, level URI) for a German territory, after the DCAT-AP.de vocabularies."""
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


def _coverage(territories: list[Territory]) -> list[Territory]:
    """What a dataset covers, for geocoding: one territory, or the lowest common ancestor."""
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


def _geocode(graph: Graph, node: IRI, territories: list[Territory]) -> None:
    levels = set()
    for territory in _coverage(territories):
        found = ars(territory)
        if found is None:
            continue
        uri, level = found
        if uri:
            graph.add(node, "dcatde:politicalGeocodingURI", IRI(uri))
        levels.add(level)
        graph.add(node, "dct:spatial", IRI(f"{settings.SITE_URL}/api/v1/places/{territory.key}"))
    for level in sorted(levels):
        graph.add(node, "dcatde:politicalGeocodingLevelURI", IRI(level))


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


def _distribution(graph, parent, url: str, fmt: str, title: str, attribution: str) -> None:
    node = IRI(url)
    graph.add(parent, "dcat:distribution", node)
    graph.add(node, "rdf:type", IRI("dcat:Distribution"))
    graph.add(node, "dct:title", Literal(title, lang="de"))
    graph.add(node, "dcat:accessURL", IRI(url))
    graph.add(node, "dcat:downloadURL", IRI(url))
    graph.add(node, "dct:format", IRI(FILE_TYPE + fmt.upper()))
    graph.add(
        node,
        "dcat:mediaType",
        IRI(
            f"https://www.iana.org/assignments/media-types/{'text/csv' if fmt == 'csv' else 'application/json'}"  # noqa: E501
        ),
    )
    graph.add(node, "dct:license", IRI(DL_DE_BY_2_0_DCAT))
    graph.add(node, "dcatde:licenseAttributionByText", Literal(attribution, lang="de"))


def catalogue_graph(base_url: str) -> Graph:
    """The DCAT-AP.de catalogue of every public dataset and indicator."""
    base_url = base_url.rstrip("/")
    graph = Graph()
    catalogue = IRI(base_url + reverse("monitoring_opendata:catalog_jsonld"))
    publisher = IRI(base_url + "/#publisher")
    graph.add(catalogue, "rdf:type", IRI("dcat:Catalog"))
    graph.add(catalogue, "dct:title", Literal("Bildungsnetz – Bildungsmonitoring", lang="de"))
    graph.add(catalogue, "dct:description", Literal(
        "Amtliche Statistiken, Indikatoren und Vergleiche des kommunalen Bildungsmonitorings.", lang="de"))  # noqa: E501  # fmt: skip
    graph.add(catalogue, "dct:publisher", publisher)
    graph.add(catalogue, "dct:language", IRI(LANG_DE))
    graph.add(catalogue, "foaf:homepage", IRI(base_url + reverse("monitoring:indicator_list")))
    graph.add(catalogue, "dct:modified", Literal(timezone.now().date().isoformat(), "xsd:date"))
    graph.add(publisher, "rdf:type", IRI("foaf:Agent"))
    graph.add(publisher, "foaf:name", Literal(PUBLISHER_NAME, lang="de"))

    spans = {
        row["dataset_id"]: (row["start"], row["end"])
        for row in Observation.objects.values("dataset_id").annotate(
            start=Min("period_date"), end=Max("period_date")
        )
    }
    regions: dict[int, list[Territory]] = {}
    for region in DatasetRegion.objects.select_related("territory"):
        regions.setdefault(region.dataset_id, []).append(region.territory)

    for dataset in Dataset.objects.public().order_by("code"):
        node = IRI(base_url + reverse("monitoring:dataset_detail", args=[dataset.code]))
        graph.add(catalogue, "dcat:dataset", node)
        graph.add(node, "rdf:type", IRI("dcat:Dataset"))
        graph.add(node, "dct:identifier", Literal(dataset.code))
        graph.add(node, "dct:title", Literal(dataset.title, lang="de"))
        graph.add(node, "dct:description", Literal(
            f"{dataset.title}. Quelle: {dataset.source or dataset.publisher}, Tabelle {dataset.code}.", lang="de"))  # noqa: E501  # fmt: skip
        graph.add(node, "dct:publisher", publisher)
        if dataset.publisher:
            creator = graph.blank()
            graph.add(node, "dct:creator", creator)
            graph.add(creator, "rdf:type", IRI("foaf:Organization"))
            graph.add(creator, "foaf:name", Literal(dataset.publisher))
        graph.add(node, "dcat:theme", IRI(THEME_EDUCATION))
        graph.add(node, "dcat:landingPage", node)
        if dataset.retrieved_at:
            graph.add(node, "dct:issued", _date(dataset.retrieved_at.date()))
        graph.add(node, "dct:modified", _date(dataset.updated.date()))
        start, end = spans.get(dataset.pk, (None, None))
        _temporal(graph, node, start, end)
        _geocode(graph, node, regions.get(dataset.pk, []))
        attribution = f"{dataset.source or dataset.publisher}, {dataset.licence}"
        for fmt in ("csv", "json"):
            url = base_url + reverse(
                "monitoring_opendata:dataset_download", args=[dataset.code, fmt]
            )
            _distribution(graph, node, url, fmt, f"{dataset.code} ({fmt.upper()})", attribution)

    for indicator in Indicator.objects.public().order_by("code"):
        node = IRI(base_url + reverse("monitoring:indicator_detail", args=[indicator.code]))
        graph.add(catalogue, "dcat:dataset", node)
        graph.add(node, "rdf:type", IRI("dcat:Dataset"))
        graph.add(node, "dct:identifier", Literal(f"indicator:{indicator.code}"))
        graph.add(node, "dct:title", Literal(indicator.name, lang="de"))
        graph.add(
            node, "dct:description", Literal(indicator.definition or indicator.name, lang="de")
        )
        graph.add(node, "dct:publisher", publisher)
        graph.add(
            node,
            "dcat:theme",
            IRI(THEME_EDUCATION if indicator.area != "context" else THEME_SOCIETY),
        )
        graph.add(node, "dcat:keyword", Literal(indicator.get_area_display(), lang="de"))
        values = indicator.values.aggregate(start=Min("period_date"), end=Max("period_date"))
        _temporal(graph, node, values["start"], values["end"])
        territories = list(
            Territory.objects.filter(
                pk__in=indicator.values.values("territory_id").distinct()
            ).exclude(level__in=[Level.PLANNING_AREA, Level.DISTRICT_REGION])
        )
        _geocode(graph, node, territories)
        attribution = (
            f"Bildungsnetz nach {indicator.sources}" if indicator.sources else PUBLISHER_NAME
        )
        for fmt in ("csv", "json"):
            url = base_url + reverse(
                "monitoring_opendata:indicator_download", args=[indicator.code, fmt]
            )
            _distribution(graph, node, url, fmt, f"{indicator.name} ({fmt.upper()})", attribution)
    return graph
