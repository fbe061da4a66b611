"""Background work of accounts (django-tasks; run by `db_worker`, queued by the scheduler)."""

from django_tasks import task

from .services import auth_events_purge


@task()
def purge_auth_events() -> int:
    """Delete login events older than AUTH_EVENT_RETENTION_DAYS."""
    return auth_events_purge()
