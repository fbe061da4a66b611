"""Territories in filter forms: chosen by official key (`ags:16051000`, `gkz:90001`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level, Territory


def _territory(key: str) -> Territory:
    try:
        return Territory.objects.get_by_key(key.strip())
    except Territory.DoesNotExist:
        raise forms.ValidationError(
            _("No territory with the key %(key)s."), code="unknown_key", params={"key": key}
        ) from None


class TerritoryKeyField(forms.CharField):
    """One territory by its official key; an unknown key is an error, never "any"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        key = super().clean(value)
        return _territory(key) if key else None


class TerritoryKeysField(forms.Field):
    """Territories by official key, the parameter repeated (`territory=a&territory=b`)."""

    widget = forms.MultipleHiddenInput

    def clean(self, value):
        keys = [str(v) for v in (value or []) if str(v).strip()]
        if self.required and not keys:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [_territory(key) for key in keys]


class TerritoryFilterForm(forms.Form):
    """The filters of the places list (page and API)."""

    q = forms.CharField(label=_("Name or official key"), required=False, max_length=200)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", ""), *Level.choices])
    country = forms.RegexField(required=False, regex=r"^[A-Za-z]{2}$")
    parent = TerritoryKeyField(required=False)
    former = forms.BooleanField(
        label=_("Include former keys (before a regional reform)"), required=False
    )
