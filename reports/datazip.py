"""The data behind every figure of a report as a ZIP: `figures.csv` (the live figures of the
text) and one CSV per block, named after the block (its position in the report and its title),
each row with the source, publisher, table and licence of the block's data:

- indicator blocks (chart, table, key figure) and maps: territory × period, the value and the
  symbol that stands instead of or beside it (never a 0 for a missing value), the unit;
- segregation: per territory and period the units used and left out, the group's share and
  every index with the bounds of its interval;
- goal progress: the agreement's goals with status and progress (empty: not measurable);
- work-programme status: the packages with status, progress and their counts.

Cells are neutralised against formula injection."""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.text import slugify

from bildungsnetz.exports import neutralise

SOURCE = ["source", "publisher", "table", "licence", "licence_url"]
HEADER = [
    "indicator", "indicator_name", "territory", "period", "value", "symbol", "unit", *SOURCE,
]  # fmt: skip


def _csv(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _source_cells(data: dict) -> list[str]:
    """The block's sources in one cell each (several joined by " | ")."""
    sources = data.get("sources") or [{}]
    keys = ("source", "publisher", "dataset", "licence", "licence_url")
    return [" | ".join(dict.fromkeys(s.get(k, "") for s in sources if s.get(k))) for k in keys]


def _indicator(data: dict) -> tuple[list, list]:
    source = _source_cells(data)
    rows = [
        [data["indicator"], data["indicator_name"], r["territory"], r["period"], r["value"],
         r["symbol"], data["unit"], *source]
        for r in data["rows"]
    ]  # fmt: skip
    return HEADER, rows


def _segregation(data: dict) -> tuple[list, list]:
    indices = data["indices"]
    header = ["series", "territory", "period", "units_used", "left_out", "no_data",
              "suppressed", "empty", "few_units_caveat", "group_share"]  # fmt: skip
    for name in indices:
        header += [name, f"{name}_ci_low", f"{name}_ci_high"]
    header += ["ci_level", *SOURCE]
    source = _source_cells(data)
    rows = []
    for r in data["results"]:
        row = [data["series"], r["territory"], r["period"], r["units"], r["left_out"],
               r["no_data"], r["suppressed"], r["empty"], "yes" if r["caveat"] else "no",
               r["share"]]  # fmt: skip
        for name in indices:
            low, high = r[f"{name}_ci"] or (None, None)
            row += [r[name], low, high]
        rows.append([*row, data["ci_level"], *source])
    return header, rows


def _goals(data: dict) -> tuple[list, list]:
    header = ["agreement", "agreement_status", "goal", "text", "status", "progress_percent",
              "projects", "project_progress_percent", "work_packages_progress_percent",
              *SOURCE]  # fmt: skip
    source = _source_cells(data)
    rows = [
        [data["agreement"], data["agreement_status"], g["number"], g["text"].get("de", ""),
         g["status"], g["progress"], g["projects"], g["project_progress"],
         g["packages_progress"], *source]
        for g in data["goals"]
    ]  # fmt: skip
    return header, rows


def _packages(data: dict) -> tuple[list, list]:
    header = ["programme", "work_package", "title", "lead", "start", "end", "status",
              "progress_percent", "tasks_done", "tasks_counted", "milestones_reached",
              "milestones_total", "overdue_items", *SOURCE]  # fmt: skip
    source = _source_cells(data)
    rows = [
        [data["programme"], p["number"], p["title"], p["lead"], p["start"], p["end"],
         p["status"], p["progress"], p["tasks_done"], p["tasks_counted"],
         p["milestones_reached"], p["milestones_total"], p["overdue"], *source]
        for p in data["packages"]
    ]  # fmt: skip
    return header, rows


def _survey(data: dict) -> tuple[list, list]:
    """One row per wave and answer code: the count and share, or "." and why it is hidden."""
    header = ["question", "label", "wave", "territory", "period", "version", "code",
              "answer", "count", "percent", "symbol", "hidden_because", *SOURCE]  # fmt: skip
    rows = []
    for position, wave in enumerate(data["waves"]):
        source = _source_cells({"sources": [data["sources"][position]]})
        for row in data["rows"]:
            cell = row["cells"][position]
            if cell is None:
                count, percent, symbol, why = None, None, "x", "not asked"
            elif cell["reason"]:
                count, percent, symbol, why = None, None, ".", cell["reason"]
            else:
                count, percent, symbol, why = cell["value"], cell["percent"], "", ""
            rows.append([
                data["question"], data["label"], wave["slug"], wave["territory"],
                wave["period"], wave["version"], row["code"], row["label"], count, percent,
                symbol, why, *source,
            ])  # fmt: skip
    return header, rows


TABLES = {
    "chart": _indicator,
    "table": _indicator,
    "key_figure": _indicator,
    "map": _indicator,
    "segregation": _segregation,
    "goal_progress": _goals,
    "programme_status": _packages,
    "survey": _survey,
}


def block_filename(position: int, block: dict) -> str:
    """The block's position in the report and its title, e.g.
    "block-03-auslanderinnen-und-auslander-uber-die-berliner-planungsraume.csv"."""
    slug = slugify(block.get("title") or block["data"].get("title") or block["kind"])[:60]
    return f"block-{position:02d}-{slug.strip('-') or block['kind']}.csv"


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
        archive.writestr("figures.csv", _csv(HEADER, figures))
        position = 0
        for section in document["sections"]:
            for block in section.blocks:
                position += 1
                make = TABLES.get(block["kind"])
                if block.get("error") or make is None:
                    continue
                header, rows = make(block["data"])
                archive.writestr(block_filename(position, block), _csv(header, rows))
    return buffer.getvalue()
