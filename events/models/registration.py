"""Registration for an event: questions, registrations (confirmed or waiting) and answers."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Organisation

from .choices import QuestionKind, RegistrationStatus
from .events import Event


class RegistrationQuestion(models.Model):
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registration_questions",
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind of answer"), max_length=8, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    options = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and len(self.option_list) < 2:
            raise ValidationError({"options": _("A choice needs at least two options.")})

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING)

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def waiting_order(self):
        """First come, first served: the order the waiting list moves up in."""
        return self.waiting().order_by("created", "pk")


class Registration(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = RegistrationQuerySet.as_manager()

    # Read by the record of processing activities (Art. 30 GDPR).
    personal_data = {
        "name": (
            _("Organise the event and tell participants about changes"),
            _("Art. 6(1)(b) GDPR (registration)"),
            _("until one year after the event"),
        ),
        "email": (
            _("Confirm the registration, send changes and the cancel link"),
            _("Art. 6(1)(b) GDPR (registration)"),
            _("until one year after the event"),
        ),
        "organisation_name": (
            _("Organise the event"),
            _("Art. 6(1)(b) GDPR (registration)"),
            _("until one year after the event"),
        ),
    }

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created", "pk"]
        indexes = [models.Index(fields=["event", "status", "created"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.name} ({self.event})"


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        RegistrationQuestion,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="events_answer_once")
        ]

    def __str__(self) -> str:
        return self.value
