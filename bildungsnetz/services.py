"""The one way a service changes a stored object: `model_update`.

In the style of HackSoftware's Django-Styleguide `model_update`: the service hands over the new
values, `model_update` sets only those that differ, validates the whole object with
`full_clean()` (so the model's `clean()` holds every invariant, whoever writes) and saves.
Nothing changed means nothing written: no `updated` bump, no history record.

It saves with a plain `save()`, not `update_fields`: simple-history, modeltranslation (which
keeps `title` in step with `title_de`) and `auto_now` then behave exactly as for any other save,
and values a service derived on the instance itself are not lost.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from .concurrency import Expected, ensure_current

M = TypeVar("M", bound=models.Model)


def _differs(field: models.Field, current, value) -> bool:
    if isinstance(field, models.FileField):
        # An unchanged file comes back as the stored FieldFile; anything else (an upload, a
        # cleared field) is a change unless both are empty.
        if not value and not current:
            return False
        return not (isinstance(value, models.fields.files.FieldFile) and value.name == current.name)
    if field.is_relation:
        return current != (value.pk if isinstance(value, models.Model) else value)
    return current != value


def _m2m_differs(manager, values) -> bool:
    wanted = {item.pk if isinstance(item, models.Model) else item for item in values}
    return wanted != set(manager.values_list("pk", flat=True))


def _validate(instance: models.Model, m2m: dict) -> None:
    """`full_clean()`, and `clean_<relation>(items)` of the model for each relation given:
    the model's rule for a many-to-many relation, which `clean()` cannot see before it is set.
    All errors come together, each on its field."""
    errors: dict = {}
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    for name, items in m2m.items():
        check = getattr(instance, f"clean_{name}", None)
        if check is None or hasattr(models.Model, f"clean_{name}"):  # not clean_fields()
            continue
        try:
            check(items)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.error_list)
    if errors:
        raise ValidationError(errors)


def model_update(
    *,
    instance: M,
    data: dict,
    m2m: dict | None = None,
    expected: Expected | None = None,
) -> tuple[M, list[str]]:
    """Set `data` (field name → value) and `m2m` (relation name → items) on `instance`.

    Call it inside the service's `transaction.atomic`. With `expected` the stored row is locked
    and checked first (`ensure_current`: `EditConflict` when someone else saved meanwhile).
    Returns the instance and the names of the fields that changed, in the order given; an
    unsaved instance is validated and saved with all its values. `full_clean()` (and the
    model's `clean_<relation>(items)` for each relation given) runs before anything is
    written: a `ValidationError` leaves the database as it was.
    """
    stored = ensure_current(instance, expected)
    data = dict(data)
    m2m = dict(m2m or {})
    opts = instance._meta
    for name in list(data):
        field = opts.get_field(name)  # FieldDoesNotExist for a name the model lacks
        if field.many_to_many:
            m2m[name] = data.pop(name)
    adding = instance._state.adding or instance.pk is None
    if stored is None and not adding:
        # Compared with the stored row, not the instance: a ModelForm has already put its
        # input onto the instance it edits.
        stored = type(instance)._base_manager.get(pk=instance.pk)
    changed = []
    for name, value in data.items():
        field = opts.get_field(name)
        if adding or _differs(field, getattr(stored, field.attname), value):
            changed.append(name)
        setattr(instance, name, value)
    changed_m2m = [
        name
        for name, values in m2m.items()
        if adding or _m2m_differs(getattr(instance, name), values)
    ]
    if not (adding or changed or changed_m2m):
        return instance, []
    _validate(instance, m2m)
    instance.save()
    for name in changed_m2m:
        getattr(instance, name).set(m2m[name])
    return instance, changed + changed_m2m
