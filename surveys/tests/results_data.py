"""A small instrument with answers for the results, comparison, index and API tests."""

from __future__ import annotations

from places.models import Level
from places.tests.factories import TerritoryFactory
from surveys.models import Answer, Choice, QuestionKind, ResponseStatus
from surveys.tests.factories import (
    ChoiceFactory,
    InstrumentFactory,
    QuestionFactory,
    ResponseFactory,
    SurveySectionFactory,
    VersionFactory,
    WaveFactory,
)


def erfurt():
    return TerritoryFactory(scheme="ags", code="16051000", name="Erfurt", level=Level.CITY)


def wien():
    return TerritoryFactory(scheme="gkz", code="90001", name="Wien", level=Level.CITY, country="AT")


def build_version(instrument=None, *, with_text: bool = True, number: int = 1):
    """A version with: GRP (single: 1 parent, 2 pupil), TH01 (likert 1–5 and 99 don't know),
    TH05 (matrix rows TH05a, TH05b on 1–4), AGE (number), HLP (multiple 1–3), TXT (text)."""
    version = VersionFactory(instrument=instrument or InstrumentFactory(), number=number)
    section = SurveySectionFactory(version=version)
    questions = {}

    def question(code, kind, options=(), items=()):
        q = QuestionFactory(section=section, version=version, code=code, kind=kind)
        for order, (c, label, *missing) in enumerate(options):
            ChoiceFactory(question=q, code=c, label=label, order=order, is_missing=bool(missing))
        for order, (c, label) in enumerate(items):
            ChoiceFactory(question=q, code=c, label=label, order=order, role=Choice.Role.ITEM)
        questions[code] = q
        return q

    question("GRP", QuestionKind.SINGLE, [("1", "Eltern"), ("2", "Schüler")])
    question(
        "TH01",
        QuestionKind.LIKERT,
        [("1", "gar nicht"), ("2", "wenig"), ("3", "teils"), ("4", "eher"), ("5", "voll"),
         ("99", "weiß nicht", True)],
    )  # fmt: skip
    question(
        "TH05",
        QuestionKind.MATRIX,
        [("1", "nie"), ("2", "selten"), ("3", "oft"), ("4", "immer")],
        [("TH05a", "Sport"), ("TH05b", "Musik")],
    )
    question("AGE", QuestionKind.NUMBER)
    question("HLP", QuestionKind.MULTIPLE, [("1", "Familie"), ("2", "Schule"), ("3", "Verein")])
    if with_text:
        question("TXT", QuestionKind.LONG_TEXT)
    return version, questions


def answer(wave, questions, *, grp, th01, th05=(), age=None, hlp=(), txt="", complete=True):
    """One response with the given coded answers."""
    response = ResponseFactory(
        wave=wave,
        status=ResponseStatus.COMPLETE if complete else ResponseStatus.STARTED,
    )
    rows = [Answer(response=response, question=questions["GRP"], code=grp)]
    if th01 is not None:
        rows.append(Answer(response=response, question=questions["TH01"], code=th01))
    matrix = questions["TH05"]
    items = {c.code: c for c in matrix.choices.filter(role=Choice.Role.ITEM)}
    for item_code, code in zip(("TH05a", "TH05b"), th05, strict=False):
        rows.append(Answer(response=response, question=matrix, item=items[item_code], code=code))
    if age is not None:
        rows.append(Answer(response=response, question=questions["AGE"], number=age))
    rows.extend(Answer(response=response, question=questions["HLP"], code=c) for c in hlp)
    if txt and "TXT" in questions:
        rows.append(Answer(response=response, question=questions["TXT"], text=txt))
    Answer.objects.bulk_create(rows)
    return response


def filled_wave(territory=None, *, slug=None, parents=20, pupils=4, **wave_fields):
    """A running wave with `parents` parents answering TH01 = 4 and `pupils` pupils TH01 = 2."""
    version, questions = build_version()
    fields = {"version": version, "territory": territory or erfurt(), **wave_fields}
    if slug:
        fields["slug"] = slug
    wave = WaveFactory(**fields)
    for i in range(parents):
        answer(
            wave, questions, grp="1", th01="4", th05=("3", "4"), age=40 + i % 5, hlp=("1", "2"),
            txt="geheim" if i % 2 else "",
        )  # fmt: skip
    for _ in range(pupils):
        answer(wave, questions, grp="2", th01="2", th05=("1", "2"), age=12, hlp=("2",))
    # a started response never counts
    answer(wave, questions, grp="2", th01="1", complete=False)
    return wave, questions
