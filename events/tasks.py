"""Background work of events (django-tasks; run by `db_worker`, queued by the scheduler)."""

from django_tasks import task

from .services_series import series_materialise_all


@task()
def materialise_series() -> int:
    """Create the coming meetings of every series for its horizon."""
    return series_materialise_all().changed
