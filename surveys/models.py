"""The joint survey instrument (Erfurt–Wien agreement §4): instruments in versions, their
sections, questions and answer options; waves that run one version in one city or organisation;
invitations, responses and answers; indices over several questions that are published into the
monitoring.

- An **instrument** is the questionnaire as an idea (its code, e.g. "teilhabe"); a **version**
  is what respondents answer. A version in use by a wave is frozen: changing a question makes a
  new version, and every response says which version it answered.
- Questions carry a **code** (e.g. "TH01"): a harmonised question keeps its code across versions,
  so answers compare across cities and waves.
- Texts are translated (modeltranslation: `text_de`, `text_en`, … after LANGUAGES), German
  first.
- A **response** needs no account. Its resume key and an invitation's token are stored only as
  hashes. A panel key (pseudonymous, a keyed hash of an identifier the coordinator imported) is
  kept only when the wave links waves and the respondent consented.
- Answers are stored coded: a choice's `code`, a number, or a text (free text is private).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actors.models import Organisation
from places.models import Territory


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Likert scale")
    NUMBER = "number", pgettext_lazy("kind of answer", "Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    MATRIX = "matrix", _("Matrix (several items on one scale)")


CHOICE_KINDS = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.LIKERT,
    QuestionKind.MATRIX,
)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class ConditionOperator(models.TextChoices):
    EQUALS = "equals", _("is")
    NOT_EQUALS = "not_equals", _("is not")
    ANY_OF = "any_of", _("is one of")
    ANSWERED = "answered", _("is answered")
    GREATER = "greater", _("is greater than")
    LESS = "less", _("is less than")


class Instrument(models.Model):
    """A questionnaire shared by several cities; owned by a territory (its coordinators edit it)
    and optionally an organisation."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="+", verbose_name=_("territory")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:instrument_detail", args=[self.code])


class Version(models.Model):
    """One version of an instrument. Frozen (`frozen_at` set) once a wave runs it."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="survey_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class SurveySection(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("questionnaire section")
        verbose_name_plural = _("questionnaire sections")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question; `code` is its variable name in exports and the harmonised key across
    versions and cities. Shown only when its condition holds (`condition_question` answered
    as `condition_operator` says with `condition_values`)."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        SurveySection, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("Variable name, e.g. TH01; the same code in every version and city."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=1000)
    help_text = models.CharField(_("help text"), max_length=1000, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    min_value = models.FloatField(_("smallest number"), null=True, blank=True)
    max_value = models.FloatField(_("largest number"), null=True, blank=True)
    max_length = models.PositiveIntegerField(_("longest text (characters)"), null=True, blank=True)
    condition_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependants",
        verbose_name=_("shown only if question"),
    )
    condition_operator = models.CharField(
        _("condition"), max_length=12, choices=ConditionOperator.choices, blank=True
    )
    condition_values = models.JSONField(_("condition values"), default=list, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="survey_question_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS


class Choice(models.Model):
    """An answer option (`role` option) with its numeric code, or a row of a matrix (`role`
    item: a sub-question answered on the matrix's options)."""

    class Role(models.TextChoices):
        OPTION = "option", _("answer option")
        ITEM = "item", _("matrix row")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    role = models.CharField(max_length=6, choices=Role.choices, default=Role.OPTION)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(
        _("code"), max_length=20, help_text=_("e.g. 1 … 5; a matrix row: TH05a")
    )
    label = models.CharField(_("label"), max_length=500)
    is_missing = models.BooleanField(
        _("missing value"),
        default=False,
        help_text=_("e.g. “don't know” (code 99): counted, but left out of means and indices."),
    )

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "role", "code"], name="survey_choice_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    OPEN = "open", _("Running")
    CLOSED = "closed", _("Closed")


class WaveQuerySet(models.QuerySet):
    def running(self):
        return self.filter(status=WaveStatus.OPEN)


class Wave(models.Model):
    """One instrument version run in one city (or organisation) for a period and a target
    population, by open link or personal invitations."""

    class Access(models.TextChoices):
        OPEN_LINK = "open", _("Open link (anyone with the link)")
        INVITATION = "invitation", _("Personal invitations (one token each)")

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="waves")
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="+", verbose_name=_("city or region")
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    period = models.CharField(
        _("period"), max_length=20, help_text=_("The period the results stand for, e.g. 2026.")
    )
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))
    population = models.CharField(_("target population"), max_length=500)
    population_size = models.PositiveIntegerField(
        _("size of the population"), null=True, blank=True
    )
    access = models.CharField(_("access"), max_length=12, choices=Access.choices)
    open_key = models.CharField(max_length=40, unique=True, help_text="the open link's key")
    status = models.CharField(
        _("status"), max_length=8, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    links_waves = models.BooleanField(
        _("panel: link respondents across waves"),
        default=False,
        help_text=_("Keeps a pseudonymous key per respondent who consents; never who they are."),
    )
    panel_consent_text = models.TextField(_("consent text for the panel"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("coordinators")
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = WaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey wave")
        verbose_name_plural = _("survey waves")
        ordering = ["-opens", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gte=models.F("opens")), name="wave_dates")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:wave_detail", args=[self.slug])


class Quota(models.Model):
    """At most `limit` complete responses with `choice` for its question (e.g. 200 parents)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="quotas")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="+")
    limit = models.PositiveIntegerField(_("limit"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["wave", "choice"], name="survey_quota_unique")
        ]

    def __str__(self) -> str:
        return f"{self.choice} ≤ {self.limit}"


class Invitation(models.Model):
    """A personal invitation. The token is mailed and stored only as its hash; the address is
    deleted when the wave closes (`services.wave_close`)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    panel_key = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["wave", "pk"]

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.pk}"


class ResponseStatus(models.TextChoices):
    STARTED = "started", _("Started")
    COMPLETE = "complete", _("Complete")


class Response(models.Model):
    """One respondent's answers to a wave; no account, no name, no address."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="+")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    resume_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=8, choices=ResponseStatus.choices, default=ResponseStatus.STARTED
    )
    language = models.CharField(max_length=8, default="de")
    panel_key = models.CharField(max_length=64, blank=True)
    panel_consent = models.BooleanField(default=False)
    page = models.PositiveSmallIntegerField(default=0)
    is_demo = models.BooleanField(default=False)
    started = models.DateTimeField(auto_now_add=True)
    submitted = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["wave", "pk"]
        indexes = [models.Index(fields=["wave", "status"])]

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.pk}"


class Answer(models.Model):
    """One coded answer: a choice's code (one row per chosen option of a multiple choice, one
    per matrix row with `item`), a number or a text."""

    id = models.BigAutoField(primary_key=True)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(max_length=20, blank=True)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "code"])]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.question_id}"


class SurveyIndex(models.Model):
    """An index over several questions of an instrument (by code), e.g. a participation index:
    the mean of the items' scores rescaled to 0–100, over respondents who answered at least
    `min_items` of them. Published per wave as an indicator of the monitoring."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="indices")
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    question_codes = models.JSONField(_("questions (codes)"), default=list)
    min_items = models.PositiveSmallIntegerField(_("answered items at least"), default=1)
    indicator = models.ForeignKey(
        "monitoring.Indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("indicator in the monitoring"),
    )

    class Meta:
        verbose_name = _("survey index")
        verbose_name_plural = _("survey indices")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="survey_index_unique")
        ]

    def __str__(self) -> str:
        return self.name
