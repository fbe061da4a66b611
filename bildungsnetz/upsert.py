"""Idempotent writes for loaders: save only what changed, so a second run writes nothing
(and so leaves no new history records)."""

from __future__ import annotations

from django.db import models


def upsert(model: type[models.Model], lookup: dict, values: dict):
    """Return (obj, created, changed_fields) for the row matching `lookup`."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj, True, list(values)
    changed = [k for k, v in values.items() if _current(obj, k) != _plain(v)]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save()
    return obj, False, changed


def set_m2m(manager, items) -> bool:
    """Set a many-to-many relation only when it differs (avoids m2m signals and history)."""
    wanted = {item.pk for item in items}
    current = set(manager.values_list("pk", flat=True))
    if wanted != current:
        manager.set(list(items))
        return True
    return False


def _current(obj, key):
    field = obj._meta.get_field(key) if not key.endswith("_id") else None
    if field is not None and field.is_relation:
        return getattr(obj, field.attname)
    return getattr(obj, key)


def _plain(value):
    return value.pk if isinstance(value, models.Model) else value
