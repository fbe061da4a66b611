"""The PDF of a report, made by WeasyPrint from the same HTML as the web report (the document
partial), tagged as PDF/UA-1: structure tree, document language and title, bookmarks from the
headings, page numbers, lists of figures and tables with page numbers, the sources appendix,
and charts as inline SVG (vector, never pixels)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation

from . import selectors
from .models import Edition, Report

STYLESHEET = Path(__file__).resolve().parent / "static" / "reports" / "report_print.css"


def document_html(report: Report, *, language: str, edition: Edition | None = None) -> str:
    """The print HTML in `language`; a report whose texts exist only in German is printed in
    German throughout (headings, notes, numbers), never half translated."""
    language = selectors.document_language(report, language=language, edition=edition)
    with translation.override(language):
        document = selectors.report_document(report, language=language, edition=edition)
        return render_to_string(
            "reports/report_print.html",
            {"report": report, "document": document, "edition": edition, "language": language},
        )


def pdf_bytes(html: str, *, identifier: str) -> bytes:
    """Tagged PDF/UA-1 from the print HTML (language and title come from <html lang> and
    <title>, bookmarks from the headings)."""
    return weasyprint.HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))],
        pdf_variant="pdf/ua-1",
        pdf_identifier=hashlib.sha256(identifier.encode()).hexdigest()[:32].encode(),
    )


def report_pdf(report: Report, *, language: str, edition: Edition | None = None) -> bytes:
    html = document_html(report, language=language, edition=edition)
    ident = f"{report.pk}:{edition.pk if edition else 'live'}:{language}"
    return pdf_bytes(html, identifier=ident)
