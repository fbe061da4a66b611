"""Background work of the search (django-tasks; run by `db_worker`)."""

from django_tasks import task

from .vocabulary import statistics_refresh


@task()
def refresh_word_statistics() -> int:
    """How common each word is (the ranking's rarity of title words), from the index itself."""
    return statistics_refresh()
