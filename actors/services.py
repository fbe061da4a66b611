"""What the system does with organisations and people."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from bildungsnetz.text import sanitize_html, unique_slug
from bildungsnetz.upsert import upsert

from .models import Language, Organisation, TargetGroup, Topic

TAXONOMIES = Path(__file__).resolve().parent / "data" / "taxonomies.json"


@transaction.atomic
def organisation_create(*, data: dict, topics=(), languages=(), target_groups=()) -> Organisation:
    data = dict(data)
    for field in ("description", "description_de", "description_en"):
        if field in data:
            data[field] = sanitize_html(data[field])
    data.setdefault("slug", unique_slug(Organisation, data.get("name_de") or data["name"]))
    organisation = Organisation(**data)
    organisation.full_clean()
    organisation.save()
    organisation.topics.set(topics)
    organisation.languages.set(languages)
    organisation.target_groups.set(target_groups)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    data: dict,
    m2m: dict | None = None,
    expected: Expected | None = None,
):
    data = {
        field: sanitize_html(value) if field.startswith("description") else value
        for field, value in data.items()
    }
    model_update(instance=organisation, data=data, m2m=m2m, expected=expected)
    return organisation


@transaction.atomic
def organisation_register(*, user, data: dict, topics=()) -> Organisation:
    """A user registers an organisation: saved not public and unverified until a coordinator
    of its seat verifies it (`organisation_verify`)."""
    data = {
        **data,
        "is_public": False,
        "verified": False,
        "registered_by": user,
        "registered_at": timezone.now(),
    }
    return organisation_create(data=data, topics=topics)


@transaction.atomic
def organisation_verify(*, organisation: Organisation) -> Organisation:
    """The coordinator confirms the registration: the organisation becomes public."""
    model_update(
        instance=organisation,
        data={"verified": True, "is_public": True, "rejected_at": None, "rejection_reason": ""},
    )
    return organisation


@transaction.atomic
def organisation_reject(*, organisation: Organisation, reason: str) -> Organisation:
    """The coordinator turns the registration down, with a reason; it stays hidden."""
    model_update(
        instance=organisation,
        data={"rejected_at": timezone.now(), "rejection_reason": reason, "is_public": False},
    )
    return organisation


def organisation_duplicates(*, name: str, seat_id: int | None, website: str, exclude_pk=None):
    """Organisations that are probably the same: same name in the same place, or same website."""
    condition = Q(pk__in=[])
    if name and seat_id:
        condition |= Q(name_de__iexact=name.strip(), seat_id=seat_id)
    if website:
        condition |= Q(website__iexact=website.strip().rstrip("/")) | Q(
            website__iexact=website.strip().rstrip("/") + "/"
        )
    return Organisation.objects.filter(condition).exclude(pk=exclude_pk)


@transaction.atomic
def taxonomies_load() -> None:
    """Seed topics, target groups and languages from the shipped vocabulary (idempotent)."""
    data = json.loads(TAXONOMIES.read_text(encoding="utf-8"))
    for model, key, rows in [
        (Topic, "slug", data["topics"]),
        (TargetGroup, "slug", data["target_groups"]),
        (Language, "code", data["languages"]),
    ]:
        for ident, name_de, name_en in rows:
            upsert(model, {key: ident}, {"name_de": name_de, "name_en": name_en})
