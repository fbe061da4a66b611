"""`bildungsnetz generate --organisations N --offers M --seed S`: synthetic content at scale.

German names and texts from small vocabularies, real district keys from `places`. Written in
bulk (raw executemany on SQLite, COPY on PostgreSQL; no per-row signals) and indexed in bulk
from the generated text, whose normalised form is computed once per sentence.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from actors.models import Language, Organisation, TargetGroup, Topic
from actors.services import taxonomies_load
from offers.bulkload import (
    fast_writes,
    insert_pairs,
    insert_rows,
    next_id,
    reset_sequence,
    settle,
)
from offers.models import (
    ACCESSIBILITY,
    AGE_BANDS,
    Cost,
    Offer,
    OfferFormat,
    OfferKind,
    Stage,
    listed_until,
)
from offers.search_index import offer_tags
from places.geometry import centroid
from places.models import Level, Territory
from places.services import territories_load_reference
from search.indexing import insert_entries, optimise, suspended
from search.normalise import normalise
from search.tags import as_text, territory_tags

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


@lru_cache(maxsize=100_000)
def _norm(text: str) -> str:
    """normalise() of the few distinct titles and keyword strings, computed once each."""
    return normalise(text)


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
        parser.add_argument("--batch", type=int, default=20000)

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
        with suspended(), fast_writes():
            org_ids = self._organisations(rng, organisations, batch, places, prefix, now)
            self._offers(rng, offers, batch, places, org_ids, prefix, now, languages, groups,
                         topics)  # fmt: skip
        optimise()
        settle(Organisation, Offer)
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
        first = next_id(Organisation)
        for start in range(0, total, batch):
            rows, entries = [], []
            for i in range(start, min(total, start + batch)):
                pk = first + i
                place, lon, lat, locality = rng.choice(places)
                name = f"{rng.choice(ORG_PREFIXES)} {place.name_de} {rng.choice(ORG_SUFFIXES)}"
                name = f"{name.strip()} {i + 1}"
                text, text_norm = self._text(rng, 3)
                slug = f"{prefix}o{i + 1}"
                rows.append(
                    {"id": pk, "name": name, "name_de": name, "slug": slug,
                     "kind": rng.choice(KINDS), "seat_id": place.pk, "locality": locality,
                     "street": f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                     "latitude": lat + rng.uniform(-0.03, 0.03),
                     "longitude": lon + rng.uniform(-0.05, 0.05),
                     "description": text, "description_de": text, "is_public": True,
                     "created": now, "updated": now}
                )  # fmt: skip
                entries.append(
                    ("organisation", pk, name, text, f"/organisationen/{slug}/", True,
                     as_text(territory_tags([place.path])), normalise(name),
                     f"{text_norm} {_norm(place.name_de + ' ' + locality)}", None,
                     (None, now.date()))
                )  # fmt: skip
                ids.append(pk)
            with transaction.atomic():
                insert_rows(Organisation, rows)
                insert_entries(entries)
            self.stdout.write(f"  organisations {len(ids)}/{total}")
        reset_sequence(Organisation)
        return ids

    def _offers(self, rng, total, batch, places, org_ids, prefix, now, languages, groups, topics):
        through = {
            name: Offer._meta.get_field(name).remote_field.through
            for name in ("languages", "target_groups", "topics")
        }
        columns = {"languages": ("offer_id", "language_id"),
                   "target_groups": ("offer_id", "targetgroup_id"),
                   "topics": ("offer_id", "topic_id")}  # fmt: skip
        kinds, formats, stages = list(OfferKind), list(OfferFormat), list(Stage)
        costs = [Cost.FREE, Cost.FREE, Cost.REDUCED, Cost.PAID]
        confirmed = [now - timedelta(days=d) for d in range(301)]
        starts = [(now + timedelta(days=d - 100)).date() for d in range(400)]
        first = next_id(Offer)
        done = 0
        for start in range(0, total, batch):
            rows, entries = [], []
            links = {"languages": [], "target_groups": [], "topics": []}
            for i in range(start, min(total, start + batch)):
                pk = first + i
                place, lon, lat, locality = rng.choice(places)
                title = f"{rng.choice(SUBJECTS)} {rng.choice(AUDIENCES)}"
                text, text_norm = self._text(rng, 4)
                _key, _label, lo, hi = rng.choice(AGE_BANDS)
                flags = {name: rng.random() < 0.2 for name, _l in ACCESSIBILITY}
                cost = rng.choice(costs)
                slug = f"{prefix}a{i + 1}"
                row = {"kind": rng.choice(kinds), "format": rng.choice(formats),
                       "stage": rng.choice(stages)}  # fmt: skip
                rows.append(
                    {**row, "id": pk, "provider_id": rng.choice(org_ids), "title": title,
                     "title_de": title, "slug": slug, "description": text,
                     "description_de": text,
                     "age_min": lo, "age_max": min(hi + 10, 120), "district_id": place.pk,
                     "locality": locality,
                     "street": f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                     "latitude": lat + rng.uniform(-0.03, 0.03),
                     "longitude": lon + rng.uniform(-0.05, 0.05), "cost": cost,
                     "price": None if cost == Cost.FREE else Decimal(rng.randint(5, 300)),
                     "confirmed_at": confirmed[rng.randint(0, 300)],
                     "start_date": starts[rng.randint(0, 399)] if rng.random() < 0.5 else None,
                     "created": confirmed[rng.randint(0, 300)], "updated": now, **flags}
                )  # fmt: skip
                langs = rng.sample(languages, rng.randint(1, 3))
                tgs, tps = rng.sample(groups, 2), rng.sample(topics, 2)
                links["languages"] += [(pk, x.pk) for x in langs]
                links["target_groups"] += [(pk, x.pk) for x in tgs]
                links["topics"] += [(pk, x.pk) for x in tps]
                keywords = " ".join(x.name_de for x in (*langs, *tgs, *tps))
                tags = offer_tags(
                    kind=row["kind"], format=row["format"], stage=row["stage"], cost=cost,
                    access=[name for name, on in flags.items() if on],
                    languages=[x.code for x in langs], target_groups=[x.slug for x in tgs],
                    topics=[x.slug for x in tps],
                )  # fmt: skip
                entries.append(
                    ("offer", pk, title, text, f"/angebote/{slug}/", True,
                     as_text([*tags, *territory_tags([place.path])]),
                     _norm(title), f"{text_norm} {_norm(f'{place.name_de} {locality} {keywords}')}",
                     listed_until(None, rows[-1]["confirmed_at"]),
                     (rows[-1]["start_date"], rows[-1]["confirmed_at"].date()))
                )  # fmt: skip
            with transaction.atomic():
                insert_rows(Offer, rows)
                for name, pairs in links.items():
                    insert_pairs(through[name]._meta.db_table, columns[name], pairs)
                insert_entries(entries)
            done += len(rows)
            self.stdout.write(f"  offers {done}/{total}")
        reset_sequence(Offer)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
