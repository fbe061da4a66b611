"""The 64 learning offers of Leipzig's STEM brochure 2014 ("Lernen vor Ort", Leipzig Open Data
Project, CC0) into the portal, each offered by its learning place (actors.opendata). Bulk and
idempotent like the organisations: keyed by the offer's IRI, a second run writes nothing.

The brochure is from 2014; an offer is marked confirmed when it is first loaded (and again once
that confirmation ran out), so that the portal lists it; its description names the brochure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actors import opendata
from actors.bulk import SlugMaker, SyncReport, changed_fields, index_objects
from actors.models import TargetGroup, Topic
from actors.rdf import LD
from places.models import Territory
from search.indexing import suspended

from .models import CONFIRMATION_VALID, Cost, Offer, OfferFormat, OfferKind, Stage

NOTE = "Aus der MINT-Broschüre 2014 des Projekts „Lernen vor Ort“ der Stadt Leipzig."
_GRADES = re.compile(r"Klassen?(?:stufen?)?\s*(\d{1,2})(?:\s*(?:bis|-|–)\s*(\d{1,2}))?", re.I)
_FROM_GRADE = re.compile(r"ab\s+(?:der\s+)?Klassen?(?:stufe)?\s*(\d{1,2})", re.I)
_AGES = re.compile(r"(\d{1,2})\s*(?:bis|-|–)\s*(\d{1,2})\s*Jahre", re.I)
_FREE = ("kostenfrei", "kostenlos", "bisher nicht", "keine", "nein", "frei", "gratis", "ohne")


@dataclass
class Audience:
    """What a brochure's target group text says: "Schüler/-innen der Klassen 2 bis 4" → ages 7
    to 10, school, children."""

    stage: str = Stage.SCHOOL
    age_min: int | None = None
    age_max: int | None = None
    target_groups: list[str] = field(default_factory=list)


def audience(text: str) -> Audience:
    """Pure: ages from grades (grade n ≈ age n+5 to n+6) or stated ages, the stage of life and
    target group slugs from the words."""
    lowered = text.lower()
    result = Audience()
    if match := _FROM_GRADE.search(text):
        result.age_min, result.age_max = int(match[1]) + 5, 19
    elif match := _GRADES.search(text):
        first = int(match[1])
        last = int(match[2] or first)
        result.age_min, result.age_max = first + 5, max(first, last) + 6
    elif match := _AGES.search(text):
        result.age_min, result.age_max = int(match[1]), int(match[2])
    groups = []
    if any(w in lowered for w in ("kita", "kindergarten", "vorschul", "hort")):
        result.stage = Stage.EARLY_CHILDHOOD
        groups.append("kinder")
    if "schüler" in lowered or "schulklassen" in lowered or "klasse" in lowered:
        if result.age_min is None or result.age_min <= 13:
            groups.append("kinder")
        if result.age_max is None or result.age_max >= 12:
            groups.append("jugendliche")
    if any(w in lowered for w in ("student", "studier", "studien")) and "schüler" not in lowered:
        result.stage = Stage.HIGHER
    if any(w in lowered for w in ("lehrer", "pädagog", "erzieher")):
        groups.append("lehrkraefte")
    if any(w in lowered for w in ("eltern", "famili")):
        groups.append("eltern")
    if "erwachsene" in lowered:
        groups.append("erwachsene")
    if "senior" in lowered:
        groups.append("senioren")
    if "jugendliche" in lowered:
        groups.append("jugendliche")
    result.target_groups = list(dict.fromkeys(groups))
    return result


def cost_of(text: str) -> tuple[str, str]:
    """(cost code, note): free when the brochure says so, a fee when it names an amount."""
    lowered = " ".join(text.lower().split())
    if not lowered or lowered == "keine angabe":
        return Cost.FREE, ""
    if any(w in lowered for w in _FREE) and not re.search(r"\d", lowered):
        return Cost.FREE, text[:200]
    return Cost.PAID, text[:200]


def _texts(graph, subject, predicate) -> str:
    values = sorted(" ".join(str(v).split()) for v in graph.objects(subject, predicate))
    return values[0] if values else ""


def _known(value: str) -> str:
    return "" if value.strip().lower() in ("keine angabe", "-") else value.strip()


def mint_offer_rows(graph, places: dict, district: Territory):
    """[(IRI, values, target group slugs, topic slugs)] for every offer with a known place."""
    rows = []
    # The brochure spells a few place IRIs differently in its offers (HANDSONTECHNOLOGY).
    places = {iri.casefold(): organisation for iri, organisation in places.items()}
    for subject in sorted(graph.subjects(RDF.type, URIRef(opendata.MINT + "Angebot"))):
        place = places.get(str(graph.value(subject, LD.relatedBundle)).casefold())
        if place is None:
            continue
        title = _texts(graph, subject, RDFS.label)
        goals = _known(_texts(graph, subject, LD.Lernziele))
        groups_text = _known(_texts(graph, subject, LD.Zielgruppen))
        venue = _known(_texts(graph, subject, LD.Veranstaltungsort))
        notes = _known(_texts(graph, subject, LD.Hinweise))
        duration = _known(_texts(graph, subject, LD.Laufzeit))
        cost, cost_note = cost_of(_known(_texts(graph, subject, LD.Kosten)))
        street, postcode, locality = opendata.parse_venue(venue)
        who = audience(groups_text)
        description = opendata.html_paragraphs(
            [
                opendata.labelled("Lernziele", goals),
                opendata.labelled("Zielgruppen", groups_text),
                opendata.labelled("Ort", venue),
                opendata.labelled("Laufzeit", duration),
                opendata.labelled("Hinweise", notes),
                NOTE,
            ]
        )
        values = {
            "provider_id": place.pk,
            "title_de": title[:200],
            "title_en": title[:200],
            "description_de": description,
            "description_en": "",
            "kind": OfferKind.NON_FORMAL,
            "format": OfferFormat.COURSE,
            "stage": who.stage,
            "age_min": who.age_min,
            "age_max": who.age_max,
            "cost": cost,
            "cost_note": cost_note,
            "street": street or place.street,
            "postcode": postcode or place.postcode,
            "locality": locality or place.locality or "Leipzig",
            "district_id": district.pk,
            "schedule": notes[:200] if notes.lower().startswith("termin") else "",
            "is_public": True,
            "is_demo": False,
        }
        tags = {
            opendata.local_name(str(t))
            for t in graph.objects(subject, URIRef(opendata.MINT + "hasTag"))
        }
        rows.append((str(subject), values, who.target_groups, opendata.mint_topics(tags)))
    return rows


@transaction.atomic
def load_mint_offers(stdout=None) -> SyncReport:
    """The brochure's offers into the portal (the places first, through actors.opendata)."""
    report = SyncReport()
    if not opendata.available(opendata.LEIPZIG_MINT):
        return report
    graph = opendata.mint_graph()
    with suspended():
        places = opendata.load_mint_places(graph).by_external_id
    district = Territory.objects.get_by_key(opendata.LEIPZIG)
    rows = mint_offer_rows(graph, places, district)
    source, licence = opendata.LEIPZIG_MINT.source, opendata.LEIPZIG_MINT.licence
    existing = {o.external_id: o for o in Offer.objects.filter(source=source)}
    slug_for = SlugMaker(Offer)
    now = timezone.now()
    new, dirty, dirty_fields = [], [], set()
    with translation.override("de"):
        for iri, values, _groups, _topics in rows:
            values = {**values, "source": source, "licence": licence}
            offer = existing.get(iri)
            if offer is None:
                offer = Offer(external_id=iri, slug=slug_for(values["title_de"]), **values)
                offer.confirmed_at = now
                new.append(offer)
            else:
                changed = changed_fields(offer, values)
                for key in changed:
                    setattr(offer, key, values[key])
                if offer.confirmed_at < now - CONFIRMATION_VALID:
                    offer.confirmed_at = now
                    changed.append("confirmed_at")
                if changed:
                    dirty.append(offer)
                    dirty_fields.update(changed)
            report.by_external_id[iri] = offer
        if new:
            bulk_create_with_history(new, Offer, batch_size=500)
            ids = dict(
                Offer.objects.filter(
                    source=source, external_id__in=[o.external_id for o in new]
                ).values_list("external_id", "pk")
            )
            for offer in new:
                offer.pk = offer.id = ids[offer.external_id]
        if dirty:
            bulk_update_with_history(dirty, Offer, sorted(dirty_fields), batch_size=500)
    groups = {g.slug: g.pk for g in TargetGroup.objects.all()}
    topics = {t.slug: t.pk for t in Topic.objects.all()}
    relinked = set()
    for name, lookup, index in [("target_groups", groups, 2), ("topics", topics, 3)]:
        relinked |= _sync_links(
            getattr(Offer, name).through,
            name,
            {report.by_external_id[row[0]].pk: {lookup[s] for s in row[index]} for row in rows},
        )
    created = {o.pk for o in new}
    updated = ({o.pk for o in dirty} | relinked) - created
    report.created, report.updated = len(created), len(updated)
    report.unchanged = len(rows) - report.created - report.updated
    index_objects("offer", Offer, created | updated, created=created)
    if stdout:
        stdout.write(f"  leipzig-mint offers: {report}")
    return report


def _sync_links(through, name: str, wanted: dict[int, set[int]]) -> set[int]:
    """Set an offer's links (target groups or topics) through the through table."""
    target = {"target_groups": "targetgroup_id", "topics": "topic_id"}[name]
    current: dict[int, set[int]] = {pk: set() for pk in wanted}
    for offer_id, other in through.objects.filter(offer_id__in=list(wanted)).values_list(
        "offer_id", target
    ):
        current[offer_id].add(other)
    add, changed = [], set()
    for offer_id, others in wanted.items():
        if others != current[offer_id]:
            changed.add(offer_id)
            add.extend(
                through(offer_id=offer_id, **{target: o}) for o in others - current[offer_id]
            )
            gone = current[offer_id] - others
            if gone:
                through.objects.filter(offer_id=offer_id, **{f"{target}__in": gone}).delete()
    if add:
        through.objects.bulk_create(add, batch_size=1000)
    return changed
