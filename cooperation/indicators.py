"""Goal ↔ monitoring indicator: baseline, target and the latest value, for the goal page."""

from __future__ import annotations

from monitoring.selectors import indicator_latest

from .progress import share_of_way


def goal_indicator_progress(goal) -> list[dict]:
    rows = []
    links = goal.indicators.select_related("indicator", "territory").filter(
        indicator__is_public=True
    )
    for link in links:
        latest = indicator_latest(link.indicator, link.territory)
        value = latest.value if latest else None
        progress = share_of_way(link.baseline_value, link.target_value, value)
        rows.append(
            {
                "link": link,
                "latest": latest,
                "progress": progress,
                # the bar stays inside 0–100; the number says how far past or behind
                "bar": None if progress is None else round(min(max(progress, 0), 100)),
            }
        )
    return rows
