"""Background work of the offers portal (django-tasks; run by `db_worker`)."""

from django_tasks import task

from .services import offers_notify_stale, saved_searches_notify


@task()
def notify_stale_offers() -> int:
    return offers_notify_stale()


@task()
def notify_saved_searches() -> int:
    return saved_searches_notify()
