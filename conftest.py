"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture(autouse=True)
def _english_off(settings):
    """Tests run in German, the interface's first language, unless they switch."""
    settings.LANGUAGE_CODE = "de"


@pytest.fixture
def reference_territories(db):
    from places.services import territories_load_reference

    territories_load_reference()
