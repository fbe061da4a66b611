"""The segregation page and API: intervals, populated units, caveats, one bar per year."""

import json
import re

import pytest
from django.urls import reverse

from monitoring.demo import BERLIN_FILE, BERLIN_MAPPING, berlin_bytes
from monitoring.services import observations_import
from monitoring.spatial import MIN_UNITS

pytestmark = pytest.mark.django_db
# `genesis` imported once for the module (monitoring/tests/conftest.py).
GENESIS_ONCE = True

PAGE = reverse("monitoring:segregation")
API = reverse("api-v1:segregation")


@pytest.fixture
def berlin(reference_territories, catalogue):
    log = observations_import(
        data=berlin_bytes(), filename=BERLIN_FILE.name, mapping=BERLIN_MAPPING
    )
    assert log.status == "succeeded", log.errors


def _series(client, code):
    (series,) = client.get(API, {"series": code}).json()
    return series


def _row(series, parent, period):
    (row,) = [r for r in series["rows"] if r["parent"] == parent and r["period"] == period]
    return row


def _chart(page: str, code: str) -> dict:
    match = re.search(
        rf'<script id="chart-seg-{code}" type="application/json">(.*?)</script>', page
    )
    return json.loads(match.group(1))


def test_berlin_dissimilarity_has_its_interval_in_the_api(berlin, client):
    series = _series(client, "auslaender-berlin")
    row = _row(series, "Berlin", "2022-06-30")
    d = row["indices"]["dissimilarity"]
    assert d["value"] == pytest.approx(0.226, abs=0.001)
    assert d["low"] < d["value"] < d["high"]
    assert d["low"] > 0.19 and d["high"] < 0.26
    for name in ("gini", "entropy", "isolation", "interaction"):
        index = row["indices"][name]
        assert index["low"] <= index["value"] <= index["high"], name
    assert series["ci_level"] == 0.95 and series["n_boot"] >= 1000


def test_api_answers_series_rows_and_sources(berlin, client):
    series = _series(client, "auslaender-berlin")
    assert set(series) >= {"code", "title", "source", "datasets", "rows", "min_units"}
    (dataset,) = series["datasets"]
    assert dataset["licence"] and dataset["licence_url"].startswith("http")
    row = _row(series, "Berlin", "2022-06-30")
    assert row["parent_key"] == "ags:11000000"
    assert (row["units"], row["left_out"], row["suppressed"]) == (540, 2, 2)
    assert row["no_data"] == row["empty"] == 0 and row["caveat"] is None
    assert client.get(API, {"parent": "ags:16000000"}).json()[0]["rows"] == []


def test_page_shows_each_index_with_an_interval_around_it(berlin, client):
    text = re.sub(r"<[^>]+>", "", client.get(PAGE).content.decode())
    series = _series(client, "auslaender-berlin")
    d = _row(series, "Berlin", "2022-06-30")["indices"]["dissimilarity"]
    shown = f"0,226 (95 %-KI {d['low']:.3f}–{d['high']:.3f})".replace(".", ",")
    assert shown in text
    assert text.count("95 %-KI ") >= 4  # D, Gini, H and isolation of the row


def test_page_states_source_period_and_licence_of_each_series(berlin, client):
    page = client.get(PAGE).content.decode()
    dataset = _series(client, "auslaender-berlin")["datasets"][0]
    assert "Amt für Statistik Berlin-Brandenburg" in page
    assert "2022-06-30" in page
    assert f'href="{dataset["licence_url"]}" rel="license">{dataset["licence"]}' in page


def test_only_populated_units_are_counted(genesis, client):
    series = _series(client, "ohne-hauptschulabschluss-laender")
    sachsen = _row(series, "Sachsen", "2015")
    # 42 county territories carry rows; 29 dissolved ones hold "-" (nobody) in 2015.
    assert (sachsen["units"], sachsen["empty"], sachsen["left_out"]) == (13, 29, 29)
    page = client.get(PAGE).content.decode()
    assert re.search(r"Sachsen</th><td[^>]*>2015</td><td[^>]*>13</td><td[^>]*>29 \(29 leer\)", page)


def test_a_state_with_two_units_carries_the_caveat(genesis, client):
    series = _series(client, "ohne-hauptschulabschluss-laender")
    bremen = _row(series, "Bremen", "2015")
    assert bremen["units"] == 2 < MIN_UNITS
    assert "Weniger als 10 besiedelte Teilgebiete" in bremen["caveat"]
    assert _row(series, "Bayern", "2015")["caveat"] is None
    page = client.get(PAGE).content.decode()
    assert re.search(r"Bremen <span [^>]*data-caveat=\"few-units\"", page)
    assert "Weniger als 10 besiedelte Teilgebiete" in page
    assert not re.search(r"Bayern <span [^>]*data-caveat", page)


def test_chart_draws_one_bar_per_year_side_by_side(genesis, client):
    spec = _chart(client.get(PAGE).content.decode(), "ohne-hauptschulabschluss-laender")
    assert spec["encoding"]["yOffset"]["field"] == "group"
    bars = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    assert len(bars) == 1 and bars[0]["encoding"]["x"].get("stack") in (None, False)
    bayern = [d for d in spec["data"]["values"] if d["territory"] == "Bayern"]
    assert sorted(d["group"] for d in bayern) == ["2014", "2015"]
    assert all(d["low"] <= d["value"] <= d["high"] for d in bayern)
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert rules[0]["encoding"]["x"]["field"] == "low"
    assert rules[0]["encoding"]["x2"]["field"] == "high"
