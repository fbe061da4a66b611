"""Demo content of the source documents for organisations and people (idempotent)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from bildungsnetz.upsert import set_m2m, upsert
from places.models import Territory
from places.services import territories_load_reference

from . import opendata
from .models import Language, Organisation, Person, Role, Topic
from .services import taxonomies_load

DATA = Path(__file__).resolve().parent / "data"


def load(stdout=None) -> None:
    territories_load_reference()
    taxonomies_load()
    data = json.loads((DATA / "demo_organisations.json").read_text(encoding="utf-8"))
    topics = {t.slug: t for t in Topic.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    by_slug: dict[str, Organisation] = {}
    for item in data["organisations"]:
        seat = Territory.objects.get_by_key(item["seat"])
        values = {
            "name_de": item["name"],
            "name_en": item.get("name_en", item["name"]),
            "short_name": item.get("short_name", ""),
            "kind": item["kind"],
            "seat": seat,
            "parent": by_slug.get(item.get("parent", "")),
            "website": item.get("website", ""),
            "locality": seat.name_de,
            "description_de": item.get("description", ""),
            "description_en": item.get("description_en", ""),
            "verified": True,
            "is_public": True,
            "is_demo": True,
        }
        organisation, _created, _changed = upsert(Organisation, {"slug": item["slug"]}, values)
        set_m2m(organisation.topics, [topics[s] for s in item.get("topics", [])])
        set_m2m(organisation.languages, [languages[c] for c in item.get("languages", [])])
        by_slug[item["slug"]] = organisation
    for item in data["people"]:
        person, _created, _changed = upsert(
            Person,
            {"given_name": item["given_name"], "family_name": item["family_name"], "is_demo": True},
            {"honorific": item.get("honorific", "")},
        )
        for role in item["roles"]:
            upsert(
                Role,
                {
                    "person": person,
                    "organisation": by_slug[role["organisation"]],
                    "function_de": role["function"],
                },
                {
                    "function_en": role.get("function_en", role["function"]),
                    "is_contact": role.get("is_contact", False),
                    "is_public": True,
                    "is_demo": True,
                },
            )
    if stdout:
        stdout.write(
            f"  {Organisation.objects.filter(is_demo=True).count()} organisations, "
            f"{Person.objects.filter(is_demo=True).count()} people"
        )
    # The real open data of Leipzig and Bochum (not demo content; see actors.opendata).
    if settings.DEMO_OPEN_DATA:
        opendata.load(stdout)
