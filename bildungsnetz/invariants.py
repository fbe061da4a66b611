"""Invariants that many models share, each written once: the database's check and the message
a form shows come from the same place.

A period (an agreement's validity, a project's run, a role, an offer's dates, an age range) is
ordered: its end is not before its start, and either may be open. A model declares
`not_before(start, end, name=...)` among its `Meta.constraints` (the database refuses a
reversed period whatever writes it) and calls `check_not_before(self, start, end)` in `clean()`
(a form or service shows the message at the end field instead of the database's error).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The end cannot be before the start.")


def not_before(start: str, end: str, *, name: str) -> models.CheckConstraint:
    """The check that `end` is empty, `start` is empty, or `end` >= `start`."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


def not_before_errors(instance, start: str, end: str, message=END_BEFORE_START) -> dict:
    """`{end: message}` if both are set and `end` lies before `start`, else `{}`: for a
    `clean()` that gathers several errors before raising."""
    first, last = getattr(instance, start), getattr(instance, end)
    if first is not None and last is not None and last < first:
        return {end: message}
    return {}


def check_not_before(instance, start: str, end: str, message=END_BEFORE_START) -> None:
    """Raise the message at `end` if it lies before `start` (see `not_before_errors`)."""
    if errors := not_before_errors(instance, start, end, message):
        raise ValidationError(errors)
