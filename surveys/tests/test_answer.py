"""The respondent's pages: start, pages with conditions and validation, save and resume,
submission, closed waves, invitations, quotas, panel consent and language."""

import datetime as dt
import hashlib

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from surveys.models import Answer, Invitation, QuestionKind, Quota, Response, ResponseStatus

from .answering import small_instrument
from .factories import (
    AnswerFactory,
    ChoiceFactory,
    QuestionFactory,
    ResponseFactory,
    SurveySectionFactory,
)

pytestmark = pytest.mark.django_db


def _start(client, wave, data=None):
    response = client.post(reverse("surveys:answer_start", args=[wave.open_key]), data or {})
    assert response.status_code == 302
    match = resolve(response.url)
    assert match.url_name == "answer_page"
    return match.kwargs["resume_key"]


def _page(key, number):
    return reverse("surveys:answer_page", args=[key, number])


def _response(key):
    return Response.objects.get(resume_hash=hashlib.sha256(key.encode()).hexdigest())


def _answers(response):
    return {
        (a.question.code, a.item.code if a.item else None): (a.code, a.number, a.text)
        for a in Answer.objects.filter(response=response).select_related("question", "item")
    }


def test_the_start_page_shows_title_time_and_privacy_note_and_creates_nothing(client):
    wave, _ = small_instrument()
    page = client.get(reverse("surveys:answer_start", args=[wave.open_key]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Elternbefragung Teststadt" in text
    assert "Min." in text
    assert "anonym" in text
    assert "Befragung beginnen" in text
    assert Response.objects.count() == 0


def test_starting_creates_a_response_with_the_wave_version_and_a_hashed_resume_key(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    response = _response(key)
    assert response.status == ResponseStatus.STARTED
    assert response.version == wave.version
    assert response.language == "de"
    assert key not in response.resume_hash
    assert response.panel_key == ""


def test_a_wrong_resume_key_is_not_found(client):
    small_instrument()
    assert client.get(_page("x" * 32, 1)).status_code == 404


def test_a_required_question_left_out_keeps_what_was_typed_and_says_why(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "2", "action": "next"})
    page = client.post(
        _page(key, 2), {"M01__M01a": "3", "N01": "", "T01": "Mehr Kitas", "action": "submit"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "bn-error-summary" in text
    assert 'href="#id_N01"' in text
    assert 'href="#id_M01__M01b_0"' in text
    assert "Bitte beantworten Sie diese Frage." in text
    assert "Mehr Kitas" in text
    assert 'value="3" id="id_M01__M01a_2" checked' in text
    assert _response(key).status == ResponseStatus.STARTED


def test_a_number_out_of_range_is_refused_with_a_german_message(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    page = client.post(_page(key, 1), {"Q01": "1", "Q02": "40", "action": "next"})
    assert page.status_code == 200
    assert "kleiner oder gleich 12" in page.content.decode()
    assert not Answer.objects.exists()


def test_a_conditional_question_is_required_only_when_shown(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    page = client.post(_page(key, 1), {"Q01": "1", "Q02": "", "action": "next"})
    assert page.status_code == 200  # Q01 = Ja: Q02 is shown and required
    page = client.post(_page(key, 1), {"Q01": "2", "Q02": "", "action": "next"})
    assert page.status_code == 302  # Q01 = Nein: Q02 hidden, not required


def test_without_javascript_a_same_page_follow_up_shows_its_condition(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    text = client.get(_page(key, 1)).content.decode()
    assert "Nur beantworten, wenn gilt: „Haben Sie Kinder im Schulalter?“ ist „Ja“." in text
    assert 'data-condition-question="Q01"' in text


def test_a_hidden_questions_answer_is_not_stored_and_dropped_when_it_becomes_hidden(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "2", "Q02": "3", "action": "next"})
    assert ("Q02", None) not in _answers(_response(key))
    client.post(_page(key, 1), {"Q01": "1", "Q02": "3", "action": "next"})
    assert _answers(_response(key))[("Q02", None)] == ("", 3.0, "")
    client.post(_page(key, 1), {"Q01": "2", "Q02": "3", "action": "next"})
    assert ("Q02", None) not in _answers(_response(key))


def test_changing_an_earlier_answer_drops_the_answers_it_now_hides_on_other_pages(client):
    wave, questions = small_instrument()
    questions["N01"].condition_question = questions["Q01"]
    questions["N01"].condition_operator = "equals"
    questions["N01"].condition_values = ["1"]
    questions["N01"].save()
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "1", "Q02": "2", "action": "next"})
    client.post(_page(key, 2), {"N01": "40", "action": "save"})
    assert ("N01", None) in _answers(_response(key))
    client.post(_page(key, 1), {"Q01": "2", "action": "next"})
    assert ("N01", None) not in _answers(_response(key))
    assert "Wie alt sind Sie?" not in client.get(_page(key, 2)).content.decode()


def test_save_and_resume_keeps_the_answers_and_the_page(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "1", "Q02": "2", "action": "next"})
    saved = client.post(_page(key, 2), {"M01__M01a": "4", "N01": "", "action": "save"})
    assert saved.status_code == 302
    assert saved.url == reverse("surveys:answer_saved", args=[key])
    page = client.get(saved.url)
    assert key in page.content.decode()
    assert _page(key, 2) in page.content.decode()

    resumed = client.post(reverse("surveys:answer_resume"), {"code": f"  {key}  "})
    assert resumed.url == _page(key, 2)
    text = client.get(resumed.url).content.decode()
    assert 'value="4" id="id_M01__M01a_3" checked' in text
    back = client.get(_page(key, 1)).content.decode()
    assert 'value="1" id="id_Q01_0" checked' in back
    assert 'value="2"' in back


def test_resume_accepts_the_whole_link_and_refuses_a_wrong_code(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    link = "https://example.org" + _page(key, 1)
    assert client.post(reverse("surveys:answer_resume"), {"code": link}).url == _page(key, 1)
    wrong = client.post(reverse("surveys:answer_resume"), {"code": "a" * 32})
    assert wrong.status_code == 200
    assert "Zu diesem Code wurde keine Befragung gefunden" in wrong.content.decode()


def test_back_saves_without_requiring_answers(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "2", "action": "next"})
    back = client.post(_page(key, 2), {"N01": "33", "action": "back"})
    assert back.url == _page(key, 1)
    assert _answers(_response(key))[("N01", None)][1] == 33.0


def test_submitting_completes_the_response_with_coded_answers(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "1", "Q02": "2", "action": "next"})
    done = client.post(
        _page(key, 2),
        {"M01__M01a": "4", "M01__M01b": "9", "N01": "41", "T01": "Danke", "action": "submit"},
    )
    assert done.url == reverse("surveys:answer_done")
    response = _response(key)
    assert response.status == ResponseStatus.COMPLETE
    assert response.submitted is not None
    assert _answers(response) == {
        ("Q01", None): ("1", None, ""),
        ("Q02", None): ("", 2.0, ""),
        ("M01", "M01a"): ("4", None, ""),
        ("M01", "M01b"): ("9", None, ""),
        ("N01", None): ("", 41.0, ""),
        ("T01", None): ("", None, "Danke"),
    }
    assert client.get(_page(key, 1)).url == reverse("surveys:answer_done")
    assert "Vielen Dank" in client.get(reverse("surveys:answer_done")).content.decode()


def test_submitting_with_an_earlier_required_page_skipped_goes_back_there(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    done = client.post(
        _page(key, 2), {"M01__M01a": "4", "M01__M01b": "1", "N01": "41", "action": "submit"}
    )
    assert done.url == _page(key, 1) + "?fehlt=1"
    assert _response(key).status == ResponseStatus.STARTED
    text = client.get(done.url).content.decode()
    assert "Einige Pflichtfragen sind noch nicht beantwortet." in text


def _school_page(questions):
    """A page between the two whose only question applies to parents (Q01 = 1)."""
    share = questions["N01"].section
    share.order = 3
    share.save()
    school = SurveySectionFactory(version=share.version, order=2, title="Schule")
    QuestionFactory(
        section=school, code="S01", kind=QuestionKind.SHORT_TEXT, text="Welche Schule?",
        condition_question=questions["Q01"], condition_operator="equals",
        condition_values=["1"],
    )  # fmt: skip


def test_a_page_whose_questions_are_all_ruled_out_is_skipped_both_ways(client):
    wave, questions = small_instrument()
    _school_page(questions)
    key = _start(client, wave)
    assert client.post(_page(key, 1), {"Q01": "2", "action": "next"}).url == _page(key, 3)
    assert client.post(_page(key, 3), {"action": "back"}).url == _page(key, 1)
    assert client.post(_page(key, 1), {"Q01": "1", "Q02": "1", "action": "next"}).url == _page(
        key, 2
    )


def test_the_last_page_says_submit_and_goes_on_if_an_answer_opens_a_later_page(client):
    wave, questions = small_instrument()
    family = questions["Q01"].section
    QuestionFactory(
        section=questions["N01"].section, code="Z01", kind=QuestionKind.SINGLE, order=9,
        text="Dürfen wir nachfragen?",
    )  # fmt: skip
    z01 = questions["N01"].section.questions.get(code="Z01")
    ChoiceFactory(question=z01, code="1", label="Ja")
    last = SurveySectionFactory(version=family.version, order=9, title="Nachfrage")
    QuestionFactory(
        section=last, code="Z02", kind=QuestionKind.SHORT_TEXT, text="Wie erreichen wir Sie?",
        condition_question=z01, condition_operator="equals", condition_values=["1"],
    )  # fmt: skip
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "2", "action": "next"})
    assert "Absenden" in client.get(_page(key, 2)).content.decode()
    answers = {"M01__M01a": "1", "M01__M01b": "1", "N01": "30", "Z01": "1", "action": "submit"}
    assert client.post(_page(key, 2), answers).url == _page(key, 3)
    assert _response(key).status == ResponseStatus.STARTED


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"status": "closed"}, 410),
        ({"closes": dt.date(2020, 1, 31), "opens": dt.date(2020, 1, 1)}, 410),
        ({"opens": dt.date(2099, 1, 1), "closes": dt.date(2099, 2, 1)}, 404),
        ({"status": "draft"}, 404),
    ],
)
def test_a_wave_not_taking_answers_shows_a_clear_page_and_starts_nothing(client, fields, status):
    wave, _ = small_instrument(**fields)
    url = reverse("surveys:answer_start", args=[wave.open_key])
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    assert Response.objects.count() == 0


def test_a_closed_wave_refuses_answers_to_a_started_response(client):
    wave, _ = small_instrument()
    key = _start(client, wave)
    wave.status = "closed"
    wave.save()
    page = client.post(_page(key, 1), {"Q01": "2", "action": "next"})
    assert page.status_code == 410
    assert "abgeschlossen" in page.content.decode()
    assert not Answer.objects.exists()


def test_an_invitation_wave_has_no_open_link(client):
    wave, _ = small_instrument(access="invitation")
    assert client.get(reverse("surveys:answer_start", args=[wave.open_key])).status_code == 404


TOKEN = "geheim-token-123"  # noqa: S105 - a test invitation's token


def _invite(wave, token=TOKEN, panel_key=""):
    return Invitation.objects.create(
        wave=wave, token_hash=hashlib.sha256(token.encode()).hexdigest(), panel_key=panel_key
    )


def test_a_token_starts_one_response_and_a_second_visit_resumes_it(client):
    wave, _ = small_instrument(access="invitation")
    invitation = _invite(wave)
    url = reverse("surveys:answer_invitation", args=["geheim-token-123"])
    assert client.get(url).status_code == 200
    first = client.post(url)
    key = resolve(first.url).kwargs["resume_key"]
    client.post(_page(key, 1), {"Q01": "2", "action": "next"})
    assert "Befragung fortsetzen" in client.get(url).content.decode()
    second = client.post(url)
    assert second.url == _page(key, 2)
    assert Response.objects.filter(invitation=invitation).count() == 1
    assert Response.objects.count() == 1


def test_a_token_of_a_submitted_response_cannot_answer_again(client):
    wave, _ = small_instrument(access="invitation")
    invitation = _invite(wave)
    ResponseFactory(wave=wave, invitation=invitation, status="complete")
    url = reverse("surveys:answer_invitation", args=["geheim-token-123"])
    page = client.post(url)
    assert page.status_code == 200
    assert "bereits" in page.content.decode()
    assert Response.objects.count() == 1


def test_a_wrong_token_is_not_found(client):
    wave, _ = small_instrument(access="invitation")
    _invite(wave)
    url = reverse("surveys:answer_invitation", args=["falsch-token-999"])
    assert client.get(url).status_code == 404


def test_the_panel_key_is_kept_only_with_consent_in_a_linked_wave(client):
    wave, _ = small_instrument(access="invitation", links_waves=True)
    _invite(wave, "token-mit-zustimmung", panel_key="p" * 64)
    _invite(wave, "token-ohne-zustimmung", panel_key="q" * 64)
    url = reverse("surveys:answer_invitation", args=["token-mit-zustimmung"])
    assert "panel_consent" in client.get(url).content.decode()
    client.post(url, {"panel_consent": "on"})
    client.post(reverse("surveys:answer_invitation", args=["token-ohne-zustimmung"]))
    kept = Response.objects.get(panel_consent=True)
    assert kept.panel_key == "p" * 64
    assert Response.objects.get(panel_consent=False).panel_key == ""


def test_an_unlinked_wave_never_keeps_a_panel_key(client):
    wave, _ = small_instrument(access="invitation", links_waves=False)
    _invite(wave, panel_key="p" * 64)
    url = reverse("surveys:answer_invitation", args=["geheim-token-123"])
    assert "panel_consent" not in client.get(url).content.decode()
    client.post(url, {"panel_consent": "on"})
    response = Response.objects.get()
    assert (response.panel_key, response.panel_consent) == ("", False)


def test_an_open_link_never_asks_for_or_keeps_a_panel_key(client):
    wave, _ = small_instrument(links_waves=True)
    url = reverse("surveys:answer_start", args=[wave.open_key])
    assert "panel_consent" not in client.get(url).content.decode()
    _start(client, wave, {"panel_consent": "on"})
    response = Response.objects.get()
    assert (response.panel_key, response.panel_consent) == ("", False)


def test_a_full_quota_screens_the_respondent_out_and_stores_nothing(client):
    wave, questions = small_instrument()
    yes = questions["Q01"].choices.get(code="1")
    Quota.objects.create(wave=wave, choice=yes, limit=1)
    earlier = ResponseFactory(wave=wave, status="complete")
    AnswerFactory(response=earlier, question=questions["Q01"], code="1")
    key = _start(client, wave)
    page = client.post(_page(key, 1), {"Q01": "1", "Q02": "2", "action": "next"})
    assert page.url == reverse("surveys:answer_quota_full")
    assert not Response.objects.filter(status=ResponseStatus.STARTED).exists()
    assert Answer.objects.count() == 1
    assert "nicht gespeichert" in client.get(page.url).content.decode()


def test_a_quota_not_yet_full_lets_the_respondent_finish(client):
    wave, questions = small_instrument()
    Quota.objects.create(wave=wave, choice=questions["Q01"].choices.get(code="1"), limit=2)
    earlier = ResponseFactory(wave=wave, status="complete")
    AnswerFactory(response=earlier, question=questions["Q01"], code="1")
    key = _start(client, wave)
    client.post(_page(key, 1), {"Q01": "1", "Q02": "2", "action": "next"})
    done = client.post(
        _page(key, 2), {"M01__M01a": "1", "M01__M01b": "1", "N01": "30", "action": "submit"}
    )
    assert done.url == reverse("surveys:answer_done")
    assert _response(key).status == ResponseStatus.COMPLETE


def test_the_questionnaire_comes_in_the_pages_language_with_german_fallback(client):
    wave, _ = small_instrument()
    with translation.override("en"):
        start = reverse("surveys:answer_start", args=[wave.open_key])
    response = client.post(start)
    key = resolve(response.url).kwargs["resume_key"]
    assert _response(key).language == "en"
    with translation.override("en"):
        english = client.get(_page(key, 1)).content.decode()
        assert "Do you have school-age children?" in english
        assert "Yes" in english
        assert "Wie viele Kinder?" in english  # no English text: German


def test_a_multiple_choice_stores_one_row_per_option_and_drives_an_any_of_condition(client):
    wave, questions = small_instrument()
    family = questions["Q01"].section
    langs = QuestionFactory(
        section=family, code="L01", kind=QuestionKind.MULTIPLE, order=5,
        text="Welche Sprachen sprechen Sie zu Hause?",
    )  # fmt: skip
    for code, label in [("1", "Deutsch"), ("2", "Arabisch"), ("3", "Türkisch")]:
        ChoiceFactory(question=langs, code=code, label=label)
    QuestionFactory(
        section=family, code="L02", kind=QuestionKind.SHORT_TEXT, order=6, max_length=10,
        text="Brauchen Sie Übersetzung?", required=True,
        condition_question=langs, condition_operator="any_of", condition_values=["2", "3"],
    )  # fmt: skip
    key = _start(client, wave)
    page = client.post(
        _page(key, 1), {"Q01": "2", "L01": ["1", "3"], "L02": "x" * 11, "action": "next"}
    )
    assert page.status_code == 200  # L02 is shown (Türkisch) and its text is too long
    text = page.content.decode()
    assert "höchstens 10 Zeichen" in text
    assert 'value="3" id="id_L01_2" checked' in text
    client.post(_page(key, 1), {"Q01": "2", "L01": ["1", "3"], "L02": "ja", "action": "next"})
    stored = Answer.objects.filter(response=_response(key), question__code="L01")
    assert sorted(stored.values_list("code", flat=True)) == ["1", "3"]
    client.post(_page(key, 1), {"Q01": "2", "L01": ["1"], "L02": "ja", "action": "next"})
    assert set(_answers(_response(key))) == {("Q01", None), ("L01", None)}


def test_answering_sets_no_cookie_but_the_csrf_token(client):
    wave, _ = small_instrument()
    client.get(reverse("surveys:answer_start", args=[wave.open_key]))
    key = _start(client, wave)
    client.get(_page(key, 1))
    client.post(_page(key, 1), {"Q01": "2", "action": "next"})
    client.post(_page(key, 2), {"action": "submit"})
    client.post(_page(key, 2), {"M01__M01a": "1", "M01__M01b": "1", "N01": "30", "action": "save"})
    client.get(reverse("surveys:answer_saved", args=[key]))
    assert set(client.cookies) <= {"csrftoken"}


def test_a_wave_not_yet_open_says_when_it_opens(client):
    wave, _ = small_instrument(opens=dt.date(2099, 3, 1), closes=dt.date(2099, 4, 1))
    page = client.get(reverse("surveys:answer_start", args=[wave.open_key]))
    assert page.status_code == 404
    assert "Diese Befragung beginnt am 1. März 2099." in page.content.decode()
