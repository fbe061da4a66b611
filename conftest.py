"""Fixtures shared by every app's tests."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from bildungsnetz.testing.module_data import loaded_for_the_module

# A forced login of a user with a second factor counts as a login that used it (see there).
pytest_plugins = ["accounts.tests.sessions", "bildungsnetz.tests.browser"]


def pytest_collection_modifyitems(items):
    """The modules with browser tests first, then the rest in collection order; the test workers
    take whole modules in this order (`--dist loadfile` with `--no-loadscope-reorder`). The
    longest modules are browser ones (the accessibility crawl alone takes two minutes): begun
    last, as xdist's own order (most tests first) had them, one worker ran on alone while the
    other had finished."""
    browser_modules = {item.path for item in items if item.get_closest_marker("browser")}
    items.sort(key=lambda item: item.path not in browser_modules)


@pytest.fixture(autouse=True)
def _english_off(settings):
    """Tests run in German, the interface's first language, unless they switch."""
    settings.LANGUAGE_CODE = "de"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def reference_territories(db):
    from places.services import territories_load_reference

    territories_load_reference()


@pytest.fixture
def taxonomies(reference_territories):
    from actors.services import taxonomies_load  # models load after pytest-django's setup

    taxonomies_load()


def _load_demo() -> None:
    from actors import demo as actors_demo  # models load after pytest-django's setup
    from actors.services import taxonomies_load
    from offers import demo as offers_demo
    from places.services import territories_load_reference

    territories_load_reference()
    taxonomies_load()
    actors_demo.load()
    offers_demo.load()


@pytest.fixture(scope="module")
def _demo_of_the_module(request, django_db_setup, django_db_blocker):
    """In a module with `DEMO_ONCE = True`: `demo` loaded once (`loaded_for_the_module`)."""
    if not getattr(request.module, "DEMO_ONCE", False):
        yield False
        return
    with loaded_for_the_module(django_db_blocker, DEMO_OPEN_DATA=False):
        _load_demo()
        yield True


@pytest.fixture
def demo(_demo_of_the_module, db, settings):
    """The demo organisations and offers, with the reference territories and taxonomies (a test
    module may define its own `demo`), without the thousand real organisations of Leipzig and
    Bochum: tests that need them load them. Per test; once per module where the module sets
    `DEMO_ONCE = True` (then every later test of the module sees it too, asked for or not)."""
    settings.DEMO_OPEN_DATA = False
    if not _demo_of_the_module:
        _load_demo()


@pytest.fixture(scope="module")
def whole_demo(request, django_db_setup, django_db_blocker):
    """`bildungsnetz demo` loaded once for a whole test module (`loaded_for_the_module`: each
    test in a savepoint of a transaction rolled back after the module's last one). Loading the
    demo takes seconds; a module of read-mostly tests over it pays that once.

    Without the thousand real organisations of Leipzig and Bochum (a fifth of the demo's time)
    unless the module sets `WHOLE_DEMO_OPEN_DATA = True`; only the demos of the apps a module
    names in `WHOLE_DEMO_APPS` (app labels, those it builds on included) if it does."""
    open_data = getattr(request.module, "WHOLE_DEMO_OPEN_DATA", False)
    only = getattr(request.module, "WHOLE_DEMO_APPS", None)
    with loaded_for_the_module(django_db_blocker, DEMO_OPEN_DATA=open_data):
        call_command("demo", only=only, stdout=StringIO())
        yield


@pytest.fixture
def keep_test_connection():
    """For calls straight to the WSGI app (schemathesis), not through Django's test client: do
    what the client does and keep request signals from closing the connection that holds the
    test's transaction (PostgreSQL would otherwise lose it after the first request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
