"""The demo: the joint instrument in German and English, two closed waves (Erfurt, Wien) with
generated responses marked as demo, coordinated by the cities' demo logins; loading twice
changes nothing."""

import csv
import io
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own export in a test

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from monitoring.models import Dataset, IndicatorValue
from surveys import demo
from surveys.models import (
    Answer,
    Choice,
    Instrument,
    Question,
    Response,
    ResponseStatus,
    SurveyIndex,
    Wave,
    WaveStatus,
)


@pytest.fixture
def loaded(reference_territories):
    for city in demo.CITIES:  # the demo logins (accounts.demo needs the whole actors demo)
        UserFactory(email=city.coordinator)
    demo.load(io.StringIO())


@pytest.mark.django_db
def test_the_demo_instrument_speaks_german_and_english_in_four_sections_of_14_questions(loaded):
    instrument = Instrument.objects.get(code="teilhabe-inklusion")
    assert instrument.is_demo and instrument.territory.key == "ags:16051000"
    assert instrument.title_de == "Bildungsteilhabe und Inklusion"
    assert instrument.title_en == "Educational participation and inclusion"
    version = instrument.versions.get()
    assert version.is_frozen
    assert version.sections.count() == 4
    assert version.questions.count() == 14
    with translation.override("en"):
        assert Question.objects.get(version=version, code="TH01").text.startswith("In which role")
    items = Choice.objects.filter(question__code="TH05", role=Choice.Role.ITEM)
    assert sorted(items.values_list("code", flat=True)) == demo.MATRIX_ITEMS
    assert Choice.objects.get(question__code="TH05", code="99").is_missing


@pytest.mark.django_db
def test_the_barriers_follow_up_is_asked_only_after_a_yes(loaded):
    follow_up = Question.objects.get(code="TH07")
    assert follow_up.condition_question.code == "TH06"
    assert follow_up.condition_values == ["1"]
    said_yes = set(
        Answer.objects.filter(question__code="TH06", code="1").values_list("response", flat=True)
    )
    answered = set(Answer.objects.filter(question__code="TH07").values_list("response", flat=True))
    assert answered and answered <= said_yes


@pytest.mark.django_db
def test_the_demo_waves_are_closed_with_180_and_220_complete_demo_responses(loaded):
    erfurt = Wave.objects.get(slug="teilhabe-inklusion-erfurt-2025")
    wien = Wave.objects.get(slug="teilhabe-inklusion-wien-2025")
    assert erfurt.territory.key == "ags:16051000" and wien.territory.key == "gkz:90001"
    for wave, n in ((erfurt, 180), (wien, 220)):
        assert wave.status == WaveStatus.CLOSED and wave.period == "2025" and wave.is_demo
        assert "Demo" in wave.title
        responses = Response.objects.filter(wave=wave)
        assert responses.filter(status=ResponseStatus.COMPLETE, is_demo=True).count() == n
        assert responses.count() == n


@pytest.mark.django_db
def test_a_rare_role_leaves_a_cell_under_five_in_each_city(loaded):
    for slug in ("teilhabe-inklusion-erfurt-2025", "teilhabe-inklusion-wien-2025"):
        rare = Answer.objects.filter(response__wave__slug=slug, question__code="TH01", code="4")
        assert 0 < rare.count() < 5


@pytest.mark.django_db
def test_the_cities_answer_differently(loaded):
    def share_agreeing(slug):
        answers = Answer.objects.filter(response__wave__slug=slug, item__code="TH05c")
        return answers.filter(code__in=["4", "5"]).count() / answers.count()

    assert share_agreeing("teilhabe-inklusion-wien-2025") > share_agreeing(
        "teilhabe-inklusion-erfurt-2025"
    )


@pytest.mark.django_db
def test_the_cities_demo_logins_coordinate_their_wave(loaded):
    erfurt = Wave.objects.get(slug="teilhabe-inklusion-erfurt-2025")
    wien = Wave.objects.get(slug="teilhabe-inklusion-wien-2025")
    assert [u.email for u in erfurt.coordinators.all()] == ["erfurt@demo.bildungsnetz.example"]
    assert [u.email for u in wien.coordinators.all()] == ["wien@demo.bildungsnetz.example"]


@pytest.mark.django_db
def test_the_participation_index_covers_the_matrix_items(loaded):
    index = SurveyIndex.objects.get(instrument__code="teilhabe-inklusion", code="teilhabe")
    assert index.question_codes == demo.MATRIX_ITEMS


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing(loaded):
    models = (Instrument, Question, Choice, Wave, Response, Answer, SurveyIndex, IndicatorValue)
    before = [M.objects.count() for M in models]
    stamps = list(Wave.objects.order_by("pk").values_list("updated", flat=True))
    answer_ids = list(Answer.objects.order_by("pk").values_list("pk", flat=True)[:20])
    values = list(IndicatorValue.objects.order_by("pk").values_list("pk", "value"))
    out = io.StringIO()
    demo.load(out)
    assert [M.objects.count() for M in models] == before
    assert list(Wave.objects.order_by("pk").values_list("updated", flat=True)) == stamps
    assert list(Answer.objects.order_by("pk").values_list("pk", flat=True)[:20]) == answer_ids
    assert list(IndicatorValue.objects.order_by("pk").values_list("pk", "value")) == values
    assert "demo responses" not in out.getvalue()


@pytest.mark.django_db
def test_the_participation_index_is_in_the_monitoring_for_both_cities_with_the_wave_as_source(
    loaded,
):
    index = SurveyIndex.objects.get(instrument__code="teilhabe-inklusion", code="teilhabe")
    assert index.indicator is not None
    values = IndicatorValue.objects.filter(indicator=index.indicator, period="2025")
    by_city = {value.territory.key: value for value in values}
    assert set(by_city) == {"ags:16051000", "gkz:90001"}
    assert all(value.value is not None and 0 < value.value < 100 for value in values)
    sources = Dataset.objects.filter(code__startswith="befragung-teilhabe-inklusion-")
    assert sorted(sources.values_list("code", flat=True)) == [
        "befragung-teilhabe-inklusion-erfurt-2025",
        "befragung-teilhabe-inklusion-wien-2025",
    ]


@pytest.mark.django_db
def test_the_demo_waves_ddi_matches_its_coded_csv_column_for_column(loaded, client):
    wave = Wave.objects.get(slug="teilhabe-inklusion-erfurt-2025")
    client.force_login(wave.coordinators.get())
    response = client.get(reverse("surveys:export_answers", args=[wave.slug]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    root = ET.fromstring(client.get(reverse("surveys:export_ddi", args=[wave.slug])).content)  # noqa: S314
    names = [var.get("name") for var in root.iter("{ddi:codebook:2_5}var")]
    assert names == rows[0]
    assert len(rows) - 1 == 180 == int(root.findtext(".//{ddi:codebook:2_5}caseQnty"))
    assert {"TH03_6", "TH05a", "TH05e", "TH07_1", "TH13", "TH14"} <= set(names)


@pytest.mark.django_db
def test_a_running_demo_wave_lets_anyone_try_the_questionnaire(loaded, client):
    wave = Wave.objects.get(slug=demo.OPEN_WAVE)
    assert wave.status == WaveStatus.OPEN and wave.opens <= timezone.localdate() <= wave.closes
    response = client.get(reverse("surveys:answer_start", args=[wave.open_key]))
    assert response.status_code == 200
    assert "Befragung beginnen" in response.content.decode()


@pytest.mark.django_db
def test_the_home_page_invites_to_try_the_demo_wave_and_to_resume(loaded, client):
    page = client.get(reverse("surveys:home")).content.decode()
    start = reverse("surveys:answer_start", args=["demo-probelauf"])
    assert f'href="{start}">Fragebogen ausprobieren (Demo)' in page
    assert f'href="{reverse("surveys:answer_resume")}">Mit Ihrem Code fortsetzen' in page
