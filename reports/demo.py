"""Demo content of reports, from the real monitoring demo data (GENESIS tables of the
Regionaldatenbank): a local profile for Erfurt with live figures in its commentary, compared
with Jena and Weimar, and a commented data collection comparing the Kreise of Thuringia. Both
are published with a frozen first edition. Idempotent: a second run changes nothing.

Runs after monitoring (INSTALLED_APPS order). Texts are the demo's own and say so.
"""

from __future__ import annotations

from bildungsnetz.upsert import set_m2m, upsert
from places.models import Level, Territory

from . import services
from .models import Block, Edition, Report, ReportKind, ReportStatus, Section

ERFURT = "ags:16051000"
COMPARISONS = ("ags:16053000", "ags:16055000")  # Jena, Weimar
PERIOD = "2015"
NO_QUALIFICATION = "abgaenger-ohne-hauptschulabschluss"
HIGHER_QUALIFICATION = "absolventen-hochschulreife"
LEAVERS = "schulabgaenger"


def _figure(indicator: str, territory: str = ERFURT, period: str = PERIOD) -> str:
    return f"{{{{ indicator:{indicator} territory:{territory} period:{period} }}}}"


PROFILE_SECTIONS = [
    ("B", "Einleitung",
     "<p>Demo: Dieses Bildungsprofil zeigt, wie ein Bericht aus dem kommunalen "
     "Bildungsmonitoring entsteht. Jede Zahl im Text ist eine Live-Zahl mit Quelle, Zeitraum "
     "und Lizenz in der Fußnote.</p>", []),
    ("D", "Allgemeinbildende Schulen: Abschlüsse",
     f"<p>Im Schuljahr 2014/15 verließen in Erfurt {_figure(NO_QUALIFICATION)} der "
     f"Schulabgängerinnen und Schulabgänger die allgemeinbildende Schule ohne "
     f"Hauptschulabschluss; in Jena waren es {_figure(NO_QUALIFICATION, COMPARISONS[0])}. "
     f"Die allgemeine Hochschulreife erreichten in Erfurt {_figure(HIGHER_QUALIFICATION)}.</p>",
     [("chart", NO_QUALIFICATION, ""), ("key_figure", HIGHER_QUALIFICATION, ""),
      ("table", LEAVERS, "")]),
]  # fmt: skip


def _report(slug: str, values: dict, comparisons, sections) -> Report:
    report, _created, _changed = upsert(Report, {"slug": slug}, values)
    set_m2m(report.comparison_territories, comparisons)
    for order, (chapter, title, body, blocks) in enumerate(sections):
        section, *_ = upsert(
            Section, {"report": report, "order": order},
            {"chapter": chapter, "title": title, "body": body},
        )  # fmt: skip
        for position, (kind, indicator, territories) in enumerate(blocks):
            params = {"indicator": indicator}
            if territories:
                params["territories"] = territories
            upsert(Block, {"section": section, "order": position}, {"kind": kind, "params": params})
    if not Edition.objects.filter(report=report).exists():
        Edition.objects.create(report=report, number=1, **services.edition_snapshot(report))
    return report


def load(stdout) -> None:
    erfurt = Territory.objects.filter(scheme="ags", code="16051000").first()
    if erfurt is None:
        stdout.write("reports: no Erfurt in the places data, nothing loaded")
        return
    comparisons = list(
        Territory.objects.filter(scheme="ags", code__in=[k[4:] for k in COMPARISONS])
    )
    common = {"status": ReportStatus.PUBLISHED, "is_demo": True, "period": PERIOD}
    _report(
        "bildungsprofil-erfurt-2015",
        {**common, "title": "Bildungsprofil Erfurt 2015", "kind": ReportKind.LOCAL_PROFILE,
         "territory": erfurt,
         "summary": "Demo: Schulabschlüsse in Erfurt im Vergleich mit Jena und Weimar."},
        comparisons, PROFILE_SECTIONS,
    )  # fmt: skip
    kreise = list(
        Territory.objects.filter(
            scheme="ags", code__startswith="16", level__in=[Level.COUNTY, Level.CITY]
        )
        .filter(code__regex=r"^160[5-7][0-9](000)?$")
        .order_by("code")
    )
    state = Territory.objects.filter(scheme="ags", code__in=["16", "16000000"]).first()
    if kreise and state is not None:
        keys = [t.key for t in kreise]
        _report(
            "schulabschluesse-thueringen-2015",
            {**common, "title": "Schulabschlüsse in den Kreisen Thüringens 2015",
             "kind": ReportKind.DATA_COLLECTION, "territory": state,
             "summary": "Demo: kommentierte Datensammlung aus der Regionaldatenbank."},
            [],
            [("D", "Abschlüsse nach Kreisen",
              "<p>Demo: Die Tabellen vergleichen die kreisfreien Städte und Landkreise "
              f"Thüringens. Erfurt: {_figure(NO_QUALIFICATION)} ohne Hauptschulabschluss.</p>",
              [("table", NO_QUALIFICATION, keys), ("table", HIGHER_QUALIFICATION, keys)])],
        )  # fmt: skip
    stdout.write("reports: demo reports loaded")
