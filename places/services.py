"""What the system does with territories: loading reference data, keeping paths, lookups."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .keys import normalise_key, split_key
from .models import Level, Territory

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    keys: list[str] = field(default_factory=list)


def territory_upsert(
    *,
    scheme: str,
    code: str,
    name: str,
    level: str,
    country: str,
    parent: Territory | None = None,
    report: LoadReport | None = None,
    **extra,
) -> Territory:
    """Create or update a territory identified by its official key (idempotent)."""
    code = normalise_key(scheme, code)
    # Set the German column explicitly: `name` alone would follow the active language.
    values = {"level": level, "country": country, "parent": parent, "name_de": name, **extra}
    values.setdefault("name_en", name)
    territory = Territory.objects.filter(scheme=scheme, code=code).first()
    if territory is None:
        territory = Territory(scheme=scheme, code=code, **values)
        territory.full_clean(exclude=["path"])
        territory.save()
        outcome = "created"
    else:
        changed = [k for k, v in values.items() if getattr(territory, k) != v]
        if changed:
            for key in changed:
                setattr(territory, key, values[key])
            territory.save(update_fields=changed)
        outcome = "updated" if changed else "unchanged"
    new_path = territory.compute_path()
    if territory.path != new_path:
        territory.path = new_path
        territory.save(update_fields=["path"])
    if report is not None:
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.keys.append(territory.key)
    return territory


def territories_rebuild_paths() -> int:
    """Recompute every materialised path top-down (after bulk moves); returns rows changed."""
    changed = 0
    with transaction.atomic():
        by_parent: dict[int | None, list[Territory]] = {}
        for territory in Territory.objects.only("id", "parent_id", "path"):
            by_parent.setdefault(territory.parent_id, []).append(territory)
        stack = [(t, "") for t in by_parent.get(None, [])]
        dirty = []
        while stack:
            territory, prefix = stack.pop()
            path = f"{prefix}/{territory.pk}"
            if territory.path != path:
                territory.path = path
                dirty.append(territory)
            stack.extend((child, path) for child in by_parent.get(territory.pk, []))
        Territory.objects.bulk_update(dirty, ["path"], batch_size=500)
        changed = len(dirty)
    return changed


@transaction.atomic
def territories_sync(
    items: list[dict], *, report: LoadReport | None = None
) -> dict[str, Territory]:
    """Bulk create or update territories given as dicts with `scheme`, `code`, `parent` (a key
    string or None) and field values; parents must come before children. Idempotent."""
    report = report or LoadReport()
    for item in items:
        item["code"] = normalise_key(item["scheme"], item["code"])
    wanted_keys = {(i["scheme"], i["code"]) for i in items}
    wanted_keys |= {split_key(i["parent"]) for i in items if i.get("parent")}
    existing = {
        (t.scheme, t.code): t
        for t in Territory.objects.filter(code__in={code for _s, code in wanted_keys})
    }
    # Create level by level so parents have primary keys before children reference them.
    pending = list(items)
    while pending:
        ready = [i for i in pending if not i.get("parent") or _key(i["parent"]) in existing]
        if not ready:
            missing = sorted({i["parent"] for i in pending})
            raise ValueError(f"unknown parent territories: {', '.join(missing[:5])}")
        pending = [i for i in pending if i not in ready]
        new, dirty, dirty_fields = [], [], set()
        for item in ready:
            values = {k: v for k, v in item.items() if k not in ("scheme", "code", "parent")}
            values["parent"] = existing[_key(item["parent"])] if item.get("parent") else None
            values.setdefault("name_en", values["name_de"])
            current = existing.get((item["scheme"], item["code"]))
            if current is None:
                territory = Territory(scheme=item["scheme"], code=item["code"], **values)
                new.append(territory)
                report.created += 1
                continue
            changed = [k for k, v in values.items() if _value(current, k) != _plain(v)]
            for key in changed:
                setattr(current, key, values[key])
            if changed:
                dirty.append(current)
                dirty_fields.update(changed)
                report.updated += 1
            else:
                report.unchanged += 1
        for territory in Territory.objects.bulk_create(new, batch_size=500):
            existing[(territory.scheme, territory.code)] = territory
        if dirty:
            Territory.objects.bulk_update(dirty, sorted(dirty_fields), batch_size=500)
    territories_rebuild_paths()
    report.keys.extend(f"{i['scheme']}:{i['code']}" for i in items)
    return {f"{s}:{c}": t for (s, c), t in existing.items()}


def _key(key: str) -> tuple[str, str]:
    scheme, code = split_key(key)
    return scheme, code


def _value(territory: Territory, key: str):
    if key == "parent":
        return territory.parent_id
    return getattr(territory, key)


def _plain(value):
    return value.pk if isinstance(value, Territory) else value


@transaction.atomic
def territories_load_reference(*, report: LoadReport | None = None) -> LoadReport:
    """Load the shipped reference territories; running it twice changes nothing."""
    report = report or LoadReport()
    data = json.loads((DATA_DIR / "territories.json").read_text(encoding="utf-8"))
    items = []
    for item in data["territories"]:
        item = dict(item)
        item["name_de"] = item.pop("name")
        items.append(item)
    vienna = json.loads((DATA_DIR / "wien_bezirke.json").read_text(encoding="utf-8"))
    shapes = {entry["code"]: entry for entry in vienna["districts"]}
    for number, name in enumerate(data["vienna_districts"], start=1):
        code = f"9{number:02d}01"
        item = {
            "scheme": "gkz",
            "code": code,
            "name_de": f"{number}. {name}",
            "level": Level.DISTRICT,
            "country": "AT",
            "parent": "gkz:90001",
            "lau": f"AT:{code}",
        }
        for extra in ("boundary", "area_m2"):
            if extra in shapes.get(code, {}):
                item[extra] = shapes[code][extra]
        items.append(item)
    lor = json.loads((DATA_DIR / "berlin_lor.json").read_text(encoding="utf-8"))
    levels = [
        ("boroughs", Level.DISTRICT),
        ("forecast_areas", Level.FORECAST_AREA),
        ("district_regions", Level.DISTRICT_REGION),
        ("planning_areas", Level.PLANNING_AREA),
    ]
    for group, level in levels:
        for entry in lor[group]:
            item = {
                "scheme": "lor",
                "code": entry["code"],
                "name_de": entry["name"],
                "level": level,
                "country": "DE",
                "parent": f"lor:{entry['parent']}" if "parent" in entry else "ags:11000000",
            }
            for extra in ("boundary", "area_m2"):
                if extra in entry:
                    item[extra] = entry[extra]
            items.append(item)
    territories_sync(items, report=report)
    return report


def territory_for_statistics_key(key: str) -> Territory | None:
    """Resolve a regional key from official statistics (AGS of any length, or GKZ).

    GENESIS reports county-free cities under their 5-digit county key (Erfurt = 16051), while
    the platform identifies the city by its 8-digit AGS (16051000).
    """
    scheme, code = split_key(key)
    found = Territory.objects.filter(scheme=scheme, code=code).first()
    if found is None and scheme == "ags" and len(code) == 5:
        found = Territory.objects.filter(scheme="ags", code=code + "000", county_free=True).first()
    return found
