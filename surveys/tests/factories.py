from __future__ import annotations

import datetime as dt
import hashlib

import factory
from factory.django import DjangoModelFactory

from places.tests.factories import TerritoryFactory
from surveys.models import (
    Answer,
    Choice,
    Instrument,
    Question,
    QuestionKind,
    Response,
    SurveySection,
    Version,
    Wave,
)


class InstrumentFactory(DjangoModelFactory):
    class Meta:
        model = Instrument

    code = factory.Sequence(lambda n: f"instrument-{n}")
    title = factory.Sequence(lambda n: f"Befragung {n}")
    territory = factory.SubFactory(TerritoryFactory)


class VersionFactory(DjangoModelFactory):
    class Meta:
        model = Version

    instrument = factory.SubFactory(InstrumentFactory)
    number = 1


class SurveySectionFactory(DjangoModelFactory):
    class Meta:
        model = SurveySection

    version = factory.SubFactory(VersionFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Teil {n}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SurveySectionFactory)
    version = factory.SelfAttribute("section.version")
    order = factory.Sequence(lambda n: n)
    code = factory.Sequence(lambda n: f"Q{n:02d}")
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"Frage {n}?")


class ChoiceFactory(DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    order = factory.Sequence(lambda n: n)
    code = factory.Sequence(lambda n: str(n + 1))
    label = factory.Sequence(lambda n: f"Antwort {n}")


class WaveFactory(DjangoModelFactory):
    class Meta:
        model = Wave

    version = factory.SubFactory(VersionFactory)
    slug = factory.Sequence(lambda n: f"welle-{n}")
    title = factory.Sequence(lambda n: f"Welle {n}")
    territory = factory.SubFactory(TerritoryFactory)
    period = "2026"
    opens = dt.date(2026, 1, 1)
    closes = dt.date(2026, 12, 31)
    population = "Eltern von Schulkindern"
    access = Wave.Access.OPEN_LINK
    open_key = factory.Sequence(lambda n: f"offen{n:08d}")
    status = "open"


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    wave = factory.SubFactory(WaveFactory)
    version = factory.SelfAttribute("wave.version")
    resume_hash = factory.Sequence(lambda n: hashlib.sha256(f"resume{n}".encode()).hexdigest())
    status = "complete"


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
