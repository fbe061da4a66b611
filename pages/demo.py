"""The legally required pages, as editable content (German first, English second)."""

from __future__ import annotations

from bildungsnetz.text import sanitize_html
from bildungsnetz.upsert import upsert

from .models import Page

PAGES = [
    {
        "slug": "impressum",
        "order": 1,
        "title_de": "Impressum",
        "title_en": "Imprint",
        "body_de": """
<p>Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Medienstaatsvertrag (MStV).</p>
<h2>Betreiber</h2>
<p>Dieses Bildungsnetz wird von der Stelle betrieben, die es einsetzt. Bitte tragen Sie hier
Name, Anschrift, vertretungsberechtigte Person, E-Mail-Adresse und Telefonnummer der
betreibenden Verwaltung oder Organisation ein.</p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Die Inhalte der Organisationen, Angebote und Partnerschaften verantworten die jeweils
genannten Organisationen. Statistische Daten stammen aus den jeweils angegebenen Quellen.</p>
<h2>Software</h2>
<p>Bildungsnetz ist freie Software unter der Lizenz EUPL-1.2.</p>
""",
        "body_en": """
<p>Information pursuant to § 5 of the German Digital Services Act (DDG) and § 18 MStV.</p>
<h2>Operator</h2>
<p>This Bildungsnetz is operated by the body that deploys it. Please enter the name, postal
address, authorised representative, e-mail address and telephone number of the operating
administration or organisation here.</p>
<h2>Responsibility for content</h2>
<p>The organisations named are responsible for their organisations, offers and partnerships.
Statistical data come from the sources stated with each figure.</p>
<h2>Software</h2>
<p>Bildungsnetz is free software under the EUPL-1.2 licence.</p>
""",
    },
    {
        "slug": "datenschutz",
        "order": 2,
        "title_de": "Datenschutzerklärung",
        "title_en": "Privacy policy",
        "body_de": """
<p>Wir verarbeiten personenbezogene Daten nur, soweit es für den Zweck nötig ist, und nur auf
einer Rechtsgrundlage der DSGVO.</p>
<h2>Besuch der Seiten</h2>
<p>Beim Aufruf werden technisch notwendige Daten (IP-Adresse, Zeitpunkt, aufgerufene Adresse)
zur Sicherheit des Betriebs verarbeitet (Art. 6 Abs. 1 lit. e bzw. f DSGVO) und nach kurzer
Frist gelöscht. Es werden keine Dienste Dritter eingebunden: Schriften, Skripte und Karten liegen
auf unserem eigenen Server. Es gibt keine Analyse- oder Werbe-Cookies.</p>
<h2>Konten und Kontaktpersonen</h2>
<p>Für Konten speichern wir E-Mail-Adresse, Namen und Rollen. Für Kontaktpersonen von
Organisationen und Projekten ist bei jedem Feld festgelegt, wer es sehen darf (öffentlich,
Mitglieder, privat), und zu welchem Zweck es gespeichert wird. Das Verzeichnis der
Verarbeitungstätigkeiten (Art. 30 DSGVO) wird aus diesen Angaben erzeugt.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung, Datenübertragbarkeit
und Widerspruch sowie auf Beschwerde bei einer Aufsichtsbehörde. Angemeldete Personen können ihre
Daten selbst exportieren und ihr Konto löschen.</p>
""",
        "body_en": """
<p>We process personal data only as far as the purpose requires and only on a legal basis under
the GDPR.</p>
<h2>Visiting the pages</h2>
<p>Technically necessary data (IP address, time, requested address) are processed to keep the
service secure (Art. 6(1)(e) or (f) GDPR) and deleted after a short period. No third-party
services are embedded: fonts, scripts and maps are served from our own server. There are no
analytics or advertising cookies.</p>
<h2>Accounts and contact persons</h2>
<p>For accounts we store e-mail address, name and roles. For contact persons of organisations
and projects, every field states who may see it (public, members, private) and why it is kept.
The record of processing activities (Art. 30 GDPR) is generated from these statements.</p>
<h2>Your rights</h2>
<p>You have the right of access, rectification, erasure, restriction, data portability and
objection, and the right to lodge a complaint with a supervisory authority. Signed-in users can
export their data and delete their account themselves.</p>
""",
    },
    {
        "slug": "barrierefreiheit",
        "order": 3,
        "title_de": "Erklärung zur Barrierefreiheit",
        "title_en": "Accessibility statement",
        "body_de": """
<p>Wir sind bemüht, dieses Angebot im Einklang mit der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) und der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen.</p>
<h2>Stand der Vereinbarkeit</h2>
<p>Die öffentlichen Seiten werden bei jeder Änderung automatisch mit axe-core gegen die Regeln
der WCAG 2.1, Stufe AA, geprüft und sind mit der Tastatur vollständig bedienbar. Diagramme haben
eine Tabelle als Alternative.</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel aufgefallen? Schreiben Sie der betreibenden Stelle (siehe Impressum). Wir
antworten innerhalb von zwei Wochen.</p>
<h2>Schlichtungsverfahren</h2>
<p>Bleibt Ihre Anfrage ohne zufriedenstellende Antwort, können Sie sich an die
Schlichtungsstelle nach § 16 BGG bzw. die zuständige Stelle Ihres Landes wenden.</p>
""",
        "body_en": """
<p>We strive to make this service accessible in accordance with the German BITV 2.0 and
Directive (EU) 2016/2102.</p>
<h2>Compliance status</h2>
<p>The public pages are checked automatically with axe-core against the WCAG 2.1 level AA rules
on every change and are fully usable by keyboard. Charts come with a table alternative.</p>
<h2>Feedback and contact</h2>
<p>Have you noticed a barrier? Write to the operator (see imprint). We reply within two
weeks.</p>
<h2>Enforcement procedure</h2>
<p>If you do not receive a satisfactory answer, you can turn to the conciliation body under
§ 16 BGG or the competent body of your state.</p>
""",
    },
    {
        "slug": "leichte-sprache",
        "order": 4,
        "title_de": "Leichte Sprache",
        "title_en": "Easy to read",
        "body_de": """
<p>Das ist das Bildungs-Netz.</p>
<p>Hier finden Sie Angebote zum Lernen.<br>Zum Beispiel: Kurse. Beratung. Orte zum Lernen.</p>
<p>Sie können suchen:</p>
<ul><li>nach einem Thema.</li><li>nach Ihrer Stadt.</li><li>nach Ihrer Sprache.</li>
<li>nach Angeboten, die nichts kosten.</li></ul>
<p>Hier finden Sie auch Vereine und Ämter.<br>Die Ämter arbeiten zusammen.<br>
Zum Beispiel die Stadt Erfurt und die Stadt Wien.</p>
<p>Sie brauchen Hilfe?<br>Schreiben Sie uns eine E-Mail.<br>Die Adresse steht im Impressum.</p>
""",
        "body_en": """
<p>This is Bildungsnetz.</p>
<p>Here you find offers to learn.<br>For example: courses. Advice. Places to learn.</p>
<p>You can search:</p>
<ul><li>by topic.</li><li>by your city.</li><li>by your language.</li>
<li>for offers that cost nothing.</li></ul>
<p>You also find associations and offices here.<br>The offices work together.<br>
For example the city of Erfurt and the city of Vienna.</p>
<p>Do you need help?<br>Write us an e-mail.<br>The address is in the imprint.</p>
""",
    },
]


def load(stdout=None) -> None:
    for page in PAGES:
        upsert(
            Page,
            {"slug": page["slug"]},
            {
                "title_de": page["title_de"],
                "title_en": page["title_en"],
                "body_de": sanitize_html(page["body_de"].strip()),
                "body_en": sanitize_html(page["body_en"].strip()),
                "in_footer": True,
                "footer_order": page["order"],
            },
        )
