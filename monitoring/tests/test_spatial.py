import pytest

from monitoring.demo import BERLIN_FILE, BERLIN_MAPPING, berlin_bytes
from monitoring.models import IndicatorValue, Observation
from monitoring.services import observations_import
from monitoring.spatial import SERIES, series_indices

pytestmark = pytest.mark.django_db


@pytest.fixture
def berlin(reference_territories, catalogue):
    log = observations_import(
        data=berlin_bytes(), filename=BERLIN_FILE.name, mapping=BERLIN_MAPPING
    )
    assert log.status == "succeeded", log.errors
    return log


def test_berlin_planning_areas_are_observations(berlin):
    assert berlin.new_territories == []
    suppressed = Observation.objects.filter(measure__code="EW_AUSLAENDER", symbol=".")
    assert suppressed.exists() and all(o.value is None for o in suppressed)


def test_segregation_of_foreigners_over_berlin_planning_areas(berlin):
    (row,) = series_indices(SERIES[0])
    assert row["parent"].name == "Berlin"
    assert row["dissimilarity"] == pytest.approx(0.226, abs=0.001)
    assert row["left_out"] == 2


def test_borough_values_are_summed_from_planning_areas(berlin):
    mitte = IndicatorValue.objects.get(
        indicator__code="auslaenderanteil-plr", territory__scheme="lor", territory__code="01"
    )
    assert mitte.aggregated and 30 < mitte.value < 40
