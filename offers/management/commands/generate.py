"""`bildungsnetz generate --organisations N --offers M --seed S`: synthetic content at scale.

German names and texts from small vocabularies, real district keys from `places`. Written in
bulk (bulk_create in batches, no per-row signals) and indexed in bulk from the generated text,
whose normalised form is computed once per sentence.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from actors.models import Language, Organisation, TargetGroup, Topic
from actors.services import taxonomies_load
from offers.models import ACCESSIBILITY, AGE_BANDS, Cost, Offer, OfferFormat, OfferKind, Stage
from places.geometry import centroid
from places.models import Level, Territory
from places.services import territories_load_reference
from search.indexing import insert_entries, optimise, suspended
from search.normalise import normalise

ORG_PREFIXES = ["Lernwerkstatt", "Bildungswerk", "Familienzentrum", "Jugendhaus", "Lernhaus",
                "Nachbarschaftstreff", "Kulturverein", "Sprachschule", "Musikschule",
                "Stadtteilbibliothek", "Bildungsinitiative", "Förderverein", "Elternnetzwerk",
                "Berufsbildungszentrum", "Integrationsverein", "Seniorentreff", "Medienwerkstatt",
                "Umweltbildungszentrum", "Mädchentreff", "Ausbildungsverbund"]  # fmt: skip
ORG_SUFFIXES = ["e. V.", "gGmbH", "", "Netzwerk", "Initiative", "Stiftung"]
KINDS = ["ngo", "initiative", "foundation", "school", "adult_education", "library", "network"]
SUBJECTS = ["Deutschkurs", "Englischkurs", "Arabischkurs", "Hausaufgabenhilfe", "Lernförderung",
            "Bewerbungstraining", "Berufsorientierung", "Computerkurs", "Programmierkurs",
            "Schwimmkurs", "Malkurs", "Theaterwerkstatt", "Leseclub", "Elterncafé",
            "Sprachcafé", "Mathematiknachhilfe", "Erste-Hilfe-Kurs", "Nähwerkstatt",
            "Fahrradwerkstatt", "Gartenprojekt", "Chor", "Tanzkurs", "Yoga für Senioren",
            "Digitale Sprechstunde", "Alphabetisierungskurs", "Integrationskurs",
            "Weiterbildung Buchhaltung", "Weiterbildung Pflege", "Robotik-AG", "Schreibwerkstatt",
            "Fotokurs", "Kochkurs", "Beratung zur Ausbildung", "Studienberatung",
            "Umweltbildung", "Medienkompetenz", "Demokratiewerkstatt", "Podcastwerkstatt",
            "Gebärdensprachkurs", "Rechtschreibtraining"]  # fmt: skip
AUDIENCES = ["für Kinder", "für Jugendliche", "für Erwachsene", "für Eltern", "für Familien",
             "für Seniorinnen und Senioren", "für Zugewanderte", "für Schülerinnen und Schüler",
             "für Auszubildende", "für Einsteiger", "für Fortgeschrittene",
             "für Frauen"]  # fmt: skip
SENTENCES = [
    "Wir lernen gemeinsam in kleinen Gruppen und in entspannter Atmosphäre.",
    "Das Angebot richtet sich an alle, die neue Fähigkeiten erwerben möchten.",
    "Die Teilnahme ist kostenlos, eine Anmeldung ist erwünscht.",
    "Erfahrene Fachkräfte und Ehrenamtliche begleiten die Teilnehmenden.",
    "Die Räume sind barrierefrei über einen Aufzug erreichbar.",
    "Während des Kurses bieten wir eine Kinderbetreuung an.",
    "Materialien werden gestellt, bitte bringen Sie Schreibzeug mit.",
    "Wir unterstützen beim Übergang von der Schule in Ausbildung und Beruf.",
    "Im Mittelpunkt stehen Sprache, Lesen und Schreiben im Alltag.",
    "Die Gruppe trifft sich wöchentlich im Stadtteilzentrum.",
    "Am Ende erhalten alle Teilnehmenden ein Zertifikat.",
    "Das Projekt wird aus Mitteln der Stadt und des Landes gefördert.",
    "Wir arbeiten eng mit Schulen, Kitas und Betrieben im Quartier zusammen.",
    "Unsere Beratung ist vertraulich, mehrsprachig und unabhängig.",
    "Digitale Geräte können vor Ort ausgeliehen werden.",
    "Die Inhalte werden auch in Leichter Sprache erklärt.",
    "Es gibt Pausen, Getränke und Zeit für Fragen.",
    "Wir fördern Bildungsteilhabe und Chancengleichheit im Stadtteil.",
    "Nachhaltigkeit und Klimaschutz sind Teil des Programms.",
    "Praktische Übungen wechseln sich mit kurzen Vorträgen ab.",
    "Die Weiterbildung bereitet auf den Wiedereinstieg in den Beruf vor.",
    "Eltern sind herzlich eingeladen, ihre Kinder zu begleiten.",
    "Wir treffen uns in der Bibliothek, in der Schule oder online.",
    "Das Team spricht Deutsch, Englisch, Arabisch, Türkisch und Russisch.",
]  # fmt: skip
STREETS = ["Hauptstraße", "Schulstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee", "Marktplatz",
           "Kirchgasse", "Bergstraße", "Am Anger", "Ringstraße"]  # fmt: skip
CITY_POSITIONS = {"ags:16051000": (11.03, 50.98), "ags:14713000": (12.37, 51.34),
                  "ags:15002000": (11.97, 51.48), "ags:14612000": (13.74, 51.05),
                  "ags:15003000": (11.63, 52.13), "ags:02000000": (9.99, 53.55)}  # fmt: skip
NORMALISED = {s: normalise(s) for s in SENTENCES}


def _places():
    """(territory, lon, lat, locality) for each place offers and organisations are put."""
    places = []
    for district in Territory.objects.filter(level=Level.DISTRICT, scheme="lor").with_boundary():
        lon, lat = centroid(district.boundary)
        places.append((district, lon, lat, "Berlin"))
    for key, (lon, lat) in CITY_POSITIONS.items():
        city = Territory.objects.filter(scheme=key[:3], code=key[4:]).first()
        if city:
            places.append((city, lon, lat, city.name_de))
    vienna = Territory.objects.filter(scheme="gkz", level=Level.DISTRICT)
    places += [(d, 16.37, 48.21, "Wien") for d in vienna]
    return places


class Command(BaseCommand):
    help = "Fill the database with synthetic organisations and offers for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--offers", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *args, organisations, offers, seed, batch, **options):
        rng = random.Random(seed)
        started = time.monotonic()
        territories_load_reference()
        taxonomies_load()
        places = _places()
        languages = list(Language.objects.all())
        groups = list(TargetGroup.objects.all())
        topics = list(Topic.objects.all())
        now = timezone.now()
        prefix = f"gen{seed}-"
        with suspended():
            org_ids = self._organisations(rng, organisations, batch, places, prefix, now)
            self._offers(rng, offers, batch, places, org_ids, prefix, now, languages, groups,
                         topics)  # fmt: skip
        optimise()
        self.stdout.write(
            self.style.SUCCESS(
                f"{organisations} organisations, {offers} offers in "
                f"{time.monotonic() - started:.0f} s"
            )
        )

    def _text(self, rng, n):
        chosen = rng.sample(SENTENCES, n)
        return " ".join(chosen), " ".join(NORMALISED[s] for s in chosen)

    def _organisations(self, rng, total, batch, places, prefix, now):
        ids = []
        for start in range(0, total, batch):
            rows, texts = [], []
            for i in range(start, min(total, start + batch)):
                place, lon, lat, locality = rng.choice(places)
                name = f"{rng.choice(ORG_PREFIXES)} {place.name_de} {rng.choice(ORG_SUFFIXES)}"
                name = f"{name.strip()} {i + 1}"
                text, text_norm = self._text(rng, 3)
                rows.append(
                    Organisation(
                        name=name,
                        name_de=name,
                        slug=f"{prefix}o{i + 1}",
                        kind=rng.choice(KINDS),
                        seat=place,
                        locality=locality,
                        street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                        latitude=lat + rng.uniform(-0.03, 0.03),
                        longitude=lon + rng.uniform(-0.05, 0.05),
                        description=text,
                        description_de=text,
                        is_public=True,
                    )  # fmt: skip
                )
                texts.append((name, text, text_norm, place, locality))
            with transaction.atomic():
                created = Organisation.objects.bulk_create(rows)
                insert_entries(
                    ("organisation", o.pk, name, text, f"/organisationen/{o.slug}/", True,
                     f" {place.path}/ ", normalise(name),
                     f"{text_norm} {normalise(place.name_de + ' ' + locality)}")
                    for o, (name, text, text_norm, place, locality)
                    in zip(created, texts, strict=True)
                )  # fmt: skip
            ids.extend(o.pk for o in created)
            self.stdout.write(f"  organisations {len(ids)}/{total}")
        return ids

    def _offers(self, rng, total, batch, places, org_ids, prefix, now, languages, groups, topics):
        through = {
            name: Offer._meta.get_field(name).remote_field.through
            for name in ("languages", "target_groups", "topics")
        }
        kinds, formats, stages = list(OfferKind), list(OfferFormat), list(Stage)
        costs = [Cost.FREE, Cost.FREE, Cost.REDUCED, Cost.PAID]
        done = 0
        for start in range(0, total, batch):
            rows, meta = [], []
            for i in range(start, min(total, start + batch)):
                place, lon, lat, locality = rng.choice(places)
                title = f"{rng.choice(SUBJECTS)} {rng.choice(AUDIENCES)}"
                text, text_norm = self._text(rng, 4)
                _key, _label, lo, hi = rng.choice(AGE_BANDS)
                flags = {name: rng.random() < 0.2 for name, _l in ACCESSIBILITY}
                cost = rng.choice(costs)
                rows.append(
                    Offer(
                        provider_id=rng.choice(org_ids),
                        title=title,
                        title_de=title,
                        slug=f"{prefix}a{i + 1}",
                        description=text,
                        description_de=text,
                        kind=rng.choice(kinds),
                        format=rng.choice(formats),
                        stage=rng.choice(stages),
                        age_min=lo,
                        age_max=min(hi + 10, 120),
                        district=place,
                        locality=locality,
                        street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                        latitude=lat + rng.uniform(-0.03, 0.03),
                        longitude=lon + rng.uniform(-0.05, 0.05),
                        cost=cost,
                        price=None if cost == Cost.FREE else rng.randint(5, 300),
                        confirmed_at=now - timedelta(days=rng.randint(0, 300)),
                        created=now - timedelta(days=rng.randint(0, 300)),
                        **flags,
                    )  # fmt: skip
                )
                meta.append(
                    (title, text, text_norm, place, locality,
                     rng.sample(languages, rng.randint(1, 3)), rng.sample(groups, 2),
                     rng.sample(topics, 2))
                )  # fmt: skip
            with transaction.atomic():
                created = Offer.objects.bulk_create(rows)
                links = {"languages": [], "target_groups": [], "topics": []}
                entries = []
                for offer, (title, text, text_norm, place, locality, langs, tgs, tps) in zip(
                    created, meta, strict=True
                ):
                    links["languages"] += [
                        through["languages"](offer_id=offer.pk, language_id=x.pk) for x in langs
                    ]
                    links["target_groups"] += [
                        through["target_groups"](offer_id=offer.pk, targetgroup_id=x.pk)
                        for x in tgs
                    ]
                    links["topics"] += [
                        through["topics"](offer_id=offer.pk, topic_id=x.pk) for x in tps
                    ]
                    keywords = " ".join(x.name_de for x in (*langs, *tgs, *tps))
                    entries.append(
                        ("offer", offer.pk, title, text, f"/angebote/{offer.slug}/", True,
                         f" {place.path}/ ", normalise(title),
                         f"{text_norm} {normalise(f'{place.name_de} {locality} {keywords}')}")
                    )  # fmt: skip
                for name, objs in links.items():
                    through[name].objects.bulk_create(objs, batch_size=10_000)
                insert_entries(entries)
            done += len(created)
            self.stdout.write(f"  offers {done}/{total}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE offers_offer")
