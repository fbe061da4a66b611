"""Open data: CSV/JSON files and the streamed ZIP of everything public (the DCAT-AP.de
catalogue is `dcat.py`)."""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from bildungsnetz.exports import neutralise

from .dcat import catalogue_graph
from .models import DL_DE_BY_2_0, Dataset, Indicator
from .parsers.values import SYMBOLS
from .selectors import (
    EXPORT_HEADER,
    INDICATOR_HEADER,
    format_number,
    indicator_rows,
    observation_rows,
)

# --- files ---------------------------------------------------------------------------------


def sheet_text(value: str) -> str:
    """Text for a spreadsheet cell: text that a spreadsheet would run as a formula (a label,
    source or unit from an uploaded file starting with = + - @) gets an apostrophe in front,
    as in every list export; the statistical symbols ("-" a true zero) stay as they are.

    The convention of the open data: in CSV and XLSX a text cell that starts with an
    apostrophe followed by one of = + - @ tab CR is the neutralised form of the text without
    it; JSON carries the exact text.
    """
    return value if value in SYMBOLS else neutralise(value)


def csv_cell(value) -> str:
    """A cell as CSV text: numbers in shortest form ("218793", "12.5"), None empty, text
    neutralised against formula injection (`sheet_text`)."""
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value)
    return sheet_text(str(value))


def json_record(header: Sequence[str], row: Sequence) -> str:
    """One row as a JSON object: numbers stay numbers, NaN becomes null."""
    record = {
        name: (None if isinstance(cell, float) and cell != cell else cell)
        for name, cell in zip(header, row, strict=True)
    }
    return json.dumps(record, ensure_ascii=False)


def write_csv(out, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Plain RFC 4180 CSV, comma-separated, no BOM: machine-readable open data. Numbers and
    symbols are written as they are; other text is neutralised (`sheet_text`)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])


def write_json(out, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    out.write("[")
    for i, row in enumerate(rows):
        out.write(("\n" if i == 0 else ",\n") + json_record(header, row))
    out.write("\n]\n")


XLSX_MAX_ROWS = 1_048_575  # a worksheet's rows, less the header


class TooManyRows(ValueError):
    """More rows than a spreadsheet holds: CSV and JSON have no such limit."""


def write_xlsx(out, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """One worksheet: numbers as numbers, symbols and every other text as text (never a
    formula); text that starts like a formula is neutralised as in the CSV (`sheet_text`), so
    the sheet saved again as CSV stays harmless."""
    # heavy: only the XLSX download needs openpyxl
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="data")
    sheet.append(list(header))
    for i, row in enumerate(rows, start=1):
        if i > XLSX_MAX_ROWS:
            raise TooManyRows(i)
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=sheet_text(value))
                cell.data_type = "s"  # a text starting with "=" stays text
                cells.append(cell)
            else:
                cells.append(None if isinstance(value, float) and value != value else value)
        sheet.append(cells)
    workbook.save(out)


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
        writer.writerow([csv_cell(c) for c in row])
        if i % 5000 == 0:
            yield "".join(buffer.take())
    yield "".join(buffer.take())


def stream_json(header, rows: Iterable[Sequence]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("\n" if i == 0 else ",\n") + json_record(header, row)
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
        "datasets/*.csv: Beobachtungen je Tabelle (dataset, measure, unit, territory_code,\n"
        "period, dimensions, value, symbol, quality) und je Zeile die Herkunft der Tabelle\n"
        "(source, publisher, licence, licence_url, stand, retrieved). Zeichen: '-' nichts\n"
        "(echte Null), '.' unbekannt oder geheim, 'x' nicht sinnvoll, '/' nicht sicher genug,\n"
        "'...' noch nicht vorhanden, '()' eingeschränkte Aussagekraft; Qualität p vorläufig,\n"
        "r berichtigt, s geschätzt, e endgültig. Ein Wert steht nur, wo die Quelle eine Zahl\n"
        "hat ('-' als 0); ein '.' wird nie zu 0.\n"
        "indicators/*.csv: berechnete Indikatoren je Gebiet und Zeitraum, mit Quelle und Lizenz\n"
        "der Tabelle, aus der jeder Wert stammt.\n"
        "Text, der mit = + - @ beginnt (etwa eine Quelle aus einer hochgeladenen Datei), steht\n"
        "in CSV und XLSX mit einem Apostroph davor, damit eine Tabellenkalkulation ihn nicht als\n"
        "Formel ausführt; ohne den Apostroph ist es der Text der Quelle. Die Zeichen ('-' usw.)\n"
        "bleiben, wie sie sind.\n"
        "catalog.jsonld / catalog.ttl: DCAT-AP.de-Katalog.\n\n"
        f"Lizenz: je Tabelle in der Spalte licence, für die amtlichen Daten meist {DL_DE_BY_2_0}\n"
        "(dl-de/by-2-0).\n"
    )
