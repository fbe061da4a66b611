"""Demo content: only what the source documents state (shared/seeds), idempotently.

Unknown facts (dates, people, numbers the documents do not give) stay empty.
"""

from __future__ import annotations

import datetime as dt

from django.utils.text import slugify

from actors.models import Organisation, Person, Role, Topic
from bildungsnetz.upsert import set_m2m, upsert
from places.models import Territory

from .models import (
    Agreement,
    AgreementKind,
    AgreementSignatory,
    AgreementStatus,
    AgreementTransition,
    AgreementVersion,
    ExchangeProgramme,
    Goal,
    Partnership,
    PartnershipKind,
    PartnershipParty,
    PartnershipStatus,
    Project,
    ProjectKind,
    ProjectParticipant,
    ProjectStatus,
)

SOURCE_BERLIN = "Senatskanzlei Berlin, EU und Internationales – Städtepartnerschaften"
SOURCE_ERFURT_WIEN = "Kooperationsvereinbarung Stadtverwaltung Erfurt – Stadtverwaltung Wien"
SOURCE_EMMD = "mitteldeutschland.com: Kooperation für Bildung im Strukturwandel fortgesetzt"
SOURCE_WOLGOGRAD = "Workshop 4 der X. Deutsch-Russischen Städtepartnerschaftskonferenz in Wolgograd"

BERLIN_TWINNINGS = [
    "local:US:los-angeles", "local:MX:ciudad-de-mexico", "local:AR:buenos-aires",
    "lau:FR:75056", "lau:ES:28079", "local:GB:london", "lau:BE:21004", "local:TR:istanbul",
    "local:HU:budapest", "local:ID:jakarta", "local:UZ:toshkent", "local:RU:moskva",
    "local:PL:warszawa", "local:CZ:praha", "local:CN:beijing", "local:JP:tokyo",
    "local:NA:windhoek",
]  # fmt: skip
BERLIN_EXCHANGE = [
    "local:NL:amsterdam", "gkz:90001", "lau:ES:08019", "lau:ES:28079", "local:CN:guangzhou",
    "local:ZA:johannesburg",
]  # fmt: skip

ERFURT_WIEN_PREAMBLE = (
    "Nach erfolgreichen und lehrreichen bilateralen Abstimmungen und Austausch auf persönlicher "
    "Ebene soll die partnerschaftliche Zusammenarbeit zwischen der Stadtverwaltung Erfurt und "
    "der Stadtverwaltung Wien insbesondere im Kontext von Bildungsthemen ausgebaut und "
    "strukturell verankert werden. Hierfür wird die vorliegende Kooperationsvereinbarung "
    "geschlossen, mit folgenden Zielen und Projektinhalten:"
)
# (number, German text as signed, English summary, topic slugs)
ERFURT_WIEN_GOALS = [
    (1, "Ein intensiver, grundsätzlicher Verwaltungsaustausch wird angestrebt, um im Sinne von "
        "Best Practice die jeweiligen Strukturen und Strategien den wachsenden, globalen "
        "Anforderungen anpassen zu können.",
     "An intensive administrative exchange, so that both cities can adapt their structures and "
     "strategies to growing global demands by learning from best practice.",
     ["verwaltungsaustausch"]),
    (2, "Das in den Stadtverwaltungen verfolgte Konzept des lebenslangen Lernens wird gemeinsam "
        "optimiert. Bildung als zentraler Standortfaktor der Partner wird dahingehend "
        "gleichermaßen anerkannt und gemeinsam zukunftsfähig weiterentwickelt. Hierbei werden "
        "formales, non-formales und informelles Lernen gleichrangig unterstützt.",
     "Jointly improve the cities' concepts of lifelong learning; education is recognised as a "
     "key location factor; formal, non-formal and informal learning are supported equally.",
     ["lebenslanges-lernen"]),
    (3, "Die zunehmende räumliche Ungleichverteilung der Bevölkerung im Hinblick auf "
        "sozioökonomische Merkmale ist ein gesellschaftliches Problem, dessen sich die "
        "Kooperationspartner bewusst sind. In Anerkennung der Bildung als zentraler Faktor zur "
        "Verringerung sozialer Segregation wird sich speziell zu Möglichkeiten der Verbesserung "
        "der Bildungsteilhabe und der Chancengleichheit abgestimmt sowie gemeinsame Projekte "
        "entwickelt. Hierbei ist der Anspruch des Zugangs zu Bildung für alle handlungsleitend, "
        "Bildungsangebote werden dahingehend kontinuierlich hinterfragt und weiterentwickelt.",
     "Education as a key factor against social segregation: coordinate on improving "
     "educational participation and equal opportunity and develop joint projects; access to "
     "education for all guides the review of education offers.",
     ["bildungsteilhabe", "segregation"]),
    (4, "Inklusion und gesellschaftliche Teilhabe der vielfältigen Bevölkerungen werden "
        "angestrebt. Hierbei erarbeiten die Stadtverwaltung Erfurt und die Stadtverwaltung Wien "
        "gemeinsam ein Erhebungsinstrument zur Ermittlung des Ist-Standes und eruieren im "
        "Abgleich Möglichkeiten der Verbesserung der Teilhabe einzelner Bevölkerungsteile durch "
        "bedarfsgerechte und zielgruppenspezifische Angebote.",
     "Inclusion and social participation: the two administrations jointly develop a survey "
     "instrument to establish the current state and compare ways of improving participation "
     "through needs-based, target-group-specific offers.",
     ["inklusion", "bildungsteilhabe"]),
    (5, "Die vielfältigen Lernformen und Lernorte fördern die Kompetenzentwicklung, die Zugänge "
        "zu Bildungsangeboten werden durch neue Konzepte und Strategien niedrigschwellig "
        "ausgebaut. Zu diesem Zweck findet ein Wissenstransfer der Stadtverwaltungen Erfurt und "
        "Wien statt, um den jeweils eigenen Blickwinkel zu erweitern und Umsetzungsideen zu "
        "ermitteln.",
     "Diverse forms and places of learning: widen low-threshold access to education offers "
     "with new concepts, through a transfer of knowledge between Erfurt and Vienna.",
     ["lebenslanges-lernen"]),
    (6, "Die Gemeinsamkeiten und Unterschiede in der formalen Bildung werden von den "
        "Kooperationspartnern gemeinschaftlich herausgearbeitet. Hierbei nimmt auch das Thema "
        "Ausstattung/Materialien eine zentrale Rolle ein. Hintergrund ist ein "
        "Erfahrungsaustausch zum zielgerichteten Einsatz vorhandener Ressourcen bei "
        "unterschiedlichen Voraussetzungen.",
     "Work out the similarities and differences in formal education, including equipment and "
     "materials, exchanging experience on the targeted use of available resources.",
     ["formale-bildung"]),
    (7, "Bildung für Nachhaltige Entwicklung ist für beide Stadtverwaltungen handlungsleitend und "
        "wird als Querschnittsaufgabe betrachtet. Zur Verstetigung der angestoßenen Prozesse "
        "werden BestPractise Modelle gegenseitig vorgestellt, ausgetauscht und gemeinsam "
        "weiterentwickelt.",
     "Education for sustainable development guides both administrations as a cross-cutting "
     "task; best-practice models are presented, exchanged and developed together.",
     ["bne"]),
]  # fmt: skip
CLAUSE_8 = "8. Diese Vereinbarung steht unter Gremienvorbehalt."
ERFURT_WIEN_SIGNED = dt.date(2022, 10, 4)


def _t(key: str) -> Territory:
    return Territory.objects.get_by_key(key)


def _topics(*slugs: str) -> list[Topic]:
    return list(Topic.objects.filter(slug__in=slugs))


def _partnership(slug, name_de, name_en, kind, parties, *, topics=(), **values) -> Partnership:
    values = {
        "name_de": name_de,
        "name_en": name_en,
        "kind": kind,
        "status": values.pop("status", PartnershipStatus.ACTIVE),
        "is_public": True,
        "is_demo": True,
        **values,
    }
    partnership, _c, _ch = upsert(Partnership, {"slug": slug}, values)
    for position, party in enumerate(parties):
        field = "territory" if isinstance(party, Territory) else "organisation"
        upsert(PartnershipParty, {"partnership": partnership, field: party}, {"position": position})
    set_m2m(partnership.topics, _topics(*topics))
    return partnership


def _agreement_text() -> str:
    goals = "\n".join(f"{number}. {text}" for number, text, _en, _t in ERFURT_WIEN_GOALS)
    return (
        "Kooperationsvereinbarung zwischen der Stadtverwaltung Erfurt und der Stadtverwaltung "
        f"Wien\n\n{ERFURT_WIEN_PREAMBLE}\n\n{goals}\n{CLAUSE_8}\n\nErfurt, den 04. Oktober 2022"
    )


def load_erfurt_wien() -> Agreement:
    erfurt, wien = _t("ags:16051000"), _t("gkz:90001")
    partnership = _partnership(
        "erfurt-wien",
        "Erfurt – Wien: Kooperation der Stadtverwaltungen",
        "Erfurt – Vienna: cooperation of the city administrations",
        PartnershipKind.COOPERATION,
        [erfurt, wien],
        topics=[
            "verwaltungsaustausch",
            "lebenslanges-lernen",
            "bildungsteilhabe",
            "inklusion",
            "formale-bildung",
            "bne",
        ],  # fmt: skip
        description_de=ERFURT_WIEN_PREAMBLE.replace(
            " mit folgenden Zielen und Projektinhalten:", "."
        ),
        description_en="Partnership of the city administrations of Erfurt and Vienna, "
        "especially on education, put into the cooperation agreement of 4 October 2022.",
        source=SOURCE_ERFURT_WIEN,
    )
    text = _agreement_text()
    agreement, _c, _ch = upsert(
        Agreement,
        {"slug": "kooperationsvereinbarung-erfurt-wien-2022"},
        {
            "partnership": partnership,
            "title_de": "Kooperationsvereinbarung zwischen der Stadtverwaltung Erfurt und der "
            "Stadtverwaltung Wien",
            "title_en": "Cooperation agreement between the City Administration of Erfurt and "
            "the City Administration of Vienna",
            "kind": AgreementKind.COOPERATION,
            "status": AgreementStatus.PENDING_APPROVAL,
            "signed_place": erfurt,
            "signed_on": ERFURT_WIEN_SIGNED,
            "summary_de": "Die Stadtverwaltungen Erfurt und Wien bauen ihre Zusammenarbeit zu "
            "Bildungsthemen aus und verankern sie strukturell, mit sieben Zielen. Die "
            "Vereinbarung steht unter Gremienvorbehalt (Ziffer 8).",
            "summary_en": "The city administrations of Erfurt and Vienna extend and anchor "
            "their cooperation on education with seven goals. The agreement is subject to "
            "approval by the councils (clause 8).",
            "text": text,
            "source": SOURCE_ERFURT_WIEN,
            "is_public": True,
            "is_demo": True,
        },
    )
    set_m2m(agreement.topics, list(partnership.topics.all()))
    upsert(AgreementVersion, {"agreement": agreement, "number": 1}, {"text": text})
    upsert(
        AgreementTransition,
        {"agreement": agreement, "from_state": "", "to_state": AgreementStatus.DRAFT},
        {"at": dt.datetime(2022, 10, 4, tzinfo=dt.UTC)},
    )
    upsert(
        AgreementTransition,
        {
            "agreement": agreement,
            "from_state": AgreementStatus.DRAFT,
            "to_state": AgreementStatus.PENDING_APPROVAL,
        },
        {"at": dt.datetime(2022, 10, 4, tzinfo=dt.UTC), "note": CLAUSE_8},
    )
    for number, text_de, text_en, topic_slugs in ERFURT_WIEN_GOALS:
        goal, _c, _ch = upsert(
            Goal,
            {"agreement": agreement, "number": number},
            {"text_de": text_de, "text_en": text_en, "is_demo": True},
        )
        set_m2m(goal.topics, _topics(*topic_slugs))
    signatories = [
        ("Andreas", "Bausewein", "stadtverwaltung-erfurt"),
        ("Michael", "Ludwig", "stadt-wien"),
    ]
    for position, (given, family, org_slug) in enumerate(signatories):
        person = Person.objects.get(given_name=given, family_name=family, is_demo=True)
        organisation = Organisation.objects.get(slug=org_slug)
        role = Role.objects.get(person=person, organisation=organisation)
        upsert(
            AgreementSignatory,
            {"agreement": agreement, "person": person},
            {
                "function": role.function_de,
                "organisation": organisation,
                "position": position,
                # "Erfurt, den 04. Oktober 2022" under both signatures
                "signed_place": erfurt,
                "signed_on": ERFURT_WIEN_SIGNED,
            },
        )
    return agreement


def load_berlin() -> None:
    berlin = _t("ags:11000000")
    for key in BERLIN_TWINNINGS:
        city = _t(key)
        _partnership(
            f"berlin-{slugify(city.name_de)}-staedtepartnerschaft",
            f"Berlin – {city.name_de}",
            f"Berlin – {city.name_en or city.name_de}",
            PartnershipKind.TWINNING,
            [berlin, city],
            description_de="Eine der 17 vertraglichen Städtepartnerschaften und Memoranden "
            "Berlins. Die Quelle unterscheidet nicht, ob Städtepartnerschaft oder Memorandum.",
            description_en="One of Berlin's 17 contractual town twinnings and memoranda; the "
            "source does not say which of the two.",
            source=SOURCE_BERLIN,
        )
    for key in BERLIN_EXCHANGE:
        city = _t(key)
        _partnership(
            f"berlin-{slugify(city.name_de)}-fachaustausch",
            f"Berlin – {city.name_de}: fachlicher Austausch",
            f"Berlin – {city.name_en or city.name_de}: professional exchange",
            PartnershipKind.PROFESSIONAL_EXCHANGE,
            [berlin, city],
            description_de="Fachlicher Austausch Berlins mit einer weiteren Großstadt.",
            description_en="Professional exchange of Berlin with a further major city.",
            source=SOURCE_BERLIN,
        )
    mym, _c, _ch = upsert(
        ExchangeProgramme,
        {"slug": "move-your-mind"},
        {
            "name_de": "European City Exchange – Move Your Mind",
            "name_en": "European City Exchange – Move Your Mind",
            "acronym": "MYM",
            "description_de": "Pilotprojekt für einen Verwaltungsaustausch mit den "
            "Stadtverwaltungen der europäischen Hauptstädte Helsinki, Paris, Warschau, Wien "
            "sowie mit Amsterdam, initiiert und evaluiert vom Referat für EU und Internationales "
            "in Berlin. Die mehrmonatigen Aufenthalte der Beschäftigten förderten europäisches "
            "und partnerschaftliches Denken und intensivierten die Zusammenarbeit mit den Städten.",
            "description_en": "Pilot project for an administrative exchange with the city "
            "administrations of Helsinki, Paris, Warsaw, Vienna and Amsterdam, initiated and "
            "evaluated by Berlin's unit for EU and international affairs. Stays of several "
            "months fostered European thinking and closer cooperation.",
            "funder": "ERASMUS-Unterprogramm Leonardo da Vinci",
            "recognition": "Von der EU-Kommission als herausragendes Projekt ausgezeichnet",
            "start_year": 2012,
            "end_year": 2014,
            "coordinator": Organisation.objects.get(slug="referat-eu-internationales-berlin"),
            "source": SOURCE_BERLIN,
            "is_public": True,
            "is_demo": True,
        },
    )
    set_m2m(
        mym.cities,
        [
            berlin,
            *(
                _t(k)
                for k in [
                    "local:FI:helsinki",
                    "lau:FR:75056",
                    "local:PL:warszawa",
                    "gkz:90001",
                    "local:NL:amsterdam",
                ]
            ),
        ],  # fmt: skip
    )
    set_m2m(mym.topics, _topics("verwaltungsaustausch"))
    eva, _c, _ch = upsert(
        ExchangeProgramme,
        {"slug": "europaeischer-verwaltungsaustausch"},
        {
            "name_de": "Europäischer Verwaltungsaustausch",
            "name_en": "European administrative exchange",
            "acronym": "EVA",
            "description_de": "Fortführung des Formats von Hospitationen nach Ablauf von MYM: "
            "Mitarbeiterinnen und Mitarbeiter der Senatsverwaltung für Umwelt, Verkehr und "
            "Klimaschutz sowie der Senatsverwaltung für Stadtentwicklung und Wohnen hospitieren "
            "im Rahmen des Projekts „Europäischer Verwaltungsaustausch“.",
            "description_en": "Continues the placement format after MYM: staff of two Berlin "
            "Senate departments take part in placements.",
            "predecessor": mym,
            "source": SOURCE_BERLIN,
            "is_public": True,
            "is_demo": True,
        },
    )
    set_m2m(eva.cities, [berlin])
    set_m2m(
        eva.organisations,
        list(Organisation.objects.filter(slug__in=["senuvk-berlin", "sensw-berlin"])),
    )
    set_m2m(eva.topics, _topics("verwaltungsaustausch"))


def load_emmd_bismit() -> None:
    emmd, bismit = Organisation.objects.get(slug="emmd"), Organisation.objects.get(slug="bismit")
    partnership = _partnership(
        "emmd-bismit",
        "EMMD – BiSMit: Kooperation für Bildung im Strukturwandel",
        "EMMD – BiSMit: cooperation on education in structural change",
        PartnershipKind.COOPERATION,
        [emmd, bismit],
        topics=[
            "berufsorientierung",
            "fachkraefte",
            "weiterbildung",
            "bildungsmonitoring",
            "strukturwandel",
        ],  # fmt: skip
        until=dt.date(2024, 12, 31),
        description_de="Die Europäische Metropolregion Mitteldeutschland und das Netzwerkbüro "
        "Bildung im Strukturwandel in Mitteldeutschland setzen ihre Kooperation bis Ende 2024 "
        "fort, insbesondere zu Berufsorientierung, Fachkräften und Weiterbildung. Erkenntnisse "
        "aus Studien im Bildungsbereich werden ausgetauscht; die Resultate des regionalen "
        "Bildungsmonitorings, das BiSMit für das Mitteldeutsche Revier entwickelt hat, fließen "
        "in die Tätigkeiten der EMMD ein. Dazu gehört eine gegenseitige Beteiligung an "
        "Veranstaltungen und Gremien.",
        description_en="The European Metropolitan Region of Central Germany and the BiSMit "
        "network office continue their cooperation until the end of 2024, especially on "
        "career orientation, skilled workers and continuing education; they exchange study "
        "results, and BiSMit's regional education monitoring is integrated into EMMD's work.",
        source=SOURCE_EMMD,
    )
    project, _c, _ch = upsert(
        Project,
        {"slug": "projektgruppe-weiterbildung-emmd-bismit"},
        {
            "partnership": partnership,
            "title_de": "Projektgruppe zur Weiterbildung",
            "title_en": "Project group on continuing education",
            "kind": ProjectKind.JOINT_PROJECT,
            "status": ProjectStatus.PLANNED,
            "description_de": "Exemplarisches Vorhaben der fortgesetzten Kooperation: die EMMD "
            "unterstützt BiSMit bei der Bildung einer Projektgruppe zur Weiterbildung. BiSMit "
            "hat das Thema „Berufsbezogene Weiterbildung im Strukturwandel“ im März 2023 in "
            "einer umfassenden Studie analysiert und veröffentlicht.",
            "description_en": "Example of the continued cooperation: EMMD supports BiSMit in "
            "forming a project group on continuing education.",
            "source": SOURCE_EMMD,
            "is_public": True,
            "is_demo": True,
        },
    )
    set_m2m(project.topics, _topics("weiterbildung", "strukturwandel"))
    upsert(ProjectParticipant, {"project": project, "organisation": emmd}, {"role": "unterstützt"})
    upsert(
        ProjectParticipant,
        {"project": project, "organisation": bismit},
        {"role": "bildet die Projektgruppe"},
    )


def load_wolgograd() -> None:
    hamburg, spb = _t("ags:02000000"), _t("local:RU:sankt-peterburg")
    partnership = _partnership(
        "hamburg-st-petersburg",
        "Hamburg – St. Petersburg",
        "Hamburg – St Petersburg",
        PartnershipKind.TWINNING,
        [hamburg, spb],
        topics=["schulpartnerschaften"],
        description_de="Mehr als fünfzigjährige Städtepartnerschaft (Stand der X. "
        "Deutsch-Russischen Städtepartnerschaftskonferenz in Wolgograd).",
        description_en="Town twinning of more than fifty years (as stated at the 10th "
        "German-Russian town-twinning conference in Volgograd).",
        source=SOURCE_WOLGOGRAD,
    )
    project, _c, _ch = upsert(
        Project,
        {"slug": "schulprojekt-hamburg-st-petersburg"},
        {
            "partnership": partnership,
            "title_de": "Deutsch-russisches Schulprojekt zur Städtepartnerschaft Hamburg – "
            "St. Petersburg",
            "title_en": "German-Russian school project on the Hamburg – St Petersburg twinning",
            "kind": ProjectKind.MODEL_PARTNERSHIP,
            "status": ProjectStatus.COMPLETED,
            "description_de": "Ein gemeinsames deutsch-russisches Schulprojekt untersuchte die "
            "Entwicklung der mehr als fünfzigjährigen Städtepartnerschaft zwischen Hamburg und "
            "St. Petersburg; vorgestellt als eines von fünf Modellprojekten im Workshop "
            "„Partnerschaftliche Modelle der Zusammenarbeit von städtischen Verwaltungen und "
            "zivilgesellschaftlichen Initiativen“. Für Schulprojekte kommt als feste "
            "Bezugspersonen insbesondere den Lehrern eine entscheidende Bedeutung zu.",
            "description_en": "A joint German-Russian school project studied the development of "
            "the twinning of more than fifty years; one of five model projects presented at the "
            "Volgograd workshop.",
            "source": SOURCE_WOLGOGRAD,
            "is_public": True,
            "is_demo": True,
        },
    )
    set_m2m(project.topics, _topics("schulpartnerschaften", "zivilgesellschaft"))


def load(stdout=None) -> None:
    load_erfurt_wien()
    load_berlin()
    load_emmd_bismit()
    load_wolgograd()
    if stdout:
        stdout.write(
            f"  {Partnership.objects.filter(is_demo=True).count()} partnerships, "
            f"{Agreement.objects.filter(is_demo=True).count()} agreements, "
            f"{Goal.objects.filter(is_demo=True).count()} goals, "
            f"{ExchangeProgramme.objects.filter(is_demo=True).count()} exchange programmes"
        )
