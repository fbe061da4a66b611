"""Regional keys of statistics tables → territories in `places`.

GENESIS keys: `DG` Germany, 2 digits Land, 3 Regierungsbezirk/statistical region, 5 Kreis or
county-free city (Erfurt = 16051, stored as the city AGS 16051000), 8 Gemeinde, 9
Gemeindeverband, 12 ARS. Vienna OGD (MA 23): `90000` Vienna, `9BB00` district BB (GKZ 9BB01),
`9BBZZ` Zählbezirk. Statistik Austria tables read through a mapping with the regional variable
`GKZ`: 1 digit Bundesland, 3 political district, 5 municipality (Vienna's districts 9BB01).
A well-formed key not yet known becomes a new territory (named after the label in the file,
parent found by key prefix); a malformed key is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from places.keys import split_key
from places.models import Level, Territory
from places.services import territories_sync

GERMAN_KEY = re.compile(r"DG|\d{2}|\d{3}|\d{5}|\d{8}|\d{9}|\d{12}")
VIENNA_KEY = re.compile(r"9\d{4}")
NUTS_KEY = re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}")
LOR_KEY = re.compile(r"\d{8}")
GKZ_KEY = re.compile(r"\d|\d{3}|\d{5}")
_CITY_WORDS = re.compile(r"stadt", re.IGNORECASE)
_COUNTY_WORDS = re.compile(r"landkreis|^kreis$|regionalverband|region\b", re.IGNORECASE)


@dataclass
class Resolution:
    """Territory ids per source key, the territories to create, and the malformed keys."""

    ids: dict[str, int]
    new: list[dict]
    malformed: list[str]


def _candidates(scheme: str, key: str) -> list[tuple[str, str]]:
    """(scheme, code) pairs a source key may be stored under, best first."""
    if scheme in ("lor", "gkz"):
        return [(scheme, key)]
    if scheme == "nuts":
        return [("nuts", key), ("iso", key)]
    if scheme == "wien":
        if key == "90000":
            return [("gkz", "90001")]
        if key.endswith("00"):
            return [("gkz", key[:3] + "01")]
        return [("local", f"AT:wien-zb-{key}")]
    if key == "DG":
        return [("iso", "DE")]
    if len(key) == 12:
        # ARS LL R KK VVVV GGG → AGS LL R KK GGG
        return [("ags", key[:5] + key[9:]), ("ars", key)]
    if len(key) == 9:
        return [("ars", key)]
    pairs = [("ags", key)]
    if len(key) == 5:
        pairs.append(("ags", key + "000"))  # county-free city: GENESIS county key → city AGS
    return pairs


def key_scheme(fmt: str, region_variable: str | None) -> str:
    if region_variable == "GKZ":
        return "gkz"
    if fmt == "ogd_wien":
        return "nuts" if region_variable == "NUTS" else "wien"
    if region_variable in ("LOR", "PLR"):
        return "lor"
    return "ags"


def is_well_formed(scheme: str, key: str) -> bool:
    pattern = {
        "ags": GERMAN_KEY, "wien": VIENNA_KEY, "nuts": NUTS_KEY, "lor": LOR_KEY, "gkz": GKZ_KEY,
    }[scheme]  # fmt: skip
    return bool(pattern.fullmatch(key))


def resolve_keys(keys: pd.DataFrame, *, scheme: str, default_key: str) -> Resolution:
    """Map the distinct `region_key`/`region_label` pairs of a table to territory ids.

    `keys` has one row per distinct key. Rows without a key (tables without a regional
    variable) map to `default_key` (iso:DE for German tables).
    """
    ids: dict[str, int] = {}
    malformed: list[str] = []
    labels = dict(zip(keys["region_key"], keys["region_label"], strict=True))
    wanted: dict[str, list[tuple[str, str]]] = {}
    for key in labels:
        if key is None or key == "" or pd.isna(key):
            wanted[""] = [split_key(default_key)]
        elif not is_well_formed(scheme, key):
            malformed.append(key)
        else:
            wanted[key] = _candidates(scheme, key)
    codes = {code for pairs in wanted.values() for _s, code in pairs}
    known = {
        (scheme_, code): (pk, county_free)
        for pk, scheme_, code, county_free in Territory.objects.filter(code__in=codes).values_list(
            "pk", "scheme", "code", "county_free"
        )
    }
    missing = []
    for key, pairs in wanted.items():
        for i, pair in enumerate(pairs):
            found = known.get(pair)
            # The 8-digit form of a 5-digit key only counts for a county-free city.
            if found and (i == 0 or pair[0] != "ags" or found[1]):
                ids[key] = found[0]
                break
        else:
            missing.append(key)
    new = [_new_territory(scheme, key, labels.get(key) or key) for key in sorted(missing, key=len)]
    new = [item for item in new if item is not None]
    return Resolution(ids=ids, new=new, malformed=malformed)


def create_territories(new: list[dict]) -> dict[str, int]:
    """Create the territories `resolve_keys` found missing; returns source key → id."""
    if not new:
        return {}
    parents = _parents(new)
    items = []
    for item in new:
        data = {k: v for k, v in item.items() if not k.startswith("_")}
        data["parent"] = parents.get(item["_source_key"])
        items.append(data)
    created = territories_sync(items)
    return {item["_source_key"]: created[f"{item['scheme']}:{item['code']}"].pk for item in new}


def _new_territory(scheme: str, key: str, label: str) -> dict | None:
    label = str(label).strip() or key
    if scheme == "ags":
        if key == "DG":
            return None
        length = len(key)
        if length == 2:
            item = {"scheme": "ags", "code": key, "level": Level.STATE, "name_de": label}
        elif length == 3:
            item = {"scheme": "ags", "code": key, "level": Level.REGION, "name_de": label}
        elif length == 5:
            last = label.rsplit(",", 1)[-1].strip() if "," in label else ""
            if last and _CITY_WORDS.search(last) and not _COUNTY_WORDS.search(last):
                name = label.split(",", 1)[0].strip()
                item = {
                    "scheme": "ags",
                    "code": key + "000",
                    "level": Level.CITY,
                    "county_free": True,
                    "name_de": name,
                }
            else:
                item = {"scheme": "ags", "code": key, "level": Level.COUNTY, "name_de": label}
        elif length == 8:
            item = {"scheme": "ags", "code": key, "level": Level.MUNICIPALITY, "name_de": label}
        elif length == 12:
            code = key[:5] + key[9:]
            item = {"scheme": "ags", "code": code, "level": Level.MUNICIPALITY, "name_de": label}
            item["ars"] = key
        else:
            item = {"scheme": "ars", "code": key, "level": Level.MUNICIPALITY, "name_de": label}
        item["country"] = "DE"
    elif scheme == "wien":
        if key.endswith("00"):
            item = {"scheme": "gkz", "code": key[:3] + "01", "level": Level.DISTRICT}
        else:
            item = {"scheme": "local", "code": f"AT:wien-zb-{key}", "level": Level.DISTRICT_REGION}
        item.update(country="AT", name_de=label)
    elif scheme == "gkz":
        level = {1: Level.STATE, 3: Level.COUNTY}.get(len(key), Level.MUNICIPALITY)
        if key.startswith("9") and len(key) == 5:
            level = Level.DISTRICT if key != "90001" else Level.CITY
        item = {"scheme": "gkz", "code": key, "level": level, "country": "AT", "name_de": label}
    elif scheme == "lor":
        item = {"scheme": "lor", "code": key, "level": Level.PLANNING_AREA, "name_de": label}
        item["country"] = "DE"
    else:
        item = {"scheme": "nuts", "code": key, "level": Level.REGION, "name_de": label}
        item["country"] = key[:2]
    item["_source_key"] = key
    return item


def _parents(new: list[dict]) -> dict[str, str | None]:
    """Parent key (scheme:code) per source key, by key prefix: new ones first, then stored."""
    planned = {item["_source_key"]: f"{item['scheme']}:{item['code']}" for item in new}
    options_by_key: dict[str, list[str]] = {}
    for item in new:
        key = item["_source_key"]
        scheme = item["scheme"]
        options: list[str] = []
        if scheme in ("ags", "ars"):
            for length in (9, 5, 3, 2):
                if len(key) > length:
                    prefix = key[:length]
                    options += [f"src:{prefix}", f"ags:{prefix}"]
                    if length == 5:
                        options.append(f"ags:{prefix}000")
                    if length == 2:
                        options.insert(-2, f"ags:{prefix}000000")  # city-states: Berlin, Hamburg
            options.append("iso:DE")
        elif scheme == "gkz" and not key.startswith("9"):
            options = [f"src:{key[:3]}", f"gkz:{key[:3]}", f"gkz:{key[:1]}", "iso:AT"]
        elif scheme in ("gkz", "local") and item["country"] == "AT":
            options = [f"src:{key[:3]}00", f"gkz:{key[:3]}01", "gkz:90001", "iso:AT"]
        elif scheme == "lor":
            options = [f"lor:{key[:6]}", f"lor:{key[:4]}", f"lor:{key[:2]}", "ags:11000000"]
        else:
            options = [f"nuts:{key[:-1]}"] if len(key) > 2 else []
            options.append(f"iso:{key[:2]}")
        resolved = []
        for option in options:
            if option.startswith("src:"):
                if option[4:] in planned:
                    resolved.append(planned[option[4:]])
            else:
                resolved.append(option)
        options_by_key[key] = [r for r in resolved if r != planned[key]]
    codes = {split_key(o)[1] for options in options_by_key.values() for o in options}
    known = {
        f"{s}:{c}"
        for s, c in Territory.objects.filter(code__in=codes).values_list("scheme", "code")
    }
    known |= set(planned.values())
    return {
        key: next((o for o in options if o in known), None)
        for key, options in options_by_key.items()
    }
