"""Demo content of monitoring: the indicator catalogue, the three GENESIS tables, Berlin's
planning-area population, Vienna's districts (`demo_vienna`) and a peer group. Idempotent: a
second run changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bildungsnetz.upsert import set_m2m, upsert
from places.keys import split_key
from places.models import Territory

from . import demo_vienna
from .indicators import indicators_compute, indicators_load_catalogue
from .models import Dataset, ImportLog, PeerGroup
from .services import observations_import

DATA = Path(__file__).resolve().parent / "data"
GENESIS = [
    "12411-01-01-4_1773175772751_de_flat.csv",
    "21111-02-06-4.csv",
    "22541-01-01-4.csv",
]
BERLIN_FILE = DATA / "berlin" / "einwohnerbestand_06-2022_plr.csv"
BERLIN_CODE = "einwohnerbestand-plr-2022-06"
BERLIN_MAPPING = {
    "region_key": "PLR-ID",
    "fixed_period": "2022-06-30",
    "measures": {
        "Gesamt": "EW_GESAMT",
        "unter6": "EW_UNTER6",
        "6-15": "EW_6_15",
        "15-18": "EW_15_18",
        "18-27": "EW_18_27",
        "27-45": "EW_27_45",
        "45-55": "EW_45_55",
        "55-65": "EW_55_65",
        "65undmehr": "EW_65UNDMEHR",
        "weiblich": "EW_WEIBLICH",
        "ausländer": "EW_AUSLAENDER",
    },
    "measure_labels": {
        "EW_GESAMT": "Einwohnerinnen und Einwohner insgesamt",
        "EW_UNTER6": "Einwohner unter 6 Jahren",
        "EW_6_15": "Einwohner 6 bis unter 15 Jahre",
        "EW_15_18": "Einwohner 15 bis unter 18 Jahre",
        "EW_18_27": "Einwohner 18 bis unter 27 Jahre",
        "EW_27_45": "Einwohner 27 bis unter 45 Jahre",
        "EW_45_55": "Einwohner 45 bis unter 55 Jahre",
        "EW_55_65": "Einwohner 55 bis unter 65 Jahre",
        "EW_65UNDMEHR": "Einwohner 65 Jahre und älter",
        "EW_WEIBLICH": "Einwohnerinnen",
        "EW_AUSLAENDER": "Ausländerinnen und Ausländer",
    },
    "region_variable": "PLR",
    "key_pattern": r"\d{8}",
    "region_key_width": 8,
    "sep": ";",
    "decimal": ",",
    "dataset_code": BERLIN_CODE,
    "title": "Einwohnerbestand in den Berliner Planungsräumen am 30.06.2022",
    "source": "Amt für Statistik Berlin-Brandenburg",
    "licence": "Creative Commons Namensnennung 3.0 DE (CC BY 3.0 DE)",
}


def berlin_bytes() -> bytes:
    """The source marks suppressed small counts with an en dash, which means "secret" here
    (GENESIS "."), not the hyphen "-" of a true zero."""
    text = BERLIN_FILE.read_bytes().decode("utf-8-sig")
    return text.replace("\u2013", ".").encode("utf-8")


def _already_imported(data: bytes) -> bool:
    """A second demo run writes nothing, not even an import log."""
    digest = hashlib.sha256(data).hexdigest()
    return ImportLog.objects.filter(sha256=digest, status=ImportLog.Status.SUCCEEDED).exists()


def load(stdout) -> None:
    indicators_load_catalogue()
    for name in GENESIS:
        data = (DATA / "genesis" / name).read_bytes()
        if not _already_imported(data):
            _report(stdout, observations_import(data=data, filename=name))
    data = berlin_bytes()
    if not _already_imported(data):
        log = observations_import(data=data, filename=BERLIN_FILE.name, mapping=BERLIN_MAPPING)
        _report(stdout, log)
    Dataset.objects.filter(code__in=[*_codes(), BERLIN_CODE]).exclude(is_demo=True).update(
        is_demo=True
    )
    demo_vienna.load(stdout)
    indicators_compute()
    group, _c, _f = upsert(
        PeerGroup,
        {"slug": "partnerstaedte"},
        {
            "name": "Partnerstädte des Bildungsnetzes",
            "description": "Erfurt, Berlin, Wien, Leipzig, Dresden, Halle und Magdeburg.",
        },
    )
    keys = ["ags:16051000", "ags:11000000", "gkz:90001", "ags:14713000", "ags:14612000",
            "ags:15002000", "ags:15003000"]  # fmt: skip
    members = [t for key in keys for t in Territory.objects.by_key(*split_key(key))]
    set_m2m(group.territories, members)


def _codes() -> list[str]:
    return ["12411-01-01-4", "21111-02-06-4", "22541-01-01-4"]


def _report(stdout, log: ImportLog) -> None:
    stdout.write(
        f"  {log.filename}: {log.get_status_display()}, {log.rows_created} new, "
        f"{log.rows_updated} changed, {log.rows_unchanged} unchanged"
    )
    if log.status == ImportLog.Status.FAILED:
        raise RuntimeError(f"demo import failed: {log.errors[:3]}")
