"""The record of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 GDPR).

Generated from the models: every model with a `personal_data` attribute
(field name -> PersonalField(purpose, legal_basis, retention), or a plain 3-tuple in that order)
is one processing activity.
A new app documents its personal data on its model and appears here without other changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actors.models import PersonalField

MEASURES = [
    _("Passwords stored as salted PBKDF2 hashes; at least 12 characters; common "
      "passwords refused"),
    _("Two-factor authentication required for coordinators and administrators"),
    _("Login rate limits; failed logins recorded"),
    _("Transport encryption (TLS, HSTS); secure, HTTP-only cookies"),
    _("Sessions end after inactivity"),
    _("Role-based access per organisation and territory, deny by default"),
    _("Every change recorded with author and time (audit trail)"),
    _("Per-field visibility of personal data (public, members, private)"),
    _("Export and erasure of personal data on request"),
    _("No third-party services or CDNs: every asset is served by the platform itself"),
]  # fmt: skip


@dataclass
class Item:
    field: str
    label: str
    purpose: str
    legal_basis: str
    retention: str
    visibility: str = ""


@dataclass
class Activity:
    label: str
    model: str
    app: str
    subjects: str
    items: list[Item] = field(default_factory=list)

    @property
    def purposes(self) -> list[str]:
        seen = []
        for item in self.items:
            if item.purpose not in seen:
                seen.append(item.purpose)
        return seen


def processing_activities() -> list[Activity]:
    activities = []
    for model in apps.get_models():
        spec = getattr(model, "personal_data", None)
        if not spec or model.__name__.startswith("Historical"):
            continue
        meta = model._meta
        activity = Activity(
            label=str(meta.verbose_name_plural),
            model=meta.label_lower,
            app=str(apps.get_app_config(meta.app_label).verbose_name),
            subjects=str(getattr(model, "personal_data_subjects", meta.verbose_name_plural)),
        )
        for name, personal in spec.items():
            if isinstance(personal, tuple | list):  # (purpose, legal basis, retention)
                personal = PersonalField(*personal)
            model_field = meta.get_field(name)
            visibility_field = f"{name}_visibility"
            if name in ("given_name", "family_name", "honorific"):
                visibility_field = "name_visibility"
            visibility = ""
            if any(f.name == visibility_field for f in meta.fields):
                visibility = str(_("set per person (public, members, private)"))
            activity.items.append(
                Item(
                    field=name,
                    label=str(model_field.verbose_name),
                    purpose=str(personal.purpose),
                    legal_basis=str(personal.legal_basis),
                    retention=str(personal.retention),
                    visibility=visibility,
                )
            )
        activities.append(activity)
    activities.sort(key=lambda a: a.model)
    return activities


def processing_record() -> dict:
    """The whole record as JSON-ready data (the downloadable document)."""
    return {
        "controller": settings.PRIVACY_CONTROLLER,
        "contact": settings.PRIVACY_CONTACT,
        "recipients": str(_("No transfer to third parties or third countries; hosting in the EU.")),
        "measures": [str(m) for m in MEASURES],
        "activities": [
            {
                "name": a.label,
                "model": a.model,
                "app": a.app,
                "data_subjects": a.subjects,
                "purposes": a.purposes,
                "data": [item.__dict__ for item in a.items],
            }
            for a in processing_activities()
        ],
    }
