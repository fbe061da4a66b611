"""Background work of events (django-tasks; run by `db_worker`, queued by the scheduler)."""

from django_tasks import task

from .services_minutes import action_items_remind_overdue
from .services_series import series_materialise_all


@task()
def materialise_series() -> int:
    """Create the coming meetings of every series for its horizon."""
    return series_materialise_all().changed


@task()
def remind_overdue_action_items() -> int:
    """Mail the owners of overdue open action items (once per item and day); the number of
    mails sent."""
    return action_items_remind_overdue().mails
