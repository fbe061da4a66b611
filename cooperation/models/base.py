"""Abstract models that several cooperation model modules share; like `choices`, imported by
them and importing none of them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StateChange(models.Model):
    """One recorded step of a lifecycle: who made it, when, and why. A concrete model adds the
    object it belongs to and its `from_state`/`to_state` with that lifecycle's choices."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
