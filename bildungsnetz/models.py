"""Platform-wide bookkeeping that belongs to no domain app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """When a periodic task was last queued (see bildungsnetz/schedule.py)."""

    name = models.CharField(_("task"), max_length=200, unique=True)
    last_enqueued = models.DateTimeField(_("last queued"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self) -> str:
        return self.name
