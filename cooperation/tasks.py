"""Background work of cooperation (django-tasks; run by `db_worker`, queued by the scheduler)."""

from django_tasks import task

from .services import agreements_expire


@task()
def expire_agreements() -> int:
    """Move agreements whose term has ended to "expired"."""
    return agreements_expire()
