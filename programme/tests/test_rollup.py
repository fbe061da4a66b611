"""Progress rolls up from tasks to packages to the programme and to agreement goals, computed
in bulk by the database: the number of queries does not grow with packages or tasks."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cooperation.tests.factories import GoalFactory
from programme import selectors
from programme.models import TaskStatus

from .factories import MilestoneFactory, ProgrammeFactory, TaskFactory, WorkPackageFactory


def _fill(programme, packages: int, tasks: int):
    made = []
    for n in range(packages):
        package = WorkPackageFactory(programme=programme, number=f"AP {n + 1}", position=n + 1)
        for i in range(tasks):
            TaskFactory(package=package, status=TaskStatus.DONE if i % 2 == 0 else TaskStatus.OPEN)
        TaskFactory(package=package, status=TaskStatus.CANCELLED)
        MilestoneFactory(package=package, reached_at="2024-01-01")
        made.append(package)
    return made


@pytest.mark.parametrize("packages", [2, 12])
def test_the_programme_page_needs_the_same_queries_for_2_or_12_packages(
    client, db, packages, django_assert_max_num_queries
):
    programme = ProgrammeFactory()
    _fill(programme, packages, tasks=4)
    with django_assert_max_num_queries(10):
        response = client.get(programme.get_absolute_url())
    assert response.status_code == 200


def test_package_progress_counts_done_tasks_and_reached_milestones_not_cancelled(db):
    programme = ProgrammeFactory()
    (package,) = _fill(programme, 1, tasks=4)  # 2 of 4 done, 1 cancelled, 1 milestone reached
    (row,) = selectors.programme_packages(programme)
    assert (row.tasks_counted, row.tasks_done) == (4, 2)
    assert (row.milestones_total, row.milestones_reached) == (1, 1)
    assert row.progress == pytest.approx(60.0)  # (2 + 1) / (4 + 1)


def test_deleted_tasks_do_not_count(db):
    programme = ProgrammeFactory()
    package = WorkPackageFactory(programme=programme)
    TaskFactory(package=package, status=TaskStatus.DONE)
    TaskFactory(package=package, deleted_at="2024-01-01T00:00:00Z")
    (row,) = selectors.programme_packages(programme)
    assert row.progress == pytest.approx(100.0)


def test_programme_progress_of_many_programmes_in_one_query(db, django_assert_num_queries):
    first, second = ProgrammeFactory(), ProgrammeFactory()
    _fill(first, 2, tasks=2)
    package = WorkPackageFactory(programme=second)
    TaskFactory(package=package, status=TaskStatus.DONE)
    with django_assert_num_queries(1):
        values = selectors.programme_progress_map([first.pk, second.pk])
    assert values[second.pk] == pytest.approx(100.0)
    assert values[first.pk] == pytest.approx(200 / 3)  # each package: (1 + 1) / (2 + 1)


def test_a_goal_gets_the_mean_progress_of_its_packages_in_one_query(db, django_assert_num_queries):
    goal = GoalFactory()
    programme = ProgrammeFactory()
    done, half = WorkPackageFactory(programme=programme), WorkPackageFactory(programme=programme)
    TaskFactory(package=done, status=TaskStatus.DONE)
    TaskFactory(package=half, status=TaskStatus.DONE)
    TaskFactory(package=half)
    done.goals.add(goal)
    half.goals.add(goal)
    with django_assert_num_queries(1):
        packages = selectors.goal_packages(goal, user=AnonymousUser())
    assert selectors.goal_progress(packages) == 75
