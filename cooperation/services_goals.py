"""What the system does with what an agreement goal is linked to: the projects serving it and
the monitoring indicators measuring it (baseline, target, and the latest value read from
monitoring's public query functions)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bildungsnetz.concurrency import Expected, ensure_current
from monitoring.services import indicator_latest, indicator_values

from .models import Goal, GoalIndicator, Project


@transaction.atomic
def goal_project_link(*, goal: Goal, project: Project) -> None:
    """Record that `project` serves `goal` (only a project of the goal's own partnership)."""
    if project.partnership_id != goal.agreement.partnership_id:
        raise ValidationError(
            _("A project can only serve goals of its own partnership's agreements.")
        )
    project.goals.add(goal)


@transaction.atomic
def goal_project_unlink(*, goal: Goal, project: Project) -> None:
    project.goals.remove(goal)


def _baseline_from_monitoring(link: GoalIndicator) -> None:
    """Fill an empty baseline value from monitoring: the value of the baseline year, or
    without a year the latest value and its period."""
    if link.baseline_value is not None:
        return
    if link.baseline_period:
        values = [
            v
            for v in indicator_values(link.indicator, [link.territory])
            if v.value is not None
            and (
                v.period == link.baseline_period or str(v.period_date.year) == link.baseline_period
            )
        ]
        if values:
            link.baseline_value = values[-1].value
        return
    latest = indicator_latest(link.indicator, link.territory)
    if latest is not None and latest.value is not None:
        link.baseline_value = latest.value
        link.baseline_period = str(latest.period_date.year) if latest.period_date else latest.period


@transaction.atomic
def goal_indicator_save(
    *, link: GoalIndicator, data: dict, expected: Expected | None = None
) -> GoalIndicator:
    """Attach an indicator to a goal (a new `link`) or change its baseline and target."""
    ensure_current(link, expected)
    for field, value in data.items():
        setattr(link, field, value)
    _baseline_from_monitoring(link)
    if (
        link.baseline_value is not None
        and link.target_value is not None
        and link.baseline_value == link.target_value
    ):
        raise ValidationError(
            {
                "target_value": _(
                    "The target is the baseline: progress towards it cannot be measured. "
                    "Give a target that differs from the baseline (%(value)s)."
                )
                % {"value": f"{link.baseline_value:g}"}
            }
        )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def goal_indicator_remove(*, link: GoalIndicator) -> None:
    link.delete()
