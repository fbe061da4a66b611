"""schema.org `Report` of a published report's page (JSON-LD): what it covers (place, period),
its languages, the edition, the sources it rests on with their licences, and its PDFs and data."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from offers.jsonld import jsonld_script_content, plain_text, prune

from .models import Edition, Report


def report_jsonld(report: Report, edition: Edition, document: dict, pdfs) -> dict:
    url = settings.SITE_URL + report.get_absolute_url()
    languages = ["de", "en"] if document["has_english"] else ["de"]
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url,
        "url": url,
        "name": document["title"],
        "headline": document["title"][:110],
        "abstract": plain_text(document["summary"], 1000) or None,
        "genre": report.get_kind_display(),
        "inLanguage": languages,
        "spatialCoverage": {
            "@type": "Place",
            "name": report.territory.name,
            "identifier": report.territory.key,
        },
        "temporalCoverage": report.period,
        "version": str(edition.number),
        "datePublished": edition.published_at.date().isoformat(),
        "isBasedOn": [
            {
                "@type": "Dataset",
                "name": " – ".join(p for p in (source["dataset"], source["source"]) if p),
                "publisher": source["publisher"] or None,
                "license": source["licence_url"] or source["licence"] or None,
            }
            for source in document["sources"]
        ],
        "associatedMedia": [
            {
                "@type": "MediaObject",
                "encodingFormat": "application/pdf",
                "inLanguage": rendering.language,
                "contentUrl": settings.SITE_URL + rendering.file.url,
            }
            for rendering in pdfs
        ]
        + [
            {
                "@type": "MediaObject",
                "encodingFormat": "application/zip",
                "name": "CSV",
                "contentUrl": settings.SITE_URL
                + reverse("reports:report_data", args=[report.slug]),
            }
        ],
    }
    return prune(data)


def report_jsonld_script(report: Report, edition: Edition, document: dict, pdfs):
    return jsonld_script_content(report_jsonld(report, edition, document, pdfs))
