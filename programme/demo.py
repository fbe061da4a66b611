"""Demo content: the work programme of the seed document (shared/seeds/002) with its 13 work
packages (AP 1–13) and the descriptions the document gives, idempotently.

The document names no lead, period or funder per package: those stay empty. The programme is
the one Erfurt's education management steers (DESIGN.md, "Who uses it"); the document calls it
the work programme of the application "Bildungskommunen". The few tasks and milestones below
are invented to show the pages working: each is marked as demo (`is_demo`, "Demo:" in the
title). No package is linked to an agreement goal: the demo agreements have no goal about
monitoring or education reporting that the monitoring packages (AP 11–13) could serve.
"""

from __future__ import annotations

import datetime as dt

from actors.models import Organisation
from bildungsnetz.upsert import upsert
from places.models import Territory

from .models import Milestone, Programme, Task, TaskStatus, WorkPackage
from .services import package_position

SOURCE = "Arbeitsprogramm Bildungsmanagement, Arbeitspakete (AP) 1–13 (Seed-Dokument 002)"
SLUG = "arbeitsprogramm-bildungsmanagement-erfurt"

# (number, title, description) as the document states them (OCR errors corrected).
PACKAGES = [
    ("AP 1", "Grundlagen und Analyse der Ausgangssituation",
     "Analyse der Ausgangssituation, Verfeinerung des Arbeitsprogrammes aus dem Antrag "
     "Bildungskommunen, Wiederaufnahme der Arbeiten aus dem Vorgängerprogramm, Erarbeiten "
     "einer Übersicht über schon geleistete Arbeiten, Strukturen und Akteure"),
    ("AP 2", "Leitbildentwicklung",
     "Konzeption, Umsetzung der geplanten Beteiligungsformate, Formulierung des Leitbildes, "
     "Entwicklung bildungsstrategischer Rahmen"),
    ("AP 3", "Bildungskonferenzen",
     "Themenerarbeitung und Konzeption, Organisation und Durchführung, Nacharbeit"),
    ("AP 4", "Bildungsportal",
     "Konzepterarbeitung gemeinsam mit Bildungsakteuren, Prüfung des Konzeptes, Entwicklung "
     "einer Nachhaltigkeitsstrategie für das Portal, Etablierung erster Schritte"),
    ("AP 5", "Koordinierung und Steuerung",
     "Koordinierung und Steuerung mit dem Ziel der Abstimmung/Bündelung von "
     "Bildungsaktivitäten und -zuständigkeiten, Operationalisierung strategischer Ansätze, "
     "strategische Beratung, ressortübergreifende Bildungskoordination, bspw. Fortführung der "
     "Steuerungsgruppe Bildung, Aufbau und Organisation eines Bildungsbeirates"),
    ("AP 6", "Aufbau, Weiterführung und Pflege von Kooperationsstrukturen",
     "Entwicklung eines zuverlässigen Kooperationssystems, Fortführung und Pflege regelmäßiger "
     "Jour fixes mit Kooperationspartnern (z. B. Kammern, interne Partner wie VHS und "
     "Stadtbibliothek), Fortführung thematischer Arbeitskreise, z. B. AG Übergang "
     "Kita–Grundschule, AK Schule–Wirtschaft, Aufbau neuer vorhandener Arbeitskreise (z. B. "
     "Übergang Schule–Beruf), Zusammenarbeit mit der Transferagentur Mitteldeutschland für "
     "Kommunales Bildungsmanagement – TransMit"),
    ("AP 7", "Aufbau und Pflege von Kooperationsstrukturen zu den Themen BNE und Fachkräfte",
     "Stärkung der stadtweiten Arbeitsstruktur zu den Themen Fachkräfte und BNE, Schließen von "
     "Kooperationsvereinbarungen zu den Themen Fachkräfte und BNE, Umsetzung und Fortführung "
     "Zielvereinbarung/Handlungskonzept mit dem BNE-Kompetenzzentrum"),
    ("AP 8", "Kommunikation und Öffentlichkeitsarbeit",
     "Kommunikation steuerungsrelevanter Informationen/Handlungsempfehlungen, "
     "Öffentlichkeitsarbeit, z. B. auf der Homepage, Gremienarbeit"),
    ("AP 9", "Netzwerkarbeit",
     "Aktive Mitwirkung an Austausch und Ergebnistransfer auf Landes- und Bundesebene, "
     "(fachliche) Begleitung von Tagungen, Workshops, Gremiensitzungen, v. a. zu den "
     "Schwerpunktthemen Übergänge, Digitalisierung, Lebenslanges Lernen, Ganztag, Fachkräfte, "
     "BNE und Monitoring"),
    ("AP 10", "Maßnahmen für den Schwerpunkt Übergänge",
     "Initiierung und Begleitung von konkreten Maßnahmen und Projekten (z. B. Erklärvideos, "
     "Flyer, Bildungsportal), vertiefte Bildungsberichterstattung, Analyse und Erarbeitung von "
     "Maßnahmen gemeinsam mit Kooperationspartnern zum Thema Berufsorientierung"),
    ("AP 11", "Fortführung der Etablierung des Bildungsmonitorings",
     "Ausbau der Datenbasis und fortlaufende Datenpflege, Etablierung/Begleitung "
     "verwaltungsinterne AG Monitoring, Ausbau und Entwicklung von Kooperationsstrukturen, "
     "z. B. im Bereich Integration/Migration, weitere Erarbeitung von Indikatoren"),
    ("AP 12", "Bildungsberichterstattung im lebenslangen Lernen",
     "Ermittlung und Pflege Datenquellen und Datenbedarf, Erarbeitung weiterer Module, "
     "Herstellen von Transparenz über Akteur*innen und Angebote (z. B. durch Darstellung des "
     "Materials im Bildungsportal und Prüfung der Möglichkeiten von Open Data)"),
    ("AP 13", "Spezialisierte Bildungsberichterstattung Modul 3",
     "Fortführung Identifikation von Datenquellen, Zusammenstellung und Pflege "
     "Indikatoren/Kennzahlen BNE und Fachkräfte"),
]  # fmt: skip

# Invented to show the pages working; marked as demo. (package, title, status, due)
DEMO_TASKS = [
    ("AP 3", "Demo: Themen der nächsten Bildungskonferenz sammeln", TaskStatus.DONE,
     dt.date(2024, 3, 1)),
    ("AP 3", "Demo: Einladungen zur Bildungskonferenz versenden", TaskStatus.IN_PROGRESS,
     dt.date(2024, 9, 1)),
    ("AP 4", "Demo: Konzept des Bildungsportals mit Bildungsakteuren abstimmen", TaskStatus.OPEN,
     dt.date(2024, 6, 30)),
    ("AP 11", "Demo: Datenquellen für neue Indikatoren prüfen", TaskStatus.OPEN, None),
]  # fmt: skip
DEMO_DONE_AT = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
DEMO_MILESTONES = [
    ("AP 2", "Demo: Leitbild formuliert", dt.date(2024, 12, 31), None),
    ("AP 3", "Demo: Bildungskonferenz durchgeführt", dt.date(2024, 11, 15), None),
]


def _organisation(slug: str):
    return Organisation.objects.filter(slug=slug).first()


def load(stdout=None) -> None:
    territory = Territory.objects.filter(scheme="ags", code="16051000").first()
    lead = _organisation("bildungsmanagement-erfurt")
    if territory is None and lead is None:
        if stdout:
            stdout.write("programme: Erfurt is not loaded; no demo programme")
        return
    programme, _created, _changed = upsert(
        Programme,
        {"slug": SLUG},
        {
            "title": "Arbeitsprogramm Bildungsmanagement",
            "description": (
                "<p>Das Arbeitsprogramm des kommunalen Bildungsmanagements mit seinen "
                "Arbeitspaketen (AP 1–13), verfeinert aus dem Antrag Bildungskommunen.</p>"
            ),
            "territory": territory,
            "lead_organisation": lead,
            "source": SOURCE,
            "is_public": True,
            "is_demo": True,
        },
    )
    packages = {}
    for number, title, description in PACKAGES:
        package, _c, _ch = upsert(
            WorkPackage,
            {"programme": programme, "number": number},
            {
                "title": title,
                "description": f"<p>{description}</p>",
                "position": package_position(number),
                "is_demo": True,
            },
        )
        packages[number] = package
    for number, title, status, due in DEMO_TASKS:
        upsert(
            Task,
            {"package": packages[number], "title": title},
            {
                "status": status,
                "due": due,
                # A fixed time, so that a second run changes nothing.
                "done_at": DEMO_DONE_AT if status == TaskStatus.DONE else None,
                "is_demo": True,
            },
        )
    for number, title, due, reached in DEMO_MILESTONES:
        upsert(
            Milestone,
            {"package": packages[number], "title": title},
            {"due": due, "reached_at": reached, "is_demo": True},
        )
    if stdout:
        stdout.write(f"programme: {programme.title} with {len(packages)} work packages")
