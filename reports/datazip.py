"""The data behind every figure of a report as a ZIP: `figures.csv` (the live figures of the
text) and one CSV per block (territory × period), each row with its value, the symbol that
stands instead of or beside it (never a 0 for a missing value), the unit, source, table and
licence. Cells are neutralised against formula injection."""

from __future__ import annotations

import csv
import io
import zipfile

from bildungsnetz.exports import neutralise

HEADER = [
    "indicator", "indicator_name", "territory", "period", "value", "symbol", "unit", "source",
    "publisher", "table", "licence", "licence_url",
]  # fmt: skip


def _csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def data_zip(document: dict) -> bytes:
    """`document` as made by `selectors.report_document`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        figures = [
            [f.indicator, f.indicator_name, f.territory_name, f.period, f.value,
             f.shown_symbol or f.symbol, f.unit, f.source, f.publisher, f.dataset, f.licence,
             f.licence_url]
            for f in (note.figure for note in document["footnotes"])
        ]  # fmt: skip
        archive.writestr("figures.csv", _csv(figures))
        for section in document["sections"]:
            for block in section.blocks:
                data = block["data"]
                if block.get("error"):
                    continue
                source = (data["sources"] or [{}])[0]
                rows = [
                    [data["indicator"], data["indicator_name"], r["territory"], r["period"],
                     r["value"], r["symbol"], data["unit"], source.get("source", ""),
                     source.get("publisher", ""), source.get("dataset", ""),
                     source.get("licence", ""), source.get("licence_url", "")]
                    for r in data["rows"]
                ]  # fmt: skip
                archive.writestr(f"block-{block['id']}-{data['indicator']}.csv", _csv(rows))
    return buffer.getvalue()
