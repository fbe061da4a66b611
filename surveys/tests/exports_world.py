"""A small wave for the export tests: every kind of question (single with a missing code,
multiple, matrix, number, text, a conditional follow-up), three complete responses and one
started one."""

from __future__ import annotations

import datetime as dt

from surveys.models import Choice, ConditionOperator, QuestionKind, ResponseStatus
from surveys.tests.factories import (
    AnswerFactory,
    ChoiceFactory,
    QuestionFactory,
    ResponseFactory,
    SurveySectionFactory,
    WaveFactory,
)


def _options(question, options):
    return {
        code: ChoiceFactory(question=question, code=code, label=label, is_missing=code == "99")
        for code, label in options
    }


def build(*, links_waves: bool = False):
    wave = WaveFactory(links_waves=links_waves, status="closed")
    version = wave.version
    section = SurveySectionFactory(version=version, order=0, title="Über Sie")
    later = SurveySectionFactory(version=version, order=1, title="Hindernisse")

    def question(code, kind, text, sec=section, **extra):
        return QuestionFactory(
            version=version, section=sec, code=code, kind=kind, text=text, **extra
        )

    role = question("TH01", QuestionKind.SINGLE, "In welcher Rolle antworten Sie?")
    role.text_en = "In which role are you answering?"
    role.save()
    _options(role, [("1", "Elternteil"), ("2", "Schülerin oder Schüler"), ("99", "Weiß nicht")])
    offers = question("TH03", QuestionKind.MULTIPLE, "Welche Angebote nutzen Sie?")
    _options(offers, [("1", "Sportverein"), ("2", "Bibliothek"), ("3", "Keines")])
    matrix = question("TH05", QuestionKind.MATRIX, "Wie sehr stimmen Sie zu?")
    _options(matrix, [("1", "Gar nicht"), ("2", "Eher nicht"), ("3", "Eher"), ("4", "Voll")])
    items = {
        code: ChoiceFactory(question=matrix, role=Choice.Role.ITEM, code=code, label=label)
        for code, label in (("TH05a", "Ich erfahre davon."), ("TH05b", "Es ist bezahlbar."))
    }
    count = question("TH04", QuestionKind.NUMBER, "Wie viele Angebote?", min_value=0)
    barrier = question("TH06", QuestionKind.SINGLE, "Hindernisse?", later)
    _options(barrier, [("1", "Ja"), ("2", "Nein")])
    which = question(
        "TH07", QuestionKind.SINGLE, "Welches Hindernis?", later,
        condition_question=barrier, condition_operator=ConditionOperator.EQUALS,
        condition_values=["1"],
    )  # fmt: skip
    _options(which, [("1", "Kosten"), ("2", "Weg")])
    remark = question("TH14", QuestionKind.LONG_TEXT, "Noch etwas?", later)

    answers = [
        # role, offers, matrix a/b, number, barrier, which, text, language
        ("1", ["1", "2"], ("3", "4"), 2.0, "1", "2", '=HYPERLINK("http://x")', "de"),
        ("2", ["3"], ("1", None), None, "2", None, "", "en"),
        ("99", ["2"], ("4", "4"), 1.5, "1", "1", "Mehr Kurse", "de"),
    ]
    for number, (r, chosen, (a, b), n, bar, wh, text, lang) in enumerate(answers):
        response = ResponseFactory(
            wave=wave, version=version, language=lang, panel_key=f"panel{number}",
            panel_consent=True,
            submitted=dt.datetime(2026, 3, 1 + number, 10, 0, tzinfo=dt.UTC),
        )  # fmt: skip
        AnswerFactory(response=response, question=role, code=r)
        for code in chosen:
            AnswerFactory(response=response, question=offers, code=code)
        for item, code in (("TH05a", a), ("TH05b", b)):
            if code:
                AnswerFactory(response=response, question=matrix, item=items[item], code=code)
        if n is not None:
            AnswerFactory(response=response, question=count, number=n)
        AnswerFactory(response=response, question=barrier, code=bar)
        if wh:
            AnswerFactory(response=response, question=which, code=wh)
        if text:
            AnswerFactory(response=response, question=remark, text=text)
    started = ResponseFactory(wave=wave, version=version, status=ResponseStatus.STARTED)
    AnswerFactory(response=started, question=role, code="1")
    return wave


VARIABLES = [
    "TH01", "TH03_1", "TH03_2", "TH03_3", "TH05a", "TH05b", "TH04", "TH06", "TH07", "TH14",
]  # fmt: skip
