"""Open data: CSV/JSON files and the streamed ZIP of everything public (the DCAT-AP.de
catalogue is `dcat.py`)."""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from .dcat import catalogue_graph
from .models import DL_DE_BY_2_0, Dataset, Indicator

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

    graph = catalogue_graph()
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
