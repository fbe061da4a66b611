from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .history import former_codes, valid_until
from .keys import SCHEMES, InvalidKey, normalise_key, split_key


class Level(models.TextChoices):
    COUNTRY = "country", _("Country")
    STATE = "state", pgettext_lazy("territory level", "State")
    REGION = "region", _("Region")
    COUNTY = "county", _("County")
    CITY = "city", _("City")
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District / borough")
    FORECAST_AREA = "forecast_area", _("Forecast area")
    DISTRICT_REGION = "district_region", _("District region")
    PLANNING_AREA = "planning_area", _("Planning area")


def within_q(lookup: str, territories) -> models.Q:
    """`lookup` (a path to a Territory, e.g. "seat" or "parties__territory"; "" for a Territory
    itself) is one of `territories` or lies below one of them: one indexed prefix match on the
    materialised path each. `territories` are Territory objects or (id, path) pairs."""
    prefix = f"{lookup}__" if lookup else ""
    condition = models.Q(pk__in=[])
    for territory in territories:
        pk, path = (territory.pk, territory.path) if isinstance(territory, Territory) else territory
        condition |= models.Q(**{lookup or "pk": pk})
        if path:
            condition |= models.Q(**{f"{prefix}path__startswith": path + "/"})
    return condition


class TerritoryQuerySet(models.QuerySet):
    def cities(self):
        """Current cities: a city under a key given up in a regional reform is left out."""
        return self.filter(level=Level.CITY).current()

    def current(self):
        """Territories whose key is still in use (see `places.history`)."""
        return self.exclude(scheme="ags", code__in=former_codes())

    def former(self):
        """Territories under a key given up in a regional reform, kept for the data cited by it."""
        return self.filter(scheme="ags", code__in=former_codes())

    def by_key(self, scheme: str, code: str):
        return self.filter(scheme=scheme, code=code)

    def get_by_key(self, key: str) -> Territory:
        """Look up `scheme:code`, e.g. `ags:16051000` (raises DoesNotExist)."""
        scheme, code = split_key(key)
        return self.get(scheme=scheme, code=code)

    def descendants_of(self, territory: Territory):
        """All territories below `territory`, using the materialised path."""
        return self.filter(path__startswith=territory.path + "/")

    def with_boundary(self):
        return self.exclude(boundary__isnull=True)


class Territory(models.Model):
    """A place with an official key. The key is its identity; the name is a label."""

    scheme = models.CharField(
        _("key scheme"), max_length=8, choices=[(k, v.label) for k, v in SCHEMES.items()]
    )
    code = models.CharField(_("official key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 alpha-2"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Secondary official keys; the primary one is scheme+code.
    ars = models.CharField(_("ARS"), max_length=12, blank=True, db_index=True)
    nuts = models.CharField(_("NUTS"), max_length=5, blank=True, db_index=True)
    lau = models.CharField(_("LAU"), max_length=16, blank=True, db_index=True)
    county_free = models.BooleanField(
        _("county-free city"),
        default=False,
        help_text=_("A kreisfreie Stadt is also its own county in official statistics."),
    )
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    # Materialised path of primary keys ("/1/5/42") makes subtree queries one indexed LIKE.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    area_m2 = models.FloatField(_("area in m²"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="territory_unique_key"),
        ]
        indexes = [models.Index(fields=["level", "country"])]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("places:territory_detail", kwargs={"key": self.key})

    @property
    def key(self) -> str:
        return f"{self.scheme}:{self.code}"

    @property
    def valid_until(self) -> int | None:
        """The last year this territory's key was in use, or None for a current key."""
        return valid_until(self.scheme, self.code, self.county_free)

    @property
    def label(self) -> str:
        """The name that tells this place from any other in a list.

        A territory under a former key (Chemnitz as Kreis 14161 before the 2008 reform; today
        14511) says so: "Chemnitz (Kreis 14161, bis 2008)". Every place list and select shows
        this label (`__str__` returns it, so model choice fields do too).
        """
        until = self.valid_until
        if until is None:
            return self.name
        code = self.code[:5] if self.county_free and len(self.code) == 8 else self.code
        level = Level.REGION.label if len(code) == 3 else Level.COUNTY.label
        return _("%(name)s (%(level)s %(code)s, until %(year)s)") % {
            "name": self.name, "level": level, "code": code, "year": until,
        }  # fmt: skip

    @property
    def label_with_level(self) -> str:
        """The label for lists that mix levels (Berlin the state, Berlin the city)."""
        if self.valid_until is not None:
            return self.label
        return f"{self.name} ({self.get_level_display()})"

    def clean(self) -> None:
        try:
            self.code = normalise_key(self.scheme, self.code)
        except InvalidKey as exc:
            raise ValidationError({"code": str(exc)}) from exc
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A territory cannot be its own parent.")})

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}/{self.pk}"

    def ancestors(self) -> list[Territory]:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        by_id = Territory.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def statistical_keys(self) -> list[str]:
        """Keys under which official statistics may report this territory.

        A county-free city (Erfurt, AGS 16051000) appears as county 16051 in GENESIS tables.
        """
        keys = [self.key]
        if self.scheme == "ags" and self.county_free and len(self.code) == 8:
            keys.append(f"ags:{self.code[:5]}")
        return keys
