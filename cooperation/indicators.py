"""Goal ↔ monitoring indicator: baseline, target and the latest value, for the goal page."""

from __future__ import annotations

from monitoring.services import indicator_latest

from .progress import share_of_way


def goal_indicator_progress(goal) -> list[dict]:
    rows = []
    links = goal.indicators.select_related("indicator", "territory").filter(
        indicator__is_public=True
    )
    for link in links:
        latest = indicator_latest(link.indicator, link.territory)
        value = latest.value if latest else None
        rows.append(
            {
                "link": link,
                "latest": latest,
                "progress": share_of_way(link.baseline_value, link.target_value, value),
            }
        )
    return rows
