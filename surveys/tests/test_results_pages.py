"""The results pages: a wave's tables, breakdowns, comparison, publishing an index."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import member
from monitoring.models import IndicatorValue
from surveys.models import SurveyIndex
from surveys.tests.factories import WaveFactory
from surveys.tests.results_data import answer, build_version, filled_wave, wien

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_results_of_a_running_wave_are_public(client):
    wave, _ = filled_wave(parents=20, pupils=6)
    response = client.get(reverse("surveys:results_wave", args=[wave.slug]))
    assert response.status_code == 200
    page = _text(response)
    assert "TH01" in page and "Eltern" in page
    assert ">26<" in page  # complete responses only


def test_results_of_a_draft_wave_are_404_for_outsiders(client):
    wave, _ = filled_wave(status="draft")
    assert client.get(reverse("surveys:results_wave", args=[wave.slug])).status_code == 404
    client.force_login(member(wien()))
    assert client.get(reverse("surveys:results_wave", args=[wave.slug])).status_code == 404


def test_results_of_a_draft_wave_are_shown_to_its_city_editors(client):
    wave, _ = filled_wave(status="draft")
    client.force_login(member(wave.territory))
    assert client.get(reverse("surveys:results_wave", args=[wave.slug])).status_code == 200


def test_results_page_never_shows_free_text(client):
    wave, _ = filled_wave(parents=20, pupils=6)
    page = _text(client.get(reverse("surveys:results_wave", args=[wave.slug])))
    assert "geheim" not in page
    assert "Free-text answers are private" in page or "Freitextantworten" in page


def test_hidden_cells_show_a_dot_with_a_reason_and_a_legend(client):
    wave, _ = filled_wave(parents=20, pupils=4)
    page = _text(client.get(reverse("surveys:results_wave", args=[wave.slug])))
    assert '<span aria-hidden="true">.</span>' in page
    assert "kern-sr-only" in page
    assert "bn-results-legend" in page
    # the four pupils are a count nowhere in the GRP table
    grp = page.split('id="legend-GRP"')[0].rsplit("<table", 1)[1]
    assert not re.search(r">\s*4\s*<", grp)


def test_breakdown_with_4_respondents_shows_no_number_and_its_total_cannot_reveal_it(client):
    wave, _ = filled_wave(parents=20, pupils=4)
    url = reverse("surveys:results_breakdown", args=[wave.slug])
    response = client.get(url, {"frage": "TH01", "nach": "GRP"})
    assert response.status_code == 200
    table = _text(response).split("<table", 1)[1].split("</table>", 1)[0]
    assert not re.search(r">\s*4\s*<", table)  # the pupils' count
    totals = table.split("<tfoot>", 1)[1]
    assert not re.search(r">\s*20\s*<", totals)  # the parents' total, 24 − 20 = 4
    assert "24" in totals  # the grand total is shown
    result = response.context["result"]
    pupils = [g["code"] for g in result.groups].index("2")
    assert all(row["cells"][pupils].value is None for row in result.rows)


def test_breakdown_without_a_choice_asks_for_one(client):
    wave, _ = filled_wave()
    url = reverse("surveys:results_breakdown", args=[wave.slug])
    assert client.get(url).status_code == 200
    response = client.get(url, {"frage": "TH01", "nach": "TH01"})
    assert response.status_code == 422
    assert client.get(url, {"frage": "TXT", "nach": "GRP"}).status_code == 422


def test_comparison_page_shows_both_cities_side_by_side(client):
    first, _ = filled_wave(slug="erfurt-2026", parents=10, pupils=10)
    version, questions = build_version(first.version.instrument, number=2, with_text=False)
    second = WaveFactory(version=version, territory=wien(), slug="wien-2026", period="2025")
    for _ in range(7):
        answer(second, questions, grp="1", th01="5")
    response = client.get(reverse("surveys:results_compare"), {"wellen": "erfurt-2026,wien-2026"})
    page = _text(response)
    assert response.status_code == 200
    assert "Erfurt, 2026" in page and "Wien, 2025" in page
    assert "Not asked in" in page or "Nicht gefragt" in page  # TXT is not in version 2


def test_comparison_leaves_out_draft_waves(client):
    filled_wave(slug="entwurf", status="draft")
    response = client.get(reverse("surveys:results_compare"), {"wellen": "entwurf"})
    assert response.context["waves"] == []
    assert 'value="entwurf"' not in _text(response)
    assert reverse("surveys:results_wave", args=["entwurf"]) not in _text(response)


def _index(wave):
    return SurveyIndex.objects.create(
        instrument=wave.version.instrument,
        code="teilhabe",
        name="Teilhabeindex",
        question_codes=["TH01", "TH05"],
    )


def test_publish_needs_a_coordinator(client):
    wave, _ = filled_wave()
    index = _index(wave)
    url = reverse("surveys:results_index_publish", args=[wave.slug, index.code])
    assert client.post(url).status_code in (302, 403)
    assert not IndicatorValue.objects.exists()
    client.force_login(member(wien()))
    assert client.post(url).status_code == 403
    assert not IndicatorValue.objects.exists()


def test_coordinator_publishes_the_index_from_the_results_page(client):
    wave, _ = filled_wave(parents=10, pupils=10)
    index = _index(wave)
    client.force_login(member(wave.territory))
    page = _text(client.get(reverse("surveys:results_wave", args=[wave.slug])))
    url = reverse("surveys:results_index_publish", args=[wave.slug, index.code])
    assert url in page
    response = client.post(url)
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator__code="index-teilhabe")
    assert value.territory == wave.territory
    assert value.dataset.code == f"befragung-{wave.slug}"


def test_publish_button_is_hidden_from_the_public(client):
    wave, _ = filled_wave()
    index = _index(wave)
    page = _text(client.get(reverse("surveys:results_wave", args=[wave.slug])))
    assert reverse("surveys:results_index_publish", args=[wave.slug, index.code]) not in page


def test_results_of_a_wave_without_responses_show_zeros(client):
    version, _ = build_version()
    wave = WaveFactory(version=version)
    response = client.get(reverse("surveys:results_wave", args=[wave.slug]))
    assert response.status_code == 200
    assert not re.search(r"\bnan\b", _text(response), re.IGNORECASE)


def test_comparison_page_shows_each_wave_index_side_by_side(client):
    first, _ = filled_wave(slug="erfurt-2026", parents=10, pupils=10)
    version, questions = build_version(first.version.instrument, number=2, with_text=False)
    second = WaveFactory(version=version, territory=wien(), slug="wien-2026")
    for _ in range(6):
        answer(second, questions, grp="1", th01="5", th05=("4", "4"))
    _index(first)
    response = client.get(reverse("surveys:results_compare"), {"wellen": "erfurt-2026,wien-2026"})
    row = response.context["index_rows"][0]
    assert row["index"].code == "teilhabe"
    assert row["values"][1].mean == pytest.approx(100)
    assert "100,00" in _text(response)
