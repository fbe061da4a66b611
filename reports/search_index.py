"""Published reports in the full-text index (see search/sources.py). Code 13: codes 1–12 and
20 are taken."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.sources import SearchSource

from . import placeholders
from .models import Report, ReportStatus, Section


def _words(html: str) -> str:
    # Placeholders are markup for the editor, not words a reader searches for.
    return strip_tags(placeholders.replace(html or "", lambda p: ""))


def _body(report: Report) -> str:
    """The texts in German and English: a reader finds the report in either language."""
    texts = [report.summary_de, report.summary_en, report.title_en]
    for section in report.sections.all():
        texts += [section.title_de, section.title_en, _words(section.body_de)]
        texts += [_words(section.body_en)]
    return " ".join(t for t in texts if t)


SOURCES = [
    SearchSource(
        model=Report,
        kind="report",
        code=13,
        label=_("Reports"),
        title=lambda report: report.title,
        body=_body,
        url=lambda report: report.get_absolute_url(),
        is_public=lambda report: report.status == ReportStatus.PUBLISHED,
        keywords=lambda report: f"{report.get_kind_display()} {report.territory.name}",
        territory_ids=lambda report: [report.territory_id],
        freshness=lambda report: (None, report.updated.date()),
        queryset=lambda: Report.objects.select_related("territory").prefetch_related("sections"),
        depends_on=((Section, "report"),),
    )
]
