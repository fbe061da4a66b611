"""Education reports: a report (type, territory, reference period, comparison territories,
languages, owner, workflow status) made of ordered sections (chapter A–I of the
"Anwendungsleitfaden" and a free title, sanitised rich text) holding ordered blocks (an
indicator chart/table/map/key figure, a segregation result, goal progress, work-programme
status), review comments per section, and editions: published, frozen snapshots whose figures
(value, symbol, source, period, licence) are stored, so re-imports never change them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleLevel
from accounts.scopes import scope_q
from bildungsnetz.text import sanitize_html
from places.models import Territory


class ReportKind(models.TextChoices):
    FULL = "full", _("Full education report")
    THEMATIC = "thematic", _("Thematic analysis")
    DATA_COLLECTION = "data_collection", _("Commented data collection")
    LOCAL_PROFILE = "local_profile", _("Local (district) profile")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class ReportLanguages(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    BOTH = "de,en", _("German and English")


class Chapter(models.TextChoices):
    """The chapters of the "Anwendungsleitfaden zum Aufbau eines Kommunalen Bildungsmonitorings"."""

    A = "A", _("A Framework conditions")
    B = "B", _("B Basic information on education")
    C = "C", _("C Early childhood education")
    D = "D", _("D General schools")
    E = "E", _("E Vocational training")
    F = "F", _("F Higher education")
    G = "G", _("G Continuing education")
    H = "H", _("H Non-formal and informal learning")
    I = "I", _("I Networks and guidance")  # noqa: E741


class BlockKind(models.TextChoices):
    CHART = "chart", _("Indicator chart")
    TABLE = "table", _("Indicator table")
    MAP = "map", _("Indicator map")
    KEY_FIGURE = "key_figure", _("Key figure")
    SEGREGATION = "segregation", _("Segregation")
    GOAL_PROGRESS = "goal_progress", _("Goal progress")
    PROGRAMME_STATUS = "programme_status", _("Work-programme status")
    SURVEY = "survey", _("Survey results")


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)

    def visible_to(self, user):
        """Published reports, and every report of a territory where the user is an editor or
        more (the rule `reports.view_report` as one query)."""
        condition = scope_q(
            user, territory_paths=["territory"], organisation_paths=[], level=RoleLevel.EDITOR
        )
        if condition is None:
            return self
        return self.filter(Q(status=ReportStatus.PUBLISHED) | condition)


class Report(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=ReportKind.choices)
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="+", verbose_name=_("territory")
    )
    period = models.CharField(
        _("reference period"), max_length=20, help_text=_("e.g. 2022 or 2021/22")
    )
    comparison_territories = models.ManyToManyField(
        Territory, blank=True, related_name="+", verbose_name=_("comparison territories")
    )
    languages = models.CharField(
        _("languages"),
        max_length=5,
        choices=ReportLanguages.choices,
        default=ReportLanguages.GERMAN,
    )
    summary = models.TextField(_("summary"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-updated", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.slug])

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split(",")

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def offers_english(self) -> bool:
        """Whether the report is meant to have an English edition (its texts may still lack
        their translation: `selectors.report_document` then shows the German texts)."""
        return "en" in self.language_codes


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    chapter = models.CharField(_("chapter"), max_length=1, choices=Chapter.choices, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["report", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Rich text is stored sanitised, in every language, whatever path wrote it.
        for name in ("body", *(f"body_{code}" for code, _name in settings.LANGUAGES)):
            setattr(self, name, sanitize_html(getattr(self, name, "") or ""))
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return f"abschnitt-{self.pk}"


class Block(models.Model):
    """A figure of a section; `params` are checked by `forms.BlockForm` (per kind)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=BlockKind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["section", "order", "pk"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class ReviewComment(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"))
    resolved = models.BooleanField(_("resolved"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["section", "created", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Edition(models.Model):
    """A published, frozen snapshot: the texts as rendered and every figure with its value,
    symbol, unit, source, period and licence (`figures`, a list of dicts keyed by the
    placeholder text). Never recomputed: a re-import changes live figures, not editions."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveSmallIntegerField(_("edition"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    sections = models.JSONField(_("sections"), default=list)
    figures = models.JSONField(_("figures"), default=list)
    blocks = models.JSONField(_("blocks"), default=list)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="edition_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    def figure_map(self) -> dict:
        return {f["placeholder"]: f for f in self.figures}


class Rendering(models.Model):
    """One PDF of a report (live, or of an edition) in one language, made in the background;
    the file is private and served after the report's rules (`files.py`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="renderings")
    edition = models.ForeignKey(
        Edition, null=True, blank=True, on_delete=models.CASCADE, related_name="renderings"
    )
    language = models.CharField(_("language"), max_length=5, default="de")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, blank=True)
    file = models.FileField(upload_to="reports/pdf/", blank=True)
    error = models.TextField(blank=True)
    seconds = models.FloatField(null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("PDF rendering")
        verbose_name_plural = _("PDF renderings")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.report_id} ({self.get_status_display()})"

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
