"""Vienna's real open data as demo content, imported through the platform's own importers.

The two statistics files of Stadt Wien (MA 23, based on Statistik Austria) go in whole, as
published, through the OGD parser. The figures the indicators need (totals, the female and
foreign population, age groups, area, the change on the previous year, school locations per
district) are then summed from those files with pandas and imported as two derived tables
through the mapped-CSV importer, keyed by GKZ; their notes say how each figure was made.
Berlin's planning-area areas (LOR 2021) go in the same way, so density compares.

Idempotent: a file (or derived table) already imported with the same bytes is skipped, and
the provenance is written with `upsert`, which leaves unchanged rows alone.
"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from bildungsnetz.upsert import upsert
from places.models import Level, Territory

from .licences import CC_BY_3_0_DE, CC_BY_4_0
from .models import Dataset, ImportLog
from .services import observations_import

WIEN = Path(__file__).resolve().parent / "data" / "wien"
POPULATION_FILE = "vie-bez-pop-sex-age5-stk-nat-geo4-2002f.csv"
DENSITY_FILE = "vie-bez-biz-pop-den-2002f.csv"
SCHOOLS_FILE = "SCHULEOGD.json"
POPULATION_CODE = POPULATION_FILE.removesuffix(".csv")
DENSITY_CODE = DENSITY_FILE.removesuffix(".csv")
FIGURES_CODE = "wien-bezirke-bevoelkerung-kennzahlen"
SCHOOLS_CODE = "wien-bezirke-schulstandorte"
BERLIN_AREA_CODE = "berlin-plr-flaeche-lor-2021"
CODES = [POPULATION_CODE, DENSITY_CODE, FIGURES_CODE, SCHOOLS_CODE]

SOURCE = "Stadt Wien – data.wien.gv.at"
PUBLISHER = "Stadt Wien, MA 23 – Wirtschaft, Arbeit und Statistik (auf Basis von Statistik Austria)"
FOREIGN = ["EEA", "REU", "TCN"]
NATIONALITIES = ["AUT", *FOREIGN]
# AGE5 groups: 1 = 0–4, 2 = 5–9, 3 = 10–14, …, 14 = 65–69, …, 17 = 80+.
AGE5_65_PLUS = range(14, 18)

MEASURE_LABELS = {
    "BEVSTD": "Bevölkerungsstand",
    "EW_GESAMT": "Einwohnerinnen und Einwohner insgesamt",
    "EW_WEIBLICH": "Einwohnerinnen",
    "EW_AUSLAENDER": "Ausländerinnen und Ausländer",
    "EW_UNTER5": "Einwohner unter 5 Jahren",
    "EW_5_15": "Einwohner 5 bis unter 15 Jahre",
    "EW_UNTER6": "Einwohner unter 6 Jahren",
    "EW_6_15": "Einwohner 6 bis unter 15 Jahre",
    "EW_65UNDMEHR": "Einwohner 65 Jahre und älter",
    "FLAECHE_KM2": "Fläche in km²",
    "BEVSTD_VORJAHR": "Bevölkerungsstand ein Jahr zuvor",
    "BEVSTD_VERAENDERUNG": "Veränderung des Bevölkerungsstandes gegenüber dem Vorjahr",
    "SCHULSTANDORTE": "Schulstandorte",
    "EW_5_15_SCHULJAHR": "Einwohner 5 bis unter 15 Jahre am 1. Jänner des Schuljahres",
}
FIGURES_NOTES = (
    "Summen aus den Dateien vie-bez-pop-sex-age5-stk-nat-geo4-2002f.csv (Bevölkerung nach "
    "Geschlecht, 5-jährigen Altersgruppen und Staatsangehörigkeit) und "
    "vie-bez-biz-pop-den-2002f.csv (Fläche) der Stadt Wien, gebildet beim Laden der Demodaten. "
    "Wien insgesamt ist die Summe der 23 Bezirke.\n\n"
    "Ausländerinnen und Ausländer: EU/EWR (EEA), übriges Europa (REU) und Drittstaaten (TCN).\n\n"
    "Unter 6 und 6 bis unter 15 Jahre sind geschätzt (Qualitätskennzeichen s): die Altersgruppe "
    "5–9 Jahre wird gleichmäßig auf ihre fünf Jahrgänge verteilt (unter 6 = 0–4 + ⅕ der 5–9; "
    "6 bis unter 15 = ⅘ der 5–9 + 10–14). Genau aus der Quelle: unter 5 und 5 bis unter 15.\n\n"
    "Veränderung gegenüber dem Vorjahr: Bevölkerungsstand am 1.1. minus Bevölkerungsstand am "
    "1.1. des Vorjahres."
)
SCHOOLS_NOTES = (
    "Gezählt aus SCHULEOGD.json (Schulen in Wien, WFS-Layer SCHULEOGD, Stand 7.4.2024): jeder "
    "Eintrag ist ein Schulstandort; der Bezirk ist die Bezirksnummer vor der Adresse "
    "(„21., Veterinärplatz 1“). Öffentliche und private Schulen aller Schularten.\n\n"
    "Einwohner 5 bis unter 15 Jahre: Bevölkerungsstand am 1.1.2024 aus "
    "vie-bez-pop-sex-age5-stk-nat-geo4-2002f.csv, dem Stichtag im Schuljahr 2023/24."
)


def load(stdout, directory: Path = WIEN) -> None:
    """Import the Vienna files in `directory` (the shipped copies; tests pass smaller ones)."""
    for name in (POPULATION_FILE, DENSITY_FILE):
        data = (directory / name).read_bytes()
        _import(stdout, data, name, None)
    population = population_frame((directory / POPULATION_FILE).read_bytes())
    area = area_frame((directory / DENSITY_FILE).read_bytes())
    figures = figures_csv(population, area)
    _import(stdout, figures, f"{FIGURES_CODE}.csv", FIGURES_MAPPING)
    schools = json.loads((directory / SCHOOLS_FILE).read_text("utf-8"))
    _import(stdout, schools_csv(schools, population), f"{SCHOOLS_CODE}.csv", SCHOOLS_MAPPING)
    for code in CODES:
        _provenance(code, CC_BY_4_0, SOURCE, PUBLISHER)
    notes = {FIGURES_CODE: FIGURES_NOTES, SCHOOLS_CODE: SCHOOLS_NOTES}
    for code, text in notes.items():
        Dataset.objects.filter(code=code).exclude(notes=text).update(notes=text)
    # The school list's own date (the WFS answer's timeStamp) is the Stand of the count.
    stand = datetime.fromisoformat(schools["timeStamp"].replace("Z", "+00:00"))
    Dataset.objects.filter(code=SCHOOLS_CODE).exclude(stand=stand).update(stand=stand)
    berlin = berlin_area_csv()
    if berlin:
        _import(stdout, berlin, f"{BERLIN_AREA_CODE}.csv", BERLIN_AREA_MAPPING)
        _provenance(
            BERLIN_AREA_CODE,
            CC_BY_3_0_DE,
            "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin, "
            "Lebensweltlich orientierte Räume (LOR) 2021",
            "Land Berlin",
        )


# --- the derived tables, in bulk with pandas ---------------------------------------------------


def population_frame(data: bytes) -> pd.DataFrame:
    """The population file as numbers: one row per district, date, sex and AGE5 group."""
    text = data.decode("utf-8-sig")
    table = pd.read_csv(io.StringIO(text), sep=";", skiprows=1, dtype={"DISTRICT_CODE": str})
    table["total"] = table[NATIONALITIES].sum(axis=1)
    table["foreign"] = table[FOREIGN].sum(axis=1)
    table["gkz"] = table["DISTRICT_CODE"].str[:3] + "01"
    table["period"] = pd.to_datetime(table["REF_DATE"].astype(str)).dt.strftime("%Y-%m-%d")
    return table


def area_frame(data: bytes) -> pd.DataFrame:
    """Area (km²) per district and date from the density file (German number format)."""
    text = data.decode("utf-8-sig")
    table = pd.read_csv(io.StringIO(text), sep=";", skiprows=1, dtype=str)
    table = table[["DISTRICT_CODE", "REF_DATE", "AREA"]].dropna()
    table["gkz"] = np.where(
        table["DISTRICT_CODE"] == "90000", "90001", table["DISTRICT_CODE"].str[:3] + "01"
    )
    table["period"] = pd.to_datetime(table["REF_DATE"]).dt.strftime("%Y-%m-%d")
    table["value"] = table["AREA"].str.replace(".", "", regex=False).str.replace(",", ".")
    return table.assign(value=table["value"].astype(float))[["gkz", "period", "value"]]


def _with_vienna(frame: pd.DataFrame) -> pd.DataFrame:
    """Add Vienna as a whole (GKZ 90001), the sum of its districts."""
    whole = frame.drop(columns="gkz").groupby("period", as_index=False).sum()
    return pd.concat([frame, whole.assign(gkz="90001")], ignore_index=True)


def district_totals(population: pd.DataFrame) -> pd.DataFrame:
    """Per district (and Vienna) and date: the counts the indicators use."""
    age = population["AGE5"]
    parts = population.assign(
        female=np.where(population["SEX"] == 2, population["total"], 0),
        age_0_4=np.where(age == 1, population["total"], 0),
        age_5_9=np.where(age == 2, population["total"], 0),
        age_10_14=np.where(age == 3, population["total"], 0),
        age_65=np.where(age.isin(AGE5_65_PLUS), population["total"], 0),
    )
    columns = ["total", "female", "foreign", "age_0_4", "age_5_9", "age_10_14", "age_65"]
    sums = parts.groupby(["gkz", "period"], as_index=False)[columns].sum()
    return _with_vienna(sums).sort_values(["gkz", "period"], ignore_index=True)


def figures_csv(population: pd.DataFrame, area: pd.DataFrame) -> bytes:
    """The derived figures as a long CSV: GKZ;STICHTAG;MERKMAL;GES;WERT;QUALITAET."""
    sums = district_totals(population)
    previous = sums.groupby("gkz")["total"].shift(1)
    blocks = [
        ("BEVSTD", "", sums["total"], ""),
        ("BEVSTD", "GESW", sums["female"], ""),
        ("EW_GESAMT", "", sums["total"], ""),
        ("EW_WEIBLICH", "", sums["female"], ""),
        ("EW_AUSLAENDER", "", sums["foreign"], ""),
        ("EW_UNTER5", "", sums["age_0_4"], ""),
        ("EW_5_15", "", sums["age_5_9"] + sums["age_10_14"], ""),
        ("EW_UNTER6", "", sums["age_0_4"] + sums["age_5_9"] / 5, "s"),
        ("EW_6_15", "", sums["age_5_9"] * 4 / 5 + sums["age_10_14"], "s"),
        ("EW_65UNDMEHR", "", sums["age_65"], ""),
        ("BEVSTD_VORJAHR", "", previous, ""),
        ("BEVSTD_VERAENDERUNG", "", sums["total"] - previous, ""),
    ]
    frames = [
        pd.DataFrame(
            {"GKZ": sums["gkz"], "STICHTAG": sums["period"], "MERKMAL": measure, "GES": sex,
             "WERT": values, "QUALITAET": quality}
        )
        for measure, sex, values, quality in blocks
    ]  # fmt: skip
    frames.append(
        pd.DataFrame(
            {"GKZ": area["gkz"], "STICHTAG": area["period"], "MERKMAL": "FLAECHE_KM2", "GES": "",
             "WERT": area["value"], "QUALITAET": ""}
        )
    )  # fmt: skip
    table = pd.concat(frames, ignore_index=True).dropna(subset=["WERT"])
    return _csv(table.sort_values(["MERKMAL", "GES", "GKZ", "STICHTAG"], ignore_index=True))


def schools_csv(schools: dict, population: pd.DataFrame) -> bytes:
    """School locations per district (total and by public/private) in the school year of the
    file's date, beside the population aged 5–14 on 1 January of that school year."""
    stand = date.fromisoformat(schools["timeStamp"][:10])
    start = stand.year if stand.month >= 9 else stand.year - 1
    school_year = f"{start}/{(start + 1) % 100:02d}"
    props = pd.DataFrame([f["properties"] for f in schools["features"]])
    number = props["ADRESSE"].str.extract(r"^\s*(\d{1,2})\.", expand=False).astype(int)
    props["gkz"] = "9" + number.map("{:02d}".format) + "01"
    props["traeger"] = np.where(props["ART_TXT"].str.contains("(privat)", regex=False),
                                "PRIVAT", "OEFFENTLICH")  # fmt: skip
    total = props.groupby("gkz").size().rename("WERT").reset_index().assign(TRAEGER="")
    split = props.groupby(["gkz", "traeger"]).size().rename("WERT").reset_index()
    split = split.rename(columns={"traeger": "TRAEGER"})
    counts = pd.concat([total, split], ignore_index=True).assign(MERKMAL="SCHULSTANDORTE")
    january = f"{start + 1}-01-01"
    sums = district_totals(population)
    sums = sums[(sums["period"] == january) & (sums["gkz"] != "90001")]
    children = pd.DataFrame(
        {"gkz": sums["gkz"], "WERT": sums["age_5_9"] + sums["age_10_14"], "TRAEGER": "",
         "MERKMAL": "EW_5_15_SCHULJAHR"}
    )  # fmt: skip
    table = pd.concat([counts, children], ignore_index=True).rename(columns={"gkz": "GKZ"})
    table["SCHULJAHR"] = school_year
    table = table.sort_values(["MERKMAL", "TRAEGER", "GKZ"], ignore_index=True)
    return _csv(table[["GKZ", "SCHULJAHR", "MERKMAL", "TRAEGER", "WERT"]])


def berlin_area_csv() -> bytes:
    """Area of Berlin's planning areas (LOR 2021, from the places reference data) on the key
    date of the planning-area population, so density pairs with it."""
    rows = list(
        Territory.objects.filter(level=Level.PLANNING_AREA, scheme="lor", area_m2__isnull=False)
        .order_by("code")
        .values_list("code", "area_m2")
    )
    if not rows:
        return b""
    table = pd.DataFrame(rows, columns=["PLR", "FLAECHE_KM2"])
    table["FLAECHE_KM2"] = (table["FLAECHE_KM2"] / 1e6).round(6)
    return _csv(table)


def _csv(table: pd.DataFrame) -> bytes:
    """`;`-separated with a decimal point; numbers without needless decimals, so the bytes
    (and with them the import's checksum) are the same on every run."""
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]):
            out[column] = [_number(v) for v in out[column].to_numpy(float)]
    return out.to_csv(sep=";", index=False, lineterminator="\n").encode("utf-8")


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return repr(round(float(value), 6))


FIGURES_MAPPING = {
    "region_key": "GKZ",
    "region_variable": "GKZ",
    "period": "STICHTAG",
    "value": "WERT",
    "measure": "MERKMAL",
    "dimensions": {"GES": "GES"},
    "quality": "QUALITAET",
    "decimal": ".",
    "measure_labels": MEASURE_LABELS,
    "units": {"BEVSTD": "Anzahl"},
    "dataset_code": FIGURES_CODE,
    "title": "Bevölkerung der Wiener Bezirke: Kennzahlen zu Jahresbeginn seit 2002",
    "source": SOURCE,
    "licence": CC_BY_4_0.name,
}
SCHOOLS_MAPPING = {
    "region_key": "GKZ",
    "region_variable": "GKZ",
    "period": "SCHULJAHR",
    "value": "WERT",
    "measure": "MERKMAL",
    "dimensions": {"TRAEGER": "TRAEGER"},
    "decimal": ".",
    "measure_labels": MEASURE_LABELS,
    "dataset_code": SCHOOLS_CODE,
    "title": "Schulstandorte in den Wiener Bezirken",
    "source": SOURCE,
    "licence": CC_BY_4_0.name,
}
BERLIN_AREA_MAPPING = {
    "region_key": "PLR",
    "region_variable": "PLR",
    "key_pattern": r"\d{8}",
    "region_key_width": 8,
    "fixed_period": "2022-06-30",
    "measures": {"FLAECHE_KM2": "FLAECHE_KM2"},
    "decimal": ".",
    "measure_labels": MEASURE_LABELS,
    "dataset_code": BERLIN_AREA_CODE,
    "title": "Fläche der Berliner Planungsräume (LOR 2021) zum 30.06.2022",
    "source": "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin",
    "licence": CC_BY_3_0_DE.name,
}


# --- import and provenance ---------------------------------------------------------------------


def _import(stdout, data: bytes, filename: str, mapping: dict | None) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if ImportLog.objects.filter(sha256=digest, status=ImportLog.Status.SUCCEEDED).exists():
        return
    log = observations_import(data=data, filename=filename, mapping=mapping)
    stdout.write(
        f"  {log.filename}: {log.get_status_display()}, {log.rows_created} new, "
        f"{log.rows_updated} changed, {log.rows_unchanged} unchanged"
    )
    if log.status == ImportLog.Status.FAILED:
        raise RuntimeError(f"demo import failed: {log.errors[:3]}")


def _provenance(code: str, licence, source: str, publisher: str) -> None:
    """What the portal states and the files do not: source, publisher, licence."""
    if not Dataset.objects.filter(code=code).exists():
        return
    upsert(
        Dataset,
        {"code": code},
        {
            "source": source,
            "publisher": publisher,
            "licence": licence.name,
            "licence_url": licence.url,
            "licence_iri": licence.dcat,
            "is_demo": True,
        },
    )
