"""Territories in filter forms: chosen by official key (`ags:16051000`, `gkz:90001`)."""

from __future__ import annotations

import re

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


def _natural(text: str) -> list:
    """Sort key that puts "2. Leopoldstadt" before "10. Favoriten"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]


class GroupedTerritorySelect(forms.Select):
    """A territory select as people look for one: cities, municipalities and counties first,
    then the districts of each city under the city's name, each in natural order ("2." before
    "10."). The options need their `parent` loaded (`territory_choice` does that).
    Rendered as Django renders a select (its groups), styled as every other select of the
    site; the options are written in the widget's own template, not included one by one."""

    template_name = "places/widgets/grouped_territory_select.html"

    def __init__(self, attrs=None, choices=()):
        attrs = dict(attrs or {})
        attrs["class"] = " ".join(filter(None, ["kern-form-input__select", attrs.get("class")]))
        super().__init__(attrs, choices)

    def optgroups(self, name, value, attrs=None):
        blank, places, parts = [], [], {}
        for option_value, label in self.choices:
            instance = getattr(option_value, "instance", None)
            if instance is None:
                blank.append((option_value, label))
            elif instance.level in LOWER_LEVELS and instance.parent_id:
                parts.setdefault(instance.parent.name, []).append((option_value, label))
            else:
                places.append((option_value, label))
        grouped = [*blank]
        if places:
            grouped.append(
                (_("Cities, municipalities and counties"), sorted(places, key=_label_order))
            )
        for parent in sorted(parts, key=_natural):
            grouped.append((parent, sorted(parts[parent], key=_label_order)))
        original, self.choices = self.choices, grouped
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = original


# Levels shown under their parent city (a district of Vienna, an Ortsteil of Leipzig …).
LOWER_LEVELS = {Level.DISTRICT, Level.DISTRICT_REGION, Level.PLANNING_AREA, Level.FORECAST_AREA}


def _label_order(choice) -> list:
    return _natural(str(choice[1]))


def territory_choice(field: forms.ModelChoiceField, levels) -> None:
    """Make a form's territory field a grouped select of territories of these levels."""
    field.widget = GroupedTerritorySelect(attrs=field.widget.attrs)
    field.queryset = (
        Territory.objects.filter(level__in=levels)
        .select_related("parent")
        .defer("boundary", "parent__boundary")
    )
