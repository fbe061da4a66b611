"""Reading reports: lists, the figures of a report (all placeholders in bulk) and the document
as shown, live or as a frozen edition."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from . import placeholders
from .figures import Figure, figures_resolve
from .models import Block, Edition, Report, ReviewComment, Section
from .rendering import Notes, render_text


def report_list(*, user):
    return Report.objects.visible_to(user).select_related("territory").order_by("-updated", "title")


def report_sections(report: Report) -> list[Section]:
    return list(
        report.sections.prefetch_related(
            Prefetch("blocks", queryset=Block.objects.order_by("order", "pk")),
            Prefetch(
                "comments",
                queryset=ReviewComment.objects.select_related("author").order_by("created"),
            ),
        ).order_by("order", "pk")
    )


def report_figures(report: Report) -> dict:
    """The sections of a report and the figures of all their placeholders, with the figures
    that cannot be shown (unknown indicator or territory, malformed placeholder)."""
    sections = report_sections(report)
    found = placeholders.find_all(s.body for s in sections)
    figures = figures_resolve(found)
    errors = [f for f in figures.values() if f.error]
    return {"sections": sections, "figures": figures, "errors": errors}


@dataclass
class SectionView:
    id: int
    anchor: str
    chapter: str
    chapter_label: str
    title: str
    html: str
    section: Section | None = None  # the live section (blocks, comments); None in an edition


def _sources(figures) -> list[dict]:
    """The distinct sources of the figures, for the appendix."""
    seen: dict[tuple, dict] = {}
    for figure in figures:
        if figure.error:
            continue
        key = (figure.source, figure.publisher, figure.dataset, figure.licence)
        seen.setdefault(
            key,
            {
                "source": figure.source,
                "publisher": figure.publisher,
                "dataset": figure.dataset,
                "licence": figure.licence,
                "licence_url": figure.licence_url,
                "indicators": set(),
            },
        )["indicators"].add(figure.indicator_name)
    rows = list(seen.values())
    for row in rows:
        row["indicators"] = sorted(row["indicators"])
    return sorted(rows, key=lambda r: (r["source"], r["dataset"]))


def report_document(report: Report, *, language: str, edition: Edition | None = None) -> dict:
    """The report as shown: its sections with figures and footnote marks, the footnotes, the
    sources-and-licences appendix and the errors an editor must fix. From `edition` when given
    (frozen texts and figures), else live."""
    from_chapter = dict(Section._meta.get_field("chapter").choices)
    if edition is None:
        data = report_figures(report)
        figures, errors = data["figures"], data["errors"]
        rows = [(s.pk, s.chapter, s.title, s.body, s) for s in data["sections"]]
    else:
        figures = {}
        for stored in edition.figures:
            figure = Figure.from_dict(stored)
            key = ("", figure.territory, "") if figure.error else figure.key
            figures[key] = figure
        errors = []
        rows = [(s["id"], s["chapter"], s["title"], s["body"], None) for s in edition.sections]
    notes = Notes()
    sections = [
        SectionView(
            id=pk,
            anchor=f"abschnitt-{pk}",
            chapter=chapter,
            chapter_label=str(from_chapter.get(chapter, "")),
            title=title,
            html=render_text(body, figures, notes, language=language),
            section=section,
        )
        for pk, chapter, title, body, section in rows
    ]
    return {
        "sections": sections,
        "footnotes": notes.footnotes,
        "sources": _sources(n.figure for n in notes.footnotes),
        "errors": errors,
        "edition": edition,
    }


def report_editions(report: Report) -> list[Edition]:
    return list(report.editions.only("pk", "number", "published_at", "title", "report_id"))
