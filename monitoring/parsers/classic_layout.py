"""Title block, stacked header rows and footer of classic GENESIS CSV files.

Header convention (GENESIS' own): with several measures the first header row names the
measure and the last gives its unit (constant within a measure); with one measure both are
missing and the title block ends with "Measure (unit)". Between them, a row constant within
each measure names a variable and the row below holds its attributes; a varying row without
such a label is an unlabelled variable (sex, when its attributes are männlich/weiblich). A
header row of periods (time in columns) is taken out first. The file carries no codes, so
codes are derived from labels (``derive_code``), except for sex, which gets GENESIS' own codes
GES/GESM/GESW so classic and ffcsv downloads of one table agree. "Insgesamt" is the total and
gets the empty attribute code, as in ffcsv.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from .common import derive_code, is_total_label, looks_like_period

HEAD = re.compile(r"GENESIS-Tab\w*\s*:\s*(?P<code>\S+)", re.IGNORECASE)
STAND = re.compile(
    r"Stand:\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*/\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
RULE = re.compile(r"_{5,}")
MEASURE_LINE = re.compile(r"(?P<label>\S.*?)\s*\((?P<unit>[^()]+)\)")
# Units GENESIS writes in "Measure (unit)"; keeps "(bis 2002)" in a title from passing as one.
UNIT = re.compile(
    r"Anzahl|Number|%|Prozent|Percent|EUR|Euro|Tsd\..*|1000.*|Mill\..*|Mrd\..*|Jahre|Years|"
    r"ha|qkm|km²?|m²|m2|t|kg|Std\.|Stunden|Hours|Personen|Persons|Index|\d{4}=100|je .+|per .+",
    re.IGNORECASE,
)
LICENCE = re.compile(r"Datenlizenz Deutschland.*?Version \d\.\d|dl-de/\S+", re.IGNORECASE)
REGIONAL_DEPTH = re.compile(r"regionale Tiefe:\s*(?P<label>[^;]+?)\s*$", re.IGNORECASE)

# GENESIS' codes for sex, so classic and ffcsv downloads of one table give the same dimensions.
SEX_ATTRIBUTES = {"männlich": "GESM", "weiblich": "GESW", "male": "GESM", "female": "GESW"}
SEX_LABELS = {"Geschlecht", "Sex"}


def _cells(line: str) -> list[str]:
    return next(csv.reader([line], delimiter=";"), [])


def split_head(lines: list[str], footer_at: int) -> tuple[list[list[str]], list[list[str]], int]:
    """Title rows (first cell only), header rows (first cell empty), index of the first data row."""
    title_rows: list[list[str]] = []
    header_rows: list[list[str]] = []
    for i in range(footer_at):
        if not lines[i].strip().strip(";"):
            continue
        cells = _cells(lines[i])
        if cells and not cells[0].strip():
            header_rows.append(cells)
        elif header_rows:
            return title_rows, header_rows, i
        else:
            title_rows.append(cells)
    return title_rows, header_rows, footer_at


def read_title(rows: list[list[str]]) -> tuple[str, str, str, str | None]:
    """(table code, title, statistic, "Measure (unit)" line or None)."""
    texts = [" ".join(c.strip() for c in r if c.strip()) for r in rows]
    code = ""
    if texts and (m := HEAD.match(texts[0])):
        code, texts = m["code"], texts[1:]
    measure_line = None
    if texts and (m := MEASURE_LINE.fullmatch(texts[-1])) and UNIT.fullmatch(m["unit"].strip()):
        measure_line, texts = texts[-1], texts[:-1]
    statistic = texts[-1] if len(texts) > 1 else ""
    title = " ".join(texts[:-1] if statistic else texts)
    return code, title, statistic, measure_line


def _constant_within(row: list[str], groups: list[str]) -> bool:
    seen: dict[str, str] = {}
    return all(seen.setdefault(g, v) == v for g, v in zip(groups, row, strict=True))


def _is_period_row(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(looks_like_period(c) for c in cells)


def sex_row(row: list[str]) -> bool:
    cells = {c.strip() for c in row if c.strip()}
    return bool(cells) and all(c in SEX_ATTRIBUTES or is_total_label(c) for c in cells)


def read_header(
    header: list[list[str]], measure_line: str | None
) -> tuple[list[dict], list | None]:
    """Per value column: measure code, (label, unit) and its (var, var label, attr, attr label)."""
    width = len(header[0]) if header else 0
    rows = [[c.strip() for c in r] for r in header]
    period_row = next((r for r in rows if _is_period_row(r)), None)
    rows = [r for r in rows if r is not period_row]
    if measure_line:
        m = MEASURE_LINE.fullmatch(measure_line)
        measure_labels, units = [m["label"]] * width, [m["unit"].strip()] * width
    elif rows:
        measure_labels = rows.pop(0)
        units = [""] * width
        if rows and _constant_within(rows[-1], measure_labels) and not sex_row(rows[-1]):
            units = rows.pop()
    else:
        measure_labels, units = ["Wert"] * width, [""] * width
    variables: list[list[tuple[str, str, str, str]]] = [[] for _ in range(width)]
    i, unnamed = 0, 0
    while i < len(rows):
        row = rows[i]
        labelled = i + 1 < len(rows) and _constant_within(row, measure_labels) and not sex_row(row)
        attrs = rows[i + 1] if labelled else row
        sex = not labelled and sex_row(row)
        if not labelled and not sex:
            unnamed += 1
        for c in range(width):
            var_label = row[c] if labelled else ""
            variables[c].append(header_pair(var_label, attrs[c], f"MERKMAL_{unnamed}", sex))
        i += 2 if labelled else 1
    columns = []
    for c in range(width):
        label = measure_labels[c] or "Wert"
        columns.append(
            {
                "measure": derive_code(label),
                "measure_info": (label, units[c]),
                "pairs": variables[c],
            }
        )
    return columns, period_row


def header_pair(
    var_label: str, attr_label: str, fallback: str, sex: bool = False
) -> tuple[str, str, str, str]:
    """(variable code, variable label, attribute code, attribute label) for one header cell.

    ``fallback`` is the code of a variable without label; ``sex`` marks an unlabelled row whose
    attributes are those of sex.
    """
    if var_label in SEX_LABELS or sex:
        var, var_label = "GES", var_label or "Geschlecht"
        attr = SEX_ATTRIBUTES.get(attr_label, "" if is_total_label(attr_label) else None)
        if attr is None:
            attr = derive_code(attr_label)
        return var, var_label, attr, attr_label
    var = derive_code(var_label) if var_label else fallback
    attr = "" if not attr_label or is_total_label(attr_label) else derive_code(attr_label)
    return var, var_label, attr, attr_label


def read_footer(lines: list[str]) -> tuple[list[str], str, str, datetime | None]:
    footnotes: list[str] = []
    copyright_text = licence = ""
    stand = None
    for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=";"):
        text = "\n".join(c for c in row if c.strip()).strip()
        if not text:
            continue
        if m := STAND.match(text):
            day, month, year, hour, minute, second = (int(g) if g else 0 for g in m.groups())
            stand = datetime(year, month, day, hour, minute, second)
        elif text.startswith("©") or text.lower().startswith("(c)"):
            copyright_text = text
            flat = " ".join(text.split())
            if lic := LICENCE.search(flat):
                licence = lic[0]
        else:
            footnotes.extend(_footnote_blocks(text))
    return footnotes, copyright_text, licence, stand


def _footnote_blocks(text: str) -> list[str]:
    """Split at the blank line before each 'zu "…":' section; other blank lines stay inside."""
    blocks, current = [], []
    lines = text.split("\n")
    for k, line in enumerate(lines):
        following = next((x for x in lines[k + 1 :] if x.strip()), "")
        if not line.strip() and following.lower().startswith("zu "):
            blocks.append("\n".join(current).strip())
            current = []
        else:
            current.append(line.rstrip())
    blocks.append("\n".join(current).strip())
    return [b for b in blocks if b]
