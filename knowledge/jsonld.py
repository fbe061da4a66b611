"""schema.org `CreativeWork` of an entry's page (JSON-LD): a `ScholarlyArticle` for a study,
a `CreativeWork` otherwise, with authors, publisher, dates, licence, topics, place and files."""

from __future__ import annotations

from django.conf import settings

from offers.jsonld import jsonld_script_content, plain_text, prune

from .models import Entry, EntryKind


def entry_jsonld(entry: Entry) -> dict:
    url = settings.SITE_URL + entry.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle" if entry.kind == EntryKind.STUDY else "CreativeWork",
        "@id": url,
        "name": entry.title,
        "headline": entry.title[:110],
        "abstract": plain_text(entry.summary, 1000),
        "url": url,
        "genre": entry.get_kind_display(),
        "inLanguage": "de",
        "author": [{"@type": "Person", "name": name.strip()}
                   for name in entry.authors.split(";") if name.strip()]
        or [{"@type": "Organization", "name": o.name} for o in entry.organisations.all()],
        "publisher": {"@type": "Organization", "name": entry.publisher}
        if entry.publisher else None,
        "datePublished": entry.published_on.isoformat() if entry.published_on else None,
        "dateModified": entry.updated.isoformat() if entry.updated else None,
        "creativeWorkStatus": "Draft" if entry.in_progress else None,
        "license": entry.licence or None,
        "keywords": [t.name for t in entry.topics.all()],
        "audience": [{"@type": "Audience", "audienceType": g.name}
                     for g in entry.target_groups.all()],
        "spatialCoverage": {"@type": "Place", "name": entry.territory.name}
        if entry.territory_id else None,
        "isBasedOn": entry.source_url or entry.source or None,
        "associatedMedia": [
            {"@type": "MediaObject", "name": a.title, "encodingFormat": "application/pdf",
             "contentUrl": settings.SITE_URL + a.file.url, "license": a.licence or None}
            for a in entry.attachments.all()
        ],
    }  # fmt: skip
    return prune(data)


def entry_jsonld_script(entry: Entry):
    return jsonld_script_content(entry_jsonld(entry))
