"""In the browser: a yearly series is drawn on a year axis, and the charts speak the page's
language (German grouping on German pages, English on /en/)."""

import re

import pytest
from django.urls import reverse, translate_url

# browser_page comes from bildungsnetz.tests.browser, registered for the whole suite.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = reverse(
    "monitoring:indicator_detail",
    kwargs={"code": "schulabgaenger"},
    query={"gebiet": ["ags:16051000", "ags:16"]},
)


def _axis_labels(page, path: str) -> list[str]:
    page.goto(path)
    page.wait_for_selector("[data-vega-spec='chart-series'] svg .role-axis-label text")
    return page.eval_on_selector_all(
        "[data-vega-spec='chart-series'] svg .role-axis-label text",
        "ns => ns.map(n => n.textContent)",
    )


def test_a_yearly_chart_shows_years_and_german_numbers(genesis_committed, browser_page):
    labels = _axis_labels(browser_page, URL)
    assert {"2014", "2015"} <= set(labels)
    assert not any(re.search(r"[A-Za-z]", label) for label in labels)  # no "Jan", "Mar 02"
    grouped = [label for label in labels if re.fullmatch(r"\d{1,3}(\.\d{3})+", label)]
    assert grouped, labels  # Thuringia's ~15 000 leavers: "15.000", German grouping


def test_an_english_page_keeps_english_numbers(genesis_committed, browser_page):
    labels = _axis_labels(browser_page, translate_url(URL, "en"))
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", label) for label in labels), labels
