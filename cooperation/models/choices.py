"""Choices that several model modules use, kept apart so that agreements (a goal's roll-up
counts its projects by status) and projects (a project serves goals) need not import each
other."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
