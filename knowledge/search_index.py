"""The knowledge base in the full-text index (see search/sources.py).

Code 10, kind "practice": every entry (practice examples, lessons learned, studies and
documents) with its comparable sections, so the knowledge base's list and the global search
find it. Code 11, kind "study": the text extracted from an entry's files (a study's PDF), one
index entry per file, so that a phrase from a study's body finds it; its address is the file's
place on the entry's page. The index keeps the whole text for matching (`body_norm`; only the
first 4,000 characters are kept for snippets). Codes 1–9 and 20 are taken, 12–19 are kept for
others.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.sources import SearchSource
from search.tags import tag

from .models import Attachment, Entry, EntryStatus, EvidenceLink


def _is_public(entry: Entry) -> bool:
    return entry.status == EntryStatus.PUBLISHED and entry.is_public


def _body(entry: Entry) -> str:
    parts = [entry.summary, entry.context, entry.approach, entry.results, entry.failures,
             entry.transferability]  # fmt: skip
    return strip_tags(" ".join(p for p in parts if p))


def _keywords(entry: Entry) -> str:
    parts = [entry.get_kind_display(), entry.get_lesson_display() if entry.lesson else "",
             entry.get_stage_display() if entry.stage else "", entry.authors, entry.publisher,
             entry.source, entry.resources_staff, entry.resources_money,
             entry.resources_time]  # fmt: skip
    if entry.territory_id:
        parts.append(entry.territory.name)
    parts += [o.name for o in entry.organisations.all()]
    parts += [t.name for t in entry.topics.all()]
    parts += [g.name for g in entry.target_groups.all()]
    parts += [e.label for e in entry.evidence.all()]
    return " ".join(p for p in parts if p)


def entry_tags(entry: Entry) -> list[str]:
    """Facet values of an entry as index tags (search/tags.py)."""
    tags = [tag("kind", entry.kind)]
    if entry.stage:
        tags.append(tag("stage", entry.stage))
    if entry.lesson:
        tags.append(tag("lesson", entry.lesson))
    tags += [tag("topic", t.slug) for t in entry.topics.all()]
    tags += [tag("group", g.slug) for g in entry.target_groups.all()]
    return tags


def _freshness(entry: Entry):
    return (entry.published_on or (entry.published_at.date() if entry.published_at else None),
            entry.updated.date())  # fmt: skip


def _entry_queryset():
    return Entry.objects.select_related("territory").prefetch_related(
        "organisations", "topics", "target_groups", "evidence"
    )


SOURCES = [
    SearchSource(
        model=Entry,
        kind="practice",
        code=10,
        label=_("Knowledge base"),
        title=lambda entry: entry.title,
        body=_body,
        url=lambda entry: entry.get_absolute_url(),
        is_public=_is_public,
        keywords=_keywords,
        territory_ids=lambda entry: [entry.territory_id] if entry.territory_id else [],
        tags=entry_tags,
        freshness=_freshness,
        queryset=_entry_queryset,
        depends_on=((EvidenceLink, "entry"),),
    ),
    SearchSource(
        model=Attachment,
        kind="study",
        code=11,
        label=_("Texts of studies and documents"),
        title=lambda attachment: f"{attachment.title} ({attachment.entry.title})",
        body=lambda attachment: attachment.text,
        url=lambda attachment: attachment.get_absolute_url(),
        is_public=lambda attachment: _is_public(attachment.entry),
        keywords=lambda attachment: " ".join(
            p for p in (attachment.entry.authors, attachment.entry.publisher) if p
        ),
        territory_ids=lambda a: [a.entry.territory_id] if a.entry.territory_id else [],
        tags=lambda attachment: entry_tags(attachment.entry),
        freshness=lambda attachment: (attachment.entry.published_on, attachment.created.date()),
        queryset=lambda: Attachment.objects.select_related("entry").prefetch_related(
            "entry__topics", "entry__target_groups"
        ),
        depends_on=((Entry, "attachments"),),
    ),
]
