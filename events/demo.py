"""Demo content of the source documents (shared/seeds) for events and working groups.

Only what the documents state; every invented detail is marked as demo (is_demo, and a note in
the text where a date or time is assumed):
- seed 003: the Mitteldeutsche Bildungskonferenz in autumn 2022, "Bildung! Motor für die Region
  im Wandel", hosted by BiSMit and TransMit, with a session designed by the EMMD (the day, the
  times and the place are not stated: assumed);
- seed 004: workshop 4 of the X. German–Russian town-twinning conference in Wolgograd, its
  coordination, chairs and findings (the date is not stated: assumed);
- seed 002 (Erfurt's work programme, AP 5 and AP 6): the Steuerungsgruppe Bildung, the
  Bildungsbeirat, the AG Übergang Kita–Grundschule, the AK Schule–Wirtschaft, a new AK Übergang
  Schule–Beruf, the administration's internal AG Monitoring, and the regular jour fixes with
  cooperation partners (the rule "every first Tuesday, 10:00" is a demo assumption).

Idempotent through bildungsnetz.upsert: a second run writes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from actors.models import Language, Organisation, Person, Topic
from bildungsnetz.text import sanitize_html
from bildungsnetz.upsert import set_m2m, upsert
from places.models import Territory

from .models import (
    ActionItem,
    AttendanceMode,
    Decision,
    Event,
    EventKind,
    EventStatus,
    GroupMembership,
    MemberRole,
    Minutes,
    MinutesStatus,
    MinutesVersion,
    Series,
    Session,
    WorkingGroup,
)
from .services_minutes import minutes_items
from .services_series import series_materialise

BERLIN = ZoneInfo("Europe/Berlin")
VOLGOGRAD = ZoneInfo("Europe/Volgograd")
ASSUMED = "(Demo: Tag und Uhrzeit sind angenommen; die Quelle nennt sie nicht.)"

CONFERENCE_TEXT = (
    "<p>Die Mitteldeutsche Bildungskonferenz im Herbst 2022 wurde gemeinsam vom Netzwerkbüro "
    "Bildung im Strukturwandel in Mitteldeutschland (BiSMit) und der Transferagentur Kommunales "
    "Bildungsmanagement Mitteldeutschland (TransMit) ausgerichtet. Das Konferenzthema lautete "
    "„Bildung! Motor für die Region im Wandel“.</p>"
    "<p>Innerhalb dieser Veranstaltung gestaltete die Europäische Metropolregion "
    "Mitteldeutschland (EMMD) eine eigene Session.</p>"
    f"<p>{ASSUMED} Der Ort ist in der Quelle nicht genannt.</p>"
)
EMMD_SESSION = (
    "<p>Diskutiert wurde unter anderem die Verknüpfung von Bildungsfragen mit den "
    "Herausforderungen des Strukturwandels, der Sicherung von Fachkräften und nachhaltigem "
    "Wirtschaften in der Region.</p>"
)
WORKSHOP_TEXT = (
    "<p>Workshop 4 der X. Deutsch-Russischen Städtepartnerschaftskonferenz in Wolgograd. "
    "Koordination: Stiftung West-Östliche Begegnungen und Stadt Wolgograd.</p>"
    "<p>Vorsitz: Wjatscheslaw Timtschenko, Vorsitzender des Komitees der Staatsduma zu Fragen "
    "der kommunalen Selbstverwaltung; Roman Grebennikow, Oberbürgermeister der Stadt Wolgograd; "
    "Dr. Helmut Domke, Vorsitzender des Vorstandes, Stiftung West-Östliche Begegnungen.</p>"
    f"<p>{ASSUMED}</p>"
)
WORKSHOP_SESSION = (
    "<p>Vertreter städtischer Verwaltungen und nichtstaatlicher Organisationen (NGOs) aus "
    "Partnerstädten stellten fünf Modellprojekte vor: soziale Verantwortung, kulturelle "
    "Zusammenarbeit, Gestaltung von Schulpartnerschaften und Vernetzung zivilgesellschaftlicher "
    "Initiativen mit Institutionen der Ausbildung und Qualifizierung.</p>"
)
WORKSHOP_OUTCOMES = (
    "<p>Als wichtige Erkenntnisse wurden herausgearbeitet:</p><ul>"
    "<li>Städtepartnerschaften bilden einen einzigartigen Rahmen für die Zusammenarbeit von "
    "kommunalen Verwaltungen mit nichtstaatlichen Organisationen und Initiativen bei der "
    "Durchführung von gemeinsamen Projekten.</li>"
    "<li>Für ein konkretes Projekt bindet die partnerschaftliche Zusammenarbeit Verwaltungen und "
    "zivilgesellschaftliche Initiativen in den Partnerstädten ein in eine gemeinsame "
    "Verantwortung.</li>"
    "<li>Die so entstehenden Modellpartnerschaften tragen eine neue Qualität in deutsch-russische "
    "Städtepartnerschaften hinein.</li>"
    "<li>Wichtig für das Gelingen von Modellpartnerschaften sind ein partnerschaftliches "
    "Herangehen auf gleicher Augenhöhe, das gemeinsame verpflichtende Engagement von "
    "Verwaltungen und NGOs in beiden Partnerstädten, feste Bezugspersonen für ein Projekt, ein "
    "wechselseitiger Nutzen, Vertrauen zwischen nichtstaatlichen Akteuren und Verwaltungen und "
    "die öffentliche Anerkennung des Engagements von Bürgern, insbesondere von "
    "Jugendlichen.</li>"
    "<li>Deutschen und russischen Städtepartnern wird empfohlen, der Vermittlung der deutschen "
    "Sprache in Russland und der russischen Sprache in Deutschland besondere Aufmerksamkeit zu "
    "widmen.</li></ul>"
)

# (slug, name, topic, description) — seed 002, AP 5 and AP 6 of Erfurt's work programme.
GROUPS = [
    ("steuerungsgruppe-bildung", "Steuerungsgruppe Bildung", None,
     "Ressortübergreifende Bildungskoordination; die Steuerungsgruppe Bildung wird fortgeführt "
     "(Arbeitsprogramm, AP 5 Koordinierung und Steuerung).", True),
    ("bildungsbeirat", "Bildungsbeirat", None,
     "Aufbau und Organisation eines Bildungsbeirates (Arbeitsprogramm, AP 5 Koordinierung und "
     "Steuerung).", True),
    ("ag-uebergang-kita-grundschule", "AG Übergang Kita–Grundschule", "uebergang-kita-schule",
     "Thematischer Arbeitskreis, der fortgeführt wird (Arbeitsprogramm, AP 6 Aufbau, "
     "Weiterführung und Pflege von Kooperationsstrukturen).", True),
    ("ak-schule-wirtschaft", "AK Schule–Wirtschaft", "berufsorientierung",
     "Thematischer Arbeitskreis, der fortgeführt wird (Arbeitsprogramm, AP 6 Aufbau, "
     "Weiterführung und Pflege von Kooperationsstrukturen).", True),
    ("ak-uebergang-schule-beruf", "AK Übergang Schule–Beruf", "uebergang-schule-beruf",
     "Neuer Arbeitskreis im Aufbau (Arbeitsprogramm, AP 6: Aufbau neuer Arbeitskreise, z. B. "
     "Übergang Schule–Beruf).", True),
    ("ag-monitoring", "AG Monitoring", "bildungsmonitoring",
     "Verwaltungsinterne AG Monitoring: Etablierung und Begleitung (Arbeitsprogramm, "
     "Bildungsmonitoring). Nur für Mitglieder sichtbar, weil verwaltungsintern.", False),
]  # fmt: skip

JOUR_FIXE_TEXT = (
    "<p>Regelmäßige Jour fixes mit Kooperationspartnern (z. B. Kammern, interne Partner wie VHS "
    "und Stadtbibliothek), fortgeführt und gepflegt (Arbeitsprogramm, AP 6).</p>"
    "<p>(Demo: der Rhythmus „jeden ersten Dienstag, 10:00 Uhr“ ist angenommen.)</p>"
)


def _orgs(*slugs):
    return list(Organisation.objects.filter(slug__in=slugs).order_by("slug"))


def _event(slug: str, values: dict, *, organisers, topics=(), languages=()) -> Event:
    values = {**values, "description": sanitize_html(values.get("description", ""))}
    if "outcomes" in values:
        values["outcomes"] = sanitize_html(values["outcomes"])
    event, _created, _changed = upsert(Event, {"slug": slug}, {**values, "is_demo": True})
    set_m2m(event.organisers, organisers)
    set_m2m(event.topics, Topic.objects.filter(slug__in=topics))
    set_m2m(event.languages, Language.objects.filter(code__in=languages))
    return event


def _session(event: Event, title: str, values: dict, speakers=()) -> Session:
    values = {**values, "description": sanitize_html(values.get("description", ""))}
    session, _created, _changed = upsert(
        Session, {"event": event, "title": title}, {**values, "is_demo": True}
    )
    set_m2m(session.speakers, speakers)
    return session


def _conference():
    event = _event(
        "mitteldeutsche-bildungskonferenz-2022",
        {
            "kind": EventKind.CONFERENCE,
            "title": "Mitteldeutsche Bildungskonferenz 2022: Bildung! Motor für die Region im "
            "Wandel",
            "description": CONFERENCE_TEXT,
            "starts_at": datetime(2022, 11, 10, 9, 30, tzinfo=BERLIN),
            "ends_at": datetime(2022, 11, 10, 16, 30, tzinfo=BERLIN),
            "time_zone": "Europe/Berlin",
            "status": EventStatus.SCHEDULED,
            "attendance_mode": AttendanceMode.OFFLINE,
            "is_public": True,
        },
        organisers=_orgs("bismit", "transmit"),
        topics=("strukturwandel", "fachkraefte", "bildungsmonitoring"),
        languages=("de",),
    )
    _session(
        event,
        "Session der Europäischen Metropolregion Mitteldeutschland (EMMD)",
        {
            "starts_at": datetime(2022, 11, 10, 13, 30, tzinfo=BERLIN),
            "ends_at": datetime(2022, 11, 10, 15, 0, tzinfo=BERLIN),
            "description": EMMD_SESSION,
            "other_speakers": "Europäische Metropolregion Mitteldeutschland (EMMD)",
        },
    )


def _workshop():
    wolgograd = Territory.objects.get_by_key("local:RU:wolgograd")
    event = _event(
        "x-deutsch-russische-staedtepartnerschaftskonferenz-workshop-4",
        {
            "kind": EventKind.WORKSHOP,
            "title": "Workshop 4: Partnerschaftliche Modelle der Zusammenarbeit von städtischen "
            "Verwaltungen und zivilgesellschaftlichen Initiativen",
            "description": WORKSHOP_TEXT,
            "outcomes": WORKSHOP_OUTCOMES,
            "starts_at": datetime(2011, 6, 28, 10, 0, tzinfo=VOLGOGRAD),
            "ends_at": datetime(2011, 6, 28, 13, 0, tzinfo=VOLGOGRAD),
            "time_zone": "Europe/Volgograd",
            "status": EventStatus.SCHEDULED,
            "attendance_mode": AttendanceMode.OFFLINE,
            "territory": wolgograd,
            "locality": "Wolgograd",
            "is_public": True,
        },
        organisers=_orgs("stiftung-west-oestliche-begegnungen", "stadt-wolgograd"),
        topics=(
            "zivilgesellschaft",
            "soziale-verantwortung",
            "kulturelle-zusammenarbeit",
            "schulpartnerschaften",
            "sprachen-lernen",
        ),  # fmt: skip
        languages=("de", "ru"),
    )
    chairs = list(
        Person.objects.filter(
            roles__organisation__in=_orgs("stadt-wolgograd", "stiftung-west-oestliche-begegnungen"),
            family_name__in=["Grebennikow", "Domke"],
        ).distinct()
    )
    _session(
        event,
        "Fünf Modellprojekte aus Partnerstädten",
        {
            "starts_at": datetime(2011, 6, 28, 10, 0, tzinfo=VOLGOGRAD),
            "ends_at": datetime(2011, 6, 28, 13, 0, tzinfo=VOLGOGRAD),
            "description": WORKSHOP_SESSION,
            "other_speakers": "Wjatscheslaw Timtschenko (Vorsitz)",
        },
        speakers=chairs,
    )


def _groups(erfurt, lead):
    groups = {}
    topics = {t.slug: t for t in Topic.objects.all()}
    for slug, name, topic, description, public in GROUPS:
        group, _created, _changed = upsert(
            WorkingGroup,
            {"slug": slug},
            {
                "name": name,
                "topic": topics.get(topic) if topic else None,
                "description": sanitize_html(f"<p>{description}</p>"),
                "lead_organisation": lead,
                "territory": erfurt,
                "is_public": public,
                "is_demo": True,
            },
        )
        upsert(
            GroupMembership,
            {"group": group, "organisation": lead, "person": None},
            {"role": MemberRole.CHAIR, "is_demo": True},
        )
        groups[slug] = group
    return groups


def _jour_fixe(erfurt, lead):
    series, _created, _changed = upsert(
        Series,
        {"slug": "jour-fixe-kooperationspartner-erfurt"},
        {
            "title": "Jour fixe mit Kooperationspartnern",
            "kind": EventKind.JOUR_FIXE,
            "description": sanitize_html(JOUR_FIXE_TEXT),
            "rule": "FREQ=MONTHLY;BYDAY=1TU",
            "rule_text": "jeden ersten Dienstag",
            "first_date": date(2026, 1, 6),
            "start_time": time(10, 0),
            "end_time": time(11, 30),
            "time_zone": "Europe/Berlin",
            "territory": erfurt,
            "attendance_mode": AttendanceMode.OFFLINE,
            "is_public": True,
            "is_demo": True,
        },
    )
    set_m2m(series.organisers, [lead])
    series_materialise(series=series)


def load(stdout=None) -> None:
    erfurt = Territory.objects.get_by_key("ags:16051000")
    lead = Organisation.objects.get(slug="bildungsmanagement-erfurt")
    _conference()
    _workshop()
    _groups(erfurt, lead)
    _jour_fixe(erfurt, lead)
    _minutes_of_ag_monitoring(lead)  # minutes (#15), below
    if stdout is not None:
        stdout.write(
            f"events: {Event.objects.filter(is_demo=True).count()} demo events, "
            f"{WorkingGroup.objects.filter(is_demo=True).count()} working groups"
        )


# --- Minutes (#15) ---------------------------------------------------------------------------
# One demo meeting of the AG Monitoring with approved minutes: one decision and one action item.
# The documents name the group and its task (accompanying the education monitoring), not a
# meeting: its date, the decision and the action item are demo assumptions, and say so.
MINUTES_NOTE = "(Demo: Sitzung, Beschluss und Aktionspunkt sind angenommen.)"


def _minutes_of_ag_monitoring(lead) -> None:
    group = WorkingGroup.objects.filter(slug="ag-monitoring").first()
    if group is None:
        return
    event = _event(
        "ag-monitoring-sitzung-demo",
        {
            "kind": EventKind.GROUP_MEETING,
            "title": "Sitzung der AG Monitoring",
            "description": f"<p>Verwaltungsinterne AG Monitoring. {MINUTES_NOTE}</p>",
            "starts_at": datetime(2026, 2, 3, 10, 0, tzinfo=BERLIN),
            "ends_at": datetime(2026, 2, 3, 11, 30, tzinfo=BERLIN),
            "time_zone": "Europe/Berlin",
            "status": EventStatus.SCHEDULED,
            "attendance_mode": AttendanceMode.OFFLINE,
            "territory": group.territory,
            "working_group": group,
            "is_public": False,
        },
        organisers=[lead],
    )
    approved_at = datetime(2026, 2, 17, 9, 0, tzinfo=BERLIN)
    minutes, _created, _changed = upsert(
        Minutes,
        {"event": event},
        {
            "status": MinutesStatus.APPROVED,
            "attendees": "Mitglieder der verwaltungsinternen AG Monitoring (Demo)",
            "body": sanitize_html(f"<p>Die AG berät die Begleitung des Bildungsmonitorings. "
                                  f"{MINUTES_NOTE}</p>"),
            "version": 1,
            "approved_version": 1,
            "approved_at": approved_at,
            "created": approved_at,
            "is_demo": True,
        },
    )  # fmt: skip
    decision, _created, _changed = upsert(
        Decision,
        {"minutes": minutes, "number": 1},
        {"text": "Die AG Monitoring begleitet den Aufbau des kommunalen Bildungsmonitorings "
                 "und berichtet der Steuerungsgruppe Bildung (Demo).",
         "vote_result": "einstimmig (Demo)"},
    )  # fmt: skip
    upsert(
        ActionItem,
        {"minutes": minutes, "number": 1},
        {"text": "Verfügbare Datengrundlagen für das Bildungsmonitoring zusammenstellen (Demo).",
         "decision": decision, "due": date(2026, 6, 30), "created": approved_at},
    )  # fmt: skip
    upsert(
        MinutesVersion,
        {"minutes": minutes, "number": 1},
        {"status": MinutesStatus.APPROVED, "attendees": minutes.attendees,
         "body": minutes.body, "items": minutes_items(minutes),
         "note": "Demo-Protokoll angelegt und genehmigt", "saved_at": approved_at},
    )  # fmt: skip
