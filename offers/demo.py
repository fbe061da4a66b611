"""Demo learning offers and a few invented demo providers (idempotent, all is_demo).

The invented providers are plausible but fictitious and say so in their description.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from actors.models import Language, Organisation, TargetGroup, Topic
from actors.services import organisation_create
from bildungsnetz.upsert import set_m2m, upsert
from places.models import Territory

from . import opendata
from .models import Offer

DEMO_NOTE = "Fiktiver Demo-Eintrag für die Vorführung des Bildungsportals."
DEMO_NOTE_EN = "Fictitious demo entry for showing the education portal."

PROVIDERS = [
    {
        "slug": "demo-brueckenwerk-erfurt",
        "name": "Brückenwerk Erfurt e. V. (Demo)",
        "name_en": "Brückenwerk Erfurt (demo)",
        "kind": "ngo",
        "seat": "ags:16051000",
        "street": "Juri-Gagarin-Ring 10",
        "postcode": "99084",
        "email": "kontakt@brueckenwerk-erfurt.example",
        "topics": ["uebergang-schule-beruf", "berufsorientierung", "integration-migration"],
        "target_groups": ["jugendliche", "zugewanderte"],
        "languages": ["de", "ar", "uk"],
        "description": "Gemeinnütziger Verein in Erfurt: begleitet Jugendliche beim Übergang von "
        "der Schule in Ausbildung und Beruf – Berufsorientierung, Bewerbungstraining, "
        "Praktikumsvermittlung. ",
    },
    {
        "slug": "demo-ausbildungslotsen-erfurt",
        "name": "Ausbildungslotsen Erfurt gGmbH (Demo)",
        "name_en": "Apprenticeship Guides Erfurt (demo)",
        "kind": "ngo",
        "seat": "ags:16051000",
        "street": "Anger 55",
        "postcode": "99084",
        "email": "team@ausbildungslotsen-erfurt.example",
        "topics": ["uebergang-schule-beruf", "fachkraefte", "berufsorientierung"],
        "target_groups": ["jugendliche", "eltern"],
        "languages": ["de", "tr", "ru"],
        "description": "Gemeinnützige Gesellschaft: Lotsinnen und Lotsen für Schülerinnen und "
        "Schüler im Übergang Schule–Beruf, Sprechstunden an Regelschulen und für Eltern. ",
    },
    {
        "slug": "demo-lernhaus-neukoelln",
        "name": "Lernhaus Neukölln e. V. (Demo)",
        "name_en": "Learning House Neukölln (demo)",
        "kind": "ngo",
        "seat": "lor:08",
        "street": "Karl-Marx-Straße 120",
        "postcode": "12043",
        "email": "hallo@lernhaus-neukoelln.example",
        "topics": ["bildungsteilhabe", "sprachen-lernen", "integration-migration"],
        "target_groups": ["kinder", "eltern", "zugewanderte"],
        "languages": ["de", "ar", "tr"],
        "description": "Nachbarschaftsverein in Berlin-Neukölln mit Lernhilfe, Elterncafé und "
        "Sprachkursen. ",
    },
]

OFFERS = [
    {
        "slug": "demo-lesewerkstatt-deutsch-arabisch",
        "provider": "stadtbibliothek-erfurt",
        "title": "Lesewerkstatt für Kinder auf Deutsch und Arabisch",
        "title_en": "Reading workshop for children in German and Arabic",
        "description": "Gemeinsam lesen, erzählen und schreiben: zweisprachige Lesewerkstatt für "
        "Schülerinnen und Schüler von 8 bis 12 Jahren. Kostenlos, ohne Anmeldung für "
        "Bibliotheksmitglieder, barrierefrei erreichbar über den Aufzug am Haupteingang.",
        "kind": "non_formal", "format": "course", "stage": "school",
        "age_min": 8, "age_max": 12, "cost": "free",
        "step_free": True, "easy_language": True,
        "languages": ["de", "ar"], "target_groups": ["kinder"],
        "topics": ["sprachen-lernen", "bildungsteilhabe"],
        "street": "Domplatz 1", "postcode": "99084", "locality": "Erfurt",
        "district": "ags:16051000", "latitude": 50.9766, "longitude": 11.0238,
        "schedule": "mittwochs 15:00–16:30 Uhr",
    },
    {
        "slug": "demo-deutschkurs-b1-vhs-erfurt",
        "provider": "vhs-erfurt",
        "title": "Deutschkurs B1 für Zugewanderte",
        "title_en": "German course B1 for migrants",
        "description": "Integrationskurs mit Alltagsdeutsch und Vorbereitung auf die Prüfung "
        "Deutsch-Test für Zuwanderer. Kinderbetreuung während des Kurses möglich.",
        "kind": "formal", "format": "course", "stage": "adult",
        "age_min": 16, "cost": "reduced", "price": "195.00",
        "cost_note": "Ermäßigung mit Erfurt-Pass",
        "step_free": True, "childcare": True,
        "languages": ["de"], "target_groups": ["zugewanderte", "erwachsene"],
        "topics": ["sprachen-lernen", "integration-migration"],
        "street": "Schottenstraße 7", "postcode": "99084", "locality": "Erfurt",
        "district": "ags:16051000", "latitude": 50.9786, "longitude": 11.0262,
        "schedule": "montags und donnerstags 18:00–20:15 Uhr",
    },
    {
        "slug": "demo-weiterbildung-buchhaltung-vhs-erfurt",
        "provider": "vhs-erfurt",
        "title": "Weiterbildung: Grundlagen der Buchhaltung",
        "title_en": "Continuing education: bookkeeping basics",
        "description": "Berufliche Weiterbildungen an der Volkshochschule: doppelte "
        "Buchführung, Belege, Jahresabschluss – mit Zertifikat.",
        "kind": "non_formal", "format": "course", "stage": "adult",
        "age_min": 18, "cost": "paid", "price": "240.00",
        "languages": ["de"], "target_groups": ["erwachsene", "fachkraefte"],
        "topics": ["weiterbildung"],
        "street": "Schottenstraße 7", "postcode": "99084", "locality": "Erfurt",
        "district": "ags:16051000", "latitude": 50.9786, "longitude": 11.0262,
        "schedule": "dienstags 17:30–20:00 Uhr",
    },
    {
        "slug": "demo-digitale-sprechstunde-senioren",
        "provider": "stadtbibliothek-erfurt",
        "title": "Digitale Sprechstunde für Seniorinnen und Senioren",
        "title_en": "Digital help desk for older people",
        "description": "Fragen zu Smartphone, Tablet und Online-Terminen? Ehrenamtliche helfen "
        "in Ruhe und in Leichter Sprache. Mit Induktionsschleife.",
        "kind": "informal", "format": "counselling", "stage": "seniors",
        "age_min": 60, "cost": "free",
        "step_free": True, "easy_language": True, "induction_loop": True,
        "languages": ["de"], "target_groups": ["senioren"], "topics": ["digitalisierung"],
        "street": "Domplatz 1", "postcode": "99084", "locality": "Erfurt",
        "district": "ags:16051000", "latitude": 50.9766, "longitude": 11.0238,
        "schedule": "freitags 10:00–12:00 Uhr",
    },
    {
        "slug": "demo-bewerbungstraining-brueckenwerk",
        "provider": "demo-brueckenwerk-erfurt",
        "title": "Bewerbungstraining und Berufsorientierung für Jugendliche",
        "title_en": "Application training and career orientation for young people",
        "description": "Vom Schulabschluss in die Ausbildung: Lebenslauf, Anschreiben, "
        "Vorstellungsgespräch üben, Betriebe kennenlernen. Auch auf Arabisch und Ukrainisch.",
        "kind": "non_formal", "format": "course", "stage": "transition",
        "age_min": 14, "age_max": 21, "cost": "free", "step_free": True,
        "languages": ["de", "ar", "uk"], "target_groups": ["jugendliche", "zugewanderte"],
        "topics": ["uebergang-schule-beruf", "berufsorientierung"],
        "street": "Juri-Gagarin-Ring 10", "postcode": "99084", "locality": "Erfurt",
        "district": "ags:16051000", "latitude": 50.9799, "longitude": 11.0371,
        "schedule": "dienstags 16:00–18:00 Uhr",
    },
    {
        "slug": "demo-ausbildungslotsen-sprechstunde",
        "provider": "demo-ausbildungslotsen-erfurt",
        "title": "Ausbildungslotsen: Sprechstunde Übergang Schule–Beruf",
        "title_en": "Apprenticeship guides: consultation on the transition school–work",
        "description": "Persönliche Beratung für Schülerinnen, Schüler und Eltern: Welche "
        "Ausbildung passt? Wie finde ich einen Praktikumsplatz?",
        "kind": "non_formal", "format": "counselling", "stage": "transition",
        "age_min": 14, "age_max": 25, "cost": "free",
        "languages": ["de", "tr", "ru"], "target_groups": ["jugendliche", "eltern"],
        "topics": ["uebergang-schule-beruf", "berufsorientierung"],
        "street": "Anger 55", "postcode": "99084", "locality": "Erfurt",
        "district": "ags:16051000", "latitude": 50.9771, "longitude": 11.0345,
        "schedule": "nach Vereinbarung",
    },
    {
        "slug": "demo-hausaufgabenhilfe-neukoelln",
        "provider": "demo-lernhaus-neukoelln",
        "title": "Hausaufgabenhilfe und Lernförderung",
        "title_en": "Homework help and learning support",
        "description": "Ehrenamtliche unterstützen Grundschülerinnen und Grundschüler bei den "
        "Hausaufgaben – auf Deutsch, Arabisch und Türkisch.",
        "kind": "non_formal", "format": "open_place", "stage": "school",
        "age_min": 6, "age_max": 12, "cost": "free", "step_free": True,
        "languages": ["de", "ar", "tr"], "target_groups": ["kinder"],
        "topics": ["bildungsteilhabe"],
        "street": "Karl-Marx-Straße 120", "postcode": "12043", "locality": "Berlin",
        "district": "lor:08", "latitude": 52.4790, "longitude": 13.4400,
        "schedule": "montags bis donnerstags 14:00–16:00 Uhr",
    },
    {
        "slug": "demo-elterncafe-mitte",
        "provider": "demo-lernhaus-neukoelln",
        "title": "Elterncafé: Übergang Kita–Grundschule",
        "title_en": "Parents' café: from day care to primary school",
        "description": "Austausch und Beratung für Familien vor der Einschulung, mit "
        "Kinderbetreuung. Gebärdensprachdolmetschung auf Anfrage.",
        "kind": "informal", "format": "event", "stage": "early_childhood",
        "cost": "free", "childcare": True, "sign_language": True,
        "languages": ["de", "dgs"], "target_groups": ["eltern"],
        "topics": ["uebergang-kita-schule"],
        "street": "Müllerstraße 146", "postcode": "13353", "locality": "Berlin",
        "district": "lor:01", "latitude": 52.5440, "longitude": 13.3530,
        "start_date": "2030-01-15", "end_date": "2030-01-15",
        "schedule": "15. Januar 2030, 16:00–18:00 Uhr",
    },
]  # fmt: skip


def _providers(topics, groups, languages) -> None:
    for item in PROVIDERS:
        seat = Territory.objects.get_by_key(item["seat"])
        values = {
            "name_de": item["name"],
            "name_en": item["name_en"],
            "kind": item["kind"],
            "seat": seat,
            "street": item["street"],
            "postcode": item["postcode"],
            "locality": seat.parent.name_de if seat.level == "district" else seat.name_de,
            "email": item["email"],
            "description_de": item["description"] + DEMO_NOTE,
            "description_en": DEMO_NOTE_EN,
            "is_public": True,
            "is_demo": True,
        }
        organisation = Organisation.objects.filter(slug=item["slug"]).first()
        if organisation is None:
            organisation = organisation_create(
                data={"slug": item["slug"], **values},
                topics=[topics[s] for s in item["topics"]],
                languages=[languages[c] for c in item["languages"]],
                target_groups=[groups[s] for s in item["target_groups"]],
            )
        else:
            upsert(Organisation, {"slug": item["slug"]}, values)
            set_m2m(organisation.topics, [topics[s] for s in item["topics"]])
            set_m2m(organisation.languages, [languages[c] for c in item["languages"]])
            set_m2m(organisation.target_groups, [groups[s] for s in item["target_groups"]])


def load(stdout=None) -> None:
    topics = {t.slug: t for t in Topic.objects.all()}
    groups = {t.slug: t for t in TargetGroup.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    _providers(topics, groups, languages)
    for item in OFFERS:
        item = dict(item)
        slug = item.pop("slug")
        m2m = {
            "languages": [languages[c] for c in item.pop("languages", [])],
            "target_groups": [groups[s] for s in item.pop("target_groups", [])],
            "topics": [topics[s] for s in item.pop("topics", [])],
        }
        item["provider"] = Organisation.objects.get(slug=item["provider"])
        item["district"] = Territory.objects.get_by_key(item["district"])
        item["title_de"] = item.pop("title")
        item["description_de"] = item.pop("description")
        if "price" in item:
            item["price"] = Decimal(item["price"])
        for key in ("start_date", "end_date"):
            if key in item:
                item[key] = date.fromisoformat(item[key])
        item.update(is_demo=True, is_public=True)
        existing = Offer.objects.filter(slug=slug).first()
        if existing is None or existing.is_stale:
            item["confirmed_at"] = timezone.now()
        offer, _created, _changed = upsert(Offer, {"slug": slug}, item)
        for field, values in m2m.items():
            set_m2m(getattr(offer, field), values)
    if stdout:
        stdout.write(f"  {Offer.objects.filter(is_demo=True).count()} offers")
    # The learning offers of Leipzig's STEM brochure (real open data; see offers.opendata).
    if settings.DEMO_OPEN_DATA:
        opendata.load_mint_offers(stdout)
