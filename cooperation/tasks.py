"""Background work of cooperation (django-tasks; run by `db_worker`, queued by the scheduler)."""

from django_tasks import task

from .services import agreements_expire
from .services_council import agreements_council_check


@task()
def expire_agreements() -> int:
    """Move agreements whose term has ended to "expired"."""
    return agreements_expire()


@task()
def check_council_decisions() -> int:
    """Read the council's decisions on agreements under committee reservation (OParl)."""
    return agreements_council_check()
