"""Demo content of partner finding (idempotent, a few dozen rows).

Offers and needs for organisations the other demos create (Brückenwerk Erfurt and the
Lernhaus Neukölln of the offers demo, the Stiftung West-Östliche Begegnungen, the Stadt Wien and
the Stadt Wolgograd of the actors demo), and two fictitious Vienna associations offering school
partnerships, each with a fixed contact person. The Erfurt association seeks a school
partnership, so its suggestions show the Vienna ones first (Erfurt and Vienna cooperate). The
Wolgograd workshop's idea, model partnerships of administrations and NGOs of partner cities, is
the foundation's offer and Wolgograd's need. Everything invented is marked "(Demo)" or
"Demo:" and is_demo.
"""

from __future__ import annotations

import datetime as dt

from actors.models import Language, Organisation, Person, Role, TargetGroup, Topic
from bildungsnetz.upsert import set_m2m, upsert
from cooperation.models import (
    Partnership,
    Project,
    ProjectKind,
    ProjectParticipant,
    ProjectStatus,
)
from places.models import Territory

from .models import Direction, ListingFormat, PartnerListing, RecognitionConsent

DEMO_NOTE = "Fiktiver Demo-Eintrag für die Vorführung der Partnersuche."
DEMO_NOTE_EN = "Fictitious demo entry for showing partner finding."

VIENNA_ORGANISATIONS = [
    {
        "slug": "demo-bildungsgraetzl-leopoldstadt",
        "name": "Bildungsgrätzl Leopoldstadt (Demo)",
        "name_en": "Education Neighbourhood Leopoldstadt (demo)",
        "topics": ["schulpartnerschaften", "berufsorientierung", "integration-migration"],
        "target_groups": ["jugendliche", "lehrkraefte"],
        "languages": ["de", "bcs", "tr"],
        "contact": ("Marija", "Demo-Kovač", "m.kovac@bildungsgraetzl.example"),
    },
    {
        "slug": "demo-lernwerkstatt-favoriten",
        "name": "Lernwerkstatt Favoriten (Demo)",
        "name_en": "Learning Workshop Favoriten (demo)",
        "topics": ["schulpartnerschaften", "bne", "ganztag"],
        "target_groups": ["kinder", "jugendliche", "lehrkraefte"],
        "languages": ["de", "en"],
        "contact": ("Florian", "Demo-Huber", "f.huber@lernwerkstatt-favoriten.example"),
    },
]

LISTINGS = [
    {
        "key": "brueckenwerk-sucht-schulpartnerschaft",
        "organisation": "demo-brueckenwerk-erfurt",
        "direction": Direction.SEEK,
        "format": ListingFormat.SCHOOL_PARTNERSHIP,
        "title_de": "Demo: Schulpartnerschaft zur Berufsorientierung gesucht",
        "title_en": "Demo: school partnership for career orientation sought",
        "description_de": "Wir suchen eine Schule oder einen Bildungsverein in einer "
        "Partnerstadt Erfurts für einen Austausch von Klassen der Regelschule zur "
        "Berufsorientierung: gemeinsame Projekttage, Betriebserkundungen, ein Besuch je Seite.",
        "description_en": "We seek a school or education association in a partner city of "
        "Erfurt for an exchange of classes on career orientation.",
        "topics": ["schulpartnerschaften", "berufsorientierung", "uebergang-schule-beruf"],
        "target_groups": ["jugendliche", "lehrkraefte"],
        "languages": ["de"],
        "cities": ["gkz:90001"],
    },
    {
        "key": "brueckenwerk-bietet-fachwissen",
        "organisation": "demo-brueckenwerk-erfurt",
        "direction": Direction.OFFER,
        "format": ListingFormat.EXPERTISE,
        "title_de": "Demo: Erfahrung mit Bewerbungstrainings für junge Zugewanderte",
        "title_en": "Demo: experience with application training for young migrants",
        "description_de": "Wir teilen Materialien und Erfahrungen aus Bewerbungstrainings "
        "auf Deutsch, Arabisch und Ukrainisch.",
        "description_en": "We share materials and experience from application training.",
        "topics": ["uebergang-schule-beruf", "integration-migration"],
        "target_groups": ["jugendliche", "zugewanderte"],
        "languages": ["de", "ar", "uk"],
        "cities": [],
    },
    {
        "key": "bildungsgraetzl-bietet-schulpartnerschaft",
        "organisation": "demo-bildungsgraetzl-leopoldstadt",
        "direction": Direction.OFFER,
        "format": ListingFormat.SCHOOL_PARTNERSHIP,
        "title_de": "Demo: Schulpartnerschaften mit Wiener Mittelschulen",
        "title_en": "Demo: school partnerships with Vienna middle schools",
        "description_de": "Wir vermitteln Partnerschaften zwischen Mittelschulen der "
        "Leopoldstadt und Schulen in Partnerstädten Wiens, mit je einer Lehrkraft als fester "
        "Bezugsperson auf jeder Seite.",
        "description_en": "We broker partnerships between middle schools of Leopoldstadt and "
        "schools in Vienna's partner cities, with one teacher as fixed contact on each side.",
        "topics": ["schulpartnerschaften", "berufsorientierung"],
        "target_groups": ["jugendliche", "lehrkraefte"],
        "languages": ["de"],
        "cities": [],
    },
    {
        "key": "lernwerkstatt-bietet-schulpartnerschaft",
        "organisation": "demo-lernwerkstatt-favoriten",
        "direction": Direction.OFFER,
        "format": ListingFormat.SCHOOL_PARTNERSHIP,
        "title_de": "Demo: Schulpartnerschaft zu Bildung für nachhaltige Entwicklung",
        "title_en": "Demo: school partnership on education for sustainable development",
        "description_de": "Ganztagsschulen in Favoriten suchen Partnerklassen für gemeinsame "
        "BNE-Projekte (Schulgarten, Energie sparen).",
        "description_en": "All-day schools in Favoriten look for partner classes for joint "
        "ESD projects.",
        "topics": ["schulpartnerschaften", "bne"],
        "target_groups": ["kinder", "jugendliche"],
        "languages": ["de", "en"],
        "cities": [],
    },
    {
        "key": "lernwerkstatt-bietet-hospitation",
        "organisation": "demo-lernwerkstatt-favoriten",
        "direction": Direction.OFFER,
        "format": ListingFormat.HOSPITATION,
        "title_de": "Demo: Hospitation im Ganztag für Lehrkräfte",
        "title_en": "Demo: job shadowing in all-day schooling for teachers",
        "description_de": "Lehrkräfte und pädagogische Fachkräfte aus Partnerstädten können "
        "eine Woche im Ganztag hospitieren.",
        "description_en": "Teachers from partner cities can shadow all-day schooling for a week.",
        "topics": ["ganztag"],
        "target_groups": ["lehrkraefte"],
        "languages": ["de"],
        "cities": [],
    },
    {
        "key": "wien-bietet-hospitation-verwaltung",
        "organisation": "stadt-wien",
        "direction": Direction.OFFER,
        "format": ListingFormat.HOSPITATION,
        "title_de": "Demo: Hospitation in der Wiener Bildungsverwaltung",
        "title_en": "Demo: job shadowing in Vienna's education administration",
        "description_de": "Im Sinne des vereinbarten Verwaltungsaustauschs (Kooperations"
        "vereinbarung Erfurt – Wien, Ziel 1) können Beschäftigte der Partnerverwaltungen in "
        "der Bildungsverwaltung hospitieren.",
        "description_en": "In line with the agreed administrative exchange (Erfurt – Vienna, "
        "goal 1), staff of partner administrations can shadow the education administration.",
        "topics": ["verwaltungsaustausch", "lebenslanges-lernen"],
        "target_groups": ["verwaltung"],
        "languages": ["de"],
        "cities": [],
    },
    {
        "key": "stiftung-bietet-modellpartnerschaften",
        "organisation": "stiftung-west-oestliche-begegnungen",
        "direction": Direction.OFFER,
        "format": ListingFormat.EXPERTISE,
        "title_de": "Demo: Begleitung von Modellpartnerschaften zwischen Verwaltungen und NGOs",
        "title_en": "Demo: support for model partnerships between administrations and NGOs",
        "description_de": "Aus dem Workshop „Partnerschaftliche Modelle der Zusammenarbeit "
        "von städtischen Verwaltungen und zivilgesellschaftlichen Initiativen“: Beratung, wie "
        "Verwaltungen und NGOs beider Partnerstädte ein Projekt gemeinsam verantworten – mit "
        "festen Bezugspersonen, wechselseitigem Nutzen und öffentlicher Anerkennung.",
        "description_en": "From the Volgograd workshop: advice on how administrations and "
        "NGOs of both partner cities run a project together, with fixed contact persons, "
        "mutual benefit and public recognition.",
        "topics": ["zivilgesellschaft", "schulpartnerschaften", "soziale-verantwortung"],
        "target_groups": ["verwaltung", "ehrenamtliche"],
        "languages": ["de", "ru"],
        "cities": [],
    },
    {
        "key": "wolgograd-sucht-gemeinsames-projekt",
        "organisation": "stadt-wolgograd",
        "direction": Direction.SEEK,
        "format": ListingFormat.JOINT_PROJECT,
        "title_de": "Demo: NGOs für Projekte sozialer Selbsthilfe und Rechtsbildung gesucht",
        "title_en": "Demo: NGOs sought for social self-help and legal education projects",
        "description_de": "Nach den Vorschlägen der Stadt Wolgograd im Workshop: "
        "zivilgesellschaftliche Organisationen aus deutschen Partnerstädten für gemeinsame "
        "Projekte sozialer Selbsthilfe, der Rechtsbildung der Bevölkerung und der Weiterbildung "
        "von Verwaltungsmitarbeitern.",
        "description_en": "Following Volgograd's proposals at the workshop: civil-society "
        "organisations from German partner cities for joint projects of social self-help, "
        "legal education and training of administrative staff.",
        "topics": ["zivilgesellschaft", "soziale-verantwortung", "weiterbildung"],
        "target_groups": ["erwachsene", "verwaltung"],
        "languages": ["ru", "de"],
        "cities": [],
    },
    {
        "key": "lernhaus-sucht-ehrenamtliche",
        "organisation": "demo-lernhaus-neukoelln",
        "direction": Direction.SEEK,
        "format": ListingFormat.VOLUNTEERS,
        "title_de": "Demo: Ehrenamtliche für die Hausaufgabenhilfe gesucht",
        "title_en": "Demo: volunteers sought for homework help",
        "description_de": "Für die Hausaufgabenhilfe suchen wir Partner, die Ehrenamtliche "
        "vermitteln, gern mit Arabisch- oder Türkischkenntnissen.",
        "description_en": "For homework help we seek partners who place volunteers.",
        "topics": ["bildungsteilhabe", "integration-migration"],
        "target_groups": ["kinder", "ehrenamtliche"],
        "languages": ["de", "ar", "tr"],
        "cities": ["ags:11000000"],
    },
]


def _vienna_organisations(vienna, topics, groups, languages) -> None:
    for item in VIENNA_ORGANISATIONS:
        organisation, _c, _ch = upsert(
            Organisation,
            {"slug": item["slug"]},
            {
                "name_de": item["name"],
                "name_en": item["name_en"],
                "kind": "ngo",
                "seat": vienna,
                "locality": "Wien",
                "description_de": DEMO_NOTE,
                "description_en": DEMO_NOTE_EN,
                "is_public": True,
                "is_demo": True,
            },
        )
        set_m2m(organisation.topics, [topics[s] for s in item["topics"]])
        set_m2m(organisation.target_groups, [groups[s] for s in item["target_groups"]])
        set_m2m(organisation.languages, [languages[c] for c in item["languages"]])
        given, family, email = item["contact"]
        person, _c, _ch = upsert(
            Person,
            {"given_name": given, "family_name": family, "is_demo": True},
            {"email": email},
        )
        upsert(
            Role,
            {"person": person, "organisation": organisation, "function_de": "Koordination"},
            {"function_en": "Coordination", "is_contact": True, "is_public": True, "is_demo": True},
        )


def _model_partnership(organisations) -> None:
    """An accepted request as it would end: a model partnership of the Erfurt association
    and the Leopoldstadt one in the Erfurt – Vienna partnership. The Vienna contact person
    agreed to be named; the Erfurt side has no fixed contact person yet (the page says so)."""
    partnership = Partnership.objects.filter(slug="erfurt-wien").first()
    erfurt = organisations.get("demo-brueckenwerk-erfurt")
    vienna = organisations.get("demo-bildungsgraetzl-leopoldstadt")
    if partnership is None or erfurt is None or vienna is None:
        return
    project, _c, _ch = upsert(
        Project,
        {"slug": "demo-schulbruecke-erfurt-wien"},
        {
            "partnership": partnership,
            "title_de": "Demo: Modellpartnerschaft Schulbrücke Erfurt – Wien",
            "title_en": "Demo: model partnership School Bridge Erfurt – Vienna",
            "kind": ProjectKind.MODEL_PARTNERSHIP,
            "status": ProjectStatus.RUNNING,
            "start": dt.date(2025, 9, 1),
            "description_de": "Fiktives Beispiel: Aus einer Kontaktanfrage der Partnersuche "
            "wurde eine Modellpartnerschaft zweier Vereine der Partnerstädte – Projekttage zur "
            "Berufsorientierung, je ein Besuch pro Schuljahr.",
            "description_en": "Fictitious example: a contact request of partner finding became "
            "a model partnership of two associations of the partner cities.",
            "source": "Demo",
            "is_public": True,
            "is_demo": True,
        },
    )
    contact = Person.objects.filter(family_name="Demo-Kovač", is_demo=True).first()
    upsert(
        ProjectParticipant,
        {"project": project, "organisation": erfurt},
        {"role": "anfragende Seite"},
    )
    upsert(
        ProjectParticipant,
        {"project": project, "organisation": vienna},
        {"role": "angefragte Seite", "contact": contact},
    )
    if contact is not None:
        upsert(RecognitionConsent, {"person": contact, "project": project}, {})


def load(stdout=None) -> None:
    topics = {t.slug: t for t in Topic.objects.all()}
    groups = {t.slug: t for t in TargetGroup.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    vienna = Territory.objects.filter(scheme="gkz", code="90001").first()
    if vienna is None:  # the places reference is loaded by the actors demo
        return
    _vienna_organisations(vienna, topics, groups, languages)
    organisations = Organisation.objects.in_bulk(
        {item["organisation"] for item in LISTINGS}, field_name="slug"
    )  # the Vienna ones included
    loaded = 0
    for item in LISTINGS:
        organisation = organisations.get(item["organisation"])
        if organisation is None:  # its app's demo is not loaded
            continue
        values = {
            key: item[key]
            for key in ("direction", "format", "title_en", "description_de", "description_en")
        }  # fmt: skip
        listing, _c, _ch = upsert(
            PartnerListing,
            {"organisation": organisation, "title_de": item["title_de"], "is_demo": True},
            {**values, "active": True},
        )
        set_m2m(listing.topics, [topics[s] for s in item["topics"]])
        set_m2m(listing.target_groups, [groups[s] for s in item["target_groups"]])
        set_m2m(listing.languages, [languages[c] for c in item["languages"]])
        set_m2m(listing.cities, [Territory.objects.get_by_key(k) for k in item["cities"]])
        loaded += 1
    _model_partnership(organisations)
    if stdout:
        stdout.write(f"  {loaded} partner listings")
