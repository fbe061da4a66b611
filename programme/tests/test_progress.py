"""The progress rule (programme/progress.py), without a database."""

import pytest

from programme.progress import (
    Counts,
    goal_contribution,
    package_progress,
    programme_progress,
    rounded,
    share,
)


def test_a_package_without_tasks_or_milestones_has_no_progress_rather_than_zero():
    assert package_progress(Counts()) is None


def test_done_tasks_and_reached_milestones_weigh_the_same():
    counts = Counts(tasks_counted=3, tasks_done=1, milestones_total=1, milestones_reached=1)
    assert package_progress(counts) == pytest.approx(50.0)


def test_cancelled_tasks_are_left_out():
    # Four tasks, one cancelled (not counted), one done: one of three.
    counts = Counts(tasks_counted=3, tasks_done=1)
    assert package_progress(counts) == pytest.approx(100 / 3)


def test_a_programme_averages_its_packages_leaving_out_those_without_progress():
    assert programme_progress([100.0, None, 0.0, 50.0]) == pytest.approx(50.0)
    assert programme_progress([None, None]) is None


def test_a_goal_gets_the_mean_of_the_packages_serving_it():
    assert goal_contribution([25.0, 75.0]) == pytest.approx(50.0)
    assert goal_contribution([]) is None


def test_share_refuses_more_done_than_there_is():
    with pytest.raises(ValueError):
        share(3, 2)


def test_shown_progress_is_never_100_before_everything_is_done_nor_0_after_a_start():
    assert rounded(99.6) == 99
    assert rounded(0.2) == 1
    assert rounded(100.0) == 100
    assert rounded(0.0) == 0
    assert rounded(None) is None
