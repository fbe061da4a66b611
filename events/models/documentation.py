"""What stays after an event: files and photos (the outcomes text is on the event)."""

from __future__ import annotations

import posixpath
import secrets

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bildungsnetz.uploads import UploadValidator

from .events import Event

DOCUMENT_KINDS = {"pdf", "xlsx", "csv", "zip", "png", "jpeg"}
DOCUMENT_EXTENSIONS = ["pdf", "xlsx", "csv", "zip", "png", "jpg", "jpeg", "txt"]
PHOTO_EXTENSIONS = ["png", "jpg", "jpeg"]


def _random_name(folder: str, filename: str) -> str:
    # A random folder keeps names unguessable and lets two files share a name.
    return posixpath.join(folder, secrets.token_hex(8), posixpath.basename(filename))


def document_path(instance, filename: str) -> str:
    return _random_name("events/documents", filename)


def photo_path(instance, filename: str) -> str:
    return _random_name("events/photos", filename)


class EventDocument(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        max_length=255,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), UploadValidator(DOCUMENT_KINDS)],
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("document of an event")
        verbose_name_plural = _("documents of an event")
        ordering = ["event", "created", "pk"]

    def __str__(self) -> str:
        return self.title


class EventPhoto(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(
        _("photo"),
        upload_to=photo_path,
        max_length=255,
        validators=[FileExtensionValidator(PHOTO_EXTENSIONS), UploadValidator({"png", "jpeg"})],
    )
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("photo of an event")
        verbose_name_plural = _("photos of an event")
        ordering = ["event", "created", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="events_photo_alt_text")
        ]

    def __str__(self) -> str:
        return self.alt_text
