"""Data that a test module loads once and its tests only read (the demo, an import, a world of
users): loaded in a module-scoped fixture inside `loaded_for_the_module`.

    @pytest.fixture(scope="module")
    def loaded(django_db_setup, django_db_blocker):
        with loaded_for_the_module(django_db_blocker):
            yield load_it()

What the fixture writes is one transaction, rolled back after the module's last test. Each
test asks for `db` as well, as every database test does, and runs in a savepoint inside it, so
what a test changes is undone before the next one while the loaded rows stay. Every later test
of the module sees them, asked for or not. Not for `transactional_db` or `live_server` tests:
they empty the tables the transaction holds.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings


@contextmanager
def loaded_for_the_module(django_db_blocker, **settings) -> Iterator[None]:
    """The database opened to a module-scoped fixture, with `settings` overridden while it
    loads and runs, in a transaction rolled back on leaving."""
    with django_db_blocker.unblock(), override_settings(**settings), transaction.atomic():
        yield
        transaction.set_rollback(True)
