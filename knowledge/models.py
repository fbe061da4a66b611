"""The knowledge base: practice entries and lessons learned (good and bad) with a structure
people can compare, studies and documents with their files, a review workflow (draft → review
by a second person → published, with comments per section) and a review date per entry.

An entry's links to projects, agreement goals, events and work packages are foreign keys into
the apps below this one (knowledge sits above events, programme, offers and cooperation in the
import layers); the evidence for its results are monitoring indicators, evidence links
(surveys, documents, addresses) and attached files whose text is extracted for the search.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.scopes import scope_q
from actors.models import Organisation, Person, TargetGroup, Topic
from bildungsnetz.uploads import UploadValidator
from cooperation.models import Goal, Project
from cooperation.models.base import StateChange
from events.models import Event
from monitoring.models import Indicator
from offers.models import Stage
from places.models import Territory
from programme.models import WorkPackage

REVIEW_INTERVAL = dt.timedelta(days=730)  # an entry is reviewed every two years by default
ATTACHMENT_TEXT_MAX = 200_000  # characters of extracted text kept per file


def default_review_due() -> dt.date:
    return timezone.localdate() + REVIEW_INTERVAL


class EntryKind(models.TextChoices):
    PRACTICE = "practice", _("Practice example")
    LESSON = "lesson", _("Lesson learned")
    STUDY = "study", _("Study")
    DOCUMENT = "document", _("Document")


# Kinds indexed as "study" in the search (the rest as "practice").
STUDY_KINDS = (EntryKind.STUDY, EntryKind.DOCUMENT)


class Lesson(models.TextChoices):
    GOOD = "good", _("Worked well")
    MIXED = "mixed", _("Mixed")
    BAD = "bad", _("Did not work")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", pgettext_lazy("knowledge workflow", "In review")
    PUBLISHED = "published", _("Published")


# The sections of an entry that reviewers comment on, in the order of the page.
class Section(models.TextChoices):
    GENERAL = "general", _("General")
    CONTEXT = "context", _("Context and problem")
    APPROACH = "approach", _("Approach")
    RESULTS = "results", _("Results")
    FAILURES = "failures", _("What did not work")
    TRANSFER = "transfer", _("Transferability and preconditions")
    RESOURCES = "resources", _("Resources needed")
    EVIDENCE = "evidence", _("Evidence")


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=EntryStatus.PUBLISHED)

    def public(self):
        return self.published().filter(is_public=True)

    def visible_to(self, user):
        """The rule `knowledge.view_entry` as one query: published public entries, the
        user's own, and every entry of the user's territories and organisations."""
        if user is None or not user.is_authenticated:
            return self.public()
        condition = scope_q(
            user, territory_paths=["territory"], organisation_paths=["organisations"]
        )
        if condition is None:
            return self
        own = Q(owner=user)
        scoped = self.model.objects.filter(condition).values("pk")
        return self.filter(Q(status=EntryStatus.PUBLISHED, is_public=True) | own | Q(pk__in=scoped))

    def review_overdue(self, today=None):
        return self.filter(review_due__lt=today or timezone.localdate())

    def with_evidence(self):
        """`has_evidence`: an indicator, an evidence link or a file backs the results."""
        return self.annotate(
            has_evidence=models.Exists(Entry.indicators.through.objects.filter(
                entry=models.OuterRef("pk")))
            | models.Exists(EvidenceLink.objects.filter(entry=models.OuterRef("pk")))
            | models.Exists(Attachment.objects.filter(entry=models.OuterRef("pk")))
        )  # fmt: skip


class Entry(models.Model):
    kind = models.CharField(
        _("kind"), max_length=20, choices=EntryKind.choices, default=EntryKind.PRACTICE
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("web address"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    lesson = models.CharField(
        _("lesson"), max_length=10, choices=Lesson.choices, blank=True,
        help_text=_("Whether it worked: good and bad lessons both belong here."),
    )  # fmt: skip
    # The comparable structure of a practice entry.
    context = models.TextField(_("context and problem"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    results = models.TextField(pgettext_lazy("knowledge section", "results"), blank=True)
    failures = models.TextField(_("what did not work"), blank=True)
    transferability = models.TextField(_("transferability and preconditions"), blank=True)
    resources_staff = models.CharField(_("staff needed"), max_length=300, blank=True)
    resources_money = models.CharField(_("money needed"), max_length=300, blank=True)
    resources_time = models.CharField(_("time needed"), max_length=300, blank=True)
    # Studies and documents.
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    published_on = models.DateField(_("date of publication"), null=True, blank=True)
    in_progress = models.BooleanField(
        _("in progress"), default=False, help_text=_("The study is still being written.")
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    # Where and who.
    territory = models.ForeignKey(
        Territory, verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="knowledge_entries",
    )  # fmt: skip
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="knowledge_entries"
    )
    contact = models.ForeignKey(
        Person, verbose_name=_("contact person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="knowledge_entries",
    )  # fmt: skip
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    stage = models.CharField(
        _("stage of education"), max_length=20, choices=Stage.choices, blank=True
    )
    # Links to what the entry is about.
    projects = models.ManyToManyField(
        Project, verbose_name=_("projects"), blank=True, related_name="knowledge_entries"
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("agreement goals"), blank=True, related_name="knowledge_entries"
    )
    events = models.ManyToManyField(
        Event, verbose_name=_("events"), blank=True, related_name="knowledge_entries"
    )
    work_packages = models.ManyToManyField(
        WorkPackage, verbose_name=_("work packages"), blank=True, related_name="knowledge_entries"
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators (evidence)"), blank=True,
        related_name="knowledge_entries",
    )  # fmt: skip
    source = models.CharField(
        _("source"), max_length=500, blank=True,
        help_text=_("The document the entry is taken from."),
    )  # fmt: skip
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    # Workflow.
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT,
        editable=False,
    )  # fmt: skip
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="knowledge_entries", editable=False,
    )  # fmt: skip
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    review_due = models.DateField(_("review due"), default=default_review_due)
    # The review date the owner was last reminded of: at most one mail per entry and due date.
    reminded_for = models.DateField(
        _("reminded for review date"), null=True, blank=True, editable=False
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Published entries are shown to everyone.")
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["reminded_for"])
    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge entry")
        verbose_name_plural = _("knowledge entries")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["status", "is_public"]),
            models.Index(fields=["review_due"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:entry_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.in_progress and self.kind not in STUDY_KINDS:
            raise ValidationError({"in_progress": _("Only a study or document is in progress.")})

    @property
    def is_study(self) -> bool:
        return self.kind in STUDY_KINDS

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED

    def is_review_overdue(self, today=None) -> bool:
        return self.review_due is not None and self.review_due < (today or timezone.localdate())


class EvidenceKind(models.TextChoices):
    SURVEY = "survey", _("Survey")
    DOCUMENT = "document", _("Document")
    EVALUATION = "evaluation", _("Evaluation")
    LINK = "link", _("Link")


class EvidenceLink(models.Model):
    """Evidence for an entry's results outside the platform: a survey, an evaluation, a
    document, an address."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=EvidenceKind.choices, default=EvidenceKind.LINK
    )
    label = models.CharField(_("label"), max_length=300)
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Text not yet read")
    DONE = "done", _("Text read")
    EMPTY = "empty", _("No text found")
    FAILED = "failed", _("Text could not be read")


class Attachment(models.Model):
    """A file of an entry (a study's PDF) with the text extracted from it for the search."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to="knowledge/attachments/", max_length=300,
        validators=[UploadValidator({"pdf"})],
    )  # fmt: skip
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_status = models.CharField(
        _("text"), max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING,
        editable=False,
    )  # fmt: skip
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.entry.get_absolute_url() + f"#datei-{self.pk}"


class ReviewComment(models.Model):
    """A reviewer's (or the author's) comment on one section of an entry."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(
        _("section"), max_length=20, choices=Section.choices, default=Section.GENERAL
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )  # fmt: skip
    text = models.TextField(_("comment"))
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:60]}"


class EntryStateChange(StateChange):
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="state_changes"
    )
    from_state = models.CharField(_("from"), max_length=20, choices=EntryStatus.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=EntryStatus.choices)

    class Meta(StateChange.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
