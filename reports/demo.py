"""Demo content of reports, from the real monitoring demo data (GENESIS tables of the
Regionaldatenbank, Berlin's planning areas, Vienna's districts): a local profile for Erfurt
with live figures in its commentary, compared with Jena and Weimar, with the goal progress of
the Erfurt–Wien agreement and the status of Erfurt's work programme; a commented data
collection comparing the Kreise of Thuringia; and a thematic analysis of segregation in Berlin
and Wien (indices with their intervals over Berlin's planning areas and Vienna's districts,
and a map of the share of foreigners in Berlin's boroughs). All are published with a frozen
first edition. Idempotent: a second run changes nothing.

Runs after monitoring, cooperation and programme (INSTALLED_APPS order). Texts are the demo's
own and say so.
"""

from __future__ import annotations

from bildungsnetz.upsert import set_m2m, upsert
from cooperation.models import Agreement
from monitoring.models import IndicatorValue
from places.models import Level, Territory
from programme.models import Programme
from surveys.models import Wave, WaveStatus

from . import services
from .models import Block, Edition, Report, ReportKind, ReportLanguages, ReportStatus, Section
from .tasks import render_report_pdf

ERFURT = "ags:16051000"
COMPARISONS = ("ags:16053000", "ags:16055000")  # Jena, Weimar
PERIOD = "2015"
NO_QUALIFICATION = "abgaenger-ohne-hauptschulabschluss"
HIGHER_QUALIFICATION = "absolventen-hochschulreife"
LEAVERS = "schulabgaenger"
ERFURT_WIEN_AGREEMENT = "kooperationsvereinbarung-erfurt-wien-2022"
WORK_PROGRAMME = "arbeitsprogramm-bildungsmanagement-erfurt"
BERLIN, WIEN = "ags:11000000", "gkz:90001"
SEGREGATION_PERIOD = "2022"
FOREIGNERS_SHARE = "auslaenderanteil-plr"


def _figure(indicator: str, territory: str = ERFURT, period: str = PERIOD) -> str:
    return f"{{{{ indicator:{indicator} territory:{territory} period:{period} }}}}"


# Texts in German and English: the Erfurt profile has an English edition.
PROFILE_SECTIONS = [
    ("B", ("Einleitung", "Introduction"),
     ("<p>Demo: Dieses Bildungsprofil zeigt, wie ein Bericht aus dem kommunalen "
      "Bildungsmonitoring entsteht. Jede Zahl im Text ist eine Live-Zahl mit Quelle, Zeitraum "
      "und Lizenz in der Fußnote.</p>",
      "<p>Demo: This education profile shows how a report grows out of the municipal "
      "education monitoring. Every number in the text is a live figure with its source, period "
      "and licence in the footnote.</p>"), []),
    ("D", ("Allgemeinbildende Schulen: Abschlüsse", "General schools: qualifications"),
     (f"<p>Im Schuljahr 2014/15 verließen in Erfurt {_figure(NO_QUALIFICATION)} der "
      f"Schulabgängerinnen und Schulabgänger die allgemeinbildende Schule ohne "
      f"Hauptschulabschluss; in Jena waren es {_figure(NO_QUALIFICATION, COMPARISONS[0])}. "
      f"Die allgemeine Hochschulreife erreichten in Erfurt {_figure(HIGHER_QUALIFICATION)}.</p>",
      f"<p>In the school year 2014/15, {_figure(NO_QUALIFICATION)} of the pupils leaving general "
      f"schools in Erfurt left without a lower secondary qualification; in Jena it was "
      f"{_figure(NO_QUALIFICATION, COMPARISONS[0])}. In Erfurt, "
      f"{_figure(HIGHER_QUALIFICATION)} gained the general higher education entrance "
      f"qualification.</p>"),
     [("chart", {"indicator": NO_QUALIFICATION}),
      ("key_figure", {"indicator": HIGHER_QUALIFICATION}),
      ("table", {"indicator": LEAVERS})]),
]  # fmt: skip
# Shown when the cooperation and programme demos are there.
COOPERATION_SECTION = (
    "I", ("Kooperation und Bildungsmanagement", "Cooperation and education management"),
    ("<p>Demo: Stand der Ziele der Kooperationsvereinbarung zwischen Erfurt und Wien und der "
     "Arbeitspakete des Arbeitsprogramms Bildungsmanagement. Ein Strich (–) heißt: noch nicht "
     "messbar, nicht null.</p>",
     "<p>Demo: Where the goals of the cooperation agreement between Erfurt and Wien and the "
     "work packages of the education management work programme stand. A dash (–) means: not "
     "measurable yet, not zero.</p>"),
)  # fmt: skip

SEGREGATION_SECTIONS = [
    ("A", "Worum es geht",
     "<p>Demo: Diese thematische Analyse vergleicht, wie ungleich Ausländerinnen und Ausländer "
     "über die Teilgebiete Berlins und Wiens verteilt sind. Der Segregationsindex D gibt den "
     "Anteil der Gruppe an, der umziehen müsste, damit sie überall gleich stark vertreten wäre "
     "(0 = gleichmäßig, 1 = vollständig getrennt).</p>"
     "<p>Jeder Index steht mit seinem 95-%-Konfidenzintervall aus einem Bootstrap über die "
     "Teilgebiete. Die Werte beider Städte sind nur eingeschränkt vergleichbar: Berlin wird über "
     "542 kleine Planungsräume gemessen, Wien über 23 große Bezirke. Große Gebiete verdecken die "
     "Trennung in ihrem Inneren, der Index fällt dort niedriger aus.</p>", []),
    ("B", "Berlin: Planungsräume",
     "<p>Demo: Stand 30. Juni 2022, Einwohnerregister. Gebiete ohne Einwohner oder mit "
     "gesperrten Zahlen bleiben außen vor und werden gezählt.</p>",
     [("segregation", {"series": "auslaender-berlin"}),
      ("map", {"indicator": FOREIGNERS_SHARE, "level": Level.DISTRICT})]),
    ("B", "Wien: Bezirke",
     "<p>Demo: Bevölkerung am 1. Jänner der letzten fünf Jahre bis 2022. Mit 23 Bezirken "
     "ist das Intervall deutlich breiter als in Berlin.</p>",
     [("segregation", {"series": "auslaender-wien"})]),
]  # fmt: skip


SURVEY_WAVES = ("teilhabe-inklusion-erfurt-2025", "teilhabe-inklusion-wien-2025")
PARTICIPATION_INDEX = "index-teilhabe"
SURVEY_SECTIONS = [
    ("H", ("Die gemeinsame Befragung", "The joint survey"),
     ("<p>Demo: Erfurt und Wien haben 2025 mit demselben Fragebogen gefragt, wie Eltern, "
      "Schülerinnen und Schüler und Fachkräfte an Bildungsangeboten teilhaben "
      "(Kooperationsvereinbarung, § 4). Die Antworten sind erzeugte Demo-Antworten. Der "
      "Teilhabeindex (0 bis 100 Punkte) liegt in Erfurt bei "
      f"{_figure(PARTICIPATION_INDEX, ERFURT, '2025')}, in Wien bei "
      f"{_figure(PARTICIPATION_INDEX, WIEN, '2025')}.</p>"
      "<p>Zellen mit weniger als fünf Befragten bleiben verborgen („.“), ebenso eine weitere "
      "Zelle, aus der sie sich errechnen ließen.</p>",
      "<p>Demo: In 2025, Erfurt and Wien asked with the same questionnaire how parents, pupils "
      "and professionals take part in educational offers (cooperation agreement, § 4). The "
      "answers are generated demo answers. The participation index (0 to 100 points) is "
      f"{_figure(PARTICIPATION_INDEX, ERFURT, '2025')} in Erfurt and "
      f"{_figure(PARTICIPATION_INDEX, WIEN, '2025')} in Wien.</p>"
      "<p>Cells of fewer than five respondents stay hidden (“.”), and so does a further cell "
      "from which they could be computed.</p>"),
     [("survey", {"waves": list(SURVEY_WAVES), "question": "TH01"})]),
    ("H", ("Teilhabe an Angeboten", "Taking part in offers"),
     ("<p>Demo: Zustimmung zu den fünf Aussagen des Teilhabeindex, je Stadt.</p>",
      "<p>Demo: agreement with the five statements of the participation index, per city.</p>"),
     [("survey", {"waves": list(SURVEY_WAVES), "question": code})
      for code in ("TH05a", "TH05b", "TH05c", "TH05d", "TH05e")]),
]  # fmt: skip


def _texts(name: str, text) -> dict:
    """{name_de, name_en} of a text given in German alone or as (German, English)."""
    german, english = text if isinstance(text, tuple) else (text, "")
    return {f"{name}_de": german, f"{name}_en": english}


def _report(slug: str, values: dict, comparisons, sections) -> Report:
    values = dict(values)
    for name in ("title", "summary"):
        values.update(_texts(name, values.pop(name)))
    if values["title_en"]:
        values["languages"] = ReportLanguages.BOTH
    report, _created, _changed = upsert(Report, {"slug": slug}, values)
    set_m2m(report.comparison_territories, comparisons)
    for order, (chapter, title, body, blocks) in enumerate(sections):
        section, *_ = upsert(
            Section, {"report": report, "order": order},
            {"chapter": chapter, **_texts("title", title), **_texts("body", body)},
        )  # fmt: skip
        for position, (kind, params) in enumerate(blocks):
            upsert(Block, {"section": section, "order": position}, {"kind": kind, "params": params})
    if not Edition.objects.filter(report=report).exists():
        edition = Edition.objects.create(
            report=report, number=1, **services.edition_snapshot(report)
        )
        # Its PDFs, made by the worker once it runs (as on publishing).
        for rendering in services.edition_renderings_create(edition=edition, actor=None):
            render_report_pdf.enqueue(rendering.pk)
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
        {**common, "title": ("Bildungsprofil Erfurt 2015", "Education profile Erfurt 2015"),
         "kind": ReportKind.LOCAL_PROFILE, "territory": erfurt,
         "summary": ("Demo: Schulabschlüsse in Erfurt im Vergleich mit Jena und Weimar.",
                     "Demo: school qualifications in Erfurt compared with Jena and Weimar.")},
        comparisons, PROFILE_SECTIONS + _cooperation_sections(),
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
              [("table", {"indicator": NO_QUALIFICATION, "territories": keys}),
               ("table", {"indicator": HIGHER_QUALIFICATION, "territories": keys})])],
        )  # fmt: skip
    _segregation_report(common)
    _survey_report(common, erfurt)
    stdout.write("reports: demo reports loaded")


def _survey_report(common: dict, erfurt: Territory) -> None:
    """The joint survey of Erfurt and Wien in a report, where the surveys demo and its
    participation index in the monitoring are loaded."""
    wien = Territory.objects.filter(scheme="gkz", code="90001").first()
    waves = Wave.objects.filter(slug__in=SURVEY_WAVES).exclude(status=WaveStatus.DRAFT)
    indexed = IndicatorValue.objects.filter(indicator__code=PARTICIPATION_INDEX, period="2025")
    if wien is None or waves.count() != len(SURVEY_WAVES) or indexed.count() < 2:
        return
    _report(
        "bildungsteilhabe-erfurt-wien-2025",
        {**common, "period": "2025", "kind": ReportKind.THEMATIC, "territory": erfurt,
         "title": ("Bildungsteilhabe in Erfurt und Wien 2025",
                   "Educational participation in Erfurt and Wien 2025"),
         "summary": ("Demo: Ergebnisse der gemeinsamen Befragung zu Teilhabe und Inklusion.",
                     "Demo: results of the joint survey on participation and inclusion.")},
        [wien], SURVEY_SECTIONS,
    )  # fmt: skip


def _cooperation_sections() -> list:
    """The goal progress of the Erfurt–Wien agreement and the status of the work programme,
    where the cooperation and programme demos are loaded."""
    blocks = []
    if Agreement.objects.filter(slug=ERFURT_WIEN_AGREEMENT, is_public=True).exists():
        blocks.append(("goal_progress", {"agreement": ERFURT_WIEN_AGREEMENT}))
    if Programme.objects.filter(slug=WORK_PROGRAMME, is_public=True).exists():
        blocks.append(("programme_status", {"programme": WORK_PROGRAMME}))
    return [(*COOPERATION_SECTION, blocks)] if blocks else []


def _segregation_report(common: dict) -> None:
    berlin = Territory.objects.filter(scheme="ags", code="11000000").first()
    wien = Territory.objects.filter(scheme="gkz", code="90001").first()
    if berlin is None or wien is None:
        return
    sections = SEGREGATION_SECTIONS
    has_map = IndicatorValue.objects.filter(
        indicator__code=FOREIGNERS_SHARE,
        territory__level=Level.DISTRICT,
        territory__path__startswith=berlin.path + "/",
    ).exists()
    if not has_map:
        sections = [
            (c, t, b, [blk for blk in blocks if blk[0] != "map"]) for c, t, b, blocks in sections
        ]
    _report(
        "segregation-berlin-wien-2022",
        {**common, "period": SEGREGATION_PERIOD, "title": "Segregation in Berlin und Wien",
         "kind": ReportKind.THEMATIC, "territory": berlin,
         "summary": "Demo: Wie ungleich leben Ausländerinnen und Ausländer über die "
         "Planungsräume Berlins und die Bezirke Wiens verteilt? Segregationsindizes mit "
         "Konfidenzintervallen."},
        [wien], sections,
    )  # fmt: skip
