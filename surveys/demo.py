"""Demo content of surveys: the joint instrument "Bildungsteilhabe und Inklusion" (German and
English, owned by Erfurt) in 4 sections and 14 harmonised questions, a participation index over
the matrix items TH05a–e, and two closed waves of 2025 (Erfurt, Wien) with generated responses.

The responses are made up (a NumPy Generator with a fixed seed per wave; different but plausible
distributions per city) and marked as demo. A rare role ("other role", 3 in Erfurt, 4 in Wien)
keeps a small cell in every breakdown by role, so suppression is visible. Idempotent: a second
run finds everything as it left it and writes nothing. The participation index is published
into the monitoring for both waves by their coordinators (the cities' demo logins), so it runs
after monitoring (INSTALLED_APPS order).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np
from django.utils import timezone, translation

from accounts.models import User
from bildungsnetz.upsert import set_m2m, upsert
from places.models import Territory

from .models import (
    Answer,
    Choice,
    ConditionOperator,
    Instrument,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    SurveyIndex,
    SurveySection,
    Version,
    Wave,
    WaveStatus,
)
from .services_indices import index_publish

INSTRUMENT = "teilhabe-inklusion"
INDEX = "teilhabe"
MATRIX_ITEMS = ["TH05a", "TH05b", "TH05c", "TH05d", "TH05e"]
FROZEN = dt.datetime(2025, 2, 15, 9, 0, tzinfo=dt.UTC)

SECTIONS = [
    ("Über Sie", "About you"),
    ("Teilnahme an Angeboten", "Taking part in offers"),
    ("Hindernisse", "Barriers"),
    ("Inklusion", "Inclusion"),
]

AGREE = [
    ("1", "Stimme gar nicht zu", "Strongly disagree", False),
    ("2", "Stimme eher nicht zu", "Disagree", False),
    ("3", "Teils, teils", "Neither agree nor disagree", False),
    ("4", "Stimme eher zu", "Agree", False),
    ("5", "Stimme voll zu", "Strongly agree", False),
    ("99", "Weiß nicht", "Don't know", True),
]
EXTENT = [
    ("1", "Gar nicht", "Not at all", False),
    ("2", "Wenig", "A little", False),
    ("3", "Mittel", "Somewhat", False),
    ("4", "Stark", "Much", False),
    ("5", "Sehr stark", "Very much", False),
    ("99", "Weiß nicht", "Don't know", True),
]


@dataclass
class Q:
    section: int
    code: str
    kind: str
    text: tuple[str, str]
    options: list = field(default_factory=list)
    items: list = field(default_factory=list)
    required: bool = False
    bounds: tuple | None = None
    condition: tuple | None = None  # (question code, operator, values)


QUESTIONS = [
    Q(0, "TH01", QuestionKind.SINGLE, ("In welcher Rolle beantworten Sie die Befragung?",
                                       "In which role are you answering?"),
      [("1", "Elternteil", "Parent", False), ("2", "Schülerin oder Schüler", "Pupil", False),
       ("3", "Fachkraft in Bildung oder Jugendarbeit", "Professional in education or youth work",
        False), ("4", "Andere Rolle", "Other role", False)], required=True),
    Q(0, "TH02", QuestionKind.SINGLE, ("In was für einem Stadtteil wohnen Sie?",
                                       "What kind of district do you live in?"),
      [("1", "Innenstadt", "City centre", False), ("2", "Stadtrandsiedlung", "Outer estate", False),
       ("3", "Dörflicher Ortsteil", "Village district", False)], required=True),
    Q(1, "TH03", QuestionKind.MULTIPLE,
      ("Welche Angebote außerhalb der Schule haben Sie (oder Ihr Kind) in den letzten "
       "12 Monaten genutzt?", "Which offers outside school have you (or your child) used in the "
       "last 12 months?"),
      [("1", "Sportverein", "Sports club", False),
       ("2", "Musik- oder Kunstschule", "Music or art school", False),
       ("3", "Bibliothek", "Library", False), ("4", "Jugendhaus", "Youth centre", False),
       ("5", "Volkshochschule", "Adult education centre", False),
       ("6", "Keines davon", "None of these", False)]),
    Q(1, "TH04", QuestionKind.NUMBER,
      ("Wie viele verschiedene Angebote haben Sie in den letzten 12 Monaten genutzt?",
       "How many different offers have you used in the last 12 months?"), bounds=(0, 30)),
    Q(1, "TH05", QuestionKind.MATRIX, ("Wie sehr stimmen Sie den folgenden Aussagen zu?",
                                       "How far do you agree with the following statements?"),
      AGREE,
      [("TH05a", "Ich erfahre rechtzeitig von Angeboten in meiner Nähe.",
        "I hear about offers near me in good time."),
       ("TH05b", "Die Angebote sind für uns bezahlbar.", "The offers are affordable for us."),
       ("TH05c", "Die Angebote sind gut erreichbar.", "The offers are easy to reach."),
       ("TH05d", "Ich fühle mich in den Angeboten willkommen.", "I feel welcome in the offers."),
       ("TH05e", "Ich kann mitbestimmen, welche Angebote es gibt.",
        "I have a say in which offers there are.")]),
    Q(2, "TH06", QuestionKind.SINGLE,
      ("Hat Sie in den letzten 12 Monaten etwas davon abgehalten, an einem Angebot "
       "teilzunehmen?", "Has anything kept you from taking part in an offer in the last "
       "12 months?"),
      [("1", "Ja", "Yes", False), ("2", "Nein", "No", False),
       ("99", "Weiß nicht", "Don't know", True)]),
    Q(2, "TH07", QuestionKind.MULTIPLE, ("Was hat Sie abgehalten?", "What kept you from it?"),
      [("1", "Kosten", "Cost", False), ("2", "Weg oder Verkehrsanbindung", "Distance or transport",
                                        False),
       ("3", "Zeiten", "Times", False), ("4", "Sprache", "Language", False),
       ("5", "Fehlende Barrierefreiheit", "Lack of accessibility", False),
       ("6", "Fehlende Informationen", "Lack of information", False),
       ("7", "Anderes", "Something else", False)],
      condition=("TH06", ConditionOperator.EQUALS, ["1"])),
    Q(2, "TH08", QuestionKind.LIKERT,
      ("Wie stark haben diese Hindernisse Ihre Teilnahme eingeschränkt?",
       "How much did these barriers limit your taking part?"), EXTENT,
      condition=("TH06", ConditionOperator.EQUALS, ["1"])),
    Q(3, "TH09", QuestionKind.LIKERT,
      ("Kinder mit Behinderung können an den Angeboten in meinem Stadtteil teilnehmen.",
       "Children with disabilities can take part in the offers in my district."), AGREE),
    Q(3, "TH10", QuestionKind.LIKERT,
      ("Es gibt Angebote in den Sprachen, die in meiner Familie gesprochen werden.",
       "There are offers in the languages spoken in my family."), AGREE),
    Q(3, "TH11", QuestionKind.LIKERT,
      ("Schulen und außerschulische Angebote arbeiten gut zusammen.",
       "Schools and offers outside school work well together."), AGREE),
    Q(3, "TH12", QuestionKind.SINGLE,
      ("Haben Sie oder Ihr Kind eine Behinderung oder eine lange Erkrankung, die die Teilnahme "
       "erschwert?", "Do you or your child have a disability or long-term illness that makes "
       "taking part harder?"),
      [("1", "Ja", "Yes", False), ("2", "Nein", "No", False),
       ("98", "Keine Angabe", "Prefer not to say", True)]),
    Q(3, "TH13", QuestionKind.SHORT_TEXT, ("Welches Angebot fehlt in Ihrem Stadtteil?",
                                           "Which offer is missing in your district?")),
    Q(3, "TH14", QuestionKind.LONG_TEXT, ("Möchten Sie uns noch etwas mitteilen?",
                                          "Is there anything else you would like to tell us?")),
]  # fmt: skip


@dataclass(frozen=True)
class City:
    key: str
    slug: str
    title: str
    population: str
    population_size: int
    opens: dt.date
    closes: dt.date
    seed: int
    roles: tuple  # exact counts of roles 1–4 (n = their sum)
    districts: tuple  # probabilities of district types 1–3
    english: float
    mean: float  # latent participation
    items: tuple  # offsets of TH05a–e
    offers: tuple  # logits of TH03 options 1–5
    barriers: tuple  # probabilities of TH07 options 1–7
    coordinator: str
    missing_offers: tuple


CITIES = [
    City("ags:16051000", "teilhabe-inklusion-erfurt-2025",
         "Bildungsteilhabe und Inklusion – Erfurt 2025 (Demo)",
         "Demo: Eltern, Schülerinnen und Schüler ab Klasse 7 und Fachkräfte in Erfurt",
         42000, dt.date(2025, 3, 1), dt.date(2025, 4, 30), 16051, (100, 52, 25, 3),
         (0.5, 0.35, 0.15), 0.08, 0.0, (-0.3, -0.5, 0.1, 0.4, -0.7),
         (0.2, -1.2, 0.0, -0.9, -1.5), (0.45, 0.35, 0.4, 0.08, 0.12, 0.3, 0.05),
         "erfurt@demo.bildungsnetz.example",
         ("Schwimmkurse", "Mehr Angebote am Wochenende", "Ein Jugendclub", "Hausaufgabenhilfe",
          "Theatergruppe")),
    City("gkz:90001", "teilhabe-inklusion-wien-2025",
         "Bildungsteilhabe und Inklusion – Wien 2025 (Demo)",
         "Demo: Eltern, Schülerinnen und Schüler ab der 7. Schulstufe und Fachkräfte in Wien",
         160000, dt.date(2025, 4, 1), dt.date(2025, 5, 31), 90001, (118, 64, 34, 4),
         (0.55, 0.42, 0.03), 0.12, 0.3, (0.1, 0.2, 0.6, 0.3, -0.4),
         (0.0, -0.8, 0.4, -0.3, -1.0), (0.35, 0.15, 0.4, 0.3, 0.1, 0.35, 0.05),
         "wien@demo.bildungsnetz.example",
         ("Mehr Sprachkurse für Eltern", "Ein Parkbetreuungsangebot", "Lernbegleitung",
          "Leistbare Musikschulplätze", "Ferienbetreuung")),
]  # fmt: skip


def _instrument(erfurt: Territory) -> tuple[Instrument, Version]:
    instrument, *_ = upsert(
        Instrument, {"code": INSTRUMENT},
        {"title_de": "Bildungsteilhabe und Inklusion",
         "title_en": "Educational participation and inclusion",
         "description_de": "Demo: der gemeinsame Fragebogen der Vereinbarung Erfurt–Wien (§4) "
                           "zu Teilhabe an Bildungsangeboten und Inklusion.",
         "description_en": "Demo: the joint questionnaire of the Erfurt–Wien agreement (§4) on "
                           "taking part in educational offers and on inclusion.",
         "territory": erfurt, "is_demo": True},
    )  # fmt: skip
    version, *_ = upsert(
        Version,
        {"instrument": instrument, "number": 1},
        {"note": "Demo: erste Fassung", "frozen_at": FROZEN},
    )
    sections = [
        upsert(
            SurveySection,
            {"version": version, "order": order},
            {"title_de": de, "title_en": en},
        )[0]
        for order, (de, en) in enumerate(SECTIONS)
    ]
    questions: dict[str, Question] = {}
    for order, spec in enumerate(QUESTIONS):
        condition = spec.condition or (None, "", [])
        question, *_ = upsert(
            Question, {"version": version, "code": spec.code},
            {"section": sections[spec.section], "order": order, "kind": spec.kind,
             "text_de": spec.text[0], "text_en": spec.text[1], "required": spec.required,
             "min_value": spec.bounds[0] if spec.bounds else None,
             "max_value": spec.bounds[1] if spec.bounds else None,
             "condition_question": questions[condition[0]] if condition[0] else None,
             "condition_operator": condition[1], "condition_values": condition[2]},
        )  # fmt: skip
        questions[spec.code] = question
        for position, (code, de, en, missing) in enumerate(spec.options):
            upsert(
                Choice, {"question": question, "role": Choice.Role.OPTION, "code": code},
                {"order": position, "label_de": de, "label_en": en, "is_missing": missing},
            )  # fmt: skip
        for position, (code, de, en) in enumerate(spec.items):
            upsert(
                Choice, {"question": question, "role": Choice.Role.ITEM, "code": code},
                {"order": position, "label_de": de, "label_en": en, "is_missing": False},
            )  # fmt: skip
    upsert(
        SurveyIndex, {"instrument": instrument, "code": INDEX},
        {"name_de": "Teilhabe-Index (Demo)", "name_en": "Participation index (demo)",
         "definition_de": "Mittelwert der Aussagen TH05a–e (1–5, ohne „Weiß nicht“), auf 0–100 "
                          "umgerechnet; wer mindestens drei beantwortet hat.",
         "definition_en": "Mean of the statements TH05a–e (1–5, without “don't know”), rescaled "
                          "to 0–100; respondents who answered at least three.",
         "question_codes": MATRIX_ITEMS, "min_items": 3},
    )  # fmt: skip
    return instrument, version


def _publish(index: SurveyIndex, wave: Wave, stdout) -> None:
    """The participation index into the monitoring, published by the wave's coordinator (the
    rules decide, as on the results page); texts in German, the monitoring's first language."""
    coordinator = wave.coordinators.order_by("pk").first()
    if coordinator is None:
        stdout.write(f"surveys: {wave.slug} has no coordinator, its index is not published")
        return
    with translation.override("de"):
        index_publish(index=index, waves=[wave], actor=coordinator)


def _wave(city: City, version: Version, territory: Territory) -> Wave:
    wave, *_ = upsert(
        Wave, {"slug": city.slug},
        {"version": version, "title": city.title, "territory": territory, "period": "2025",
         "opens": city.opens, "closes": city.closes, "population": city.population,
         "population_size": city.population_size, "access": Wave.Access.OPEN_LINK,
         "open_key": f"demo-{city.slug}", "status": WaveStatus.CLOSED, "is_demo": True},
    )  # fmt: skip
    coordinator = User.objects.filter(email=city.coordinator).first()
    if coordinator is not None:
        set_m2m(wave.coordinators, [coordinator])
    return wave


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _likert(rng, latent: float, offset: float, missing: float = 0.05) -> str:
    if rng.random() < missing:
        return "99"
    value = 3 + 0.9 * latent + offset + rng.normal(0, 0.7)
    return str(int(np.clip(np.rint(value), 1, 5)))


def _respondent(rng, city: City, role: int) -> tuple[str, list[tuple]]:
    """One generated respondent: the language and the answers as (question code, item code,
    code, number, text)."""
    district = int(rng.choice([1, 2, 3], p=city.districts))
    latent = rng.normal(city.mean - 0.4 * (district == 3), 1.0)
    language = "en" if rng.random() < city.english else "de"
    answers = [("TH01", "", str(role), None, ""), ("TH02", "", str(district), None, "")]
    logits = np.array(city.offers) + 0.6 * latent
    logits[3] += 1.0 if role == 2 else 0.0  # pupils go to youth centres
    logits[4] += -2.0 if role == 2 else 0.3  # adult education: not for pupils
    chosen = [str(i + 1) for i, p in enumerate(_sigmoid(logits)) if rng.random() < p]
    for code in chosen or ["6"]:
        answers.append(("TH03", "", code, None, ""))
    if rng.random() > 0.05:
        answers.append(("TH04", "", "", float(len(chosen) + rng.poisson(0.6)), ""))
    for item, offset in zip(MATRIX_ITEMS, city.items, strict=True):
        local = offset - (0.8 if item == "TH05c" and district == 3 else 0.0)
        answers.append(("TH05", item, _likert(rng, latent, local), None, ""))
    barrier = rng.random()
    yes = _sigmoid(-0.2 - 0.6 * latent)
    answer = "99" if barrier < 0.04 else "1" if barrier < 0.04 + 0.96 * yes else "2"
    answers.append(("TH06", "", answer, None, ""))
    if answer == "1":
        probabilities = np.array(city.barriers)
        if district == 3:
            probabilities[1] = 0.7
        barriers = [str(i + 1) for i, p in enumerate(probabilities) if rng.random() < p]
        for code in barriers or ["7"]:
            answers.append(("TH07", "", code, None, ""))
        answers.append(("TH08", "", _likert(rng, -latent, 0.3, 0.03), None, ""))
    for code, offset in (("TH09", -0.4), ("TH10", -0.2 if city.english > 0.1 else -0.6),
                         ("TH11", 0.0)):  # fmt: skip
        answers.append((code, "", _likert(rng, latent, offset, 0.08), None, ""))
    health = rng.random()
    answers.append(("TH12", "", "1" if health < 0.12 else "98" if health > 0.95 else "2", None, ""))
    if rng.random() < 0.2:
        text = city.missing_offers[int(rng.integers(len(city.missing_offers)))]
        answers.append(("TH13", "", "", None, text))
    if rng.random() < 0.08:
        answers.append(("TH14", "", "", None, "Demo: Danke für die Befragung."))
    return language, answers


def _responses(city: City, wave: Wave, version: Version) -> int:
    """Generate the wave's responses unless exactly these are there already."""
    n = sum(city.roles)
    existing = Response.objects.filter(wave=wave)
    if existing.count() == n and not existing.exclude(is_demo=True).exists():
        return 0
    existing.filter(is_demo=True).delete()
    rng = np.random.default_rng(city.seed)
    roles = rng.permutation(np.repeat([1, 2, 3, 4], city.roles))
    span = (city.closes - city.opens).days
    questions = {q.code: q for q in version.questions.all()}
    items = {
        c.code: c for c in Choice.objects.filter(question__version=version, role=Choice.Role.ITEM)
    }
    responses, answers = [], []
    for number, role in enumerate(roles, start=1):
        language, given = _respondent(rng, city, int(role))
        day = city.opens + dt.timedelta(days=int(rng.integers(span + 1)))
        minute = int(rng.integers(8 * 60, 22 * 60))
        submitted = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=dt.UTC)
        key = hashlib.sha256(f"demo:{city.slug}:{number}".encode()).hexdigest()
        responses.append(
            Response(
                wave=wave, version=version, resume_hash=key, status=ResponseStatus.COMPLETE,
                language=language, page=len(SECTIONS), is_demo=True, submitted=submitted,
            )
        )  # fmt: skip
        answers.append(given)
    created = Response.objects.bulk_create(responses)
    if created and created[0].pk is None:  # a backend without RETURNING: read them back
        created = list(Response.objects.filter(wave=wave).order_by("pk"))
    Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                question=questions[code],
                item=items.get(item),
                code=value,
                number=number,
                text=text,
            )  # fmt: skip
            for response, given in zip(created, answers, strict=True)
            for code, item, value, number, text in given
        ],
        batch_size=2000,
    )
    return n


def _territory(key: str) -> Territory | None:
    try:
        return Territory.objects.get_by_key(key)
    except Territory.DoesNotExist:
        return None


def load(stdout) -> None:
    territories = {city.key: _territory(city.key) for city in CITIES}
    erfurt = territories.get(CITIES[0].key)
    if erfurt is None:
        stdout.write("surveys: no Erfurt in the places data, nothing loaded")
        return
    instrument, version = _instrument(erfurt)
    index = SurveyIndex.objects.get(instrument=instrument, code=INDEX)
    for city in CITIES:
        territory = territories.get(city.key)
        if territory is None:
            continue
        wave = _wave(city, version, territory)
        made = _responses(city, wave, version)
        if made:
            stdout.write(f"surveys: {made} demo responses for {wave.title}")
        _publish(index, wave, stdout)
    _open_wave(version, erfurt)


OPEN_WAVE = "teilhabe-inklusion-erfurt-probelauf"


def _open_wave(version: Version, erfurt: Territory) -> Wave:
    """A running wave anyone can answer by its open link, to try the questionnaire (its answers
    are demo answers like the others; its dates run around today, so it stays open)."""
    today = timezone.localdate()
    wave, *_ = upsert(
        Wave, {"slug": OPEN_WAVE},
        {"version": version, "title": "Bildungsteilhabe und Inklusion – Probelauf (Demo)",
         "territory": erfurt, "period": str(today.year),
         "opens": today.replace(month=1, day=1), "closes": today.replace(month=12, day=31),
         "population": "Demo: alle, die den Fragebogen ausprobieren möchten",
         "access": Wave.Access.OPEN_LINK, "open_key": "demo-probelauf",
         "status": WaveStatus.OPEN, "is_demo": True},
    )  # fmt: skip
    coordinator = User.objects.filter(email=CITIES[0].coordinator).first()
    if coordinator is not None:
        set_m2m(wave.coordinators, [coordinator])
    return wave
