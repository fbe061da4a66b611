"""The audit trail of any model with django-simple-history: listing with diffs, and revert."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from bildungsnetz.access import require

# Never shown in a diff: bookkeeping, not content.
HIDDEN_FIELDS = {"updated", "created", "path"}
# Shown instead of a value the user may not see on the object's own page.
MASKED = _("(hidden)")


# --- Field visibility -----------------------------------------------------------------------
# History and revert show a field only if the object's own page would show it to the user.
# A model whose fields have per-user visibility registers its rule (the one its page and API
# use), e.g. accounts/rules.py: register_field_visibility(Person, person_hidden_fields, …).
@dataclass(frozen=True)
class FieldVisibility:
    # (obj, user, states) -> names of fields the user may not see; `states` are history
    # records of the object, whose own visibility settings count too.
    hidden_fields: Callable
    # (obj, user) -> what to call the object in the history's title
    label: Callable | None = None


_FIELD_VISIBILITY: dict[type, FieldVisibility] = {}


def register_field_visibility(model, hidden_fields, label=None) -> None:
    _FIELD_VISIBILITY[model] = FieldVisibility(hidden_fields, label)


def _visibility(model) -> FieldVisibility | None:
    for cls in model.__mro__:
        if cls in _FIELD_VISIBILITY:
            return _FIELD_VISIBILITY[cls]
    return None


def hidden_fields(obj, user, states=()) -> set[str]:
    visibility = _visibility(type(obj))
    if visibility is None:
        return set()
    return set(visibility.hidden_fields(obj, user, list(states)))


def object_label(obj, user) -> str:
    visibility = _visibility(type(obj))
    if visibility is not None and visibility.label is not None:
        return str(visibility.label(obj, user))
    return str(obj)


# --- Lifecycles ----------------------------------------------------------------------------
# A field that changes only through recorded steps (an agreement's status, a placement's state)
# is never written back by a revert: restoring an earlier text must not move an agreement "in
# force" back to "draft" behind its status log. The app registers the field in its AppConfig.
_LIFECYCLE_FIELDS: dict[type, tuple[str, ...]] = {}


def register_lifecycle(model, *fields: str) -> None:
    _LIFECYCLE_FIELDS[model] = tuple(fields)


def lifecycle_fields(model) -> tuple[str, ...]:
    for cls in model.__mro__:
        if cls in _LIFECYCLE_FIELDS:
            return _LIFECYCLE_FIELDS[cls]
    return ()


# --- Reasons --------------------------------------------------------------------------------
# Services store a reason as a short code; people read it through `reason_label`.
REVERT_REASON = "revert to {history_id}"
_REVERT_PATTERN = re.compile(r"^revert to (\d+)$")


def reason_label(record) -> str:
    """What a history record's reason says to a person, in the active language ("" if none)."""
    reason = (record.history_change_reason or "").strip()
    if not reason or reason == "None":
        return ""
    match = _REVERT_PATTERN.match(reason)
    if match is None:
        return reason
    restored = (
        type(record)
        .objects.filter(history_id=int(match.group(1)))
        .values_list("history_date", flat=True)
        .first()
    )
    if restored is None:
        return str(_("Restored an earlier version."))
    return str(_("Restored the version of %(date)s.")) % {
        "date": date_format(localtime(restored), "DATETIME_FORMAT")
    }


def _display(model_field, value):
    """A stored value as a person reads it: the label of a choice, Yes/No for a flag."""
    if value is None or model_field is None:
        return value
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if model_field.get_internal_type() == "BooleanField":
        return _("Yes") if value else _("No")
    return value


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object


@dataclass
class Entry:
    record: object
    changes: list[Change]

    @property
    def user(self):
        return self.record.history_user

    @property
    def date(self):
        return self.record.history_date

    @property
    def kind(self) -> str:
        return self.record.get_history_type_display()

    @property
    def reason(self) -> str:
        return reason_label(self.record)


def history_model(app_label: str, model_name: str):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc
    if not hasattr(model, "history") or model.__name__.startswith("Historical"):
        raise Http404
    return model


def history_object(model, pk: str):
    """The object behind a history URL; any id that is not one of the model's (`abc`) is 404."""
    try:
        key = model._meta.pk.to_python(pk)
    except ValidationError as exc:
        raise Http404 from exc
    try:
        return model._default_manager.get(pk=key)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _masked(change: Change, hidden: set[str]) -> Change:
    if change.field not in hidden:
        return change
    return Change(
        change.field,
        change.label,
        None if change.old is None else MASKED,
        None if change.new is None else MASKED,
    )


def history_entries(obj, *, user, limit: int = 200) -> list[Entry]:
    """Newest first; each entry lists the fields it changed against the record before it.

    Fields the user may not see on the object's page are masked in every version and diff.
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    hidden = hidden_fields(obj, user, records)
    model = type(obj)
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    fields = {f.name: f for f in model._meta.fields}
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            # Every tracked field, also those no form edits: an agreement's status moves by its
            # own steps, and a history that left it out would say "no field changed" there.
            # (simple-history's diff_against compares editable fields only.)
            for tracked in record.tracked_fields:
                if tracked.primary_key or tracked.name in HIDDEN_FIELDS:
                    continue
                old = getattr(previous, tracked.attname)
                new = getattr(record, tracked.attname)
                if old != new:
                    model_field = fields.get(tracked.name)
                    changes.append(
                        Change(
                            tracked.name,
                            labels.get(tracked.name, tracked.name),
                            _display(model_field, old),
                            _display(model_field, new),
                        )
                    )
        else:
            for field in model._meta.fields:
                if field.name in HIDDEN_FIELDS or field.primary_key:
                    continue
                value = getattr(record, field.attname, None)
                if value not in (None, ""):
                    changes.append(
                        Change(
                            field.name,
                            labels.get(field.name, field.name),
                            None,
                            _display(field, value),
                        )
                    )
        entries.append(Entry(record, [_masked(change, hidden) for change in changes]))
    return entries


def _change_perm(obj) -> str:
    meta = obj._meta
    return f"{meta.app_label}.change_{meta.model_name}"


class RevertNotAllowed(PermissionDenied):
    """The earlier state would put the object where the user may not change it (e.g. back
    into another city)."""


@dataclass
class Reverted:
    """What a revert did: the object as saved, and the lifecycle fields it left alone because
    the restored version held another value (label of the field, value kept)."""

    obj: object
    kept: list[tuple[str, object]] = field(default_factory=list)


@transaction.atomic
def history_revert(*, obj, history_id: int, user) -> Reverted:
    """Put the object back to the state of one historical record; this is a new change.

    Only plain fields are restored (many-to-many links are not part of the record), and only
    those the user may see: a value hidden from them is neither shown nor written back. A
    lifecycle field (see `register_lifecycle`) keeps its value: it moves only through its
    recorded steps. The user must be allowed to change and revert the object both as it is
    and as it would be.
    """
    require(user, _change_perm(obj), obj)
    require(user, "accounts.revert_history", obj)
    try:
        record = obj.history.get(history_id=history_id)
    except obj.history.model.DoesNotExist as exc:
        raise Http404 from exc
    model = type(obj)
    locked = model._base_manager.select_for_update().get(pk=obj.pk)
    invisible = hidden_fields(locked, user, [record])
    lifecycle = lifecycle_fields(model)
    in_history = {f.name for f in record.tracked_fields}  # excluded_fields have no old value
    kept = []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or model_field.name in HIDDEN_FIELDS:
            continue
        if model_field.name not in in_history:
            continue
        if model_field.name in invisible:
            continue
        restored = getattr(record, model_field.attname)
        if model_field.name in lifecycle:
            current = getattr(locked, model_field.attname)
            if restored != current:
                kept.append((str(model_field.verbose_name), _display(model_field, current)))
            continue
        if model_field.editable:
            setattr(locked, model_field.attname, restored)
    if not (
        user.has_perm(_change_perm(locked), locked)
        and user.has_perm("accounts.revert_history", locked)
    ):
        raise RevertNotAllowed
    locked._history_user = user
    locked._change_reason = REVERT_REASON.format(history_id=history_id)
    locked.full_clean(validate_unique=True)
    locked.save()
    return Reverted(locked, kept)
