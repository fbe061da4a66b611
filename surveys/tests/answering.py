"""A small instrument for the answering tests (page and browser): two pages.

Page 1 "Ihre Familie": Q01 single choice "Haben Sie Kinder im Schulalter?" (1 Ja, 2 Nein,
required); Q02 number "Wie viele?" shown only if Q01 = 1 (required when shown, 1–12).
Page 2 "Teilhabe": M01 likert matrix with rows M01a, M01b (1–4 and 9 "weiß nicht", required);
N01 number "Ihr Alter" (required, 16–120); T01 long text (optional, at most 200 characters).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from surveys.models import Choice, QuestionKind

from .factories import (
    ChoiceFactory,
    QuestionFactory,
    SurveySectionFactory,
    VersionFactory,
    WaveFactory,
)

SCALE = [("1", "Trifft nicht zu"), ("2", "Eher nicht"), ("3", "Eher"), ("4", "Trifft zu")]


def small_instrument(**wave_fields):
    version = VersionFactory()
    family = SurveySectionFactory(version=version, order=1, title="Ihre Familie")
    share = SurveySectionFactory(version=version, order=2, title="Teilhabe")
    q01 = QuestionFactory(
        section=family, code="Q01", kind=QuestionKind.SINGLE, required=True, order=1,
        text="Haben Sie Kinder im Schulalter?", text_en="Do you have school-age children?",
    )  # fmt: skip
    ChoiceFactory(question=q01, code="1", label="Ja", label_en="Yes", order=1)
    ChoiceFactory(question=q01, code="2", label="Nein", label_en="No", order=2)
    q02 = QuestionFactory(
        section=family, code="Q02", kind=QuestionKind.NUMBER, required=True, order=2,
        text="Wie viele Kinder?", min_value=1, max_value=12,
        condition_question=q01, condition_operator="equals", condition_values=["1"],
    )  # fmt: skip
    m01 = QuestionFactory(
        section=share, code="M01", kind=QuestionKind.MATRIX, required=True, order=1,
        text="Wie sehr trifft das zu?",
    )  # fmt: skip
    for order, (code, label) in enumerate(SCALE):
        ChoiceFactory(question=m01, code=code, label=label, order=order)
    ChoiceFactory(question=m01, code="9", label="Weiß nicht", order=9, is_missing=True)
    for order, (code, label) in enumerate(
        [("M01a", "Ich fühle mich willkommen"), ("M01b", "Ich kann mitreden")], start=1
    ):
        ChoiceFactory(question=m01, role=Choice.Role.ITEM, code=code, label=label, order=order)
    n01 = QuestionFactory(
        section=share, code="N01", kind=QuestionKind.NUMBER, required=True, order=2,
        text="Wie alt sind Sie?", min_value=16, max_value=120,
    )  # fmt: skip
    t01 = QuestionFactory(
        section=share, code="T01", kind=QuestionKind.LONG_TEXT, order=3,
        text="Was möchten Sie uns noch sagen?", max_length=200,
    )  # fmt: skip
    today = timezone.localdate()
    dates = {"opens": today - dt.timedelta(days=30), "closes": today + dt.timedelta(days=30)}
    wave = WaveFactory(
        version=version, title="Elternbefragung Teststadt", **{**dates, **wave_fields}
    )
    return wave, {"Q01": q01, "Q02": q02, "M01": m01, "N01": n01, "T01": t01}
