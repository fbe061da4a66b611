"""Survey indices: computed per wave, published into the monitoring as an indicator."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.tests.factories import member
from monitoring.models import Dataset, Indicator, IndicatorValue, Observation, Symbol
from surveys.models import SurveyIndex
from surveys.selectors_results import wave_index
from surveys.services_indices import index_publish
from surveys.tests.factories import WaveFactory
from surveys.tests.results_data import answer, build_version, erfurt, filled_wave, wien

pytestmark = pytest.mark.django_db


def _index(instrument, **fields):
    values = {"code": "teilhabe", "name": "Teilhabeindex", "question_codes": ["TH01", "TH05"]}
    return SurveyIndex.objects.create(instrument=instrument, **{**values, **fields})


def test_index_rescales_items_to_0_100_and_averages_over_respondents():
    wave, _ = filled_wave(parents=10, pupils=10)
    index = _index(wave.version.instrument)
    # parents: TH01 4 → 75, TH05a 3 → 66.7, TH05b 4 → 100: 80.6; pupils: 25, 0, 33.3: 19.4
    summary = wave_index(index, wave)
    parents = (75 + 200 / 3 + 100) / 3
    pupils = (25 + 0 + 100 / 3) / 3
    assert summary.mean == pytest.approx((parents + pupils) / 2)
    assert summary.n == 20


def test_index_leaves_out_missing_codes_and_respondents_below_min_items():
    version, questions = build_version()
    wave = WaveFactory(version=version)
    for _ in range(5):
        answer(wave, questions, grp="1", th01="5", th05=("4", "4"))
    for _ in range(3):
        answer(wave, questions, grp="1", th01="99")  # don't know, no matrix answers
    index = _index(version.instrument, min_items=1)
    assert wave_index(index, wave).mean == pytest.approx(100)
    assert wave_index(index, wave).n == 5


def test_index_of_fewer_than_five_respondents_is_hidden():
    wave, _ = filled_wave(parents=3, pupils=1)
    summary = wave_index(_index(wave.version.instrument), wave)
    assert summary.suppressed and summary.mean is None


def test_publish_takes_only_waves_of_the_index_instrument():
    first, second, admin = _two_cities()
    other, _ = filled_wave(slug="fremd")
    with pytest.raises(ValueError):
        index_publish(index=_index(first.version.instrument), waves=[other], actor=admin)


def test_publish_needs_a_coordinator_of_every_wave():
    wave, _ = filled_wave()
    outsider = member(wien())
    with pytest.raises(PermissionDenied):
        index_publish(index=_index(wave.version.instrument), waves=[wave], actor=outsider)
    assert not Indicator.objects.filter(code="index-teilhabe").exists()


def _two_cities():
    first, _ = filled_wave(erfurt(), slug="erfurt-2026", parents=10, pupils=10, period="2026")
    version, questions = build_version(first.version.instrument, number=2)
    second = WaveFactory(version=version, territory=wien(), slug="wien-2026", period="2026")
    for _ in range(8):
        answer(second, questions, grp="1", th01="5", th05=("4", "4"))
    admin = member(first.territory)
    admin.is_superuser = True
    admin.save()
    return first, second, admin


def test_published_index_appears_as_indicator_for_both_cities_with_the_wave_as_source(client):
    first, second, admin = _two_cities()
    index = _index(first.version.instrument)
    indicator = index_publish(index=index, waves=[first, second], actor=admin)
    index.refresh_from_db()
    assert index.indicator == indicator
    assert indicator.code == "index-teilhabe"
    assert indicator.unit == "Punkte (0–100)"
    values = {v.territory.name: v for v in IndicatorValue.objects.filter(indicator=indicator)}
    assert values["Wien"].value == pytest.approx(100)
    assert values["Wien"].dataset.code == "befragung-wien-2026"
    assert values["Erfurt"].dataset.code == "befragung-erfurt-2026"
    dataset = Dataset.objects.get(code="befragung-wien-2026")
    assert not dataset.is_official and dataset.licence
    assert "Wien" in dataset.source
    url = reverse("monitoring:indicator_detail", args=[indicator.code])
    page = client.get(url, {"gebiet": ["ags:16051000", "gkz:90001"]}).content.decode()
    assert "Erfurt" in page and "Wien" in page
    assert "befragung-erfurt-2026" in page and "befragung-wien-2026" in page
    assert "100,0" in page


def test_publishing_twice_replaces_the_observation():
    first, second, admin = _two_cities()
    index = _index(first.version.instrument)
    index_publish(index=index, waves=[second], actor=admin)
    second.period = "2027"
    second.save()
    index_publish(index=index, waves=[second], actor=admin)
    index_publish(index=index, waves=[second], actor=admin)
    observations = Observation.objects.filter(dataset__code="befragung-wien-2026")
    assert list(observations.values_list("period", flat=True)) == ["2027"]
    assert IndicatorValue.objects.filter(indicator__code="index-teilhabe").count() == 1


def test_a_hidden_index_is_published_as_dot_never_as_zero():
    first, second, admin = _two_cities()
    version, questions = build_version(first.version.instrument, number=3)
    small = WaveFactory(version=version, territory=wien(), slug="klein", period="2025")
    for _ in range(4):
        answer(small, questions, grp="1", th01="5")
    index = _index(first.version.instrument)
    index_publish(index=index, waves=[small], actor=admin)
    observation = Observation.objects.get(dataset__code="befragung-klein")
    assert observation.value is None and observation.symbol == Symbol.UNKNOWN


def test_a_coordinator_of_the_city_publishes_its_wave():
    wave, _ = filled_wave(parents=10, pupils=10)
    coordinator = member(wave.territory)
    index = _index(wave.version.instrument)
    indicator = index_publish(index=index, waves=[wave], actor=coordinator)
    assert IndicatorValue.objects.get(indicator=indicator).territory == wave.territory
