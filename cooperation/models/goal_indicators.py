from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from monitoring.models import Indicator
from places.models import Territory

from .agreements import Goal


class GoalIndicator(models.Model):
    """A monitoring indicator that measures an agreement goal in one territory.

    Baseline and target are kept here; the latest value is read through monitoring's public
    query functions (`monitoring.selectors.indicator_latest`), never from its tables directly.
    """

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="indicators"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    baseline_period = models.CharField(_("baseline period"), max_length=20, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    target_period = models.CharField(_("target period"), max_length=20, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator of a goal")
        verbose_name_plural = _("indicators of goals")
        ordering = ["goal", "indicator__code", "territory__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "indicator", "territory"], name="goal_indicator_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.indicator} ({self.territory})"

    def clean(self) -> None:
        errors = {}
        start, end = self.baseline_period, self.target_period
        if start and end and end < start:
            errors["target_period"] = _("The target year cannot be before the baseline year.")
        if (
            self.baseline_value is not None
            and self.target_value is not None
            and self.baseline_value == self.target_value
        ):
            errors["target_value"] = ValidationError(
                _(
                    "The target is the baseline: progress towards it cannot be measured. "
                    "Give a target that differs from the baseline (%(value)s)."
                ),
                code="target_is_baseline",
                params={"value": f"{self.baseline_value:g}"},
            )
        if errors:
            raise ValidationError(errors)
