"""Demo content of the knowledge base from the source documents, idempotently.

- seed 004: the five model projects presented at workshop 4 of the X. German–Russian
  town-twinning conference in Wolgograd, as the document describes them (it gives no more than
  a sentence on each), and the workshop's findings as lessons learned;
- seed 003: the BiSMit studies the EMMD–BiSMit cooperation names (“Strukturwandel braucht
  Bildung”, “Berufsbezogene Weiterbildung im Strukturwandel” of March 2023, the study on youth
  participation, the study on career orientation in progress);
- seed 001: Berlin's pilot “European City Exchange – Move Your Mind” (2012–2014, awarded by
  the EU Commission) and its successor EVA.

Only what the documents state; each entry names its source. The review date is platform
metadata (not from a document), fixed so that a second run changes nothing. No files are
attached: the documents link no PDF.
"""

from __future__ import annotations

import datetime as dt

from actors.models import Organisation, Person, TargetGroup, Topic
from bildungsnetz.upsert import set_m2m, upsert
from cooperation.models import Project
from events.models import Event
from places.keys import split_key
from places.models import Territory

from .models import Entry, EntryKind, EntryStatus, EvidenceKind, EvidenceLink, Lesson

SOURCE_WOLGOGRAD = (
    "Workshop 4 „Partnerschaftliche Modelle der Zusammenarbeit von städtischen Verwaltungen "
    "und zivilgesellschaftlichen Initiativen“ der X. Deutsch-Russischen "
    "Städtepartnerschaftskonferenz in Wolgograd"
)
SOURCE_BISMIT = (
    "Europäische Metropolregion Mitteldeutschland: „Kooperation für Bildung im Strukturwandel "
    "fortgesetzt“"
)
URL_BISMIT = (
    "https://www.mitteldeutschland.com/de/kooperation-fuer-bildung-im-strukturwandel-fortgesetzt/"
)
SOURCE_BERLIN = "Senatskanzlei Berlin, EU/Internationales: Städtepartnerschaften"
PUBLISHED_AT = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
REVIEW_DUE = dt.date(2028, 1, 15)
WORKSHOP_EVENT = "x-deutsch-russische-staedtepartnerschaftskonferenz-workshop-4"
WORKSHOP_CONTEXT = (
    "In der Arbeitsgruppe „Partnerschaftliche Modelle der Zusammenarbeit von kommunalen "
    "Verwaltungen und zivilgesellschaftlichen Organisationen“ der Städtepartnerschaftskonferenz "
    "wurden von Vertretern städtischer Verwaltungen und nichtstaatlicher Organisationen (NGOs) "
    "aus Partnerstädten fünf Modellprojekte vorgestellt."
)

# slug: values; relations by key/slug (resolved only where loaded).
ENTRIES = [
    {
        "slug": "modellprojekt-schulpartnerschaften-wolgograd",
        "kind": EntryKind.PRACTICE,
        "title_de": "Modellprojekt zur Gestaltung von Schulpartnerschaften",
        "title_en": "Model project on shaping school partnerships",
        "summary_de": "Eines von fünf Modellprojekten, die im Workshop 4 der X. "
        "Deutsch-Russischen Städtepartnerschaftskonferenz in Wolgograd vorgestellt wurden; es "
        "betraf die Gestaltung von Schulpartnerschaften.",
        "summary_en": "One of five model projects presented at workshop 4 of the 10th "
        "German-Russian town-twinning conference in Volgograd; it concerned shaping school "
        "partnerships.",
        "context": WORKSHOP_CONTEXT,
        "transferability": "Für Schulprojekte kommt als festen Bezugspersonen insbesondere den "
        "Lehrern eine entscheidende Bedeutung zu (Erkenntnis des Workshops).",
        "stage": "school",
        "territory": "local:RU:wolgograd",
        "organisations": ["stiftung-west-oestliche-begegnungen", "stadt-wolgograd"],
        "topics": ["schulpartnerschaften"],
        "target_groups": ["lehrkraefte"],
        "events": [WORKSHOP_EVENT],
        "source": SOURCE_WOLGOGRAD,
    },
    {
        "slug": "schulprojekt-hamburg-st-petersburg",
        "kind": EntryKind.PRACTICE,
        "title_de": "Deutsch-russisches Schulprojekt: fünfzig Jahre Städtepartnerschaft "
        "Hamburg – St. Petersburg",
        "title_en": "German-Russian school project: fifty years of the Hamburg – St Petersburg "
        "twinning",
        "summary_de": "Ein gemeinsames deutsch-russisches Schulprojekt untersuchte die "
        "Entwicklung der mehr als fünfzigjährigen Städtepartnerschaft zwischen Hamburg und "
        "St. Petersburg. Vorgestellt als Modellprojekt im Workshop 4 der X. Deutsch-Russischen "
        "Städtepartnerschaftskonferenz in Wolgograd.",
        "summary_en": "A joint German-Russian school project studied the development of the "
        "twinning of Hamburg and St Petersburg over more than fifty years; presented as a model "
        "project at the Volgograd workshop.",
        "context": WORKSHOP_CONTEXT,
        "transferability": "Für Schulprojekte kommt als festen Bezugspersonen insbesondere den "
        "Lehrern eine entscheidende Bedeutung zu (Erkenntnis des Workshops).",
        "stage": "school",
        "territory": "ags:02000000",
        "organisations": [],
        "topics": ["schulpartnerschaften"],
        "target_groups": ["lehrkraefte"],
        "projects": ["schulprojekt-hamburg-st-petersburg"],
        "events": [WORKSHOP_EVENT],
        "source": SOURCE_WOLGOGRAD,
    },
    {
        "slug": "modellprojekt-menschen-mit-behinderung-wolgograd",
        "kind": EntryKind.PRACTICE,
        "title_de": "Modellprojekt: Arbeit mit behinderten Menschen",
        "title_en": "Model project: working with disabled people",
        "summary_de": "Eines von zwei Modellprojekten im Workshop 4 der X. Deutsch-Russischen "
        "Städtepartnerschaftskonferenz in Wolgograd, die die Arbeit mit behinderten Menschen "
        "und Menschen in schwierigen sozialen Situationen betrafen; aus dem Bereich sozialer "
        "Verantwortung.",
        "summary_en": "One of two model projects at the Volgograd workshop on working with "
        "disabled people and people in difficult social situations.",
        "context": WORKSHOP_CONTEXT,
        "territory": "local:RU:wolgograd",
        "organisations": ["stiftung-west-oestliche-begegnungen", "stadt-wolgograd"],
        "topics": ["soziale-verantwortung"],
        "target_groups": ["menschen-mit-behinderung"],
        "events": [WORKSHOP_EVENT],
        "source": SOURCE_WOLGOGRAD,
    },
    {
        "slug": "modellprojekt-schwierige-soziale-situationen-wolgograd",
        "kind": EntryKind.PRACTICE,
        "title_de": "Modellprojekt: Arbeit mit Menschen in schwierigen sozialen Situationen",
        "title_en": "Model project: working with people in difficult social situations",
        "summary_de": "Das zweite der Modellprojekte im Workshop 4 der X. Deutsch-Russischen "
        "Städtepartnerschaftskonferenz in Wolgograd, die die Arbeit mit behinderten Menschen "
        "und Menschen in schwierigen sozialen Situationen betrafen; aus dem Bereich sozialer "
        "Verantwortung.",
        "summary_en": "The second model project at the Volgograd workshop on working with "
        "disabled people and people in difficult social situations.",
        "context": WORKSHOP_CONTEXT,
        "territory": "local:RU:wolgograd",
        "organisations": ["stiftung-west-oestliche-begegnungen", "stadt-wolgograd"],
        "topics": ["soziale-verantwortung"],
        "target_groups": [],
        "events": [WORKSHOP_EVENT],
        "source": SOURCE_WOLGOGRAD,
    },
    {
        "slug": "modellprojekt-vernetzung-ngos-verwaltungsausbildung",
        "kind": EntryKind.PRACTICE,
        "title_de": "Modellprojekt: Vernetzung zivilgesellschaftlicher Initiativen mit der "
        "Ausbildung von Verwaltungsmitarbeitern",
        "title_en": "Model project: networking civil-society initiatives with the training of "
        "administrative staff",
        "summary_de": "Ein Modellprojekt im Workshop 4 der X. Deutsch-Russischen "
        "Städtepartnerschaftskonferenz in Wolgograd zur Entwicklung von Vernetzungen zwischen "
        "zivilgesellschaftlichen Initiativen mit Institutionen der Ausbildung und Qualifizierung "
        "von Mitarbeitern in öffentlichen Verwaltungen.",
        "summary_en": "A model project at the Volgograd workshop on networking civil-society "
        "initiatives with institutions that train and qualify public administration staff.",
        "context": WORKSHOP_CONTEXT,
        "territory": "local:RU:wolgograd",
        "organisations": ["stiftung-west-oestliche-begegnungen", "stadt-wolgograd"],
        "topics": ["zivilgesellschaft", "weiterbildung"],
        "target_groups": ["verwaltung"],
        "events": [WORKSHOP_EVENT],
        "source": SOURCE_WOLGOGRAD,
    },
    {
        "slug": "erkenntnisse-modellpartnerschaften-wolgograd",
        "kind": EntryKind.LESSON,
        "lesson": Lesson.GOOD,
        "title_de": "Was Modellpartnerschaften zwischen Verwaltungen und NGOs gelingen lässt",
        "title_en": "What makes model partnerships of administrations and NGOs work",
        "summary_de": "Die wichtigen Erkenntnisse des Workshops 4 der X. Deutsch-Russischen "
        "Städtepartnerschaftskonferenz in Wolgograd aus den fünf vorgestellten Modellprojekten "
        "(Schulpartnerschaften und Arbeit mit Menschen in schwierigen sozialen Situationen "
        "eingeschlossen).",
        "summary_en": "The findings of the Volgograd workshop from the five model projects "
        "presented there.",
        "context": "Städtepartnerschaften bilden einen einzigartigen Rahmen für die "
        "Zusammenarbeit von kommunalen Verwaltungen mit nichtstaatlichen Organisationen und "
        "Initiativen bei der Durchführung von gemeinsamen Projekten.",
        "results": "Für ein konkretes Projekt bindet die partnerschaftliche Zusammenarbeit "
        "Verwaltungen und zivilgesellschaftliche Initiativen in den Partnerstädten ein in eine "
        "gemeinsame Verantwortung. Die so entstehenden Modellpartnerschaften tragen eine neue "
        "Qualität in deutsch-russische Städtepartnerschaften hinein.",
        "transferability": "Wichtig für das Gelingen von Modellpartnerschaften ist:\n"
        "- ein partnerschaftliches Herangehen bei der Vorbereitung von Projekten und Handeln "
        "auf gleicher Augenhöhe\n"
        "- das gemeinsame verpflichtende Engagement von Verwaltungen und NGOs in beiden "
        "Partnerstädten für ein konkretes Projekt\n"
        "- die Bestimmung von festen Bezugspersonen für ein Projekt, wobei für Schulprojekte "
        "insbesondere den Lehrern eine entscheidende Bedeutung zukommt\n"
        "- ein wechselseitiger Nutzen für die Beteiligten auf beiden Seiten\n"
        "- die Entwicklung von Vertrauen zwischen nichtstaatlichen Akteuren und Verwaltungen\n"
        "- die öffentliche Anerkennung und Würdigung des Engagements von Bürgern und "
        "insbesondere von Jugendlichen.",
        "territory": "local:RU:wolgograd",
        "organisations": ["stiftung-west-oestliche-begegnungen", "stadt-wolgograd"],
        "contact": ("Helmut", "Domke"),
        "topics": ["zivilgesellschaft", "schulpartnerschaften"],
        "target_groups": [],
        "events": [WORKSHOP_EVENT],
        "source": SOURCE_WOLGOGRAD,
    },
    {
        "slug": "empfehlungen-workshop-wolgograd-ngos-verwaltungsausbildung",
        "kind": EntryKind.LESSON,
        "lesson": Lesson.GOOD,
        "title_de": "Empfehlung: NGOs in die Ausbildung von Verwaltungsmitarbeitern einbeziehen",
        "title_en": "Recommendation: involve NGOs in training administrative staff",
        "summary_de": "Als bedeutungsvolles Feld für Städtepartnerschaften schlug der "
        "Workshop 4 in Wolgograd praktische Schritte zur Verbesserung der Kooperation zwischen "
        "Verwaltungen und zivilgesellschaftlichen Organisationen vor.",
        "summary_en": "The Volgograd workshop proposed practical steps to improve cooperation "
        "between administrations and civil-society organisations.",
        "approach": "Einbeziehung von NGOs bei der Ausbildung von Mitarbeitern in öffentlichen "
        "Verwaltungen sowie bei der Ausbildung von Fachkräften im sozialen Bereich, die "
        "Durchführung entsprechender Seminare und Dialogforen sowie der Ausbau und die Nutzung "
        "eines interregionalen Informationssystems über nichtstaatliche Organisationen und "
        "zivilgesellschaftliche Initiativen. Deutschen und russischen Städtepartnern wird "
        "empfohlen, der Vermittlung der deutschen Sprache in Russland und der russischen "
        "Sprache in Deutschland besondere Aufmerksamkeit zu widmen.",
        "results": "Die Teilnehmer begrüßen die Entwicklung von Modellpartnerschaften als ein "
        "Mittel, Stadtverwaltungen zu befähigen, ihre städtepartnerschaftlichen Zielvorgaben zu "
        "verwirklichen und ihren Städtepartnerschaften neue Impulse zu verleihen; gleichzeitig "
        "können Modellpartnerschaften die Bereitschaft von Bürgern und zivilgesellschaftlichen "
        "Initiativen fördern, sich für aktuelle Probleme in ihren Kommunen zu engagieren.",
        "territory": "local:RU:wolgograd",
        "organisations": ["stiftung-west-oestliche-begegnungen", "stadt-wolgograd"],
        "contact": ("Helmut", "Domke"),
        "topics": ["zivilgesellschaft", "weiterbildung", "sprachen-lernen"],
        "target_groups": ["verwaltung"],
        "events": [WORKSHOP_EVENT],
        "source": SOURCE_WOLGOGRAD,
    },
    # --- BiSMit (seed 003) ------------------------------------------------------------------
    {
        "slug": "strukturwandel-braucht-bildung",
        "kind": EntryKind.STUDY,
        "title_de": "Strukturwandel braucht Bildung",
        "title_en": "Structural change needs education",
        "summary_de": "Status-quo-Analyse des Netzwerkbüros Bildung im Strukturwandel in "
        "Mitteldeutschland (BiSMit): eine umfassende Bewertung der Bildungslandschaft im "
        "Mitteldeutschen Revier. Ihre Erkenntnisse wurden mit der Europäischen Metropolregion "
        "Mitteldeutschland (EMMD) ausgetauscht.",
        "summary_en": "Status-quo analysis by BiSMit: a comprehensive assessment of the "
        "education landscape in the Central German mining area.",
        "publisher": "Netzwerkbüro Bildung im Strukturwandel in Mitteldeutschland (BiSMit)",
        "territory": "ags:14713000",
        "organisations": ["bismit"],
        "topics": ["strukturwandel", "bildungsmonitoring"],
        "target_groups": [],
        "source": SOURCE_BISMIT,
        "source_url": URL_BISMIT,
    },
    {
        "slug": "berufsbezogene-weiterbildung-im-strukturwandel",
        "kind": EntryKind.STUDY,
        "title_de": "Berufsbezogene Weiterbildung im Strukturwandel",
        "title_en": "Job-related continuing education in structural change",
        "summary_de": "Umfassende Studie von BiSMit, im März 2023 veröffentlicht. Weil BiSMit "
        "das Thema darin eingehend analysiert hat, unterstützt die EMMD BiSMit bei der Bildung "
        "einer Projektgruppe zur Weiterbildung.",
        "summary_en": "Comprehensive study by BiSMit, published in March 2023; the EMMD "
        "supports BiSMit in forming a project group on continuing education.",
        "publisher": "Netzwerkbüro Bildung im Strukturwandel in Mitteldeutschland (BiSMit)",
        "territory": "ags:14713000",
        "organisations": ["bismit"],
        "topics": ["strukturwandel", "weiterbildung", "fachkraefte"],
        "target_groups": ["erwachsene"],
        "stage": "adult",
        "projects": ["projektgruppe-weiterbildung-emmd-bismit"],
        "source": SOURCE_BISMIT,
        "source_url": URL_BISMIT,
    },
    {
        "slug": "studie-jugendbeteiligung-strukturwandel",
        "kind": EntryKind.STUDY,
        "title_de": "Studie zur Jugendbeteiligung im Kontext des Strukturwandels",
        "title_en": "Study on youth participation in structural change",
        "summary_de": "Studie von BiSMit zur Jugendbeteiligung im Kontext des Strukturwandels, "
        "die gemeinsam mit der EMMD behandelt wurde.",
        "summary_en": "BiSMit study on youth participation in structural change, discussed "
        "together with the EMMD.",
        "publisher": "Netzwerkbüro Bildung im Strukturwandel in Mitteldeutschland (BiSMit)",
        "territory": "ags:14713000",
        "organisations": ["bismit"],
        "topics": ["jugendbeteiligung", "strukturwandel"],
        "target_groups": ["jugendliche"],
        "source": SOURCE_BISMIT,
        "source_url": URL_BISMIT,
    },
    {
        "slug": "studie-berufsorientierung-bismit",
        "kind": EntryKind.STUDY,
        "in_progress": True,
        "title_de": "Studie zur Berufsorientierung (in Erarbeitung)",
        "title_en": "Study on career orientation (in progress)",
        "summary_de": "Das Netzwerkbüro BiSMit erarbeitet eine Studie zur Thematik der "
        "Berufsorientierung. Sie wird sowohl die Angebotsseite als auch die Zielgruppenseite "
        "analysieren und Lösungsansätze identifizieren, welche die effektive und qualitativ "
        "hochwertige Umsetzung der Berufsorientierung ermöglichen sollen.",
        "summary_en": "BiSMit is preparing a study on career orientation, analysing supply and "
        "target groups and identifying solutions.",
        "context": "Eine angemessene Berufsorientierung ist nicht bloß von zentraler Bedeutung "
        "für individuelle Bildungslaufbahnen, sondern hat auch erheblichen Einfluss auf die "
        "Sicherung von Fachkräften in einer Region. Der Übergang von der Schule in den Beruf "
        "ist geprägt von einer Vielfalt an unterschiedlichen Akteuren.",
        "publisher": "Netzwerkbüro Bildung im Strukturwandel in Mitteldeutschland (BiSMit)",
        "territory": "ags:14713000",
        "organisations": ["bismit"],
        "topics": ["berufsorientierung", "uebergang-schule-beruf", "fachkraefte"],
        "target_groups": ["jugendliche"],
        "stage": "transition",
        "source": SOURCE_BISMIT,
        "source_url": URL_BISMIT,
    },
    # --- Berlin (seed 001) ------------------------------------------------------------------
    {
        "slug": "move-your-mind-verwaltungsaustausch",
        "kind": EntryKind.PRACTICE,
        "lesson": Lesson.GOOD,
        "title_de": "European City Exchange – Move Your Mind (MYM): Verwaltungsaustausch 2012–2014",
        "title_en": "European City Exchange – Move Your Mind (MYM): administrative exchange "
        "2012–2014",
        "summary_de": "Pilotprojekt des Referats für EU und Internationales Berlin im "
        "ERASMUS-Unterprogramm Leonardo da Vinci für einen Verwaltungsaustausch mit den "
        "Stadtverwaltungen von Helsinki, Paris, Warschau, Wien sowie Amsterdam; von der "
        "EU-Kommission als herausragendes Projekt ausgezeichnet.",
        "summary_en": "Pilot administrative exchange of Berlin with Helsinki, Paris, Warsaw, "
        "Vienna and Amsterdam (2012–2014), awarded by the EU Commission as outstanding.",
        "context": "Einen besonderen Stellenwert nimmt der Verwaltungsaustausch von "
        "Mitarbeiterinnen und Mitarbeitern mit den verschiedenen Verwaltungen der Partnerstädte "
        "ein.",
        "approach": "Zwischen 2012 und 2014 hat das Referat für EU und Internationales mit "
        "European City Exchange – Move Your Mind ein Pilotprojekt für einen "
        "Verwaltungsaustausch initiiert und evaluiert: Beschäftigte hielten sich mehrere Monate "
        "in den Partnerverwaltungen auf.",
        "results": "Die mehrmonatigen Aufenthalte der Beschäftigten förderten europäisches und "
        "partnerschaftliches Denken und intensivierten die Zusammenarbeit mit den Städten. Die "
        "EU-Kommission zeichnete das Projekt als herausragend aus.",
        "transferability": "Nach Ablauf des Programms haben sich die Berliner "
        "Senatsverwaltungen wie auch Bezirke, die europäische Austausche etabliert hatten, "
        "erfolgreich um eine Fortführung des Formats von Hospitationen bemüht (EVA).",
        "resources_time": "mehrmonatige Aufenthalte",
        "resources_money": "im ERASMUS-Unterprogramm Leonardo da Vinci",
        "territory": "ags:11000000",
        "organisations": ["referat-eu-internationales-berlin"],
        "topics": ["verwaltungsaustausch"],
        "target_groups": ["verwaltung"],
        "evidence": [
            (
                EvidenceKind.EVALUATION,
                "Evaluation des Pilotprojekts durch das "
                "Referat für EU und Internationales (im Dokument genannt)",
            ),
            (
                EvidenceKind.DOCUMENT,
                "Auszeichnung durch die EU-Kommission als herausragendes Projekt",
            ),
        ],
        "source": SOURCE_BERLIN,
    },
    {
        "slug": "europaeischer-verwaltungsaustausch-eva",
        "kind": EntryKind.PRACTICE,
        "title_de": "Europäischer Verwaltungsaustausch (EVA): Hospitationen nach MYM",
        "title_en": "European administrative exchange (EVA): placements after MYM",
        "summary_de": "Fortführung des Formats von Hospitationen nach Ablauf von Move Your "
        "Mind: Mitarbeiterinnen und Mitarbeiter der Senatsverwaltung für Umwelt, Verkehr und "
        "Klimaschutz sowie der Senatsverwaltung für Stadtentwicklung und Wohnen hospitieren im "
        "Rahmen des Projekts „Europäischer Verwaltungsaustausch“.",
        "summary_en": "Continues MYM's placements: staff of two Berlin Senate departments take "
        "part in the European administrative exchange.",
        "context": "Nach Ablauf des Programms MYM haben sich die Berliner Senatsverwaltungen wie "
        "auch Bezirke erfolgreich um eine Fortführung des erfolgreichen Formats von "
        "Hospitationen bemüht.",
        "transferability": "Auch die Partnerstädte senden im Rahmen eigener Programme "
        "Kolleginnen und Kollegen nach Berlin: Paris nutzt dieses Format seit vielen Jahren im "
        "Rahmen der Personalentwicklung, auch aus Warschau und Wien kommen Hospitanten.",
        "territory": "ags:11000000",
        "organisations": ["senuvk-berlin", "sensw-berlin"],
        "topics": ["verwaltungsaustausch"],
        "target_groups": ["verwaltung"],
        "source": SOURCE_BERLIN,
    },
]
RELATIONS = ("organisations", "topics", "target_groups", "projects", "events")
MODELS = {
    "organisations": (Organisation, "slug"),
    "topics": (Topic, "slug"),
    "target_groups": (TargetGroup, "slug"),
    "projects": (Project, "slug"),
    "events": (Event, "slug"),
}


def _lookup(items) -> dict:
    """Every object the entries name, in one query per relation."""
    found = {}
    for name, (model, key) in MODELS.items():
        wanted = {v for item in items for v in item.get(name, [])}
        found[name] = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": wanted})}
    return found


def load(stdout=None) -> None:
    found = _lookup(ENTRIES)
    territories = {}
    for item in ENTRIES:
        key = item["territory"]
        if key not in territories:
            scheme, code = split_key(key)
            territories[key] = Territory.objects.filter(scheme=scheme, code=code).first()
    count = 0
    for item in ENTRIES:
        values = {k: v for k, v in item.items()
                  if k not in (*RELATIONS, "slug", "territory", "contact", "evidence")}  # fmt: skip
        values.setdefault("title", values["title_de"])
        values.setdefault("summary", values.get("summary_de", ""))
        contact = None
        if item.get("contact"):
            given, family = item["contact"]
            contact = Person.objects.filter(given_name=given, family_name=family).first()
        values.update(
            territory=territories[item["territory"]],
            contact=contact,
            status=EntryStatus.PUBLISHED,
            published_at=PUBLISHED_AT,
            review_due=REVIEW_DUE,
            is_public=True,
            is_demo=True,
        )
        entry, _created, _changed = upsert(Entry, {"slug": item["slug"]}, values)
        for name in RELATIONS:
            set_m2m(getattr(entry, name),
                    [found[name][v] for v in item.get(name, []) if v in found[name]])  # fmt: skip
        for kind, label in item.get("evidence", []):
            upsert(EvidenceLink, {"entry": entry, "label": label}, {"kind": kind})
        count += 1
    if stdout:
        stdout.write(f"knowledge: {count} entries")
