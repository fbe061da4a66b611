"""The surveys API: waves and their suppressed results, no raw data."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from surveys.models import SurveyIndex
from surveys.tests.results_data import filled_wave

pytestmark = pytest.mark.django_db


def _results(slug: str) -> str:
    return reverse("api-v1:survey_wave_results", args=[slug])


def test_api_lists_running_waves_but_not_drafts(client):
    wave, _ = filled_wave(slug="laufend")
    filled_wave(slug="entwurf", status="draft")
    data = client.get(reverse("api-v1:survey_wave_list")).json()
    slugs = [item["slug"] for item in data["items"]]
    assert slugs == ["laufend"]
    item = data["items"][0]
    assert item["city"] == "ags:16051000"
    assert item["results_url"] == reverse("surveys:results_wave", args=["laufend"])


def test_api_results_are_suppressed(client):
    wave, _ = filled_wave(slug="laufend", parents=20, pupils=4)
    data = client.get(_results("laufend")).json()
    assert data["min_cell"] == 5
    grp = next(v for v in data["variables"] if v["code"] == "GRP")
    pupils = next(c for c in grp["categories"] if c["code"] == "2")
    parents = next(c for c in grp["categories"] if c["code"] == "1")
    assert pupils["value"] is None and pupils["symbol"] == "." and pupils["reason"] == "primary"
    assert parents["value"] is None and parents["reason"] == "complementary"
    assert grp["total"]["value"] == 24
    th05a = next(v for v in data["variables"] if v["code"] == "TH05a")
    assert th05a["question"] == "TH05"


def test_api_results_carry_no_free_text(client):
    filled_wave(slug="laufend")
    response = client.get(_results("laufend"))
    assert "geheim" not in response.content.decode()
    text = next(v for v in response.json()["variables"] if v["code"] == "TXT")
    assert text["answered"]["value"] == 10
    assert text["categories"] == []


def test_api_results_of_a_draft_wave_are_404(client):
    filled_wave(slug="entwurf", status="draft")
    response = client.get(_results("entwurf"))
    assert response.status_code == 404
    assert "detail" in json.loads(response.content)


def test_api_results_give_the_wave_index_hidden_below_five(client):
    wave, _ = filled_wave(slug="laufend", parents=10, pupils=10)
    small, _ = filled_wave(slug="klein", parents=3, pupils=1)
    for w in (wave, small):
        SurveyIndex.objects.create(
            instrument=w.version.instrument, code="teilhabe", name="Teilhabe",
            question_codes=["TH01"],
        )  # fmt: skip
    index = client.get(_results("laufend")).json()["indices"][0]
    assert index["code"] == "teilhabe"
    assert index["value"]["mean"] == 50.0  # parents 75, pupils 25
    assert index["indicator"] is None
    hidden = client.get(_results("klein")).json()["indices"][0]["value"]
    assert hidden["mean"] is None and hidden["symbol"] == "."
