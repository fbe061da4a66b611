import io

import pytest

from monitoring import demo
from monitoring.models import ImportLog, IndicatorValue, Observation, PeerGroup

pytestmark = pytest.mark.django_db


def test_the_demo_loads_and_a_second_run_changes_nothing(reference_territories):
    demo.load(io.StringIO())
    counts = (
        Observation.objects.count(),
        IndicatorValue.objects.count(),
        ImportLog.objects.count(),
    )
    assert counts[0] > 30000 and PeerGroup.objects.get().territories.count() == 7
    demo.load(io.StringIO())
    assert (
        Observation.objects.count(),
        IndicatorValue.objects.count(),
        ImportLog.objects.count(),
    ) == counts
