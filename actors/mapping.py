"""The column-mapping import of organisation lists: read CSV/XLSX or Turtle into rows (step 1),
map each source column to a field, guessed from its header (step 2), then check (dry run,
duplicates) and import (steps 3 and 4, actors.imports.import_mapped_organisations)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from bildungsnetz.imports import ImportFileError, RowError, read_table
from places.forms import territory_choice
from places.models import Level, Territory

from .models import OrganisationKind
from .rdf import RdfError, organisations_from_turtle

IGNORE = ""
TARGETS = [
    ("name", _("Name")),
    ("kind", _("Kind")),
    ("seat", _("Seat (official key or city name)")),
    ("street", _("Street and number")),
    ("postcode", _("Postcode")),
    ("locality", _("Locality")),
    ("website", _("Website")),
    ("email", _("E-mail")),
    ("phone", _("Phone")),
    ("topics", _("Topics")),
    ("languages", _("Languages")),
    ("description", _("Description")),
    ("name_en", _("Name in English")),
    ("description_en", _("Description in English")),
    ("external_id", _("Identifier in the source")),
]
# Normalised header words → field (German and English spellings of open-data portals).
GUESSES = {
    "name": ["name", "bezeichnung", "titel", "label", "einrichtung", "organisation"],
    "kind": ["kind", "art", "typ", "type", "organisationsart"],
    "seat": ["seat", "sitz", "gemeinde", "ags", "stadt", "kommune", "city"],
    "street": ["street", "strasse", "str", "strhausnr", "adresse", "anschrift", "address"],
    "postcode": ["postcode", "plz", "postleitzahl", "zip"],
    "locality": ["locality", "ort", "plzort"],
    "website": ["website", "homepage", "url", "link", "internet", "webseite"],
    "email": ["email", "mail", "mbox"],
    "phone": ["phone", "telefon", "tel", "telephone"],
    "topics": ["topics", "themen", "kategorie", "kategorien", "categories", "category"],
    "languages": ["languages", "sprachen"],
    "description": ["description", "beschreibung", "beschreib", "kurzinformation"],
    "name_en": ["nameen"],
    "description_en": ["descriptionen"],
    "external_id": ["externalid", "id", "poiid", "iri", "uri", "kennung"],
}
_GUESS = {word: target for target, words in GUESSES.items() for word in words}
SIGNING_SALT = "actors.import-mapping"


def normalised_header(header: str) -> str:
    text = header.lower().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


def guess(header: str) -> str:
    """The field a column probably holds, from its header ("Name des Vereins" by its first word
    that fits: name); "" when nothing fits."""
    whole = _GUESS.get(normalised_header(header))
    if whole:
        return whole
    words = (normalised_header(word) for word in re.split(r"[\s_/.,;:()-]+", header))
    return next((_GUESS[word] for word in words if word in _GUESS), IGNORE)


def errors_in_file_terms(errors: list[RowError], mapping: dict[str, str]) -> list[RowError]:
    """Row problems named as the user knows them: the file's column mapped to the field and
    the field's label ("Ort → Seat …"), or the field's label where no column is mapped."""
    labels = dict(TARGETS)
    sources: dict[str, list[str]] = {}
    for column, target in mapping.items():
        if target:
            sources.setdefault(target, []).append(column)
    named = []
    for error in errors:
        label = str(labels.get(error.column, error.column))
        columns = sources.get(error.column)
        column = f"{', '.join(columns)} → {label}" if columns else label
        named.append(replace(error, column=column))
    return named


def read_source(filename: str, content: bytes) -> list[dict[str, str]]:
    """Rows of an uploaded organisation list: CSV/XLSX as they are, Turtle (.ttl) as one row
    per organisation (actors.rdf)."""
    if filename.lower().endswith(".ttl"):
        try:
            records = organisations_from_turtle(content)
        except RdfError as exc:
            raise ImportFileError(_("The file is not readable Turtle (RDF).")) from exc
        if not records:
            raise ImportFileError(
                _("The file describes no organisations (org:Organization, foaf:Organization).")
            )
        return [record.as_row() for record in records]
    return read_table(filename, content)


def columns_of(rows: list[dict[str, str]]) -> list[str]:
    columns: list[str] = []
    for row in rows[:50]:
        columns.extend(c for c in row if c not in columns)
    return columns


def apply_mapping(rows: list[dict[str, str]], mapping: dict[str, str]) -> list[dict[str, str]]:
    """Rows keyed by field: each mapped column's cell under its field (several columns mapped
    to one field are joined with "; "); unmapped columns are left out."""
    mapped = []
    for row in rows:
        out: dict[str, str] = {}
        for column, target in mapping.items():
            value = (row.get(column) or "").strip()
            if target and value:
                out[target] = f"{out[target]}; {value}" if target in out else value
        mapped.append(out)
    return mapped


def sign_rows(rows: list[dict[str, str]]) -> str:
    """The uploaded rows for the next step, in a hidden field the person cannot alter."""
    return signing.dumps(rows, salt=SIGNING_SALT, compress=True)


def unsign_rows(value: str) -> list[dict[str, str]]:
    try:
        return signing.loads(value, salt=SIGNING_SALT, max_age=6 * 3600)
    except signing.BadSignature as exc:
        raise ImportFileError(
            _("The upload expired or was altered; please upload it again.")
        ) from exc


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Organisation list (CSV, XLSX or Turtle .ttl)"),
        help_text=_(
            "The first row names the columns; RDF lists organisations as org:Organization "
            "or foaf:Organization."
        ),
    )


class MappingForm(forms.Form):
    rows = forms.CharField(widget=forms.HiddenInput)
    default_kind = forms.ChoiceField(
        label=_("Kind where the file gives none"),
        choices=[("", "—"), *OrganisationKind.choices],
        required=False,
    )
    default_seat = forms.ModelChoiceField(
        label=_("Seat where the file gives none"),
        queryset=Territory.objects.filter(level__in=[Level.CITY, Level.MUNICIPALITY]).order_by(
            "name_de"
        ),
        required=False,
    )
    source = forms.CharField(
        label=_("Source (name or address of the dataset)"), max_length=300, required=False
    )
    licence = forms.CharField(label=_("Licence"), max_length=100, required=False)
    update_duplicates = forms.BooleanField(
        label=_("Update possible duplicates with the file's values instead of skipping them"),
        required=False,
    )
    valid_only = forms.BooleanField(
        label=_("Import the valid rows even if others have problems"), required=False
    )
    dry_run = forms.BooleanField(
        label=_("Only check, write nothing (dry run)"), required=False, initial=True
    )

    def __init__(self, *args, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = columns
        territory_choice(self.fields["default_seat"], [Level.CITY, Level.MUNICIPALITY])
        choices = [(IGNORE, _("— do not import —")), *TARGETS]
        for n, column in enumerate(columns):
            self.fields[f"map_{n}"] = forms.ChoiceField(
                label=column, choices=choices, required=False, initial=guess(column)
            )

    def mapping_fields(self):
        return [self[f"map_{n}"] for n in range(len(self.columns))]

    def option_fields(self):
        return [self[name] for name in ("default_kind", "default_seat", "source", "licence",
                                        "update_duplicates", "valid_only", "dry_run")]  # fmt: skip

    def mapping(self) -> dict[str, str]:
        return {c: self.cleaned_data.get(f"map_{n}", "") for n, c in enumerate(self.columns)}

    def clean(self):
        data = super().clean()
        targets = [v for k, v in data.items() if k.startswith("map_") and v]
        if "name" not in targets:
            raise forms.ValidationError(_("Choose the column that holds the name."))
        return data
