"""How far a value has come from a baseline towards a target (pure, no Django)."""

from __future__ import annotations


def share_of_way(baseline: float | None, target: float | None, latest: float | None):
    """Per cent of the way from baseline to target; None when it cannot be said.

    Works for goals that go down as well as up (target below baseline). Not clamped: a value
    past the target shows more than 100, one going the wrong way less than 0.
    """
    if baseline is None or target is None or latest is None or target == baseline:
        return None
    return (latest - baseline) / (target - baseline) * 100
