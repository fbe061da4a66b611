"""Optimistic concurrency: an edit is saved only over the state its author started from.

Every edit form and every PATCH carries a version token of the object as it was loaded: a hash
of the values of the fields that edit can change (an edit form: its own fields; the API: all
editable fields, sent back as the `ETag`). The service, first thing inside its transaction and
with the row locked (`ensure_current`), compares the token with the stored state. When someone
else saved in between it raises `EditConflict` and writes nothing: the form re-renders with
what its author typed next to what is stored now (`VersionedFormMixin.mark_conflict`), the API
answers 412 Precondition Failed.

A hash rather than a version column: it needs no migration on every shared model, it notices
changes made by any path (admin, revert, imports), and a status transition by someone else
does not block an edit form that cannot overwrite the status anyway.

Without a token (an old page, an API client without If-Match) the edit is not checked.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TOKEN_FIELD = "edit_version"  # noqa: S105 (a form field name, no secret)
# Bookkeeping, never edited by a person: a change there is no conflict.
IGNORED_FIELDS = {"created", "updated"}


@dataclass(frozen=True)
class Expected:
    """The version an edit started from: accepted tokens, and the fields they cover."""

    tokens: tuple[str, ...]
    fields: tuple[str, ...] | None = None  # None: every tracked field (the API's ETag)


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    yours: str
    stored: str


class EditConflict(Exception):
    """The stored object is no longer the version the edit started from."""

    def __init__(self, stored, token: str, fields: tuple[str, ...] | None):
        super().__init__("The object was changed after this edit started.")
        self.stored = stored
        self.token = token
        self.fields = tuple(fields or tracked_fields(type(stored)))


def tracked_fields(model) -> list[str]:
    """The fields a person can edit; modeltranslation's language-dependent originals
    (`title` beside `title_de`) are left out, the per-language columns are kept."""
    concrete = {f.name for f in model._meta.concrete_fields}
    names = [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.editable
        and f.name not in IGNORED_FIELDS
        and f"{f.name}_de" not in concrete
    ]
    names += [f.name for f in model._meta.many_to_many if f.editable]
    return names


def _stored_value(obj, name: str):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        if obj.pk is None:
            return []
        return sorted(getattr(obj, name).values_list("pk", flat=True))
    value = getattr(obj, field.attname)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if value is None and isinstance(field, models.CharField | models.TextField):
        # An empty text is empty, stored as NULL (a missing translation) or as "" (what a form
        # saves): saving a form unchanged must not look like a change to a second editor.
        return ""
    return value


def version_token(obj, fields=None) -> str:
    names = sorted(fields or tracked_fields(type(obj)))
    payload = json.dumps([[name, _stored_value(obj, name)] for name in names], default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def etag(obj) -> str:
    return f'"{version_token(obj)}"'


def ensure_current(obj, expected: Expected | None):
    """Lock the stored row and refuse an edit that started from another version.

    Call it first inside the service's `transaction.atomic`. Returns the locked stored
    object (None when there is nothing to check).
    """
    if expected is None or not expected.tokens or obj.pk is None:
        return None
    stored = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    token = version_token(stored, expected.fields)
    if token not in expected.tokens:
        raise EditConflict(stored, token, expected.fields)
    return stored


# --- Showing a conflict ---------------------------------------------------------------------


def _display(field, value) -> str:
    if field.many_to_many:
        items = list(value or ())
        return ", ".join(str(item) for item in items) if items else "–"
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")  # Django's own catalogue: Ja, Nein
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or "–"
    if isinstance(value, models.Model):
        return str(value)
    return Truncator(strip_tags(str(value))).chars(400)


def _comparable(field, value):
    if field.many_to_many:
        return sorted(getattr(item, "pk", item) for item in (value or ()))
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return None if value == "" and field.null else value


def differences(conflict: EditConflict, yours: dict) -> list[Difference]:
    """Field by field where the author's input differs from what is stored now."""
    stored = conflict.stored
    result = []
    for name in conflict.fields:
        if name not in yours:
            continue
        field = stored._meta.get_field(name)
        now = getattr(stored, name).all() if field.many_to_many else getattr(stored, name)
        if _comparable(field, yours[name]) == _comparable(field, now):
            continue
        result.append(
            Difference(
                name, str(field.verbose_name), _display(field, yours[name]), _display(field, now)
            )
        )
    return result


CONFLICT_MESSAGE = gettext_lazy(
    "Someone else saved this entry after you opened it. Nothing of yours has been saved yet: "
    "compare your input with what is stored now. Save again to replace the stored values "
    "with your input, or reload the page to start from the stored version."
)


class VersionedFormMixin:
    """For a ModelForm that edits an object: a hidden version token, and the conflict view.

    Put it before `forms.ModelForm`. The view passes `form.expected_version` to the service and
    hands an `EditConflict` to `form.mark_conflict` (see `save_or_conflict`).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # {"differences": [...]} once an edit conflicted (a dict: truthy even when empty)
        self.conflict: dict | None = None
        self._version_token = ""  # nosec B105 - an empty form value, not a password
        self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk is not None:
            # Computed when rendered: subclasses still add, drop or disable fields after this.
            self.fields[TOKEN_FIELD].initial = lambda: version_token(
                self.instance, self.version_fields()
            )

    def version_fields(self) -> tuple[str, ...]:
        model_fields = set(tracked_fields(self._meta.model))
        return tuple(
            sorted(
                name
                for name, field in self.fields.items()
                if name in model_fields and not field.disabled
            )
        )

    def _post_clean(self):
        # The token is no model field: keep it out of cleaned_data, which views pass on.
        self._version_token = (self.cleaned_data.pop(TOKEN_FIELD, "") or "").strip()
        super()._post_clean()

    @property
    def expected_version(self) -> Expected | None:
        if not self._version_token or self.instance.pk is None:
            return None
        return Expected((self._version_token,), self.version_fields())

    def mark_conflict(self, conflict: EditConflict) -> None:
        """Keep the input, list what differs, and carry the stored version on: saving again
        is a decision taken with the differences in view."""
        yours = {
            name: self.cleaned_data[name] for name in conflict.fields if name in self.cleaned_data
        }
        self.conflict = {"differences": differences(conflict, yours)}
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN_FIELD)] = conflict.token
        self.add_error(None, ValidationError(CONFLICT_MESSAGE, code="conflict"))


def save_or_conflict(form, save):
    """Run `save()`; a conflict or a validation error goes onto the form and gives None."""
    try:
        return save()
    except EditConflict as conflict:
        form.mark_conflict(conflict)
    except ValidationError as exc:
        form.add_error(None, exc)
    return None


def form_status(form) -> int:
    """409 for a form shown again because of a conflict, else 200."""
    return 409 if getattr(form, "conflict", None) is not None else 200


# --- The API: ETag and If-Match -------------------------------------------------------------


def expected_from_request(request) -> Expected | None:
    """The versions named in `If-Match` (`*` and no header: no check)."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        return None
    tokens = []
    for part in header.split(","):
        part = part.strip()
        if part.startswith("W/"):
            part = part[2:]
        tokens.append(part.strip('"'))
    return Expected(tuple(t for t in tokens if t))
