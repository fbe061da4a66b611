from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def catalogue(db):
    from monitoring.indicators import indicators_load_catalogue

    indicators_load_catalogue()


@pytest.fixture
def genesis(reference_territories, catalogue):
    """The three real GENESIS tables of the demo, imported."""
    from monitoring.demo import GENESIS
    from monitoring.services import observations_import

    logs = [observations_import(path=DATA / "genesis" / name) for name in GENESIS]
    assert [log.status for log in logs] == ["succeeded"] * 3, [log.errors for log in logs]
    return logs


@pytest.fixture
def erfurt(reference_territories):
    from places.models import Territory

    return Territory.objects.get_by_key("ags:16051000")
