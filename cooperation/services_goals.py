"""What the system does with what an agreement goal is linked to: the projects serving it and
the monitoring indicators measuring it (baseline, target, and the latest value read from
monitoring's public query functions)."""

from __future__ import annotations

from django.db import transaction

from bildungsnetz.concurrency import Expected
from bildungsnetz.services import model_update
from monitoring.selectors import indicator_latest, indicator_values

from .models import Goal, GoalIndicator, Project


@transaction.atomic
def goal_project_link(*, goal: Goal, project: Project) -> None:
    """Record that `project` serves `goal` (only a project of the goal's own partnership)."""
    project.clean_goals([goal])
    project.goals.add(goal)


@transaction.atomic
def goal_project_unlink(*, goal: Goal, project: Project) -> None:
    project.goals.remove(goal)


def _baseline_from_monitoring(indicator, territory, value, period: str) -> dict:
    """For an empty baseline value, the one monitoring has: the value of the baseline year,
    or without a year the latest value and its period (as fields to set; {} for none)."""
    if value is not None:
        return {}
    if period:
        values = [
            v
            for v in indicator_values(indicator, [territory])
            if v.value is not None and (v.period == period or str(v.period_date.year) == period)
        ]
        return {"baseline_value": values[-1].value} if values else {}
    latest = indicator_latest(indicator, territory)
    if latest is None or latest.value is None:
        return {}
    return {
        "baseline_value": latest.value,
        "baseline_period": str(latest.period_date.year) if latest.period_date else latest.period,
    }


@transaction.atomic
def goal_indicator_save(
    *, link: GoalIndicator, data: dict, expected: Expected | None = None
) -> GoalIndicator:
    """Attach an indicator to a goal (a new `link`) or change its baseline and target."""

    def now(field):
        return data[field] if field in data else getattr(link, field)

    data = {
        **data,
        **_baseline_from_monitoring(
            now("indicator"), now("territory"), now("baseline_value"), now("baseline_period")
        ),
    }
    model_update(instance=link, data=data, expected=expected)
    return link


@transaction.atomic
def goal_indicator_remove(*, link: GoalIndicator) -> None:
    link.delete()
