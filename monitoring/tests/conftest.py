from pathlib import Path

import pytest

from bildungsnetz.testing.module_data import loaded_for_the_module

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def catalogue(db):
    from monitoring.indicators import indicators_load_catalogue

    indicators_load_catalogue()


def _import_genesis() -> list:
    from monitoring.demo import GENESIS
    from monitoring.indicators import indicators_load_catalogue
    from monitoring.services import observations_import
    from places.services import territories_load_reference

    territories_load_reference()
    indicators_load_catalogue()
    logs = [observations_import(path=DATA / "genesis" / name) for name in GENESIS]
    assert [log.status for log in logs] == ["succeeded"] * 3, [log.errors for log in logs]
    return logs


@pytest.fixture(scope="module")
def _genesis_of_the_module(request, django_db_setup, django_db_blocker):
    """In a module with `GENESIS_ONCE = True`: the import once (`loaded_for_the_module`).
    Imported per test, the three tables took ~1.6 s (SQLite) to ~3 s (PostgreSQL) each time."""
    if not getattr(request.module, "GENESIS_ONCE", False):
        yield None
        return
    with loaded_for_the_module(django_db_blocker):
        yield _import_genesis()


@pytest.fixture
def genesis(_genesis_of_the_module, db):
    """The three real GENESIS tables of the demo, imported (with the reference territories
    and the indicator catalogue), per test; once per module where the module sets
    `GENESIS_ONCE = True`: then every later test of the module sees them too, asked for or
    not. Not for `transactional_db` or live-server tests (they empty the tables the module's
    transaction holds): those ask for `genesis_committed`."""
    if _genesis_of_the_module is None:
        return _import_genesis()
    for log in _genesis_of_the_module:
        log.refresh_from_db()  # a test before may have changed it in memory
    return _genesis_of_the_module


@pytest.fixture
def genesis_committed(transactional_db):
    """`genesis` for tests whose requests run outside the test's transaction (a live server)."""
    return _import_genesis()


@pytest.fixture
def erfurt(reference_territories):
    from places.models import Territory

    return Territory.objects.get_by_key("ags:16051000")
