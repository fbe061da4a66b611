"""What monitoring data *is*: datasets and their measures, breakdowns, observations, revisions,
import logs, the indicator catalogue with its computed values, and peer groups.

Observations are narrow on purpose (tens of millions of rows): every text that repeats lives in
a lookup table (measure, dimension key) and the row holds integers, a short period text, a date
for sorting, the value and its statistical symbol.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleLevel
from accounts.scopes import scopes_for, territories_with_role
from places.models import Territory, within_q

from .licences import DEFAULT as DEFAULT_LICENCE

DL_DE_BY_2_0 = DEFAULT_LICENCE.name
DL_DE_BY_2_0_URL = DEFAULT_LICENCE.url
DL_DE_BY_2_0_DCAT = DEFAULT_LICENCE.dcat


class Symbol(models.TextChoices):
    NONE = "", _("value")
    ZERO = "-", _("nothing (a true zero)")
    UNKNOWN = ".", _("unknown or secret")
    NOT_MEANINGFUL = "x", _("not meaningful")
    UNRELIABLE = "/", _("not reliable enough")
    NOT_YET = "...", _("not yet available")
    LIMITED = "()", _("limited reliability")


class Quality(models.TextChoices):
    NONE = "", _("final or not stated")
    PROVISIONAL = "p", _("provisional")
    REVISED = "r", _("revised")
    ESTIMATED = "s", _("estimated")
    FINAL = "e", _("final")


def _all_within(rows, territories: list[tuple[int, str]]) -> Q:
    """`rows` (a queryset with a `territory`) is not empty and lies wholly in `territories` or
    below them: data about one city is that city's, a table spanning several cities belongs to
    whoever coordinates all of them."""
    return Exists(rows) & ~Exists(rows.exclude(within_q("territory", territories)))


def _managed(user, rows) -> Q:
    """Objects whose `rows` (territory rows correlated to the object) lie wholly in territories
    the user coordinates: every object for a superuser, none for a user without such a role."""
    territories = territories_with_role(user, RoleLevel.COORDINATOR)
    if territories is None:
        return Q(pk__isnull=False)
    if not territories:
        return Q(pk__in=[])
    return _all_within(rows, territories)


class DatasetQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def managed_by(self, user):
        """Datasets whose every region lies in territories the user coordinates."""
        return self.filter(_managed(user, DatasetRegion.objects.filter(dataset=OuterRef("pk"))))

    def visible_to(self, user):
        """Public datasets, and the unpublished ones the user manages."""
        regions = DatasetRegion.objects.filter(dataset=OuterRef("pk"))
        return self.filter(Q(is_public=True) | _managed(user, regions))

    def with_counts(self):
        return self.annotate(observation_count=models.Count("observations"))


class Dataset(models.Model):
    """One statistics table as published, identified by its table code (e.g. 12411-01-01-4)."""

    code = models.CharField(_("table code"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=500)
    source = models.CharField(_("source"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=200, default=DL_DE_BY_2_0)
    licence_url = models.URLField(_("licence URL"), blank=True, default=DL_DE_BY_2_0_URL)
    # The IRI of the DCAT-AP.de licence vocabulary, what the open-data catalogue publishes.
    licence_iri = models.URLField(
        _("licence (DCAT-AP.de IRI)"), max_length=200, blank=True, default=DL_DE_BY_2_0_DCAT
    )
    retrieved_at = models.DateTimeField(_("retrieved"), null=True, blank=True)
    stand = models.DateTimeField(_("as of (source)"), null=True, blank=True)
    notes = models.TextField(_("notes and footnotes"), blank=True)
    format = models.CharField(_("file format"), max_length=30, blank=True)
    region_variable = models.CharField(_("regional variable"), max_length=20, blank=True)
    period_type = models.CharField(_("period type"), max_length=20, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    # A table of a statistical office (provenance.official_table): shared public facts that
    # every statistics importer may import and revise, never one city's property.
    is_official = models.BooleanField(
        _("official statistics"),
        default=False,
        help_text=_(
            "A table of a statistical office: every coordinator may import and revise it; only "
            "the platform's admins edit or delete it."
        ),
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class Measure(models.Model):
    """A value variable in one unit (GENESIS `value_variable_code` + `value_unit`, e.g. BEVSTD
    in Anzahl), shared across tables.

    The unit is part of the identity: GENESIS flat files hold the same cell once as a count and
    once as a share under one variable code, and both rows are observations of their own.
    """

    code = models.CharField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["code", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["code", "unit"], name="measure_unique_code_unit")
        ]

    def __str__(self) -> str:
        text = self.label or self.code
        return f"{text} ({self.unit})" if self.unit else text


class Variable(models.Model):
    """A breakdown variable (e.g. GES sex, SCHULABSCHLUSS school qualification)."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        verbose_name = _("variable")
        verbose_name_plural = _("variables")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label or self.code


class Attribute(models.Model):
    """One value of a breakdown variable (GESW female). Totals have no attribute."""

    variable = models.ForeignKey(
        Variable, on_delete=models.CASCADE, related_name="attributes", verbose_name=_("variable")
    )
    code = models.CharField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        ordering = ["variable", "code"]
        constraints = [
            models.UniqueConstraint(fields=["variable", "code"], name="attribute_unique_code")
        ]

    def __str__(self) -> str:
        return self.label or self.code


class DimensionKey(models.Model):
    """A combination of breakdown attributes as the canonical text `VAR=ATTR;VAR=ATTR`
    (sorted by variable code, totals left out; the empty text is the overall total)."""

    key = models.CharField(_("breakdown"), max_length=500, unique=True)

    class Meta:
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")

    def __str__(self) -> str:
        return self.key or "total"

    def pairs(self) -> list[tuple[str, str]]:
        return [tuple(p.split("=", 1)) for p in self.key.split(";") if p]


class DatasetRegion(models.Model):
    """Which territory a regional key of a table stands for (16051 → Erfurt, AGS 16051000).

    Kept per dataset so an export gives back exactly the key the source used.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="regions")
    key = models.CharField(_("key in the source"), max_length=40)
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "key"], name="datasetregion_unique_key"),
            models.UniqueConstraint(
                fields=["dataset", "territory"], name="datasetregion_unique_territory"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id}: {self.key}"


class ObservationQuerySet(models.QuerySet):
    def for_spec(self, spec: dict):
        """Public observations of an indicator part `{"measure", "unit", "dimensions",
        "dataset"}`. A measure code may come in several units (a count and a share); `unit`
        picks one, and without it every unit of the code matches."""
        qs = self.filter(
            measure__code=spec["measure"],
            dimension_key__key=spec.get("dimensions", ""),
            dataset__is_public=True,
        )
        if spec.get("unit") is not None:
            qs = qs.filter(measure__unit=spec["unit"])
        if spec.get("dataset"):
            qs = qs.filter(dataset__code=spec["dataset"])
        return qs

    def for_series(self, territory, measure, dimension_key=""):
        return self.filter(
            territory=territory, measure=measure, dimension_key__key=dimension_key
        ).order_by("period_date")


class Observation(models.Model):
    """dataset × measure × territory × period × breakdown → value, symbol, quality."""

    id = models.BigAutoField(primary_key=True)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="observations")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=20)
    period_date = models.DateField(_("period (for sorting)"))
    dimension_key = models.ForeignKey(DimensionKey, on_delete=models.PROTECT, related_name="+")
    value = models.FloatField(_("value"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=3, blank=True, choices=Symbol.choices)
    quality = models.CharField(_("quality"), max_length=1, blank=True, choices=Quality.choices)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "measure", "territory", "period", "dimension_key"],
                name="observation_unique_cell",
            )
        ]
        indexes = [
            # The time series of one territory: one range scan, already in date order.
            models.Index(
                fields=["territory", "measure", "dimension_key", "period_date"],
                name="observation_series",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.territory_id} {self.period}: {self.value}{self.symbol}"


class ImportLogQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Imports whose every territory lies in territories the user coordinates."""
        return self.filter(_managed(user, _touched()))

    def visible_to(self, user):
        """The user's own imports and those about territories the user coordinates."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(user=user) | _managed(user, _touched()))


def _touched():
    """The territories of an import, correlated to the import log of the outer query."""
    return ImportLog.territories.through.objects.filter(importlog=OuterRef("pk"))


class ImportLog(models.Model):
    """One import attempt: who, what file, what it did, and what went wrong."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        CHECKED = "checked", _("checked (dry run)")
        SUCCEEDED = "succeeded", _("imported")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.BigIntegerField(_("size in bytes"), default=0)
    upload = models.FileField(upload_to="monitoring/imports/", blank=True)
    format = models.CharField(_("format"), max_length=30, blank=True)
    mapping = models.ForeignKey(
        "SavedMapping", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A table code of the importer's own, used instead of the code in the file.
    table_code = models.CharField(_("table code"), max_length=100, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    datasets = models.ManyToManyField(Dataset, blank=True, related_name="import_logs")
    dataset_codes = models.JSONField(default=list, blank=True)
    # Every territory the file has data about: the log belongs to whoever coordinates them all.
    territories = models.ManyToManyField(
        Territory, blank=True, related_name="+", verbose_name=_("territories")
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, blank=True)
    rows_read = models.BigIntegerField(default=0)
    rows_created = models.BigIntegerField(default=0)
    rows_updated = models.BigIntegerField(default=0)
    rows_unchanged = models.BigIntegerField(default=0)
    new_territories = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)

    objects = ImportLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("import log")
        verbose_name_plural = _("import logs")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_done(self) -> bool:
        return self.status in {self.Status.CHECKED, self.Status.SUCCEEDED, self.Status.FAILED}


class Revision(models.Model):
    """A value a re-import changed: what it was, what it became, and which import did it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    import_log = models.ForeignKey(ImportLog, on_delete=models.CASCADE, related_name="revisions")
    old_value = models.FloatField(null=True)
    old_symbol = models.CharField(max_length=3, blank=True)
    old_quality = models.CharField(max_length=1, blank=True)
    new_value = models.FloatField(null=True)
    new_symbol = models.CharField(max_length=3, blank=True)
    new_quality = models.CharField(max_length=1, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.old_value}{self.old_symbol} → {self.new_value}{self.new_symbol}"


class SavedMapping(models.Model):
    """A column mapping for CSV/XLSX files of one source, made once in the UI and reused."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    mapping = models.JSONField(_("column mapping"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.TextChoices):
    """Areas of the application guide for municipal education monitoring, plus special topics."""

    CONTEXT = "context", _("Context conditions")
    EARLY_CHILDHOOD = "early_childhood", _("Early childhood education")
    GENERAL_SCHOOLS = "general_schools", _("General schools")
    VOCATIONAL = "vocational_training", _("Vocational training")
    HIGHER_EDUCATION = "higher_education", _("Higher education")
    CONTINUING = "continuing_education", _("Continuing education")
    NON_FORMAL = "non_formal", _("Non-formal and informal learning")
    NETWORKS = "networks_guidance", _("Networks and guidance")
    SUSTAINABILITY = "sustainability", _("Education for sustainable development (BNE)")
    SKILLED_WORKERS = "skilled_workers", _("Skilled workers")


class Direction(models.TextChoices):
    HIGHER_BETTER = "higher_better", _("higher is better")
    LOWER_BETTER = "lower_better", _("lower is better")
    NEUTRAL = "neutral", _("neither (context)")


class IndicatorQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        """The catalogue is the platform's: drafts are seen by its admins only."""
        return self if scopes_for(user).superuser else self.public()

    def with_value_counts(self):
        return self.annotate(value_count=models.Count("values"))

    def in_area(self, area: str):
        return self.filter(area=area)


class Indicator(models.Model):
    """A catalogue entry: what is measured and how it is computed from observations.

    `numerator` and `denominator` are `{"measure": CODE, "dimensions": "VAR=ATTR;…",
    "dataset": CODE (optional)}`; without a denominator the indicator is the numerator itself.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    numerator = models.JSONField(_("numerator"), default=dict)
    denominator = models.JSONField(_("denominator"), null=True, blank=True)
    scale = models.FloatField(_("scale"), default=1.0)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, default=Direction.NEUTRAL
    )
    periodicity = models.CharField(_("periodicity"), max_length=60, blank=True)
    sources = models.TextField(_("sources"), blank=True)
    caveats = models.TextField(_("caveats"), blank=True)
    comparability = models.TextField(_("comparability notes"), blank=True)
    aggregate = models.BooleanField(
        _("sum up to larger areas"),
        default=False,
        help_text=_("Numerator and denominator are counts that may be added up sub-area wise."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_public = models.BooleanField(_("public"), default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["area", "order", "code"]

    def __str__(self) -> str:
        return self.name

    def measure_codes(self) -> set[str]:
        parts = [self.numerator or {}, self.denominator or {}]
        return {p["measure"] for p in parts if p.get("measure")}


class IndicatorValue(models.Model):
    """A computed indicator value for one territory and period (rebuilt in bulk after imports)."""

    id = models.BigAutoField(primary_key=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)
    period_date = models.DateField()
    value = models.FloatField(null=True)
    symbol = models.CharField(max_length=3, blank=True, choices=Symbol.choices)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    dataset = models.ForeignKey(Dataset, null=True, on_delete=models.SET_NULL, related_name="+")
    aggregated = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "territory", "period"], name="indicatorvalue_unique"
            )
        ]
        indexes = [models.Index(fields=["indicator", "period_date"], name="indicatorvalue_period")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.territory_id} {self.period}: {self.value}{self.symbol}"


class PeerGroup(models.Model):
    """A named set of territories compared with each other (e.g. East German county-free cities)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    territories = models.ManyToManyField(Territory, related_name="peer_groups")

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
