"""A respondent answers a small questionnaire in a real browser by keyboard only: a single
choice with a follow-up shown only for one answer (answer.js), a Likert matrix, a required
number; leaves one out (error summary gets focus), saves, resumes with the code in a fresh
browser, submits. axe-core finds no WCAG 2.1 AA violation on the start page, a question page
with an error, and the thank-you page."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bildungsnetz.tests.browser import axe_violations, tab_to
from places.tests.factories import TerritoryFactory
from surveys.demo import _instrument as demo_instrument
from surveys.models import Answer, Response, ResponseStatus

from .answering import small_instrument
from .factories import WaveFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused_matches(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def test_a_respondent_answers_by_keyboard_saves_resumes_and_submits(browser_page, live_server):
    wave, _ = small_instrument()
    page = browser_page
    page.goto(reverse("surveys:answer_start", args=[wave.open_key]))
    assert page.get_by_role("heading", name="Elternbefragung Teststadt").is_visible()
    assert axe_violations(page) == []
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    # Page 1: the follow-up appears only while "Ja" is chosen.
    page.wait_for_selector("#id_Q01_0")
    page.wait_for_load_state()  # answer.js (deferred) has run
    follow_up = page.locator("#frage-Q02")
    assert follow_up.is_hidden()
    assert page.locator("[data-answer-hint]").is_hidden()  # the no-JS hint is not needed
    tab_to(page, "#id_Q01_0")
    page.keyboard.press("Space")
    assert follow_up.is_visible()
    page.keyboard.press("ArrowDown")  # to "Nein": the follow-up goes away
    assert page.locator("#id_Q01_1").is_checked()
    assert follow_up.is_hidden()
    page.keyboard.press("ArrowUp")
    assert follow_up.is_visible()
    page.keyboard.press("Tab")
    assert _focused_matches(page, "#id_Q02")
    page.keyboard.type("2")
    page.keyboard.press("Enter")  # the first submit button of the form: "Weiter"

    # Page 2: submit with the matrix and the age left out: the error summary takes focus.
    page.wait_for_selector("#id_M01__M01a_0")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".bn-error-summary")
    assert _focused_matches(page, ".bn-error-summary")
    assert page.get_by_role(
        "link", name="Wie alt sind Sie?: Bitte beantworten Sie diese Frage."
    ).is_visible()
    assert axe_violations(page) == []

    tab_to(page, "#id_M01__M01a_0")
    page.keyboard.press("ArrowRight")  # moves to and chooses the second option …
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # … and on to "Trifft zu"
    assert page.locator("#id_M01__M01a_3").is_checked()
    page.keyboard.press("Tab")
    assert _focused_matches(page, "#id_M01__M01b_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_N01")
    page.keyboard.type("41")
    tab_to(page, "button[value=save]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#answer-resume-code")
    code = page.locator("#answer-resume-code").input_value()
    assert len(code) >= 16

    # A fresh browser (no cookies): the code alone brings the answers back.
    context = page.context.browser.new_context(base_url=live_server.url, locale="de-DE")
    fresh = context.new_page()
    fresh.goto(reverse("surveys:answer_resume"))
    assert _focused_matches(fresh, "input[name=code]")  # the only field starts focused
    fresh.keyboard.type(code)
    fresh.keyboard.press("Enter")
    fresh.wait_for_selector("#id_M01__M01a_3")
    assert fresh.locator("#id_M01__M01a_3").is_checked()
    assert fresh.locator("#id_M01__M01b_0").is_checked()
    assert fresh.locator("#id_N01").input_value() == "41"
    tab_to(fresh, "button[value=submit]")
    fresh.keyboard.press("Enter")
    fresh.wait_for_selector("h1")
    assert fresh.get_by_role("heading", name="Vielen Dank für Ihre Teilnahme").is_visible()
    assert axe_violations(fresh) == []
    context.close()

    response = Response.objects.get()
    assert response.status == ResponseStatus.COMPLETE
    assert Answer.objects.filter(response=response, question__code="Q02").get().number == 2


def test_the_demo_instrument_is_answered_by_keyboard_in_english(browser_page, live_server):
    """The issue's journey on the demo questionnaire (4 pages, its matrix TH05 and the barrier
    follow-ups TH07/TH08 shown only for TH06 = yes), run as an open wave, in English."""
    _, version = demo_instrument(TerritoryFactory())
    today = timezone.localdate()
    wave = WaveFactory(version=version, title="Teilhabe Teststadt", opens=today, closes=today)
    page = browser_page
    with translation.override("en"):
        page.goto(reverse("surveys:answer_start", args=[wave.open_key]))
    assert page.get_by_role("button", name="Start the survey").is_visible()
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#id_TH01_0")
    page.wait_for_load_state()
    assert page.get_by_text("In which role are you answering?").is_visible()
    tab_to(page, "#id_TH01_0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # on to the next radio group
    assert _focused_matches(page, "#id_TH02_0")
    page.keyboard.press("ArrowDown")
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#id_TH05__TH05a_0")
    page.wait_for_load_state()
    assert axe_violations(page) == []  # the page with the matrix
    tab_to(page, "#id_TH03_2")
    page.keyboard.press("Space")  # library
    for row in ["a", "b", "c", "d", "e"]:
        tab_to(page, f"#id_TH05__TH05{row}_0")
        page.keyboard.press("ArrowRight")
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#id_TH06_0")
    page.wait_for_load_state()
    follow_up = page.locator("#frage-TH07")
    assert follow_up.is_hidden()
    tab_to(page, "#id_TH06_0")
    page.keyboard.press("Space")  # yes: what kept you from it?
    assert follow_up.is_visible()
    tab_to(page, "#id_TH07_0")
    page.keyboard.press("Space")  # cost
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#id_TH09_0")
    page.wait_for_load_state()
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1")
    assert page.get_by_role("heading", name="Thank you for taking part").is_visible()

    response = Response.objects.get(wave=wave)
    assert response.status == ResponseStatus.COMPLETE
    assert response.language == "en"
    coded = {
        (a.question.code, a.item.code if a.item else None): a.code
        for a in Answer.objects.filter(response=response).select_related("question", "item")
    }
    assert coded[("TH01", None)] == "1"
    assert coded[("TH02", None)] == "2"
    assert coded[("TH03", None)] == "3"
    assert coded[("TH05", "TH05c")] == "2"
    assert coded[("TH07", None)] == "1"
