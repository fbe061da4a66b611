"""A resident filters offers for Erfurt by keyboard; the filters pass axe when open
(#12, findings 9 and 10)."""

import re

import pytest
from django.urls import reverse

from bildungsnetz.tests.browser import axe_violations, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return "";
  if (e.tagName === "SUMMARY") return "summary:" + e.closest("details").id;
  return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.name ? "[" + e.name + "]" : "")
    + (e.textContent.trim() && e.tagName === "BUTTON" ? ":" + e.textContent.trim() : "");
}"""


def _focus_order(page, until: str, limit: int = 80) -> list[str]:
    order = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        order.append(page.evaluate(FOCUSED))
        if order[-1] == until:
            return order
    raise AssertionError(f"{until} not reached; focus went {order}")


def test_a_resident_filters_offers_for_erfurt_by_keyboard(demo, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(reverse("offers:offer_list"))
    tab_to(page, "#id_q")
    # From the search field the focus goes: Search, Apply (at the top of the filters), age,
    # then one summary per group, in the order they are shown; no option is in the way.
    order = _focus_order(page, "summary:facet-district")
    assert order[0].endswith(":Suchen")
    assert order[1].endswith(":Filter anwenden")
    assert order[2] == "input#id_age[age]"
    summaries = [f for f in order if f.startswith("summary:")]
    assert summaries == order[3:]
    assert summaries[:2] == ["summary:facet-kind", "summary:facet-format"]
    # Open the group with Enter: its options follow the summary.
    page.keyboard.press("Enter")
    assert page.locator("#facet-district").get_attribute("open") is not None
    tab_to(page, 'input[name="district"][value="ags:16051000"]', limit=20)
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"district=ags%3A16051000|district=ags:16051000"))
    results = page.locator("#offer-results")
    results.get_by_text("6 Lernangebote").wait_for()
    # The focus stays on the option just chosen; the summary names it.
    assert page.evaluate("() => document.activeElement.value") == "ags:16051000"
    status = page.locator("#facet-district-status")
    assert "1 ausgewählt" in status.inner_text() and "Erfurt" in status.inner_text()
    places = results.locator(".bn-offer-cards .kern-preline--small").all_inner_texts()
    assert len(places) == 6 and all(p.endswith("Erfurt") for p in places)
    # No map of Berlin beside a list of Erfurt.
    assert results.locator(".bn-offer-map").count() == 0
    assert "Neukölln" not in results.inner_text()
    # Apply at the end of the filters by keyboard as well (the page without htmx does this).
    tab_to(page, ".bn-facets__apply button", limit=20)
    page.keyboard.press("Enter")
    results.get_by_text("6 Lernangebote").wait_for()
    page.screenshot(path="/tmp/offers-erfurt-by-keyboard.png", full_page=True)


def test_the_offer_filters_pass_axe_when_open(demo, axe_page):
    page = axe_page
    page.goto(reverse("offers:offer_list", query={"district": "ags:16051000", "language": "de"}))
    page.evaluate(
        "() => document.querySelectorAll('#offer-facets details').forEach(d => d.open = true)"
    )
    assert page.locator("#offer-facets details[open]").count() >= 9
    assert axe_violations(page) == []
    page.goto(reverse("offers:offer_list", query={"district": "lor:08"}))  # with the district map
    page.evaluate(
        "() => document.querySelectorAll('#offer-facets details').forEach(d => d.open = true)"
    )
    assert page.locator(".bn-offer-map svg").count() == 1
    assert axe_violations(page) == []
