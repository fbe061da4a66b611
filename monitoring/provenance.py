"""Where a statistics table comes from, read from the file itself: publisher and source from its
© line or its table code, the licence from its licence statement. Pure: imports no Django.

GENESIS is the software of three databases with different publishers: GENESIS-Online of the
Federal Statistical Office (table codes 12411-0001), and the Regionaldatenbank Deutschland
(12411-01-01-4) and the Zensus database (1000A-0001) of the Statistische Ämter des Bundes und der
Länder. A classic CSV names its rights holder in its © line; a flat file names nothing, so its
table code decides.

Official statistics (`official_table`) are the tables of the statistical offices: shared public
facts that every statistics importer may bring in and revise (monitoring/rules.py), unlike a
city's own figures, which stay with the coordinators of that city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .licences import DEFAULT, Licence, licence_lookup

AEMTER = "Statistische Ämter des Bundes und der Länder"
DESTATIS = "Statistisches Bundesamt (Destatis)"

_REGIONAL = re.compile(r"\d{5}-\d{2}-\d{2}-\d[0-9A-Z-]*", re.I)
_ZENSUS = re.compile(r"\d{4}[A-Z]-\d{4}[0-9A-Z-]*", re.I)
_FEDERAL = re.compile(r"\d{5}-\d{4}[0-9A-Z-]*", re.I)
_HOLDER_TAIL = re.compile(r"(?:,\s*Deutschland)?(?:,\s*\d{4})?\s*\.?\s*$")


@dataclass(frozen=True)
class Provenance:
    source: str
    publisher: str


def genesis_database(table_code: str) -> tuple[str, str]:
    """(database, publisher) of a GENESIS table by the form of its code."""
    code = (table_code or "").strip()
    if _REGIONAL.fullmatch(code):
        return "Regionaldatenbank Deutschland", AEMTER
    if _ZENSUS.fullmatch(code):
        return "Zensusdatenbank", AEMTER
    if _FEDERAL.fullmatch(code):
        return "GENESIS-Online", DESTATIS
    return "GENESIS-Online", DESTATIS


def copyright_holder(text: str) -> str:
    """The rights holder of a © line: "© Statistische Ämter des Bundes und der Länder,
    Deutschland, 2017. Dieses Werk …" → "Statistische Ämter des Bundes und der Länder"."""
    first = " ".join((text or "").split())
    first = re.sub(r"^(?:©|\(c\))\s*", "", first, flags=re.I)
    # The holder ends at the sentence after the year ("…, 2017. Dieses Werk …").
    if m := re.search(r",\s*\d{4}\s*\.", first):
        first = first[: m.end()]
    else:
        first = first.split(". ", 1)[0]
    return _HOLDER_TAIL.sub("", first).strip(" ,.")


def genesis_provenance(table_code: str, copyright_text: str = "") -> Provenance:
    database, publisher = genesis_database(table_code)
    holder = copyright_holder(copyright_text)
    if holder:
        publisher = holder
        if holder == AEMTER and database == "GENESIS-Online":
            # A classic table of the Ämter without a telling code: their shared database.
            database = "Regionaldatenbank Deutschland"
    return Provenance(source=database, publisher=publisher)


def licence_from_text(*texts: str) -> Licence | None:
    """The known licence the first of `texts` that names one names (licence line, © line)."""
    for text in texts:
        found = licence_lookup(text)
        if found is not None:
            return found
    return None


GENESIS_LICENCE = DEFAULT
# What earlier versions wrote for every GENESIS file, right or not: replaced when seen again.
FORMER_GENESIS_SOURCES = ("Statistisches Bundesamt (Destatis), GENESIS-Online",)


# The statistical offices whose tables are official statistics, as lower-case fragments of a
# source or publisher (national and state offices of Germany and Austria, their databases).
OFFICIAL_OFFICES = (
    "statistisches bundesamt", "destatis", "statistische ämter des bundes und der länder",
    "regionaldatenbank deutschland", "genesis-online", "zensusdatenbank", "statistik austria",
    "amt für statistik berlin-brandenburg", "statistisches landesamt", "landesamt für statistik",
    "statistisches amt für hamburg und schleswig-holstein", "statistisches amt mecklenburg",
    "information und technik nordrhein-westfalen", "it.nrw",
)  # fmt: skip


def is_official_source(*texts: str) -> bool:
    """Whether a source or publisher text names a statistical office (`OFFICIAL_OFFICES`)."""
    folded = " ".join(" ".join(t or "" for t in texts).lower().split())
    return any(office in folded for office in OFFICIAL_OFFICES)


def official_table(source: str, table_code: str) -> bool:
    """Whether a parsed table is official statistics: a GENESIS table under a GENESIS table
    code (12411-0001, 12411-01-01-4, 1000A-0001), or a table whose source names a
    statistical office (Statistik Austria, Amt für Statistik Berlin-Brandenburg, …)."""
    if source == "GENESIS":
        code = (table_code or "").strip()
        return any(p.fullmatch(code) for p in (_REGIONAL, _ZENSUS, _FEDERAL))
    return is_official_source(source)
