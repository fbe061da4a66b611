"""Abstract models that several cooperation model modules share; like `choices`, imported by
them and importing none of them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def done_by() -> models.ForeignKey:
    """The user who did something recorded ("by"); the record stays when the user is deleted,
    and users get no reverse accessor for it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class StateChange(models.Model):
    """One recorded step of a lifecycle: who made it, when, and why. A concrete model adds the
    object it belongs to and its `from_state`/`to_state` with that lifecycle's choices."""

    user = done_by()
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
