"""How far a work package, a programme and an agreement goal have come (pure, no Django).

The rule, stated once:
- A work package's progress is the share of its countable items that are finished, each item
  weighing the same: tasks done out of tasks not cancelled, plus milestones reached out of
  milestones. Cancelled tasks are left out (they will never be done and are no failure).
  Nothing to count (no task, no milestone) means no progress can be said: None, not 0.
- A programme's progress is the mean of its packages' progress, each package weighing the
  same; packages with nothing to count are left out.
- A goal's progress contribution is the mean of the progress of the packages serving it, in
  the same way.

Values are per cent, from 0 to 100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """What a package's progress is computed from (counted by the database in bulk)."""

    tasks_counted: int = 0  # tasks not cancelled
    tasks_done: int = 0
    milestones_total: int = 0
    milestones_reached: int = 0


def share(done: int, total: int) -> float | None:
    """Per cent of `total` that is done; None when there is nothing to count."""
    if total <= 0:
        return None
    if done < 0 or done > total:
        raise ValueError("done must lie between 0 and total")
    return done / total * 100


def package_progress(counts: Counts) -> float | None:
    """Finished tasks and reached milestones out of all countable ones, each weighing the same."""
    return share(
        counts.tasks_done + counts.milestones_reached,
        counts.tasks_counted + counts.milestones_total,
    )


def mean_progress(values: Iterable[float | None]) -> float | None:
    """The mean of the progress values that can be said; None when none can."""
    known = [value for value in values if value is not None]
    if not known:
        return None
    return sum(known) / len(known)


def programme_progress(packages: Iterable[float | None]) -> float | None:
    """A programme's progress from its packages' progress (each package weighs the same)."""
    return mean_progress(packages)


def goal_contribution(packages: Iterable[float | None]) -> float | None:
    """What the packages serving a goal contribute to it: the mean of their progress."""
    return mean_progress(packages)


def rounded(value: float | None) -> int | None:
    """A progress value as shown: whole per cent, never 100 before everything is finished."""
    if value is None:
        return None
    whole = round(value)
    if whole == 100 and value < 100:
        return 99
    if whole == 0 and value > 0:
        return 1
    return whole
