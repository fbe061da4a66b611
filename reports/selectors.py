"""Reading reports: lists, the figures of a report (all placeholders in bulk) and the document
as shown, live or as a frozen edition."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bildungsnetz.listing import Sorting
from monitoring.figures import shown
from monitoring.models import Indicator
from places.models import within_q
from search import engine

from . import blocks as block_views
from . import blocks_more, blocks_survey, placeholders
from .figures import Figure, figures_resolve
from .models import Block, Edition, Rendering, Report, ReviewComment, Section
from .rendering import Notes, figure_text, footnote_text, render_text

REPORT_SORTING = Sorting(
    orders={
        "-updated": ("-updated", "pk"),
        "title": ("title_de", "pk"),
        "-period": ("-period", "title_de", "pk"),
    },
    labels=[
        ("-updated", gettext_lazy("Recently updated")),
        ("title", gettext_lazy("Title A–Z")),
        ("-period", gettext_lazy("Newest reference period")),
    ],
    default="-updated",
)


def report_list(*, user, filters: dict | None = None):
    """The reports `user` may see (published ones, and all of their territories for their
    writers), filtered by words (the search index, German and English texts), type, status,
    territory (with its districts) and reference period."""
    filters = filters or {}
    queryset = Report.objects.visible_to(user)
    if filters.get("q"):
        queryset = engine.filter_queryset(queryset, filters["q"], kind="report")
    for name in ("kind", "status", "period"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("territory"):
        queryset = queryset.filter(within_q("territory", [filters["territory"]]))
    return Report.objects.filter(pk__in=queryset.values("pk")).select_related("territory")


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


def section_texts(section: Section) -> tuple[str, str]:
    """A section's body in German and English (placeholders may stand in both)."""
    return (section.body_de or "", section.body_en or "")


def has_english(report: Report, sections: list[dict]) -> bool:
    """An English edition exists where the report offers one and every text has its English
    version (title and summary of the report; title and, where there is a German one, body of
    every section)."""
    if not report.offers_english or not sections:
        return False
    return all(s["title_en"] and (s["body_en"] or not s["body"]) for s in sections)


def document_language(report: Report, *, language: str, edition: Edition | None = None) -> str:
    """The language the report's texts are shown in when `language` is asked for: English only
    where the English edition exists, else German."""
    if not language.startswith("en"):
        return "de"
    if edition is not None:
        texts = [{"title_en": "", "body_en": "", **s} for s in edition.sections]
        return "en" if edition.title_en and has_english(report, texts) else "de"
    texts = section_rows(list(report.sections.all()))
    return "en" if report.title_en and has_english(report, texts) else "de"


def report_figures(report: Report) -> dict:
    """The sections of a report and the figures of all their placeholders, with the figures
    that cannot be shown (unknown indicator or territory, malformed placeholder)."""
    sections = report_sections(report)
    found = placeholders.find_all(text for s in sections for text in section_texts(s))
    figures = figures_resolve(found)
    errors = [f for f in figures.values() if f.error]
    return {"sections": sections, "figures": figures, "errors": errors}


def text_preview(texts: dict[str, str], *, language: str) -> dict:
    """A section's texts as they will read, before saving: each language's HTML with its live
    figures and footnotes, and the placeholders that name no figure (with what is wrong)."""
    found = placeholders.find_all(texts.values())
    figures = figures_resolve(found)
    notes = Notes()
    rendered = {
        code: render_text(text, figures, notes, language=language)
        for code, text in texts.items()
        if text
    }
    for note in notes.footnotes:
        note.text = footnote_text(note.figure, language=language)
    return {
        "texts": rendered,
        "footnotes": notes.footnotes,
        "errors": [f for f in figures.values() if f.error],
    }


def placeholder_choices() -> list[tuple[str, str]]:
    """(code, name) of the public indicators a placeholder may name."""
    return list(Indicator.objects.public().order_by("name").values_list("code", "name"))


@dataclass
class SectionView:
    id: int
    anchor: str
    chapter: str
    chapter_label: str
    title: str
    html: str
    blocks: list[dict]
    section: Section | None = None  # the live section (blocks, comments); None in an edition


def _sources(figures, block_sources=()) -> list[dict]:
    """The distinct sources of the figures and of the blocks ((source, block title) pairs), each
    with what it is used for, for the appendix."""
    seen: dict[tuple, dict] = {}
    for src, used_for in block_sources:
        key = (src["source"], src["publisher"], src["dataset"], src["licence"])
        seen.setdefault(key, {**src, "indicators": set()})["indicators"].add(used_for)
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


def report_blocks(report: Report, sections: list[Section]) -> list[dict]:
    """Every block's data as an edition stores it: section, position, kind, title, data."""
    blocks = [b for s in sections for b in s.blocks.all()]
    data = block_views.blocks_data(report, blocks)
    return [
        {"id": b.pk, "section": b.section_id, "kind": b.kind, "title": b.title, "data": data[b.pk]}
        for b in blocks
    ]


class _Counter:
    def __init__(self):
        self.figures: list[dict] = []
        self.tables: list[dict] = []


def _block_view(stored: dict, counter: _Counter, *, language: str) -> dict:
    """What the template shows of one block: its table, key figure, chart or map (with alt
    text and the table as its alternative), numbered for the lists of figures and tables."""
    data = stored["data"]
    kind = stored["kind"]
    view = {"id": stored["id"], "kind": kind, "title": data.get("title") or "",
            "data": data, "error": data.get("error", "")}  # fmt: skip
    if view["error"]:
        return view
    view["sources"] = data["sources"]
    is_figure = False
    if kind == "segregation":
        view["segregation"] = blocks_more.segregation_view(data, language=language)
        if data["results"]:
            view["alt"] = blocks_more.segregation_alt(data)
            view["svg"] = blocks_more.segregation_svg(data, language=language, alt=view["alt"])
            is_figure = True
    elif kind == "goal_progress":
        view["goals"] = blocks_more.goal_progress_view(data, language=language)
    elif kind == "programme_status":
        view["programme"] = blocks_more.programme_status_view(data, language=language)
    elif kind == "survey":
        view["survey"] = blocks_survey.survey_view(data, language=language)
    elif kind == "map":
        view["alt"] = blocks_more.map_alt(data)
        view["map"] = blocks_more.map_view(data, language=language, alt=view["alt"])
        is_figure = bool(view["map"]["svg"])
    else:
        view["table"] = block_views.table(data, language=language)
        if kind == "key_figure":
            view["key"] = block_views.key_figure(data, language=language)
        if kind == "chart" and data["rows"]:
            view["alt"] = block_views.alt_text(data)
            view["svg"] = block_views.chart_svg(data, language=language, alt=view["alt"])
            is_figure = True
    listed = counter.figures if is_figure else counter.tables
    listed.append(view)
    view["number"] = len(listed)
    view["is_figure"] = is_figure
    view["anchor"] = f"baustein-{stored['id']}"
    return view


def report_document(report: Report, *, language: str, edition: Edition | None = None) -> dict:
    """The report as shown: its sections with figures and footnote marks, the footnotes, the
    sources-and-licences appendix and the errors an editor must fix. From `edition` when given
    (frozen texts and figures), else live."""
    from_chapter = dict(Section._meta.get_field("chapter").choices)
    if edition is None:
        data = report_figures(report)
        figures, errors = data["figures"], data["errors"]
        texts = section_rows(data["sections"])
        live = {s.pk: s for s in data["sections"]}
        stored_blocks = report_blocks(report, data["sections"])
        head = {
            "title": report.title_de,
            "title_en": report.title_en or "",
            "summary": report.summary_de or "",
            "summary_en": report.summary_en or "",
        }
    else:
        figures = {}
        for stored in edition.figures:
            figure = Figure.from_dict(stored)
            key = ("", figure.territory, "") if figure.error else figure.key
            figures[key] = figure
        errors = []
        texts = [{"title_en": "", "body_en": "", **s} for s in edition.sections]
        live = {}
        stored_blocks = edition.blocks
        head = {
            "title": edition.title,
            "title_en": edition.title_en,
            "summary": edition.summary,
            "summary_en": edition.summary_en,
        }
    english = has_english(report, texts) and bool(head["title_en"])
    # The texts in the page's language where they exist in it, else the German ones.
    suffix = "_en" if language.startswith("en") and english else ""
    rows = [
        (s["id"], s["chapter"], s["title" + suffix], s["body" + suffix], live.get(s["id"]))
        for s in texts
    ]
    notes = Notes()
    counter = _Counter()
    by_section: dict[int, list[dict]] = {}
    for stored in stored_blocks:
        view = _block_view(stored, counter, language=language)
        by_section.setdefault(stored["section"], []).append(view)
    sections = [
        SectionView(
            id=pk,
            anchor=f"abschnitt-{pk}",
            chapter=chapter,
            chapter_label=str(from_chapter.get(chapter, "")),
            title=title,
            html=render_text(body, figures, notes, language=language),
            blocks=by_section.get(pk, []),
            section=section,
        )
        for pk, chapter, title, body, section in rows
    ]
    for note in notes.footnotes:
        note.text = footnote_text(note.figure, language=language)
    block_sources = [
        (src, v["title"])
        for views in by_section.values()
        for v in views
        for src in v.get("sources", [])
    ]
    return {
        "title": head["title" + suffix],
        "summary": head["summary" + suffix],
        "language": "en" if suffix else "de",
        "has_english": english,
        # English asked for, but the texts exist only in German: the page says so.
        "german_only": language.startswith("en") and not english,
        "sections": sections,
        "footnotes": notes.footnotes,
        "sources": _sources([n.figure for n in notes.footnotes], block_sources),
        "list_of_figures": counter.figures,
        "list_of_tables": counter.tables,
        "errors": errors,
        "edition": edition,
    }


def section_rows(sections: list[Section]) -> list[dict]:
    """The texts of the sections in both languages, as an edition stores them."""
    return [
        {"id": s.pk, "chapter": s.chapter, "title": s.title_de or "", "body": s.body_de or "",
         "title_en": s.title_en or "", "body_en": s.body_en or ""}
        for s in sections
    ]  # fmt: skip


def edition_pdfs(edition: Edition) -> list[Rendering]:
    """The finished PDFs of an edition, the latest per language, German first."""
    latest: dict[str, Rendering] = {}
    for rendering in edition.renderings.filter(status=Rendering.Status.DONE).order_by("created"):
        latest[rendering.language] = rendering
    return sorted(latest.values(), key=lambda r: (r.language != "de", r.language))


def report_editions(report: Report) -> list[Edition]:
    return list(report.editions.only("pk", "number", "published_at", "title", "report_id"))


def _block_cells(edition: Edition, *, language: str) -> dict[tuple, str]:
    """Every figure of an edition's blocks as shown, by what it is: indicator values
    (indicator, territory, period), segregation indices (block, territory, period, D with its
    interval), goals and work packages (block, number: status and progress)."""
    cells: dict[tuple, str] = {}
    for block in edition.blocks:
        data = block["data"]
        title = data.get("title", "")
        for row in data.get("rows", []):
            key = (data.get("indicator_name", ""), row["territory"], row["period"])
            cells[key] = shown(
                row["value"], data.get("decimals", 1), row["symbol"], language=language
            )
        for row in data.get("results", []):
            key = (title, row["territory"], row["period"], "D")
            cells[key] = _index_text(
                row.get("dissimilarity"), row.get("dissimilarity_ci"), language
            )
        if data.get("goals"):
            for goal in blocks_more.goal_progress_view(data, language=language)["rows"]:
                key = (title, _("Goal %(number)s") % {"number": goal["number"]})
                cells[key] = f"{goal['status']}, {goal['progress']['text']}"
        if data.get("packages"):
            for package in blocks_more.programme_status_view(data, language=language)["rows"]:
                key = (title, str(package["number"]))
                cells[key] = f"{package['status_label']}, {package['progress_shown']['text']}"
    return cells


def _index_text(value, ci, language: str) -> str:
    if value is None:
        return "x"
    text = shown(value, 3, language=language)
    if ci:
        text += f" [{shown(ci[0], 3, language=language)} – {shown(ci[1], 3, language=language)}]"
    return text


def edition_changes(edition: Edition, *, language: str) -> dict | None:
    """What changed against the previous edition: figures in the text and in blocks whose
    value or symbol differs (or that are new or gone), and sections whose text changed.
    None for a first edition."""
    previous = (
        Edition.objects.filter(report_id=edition.report_id, number__lt=edition.number)
        .order_by("-number")
        .first()
    )
    if previous is None:
        return None
    figures = []
    old = {f["placeholder"]: f for f in previous.figures}
    new = {f["placeholder"]: f for f in edition.figures}
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before and after and (before["value"], before["symbol"]) == (
            after["value"], after["symbol"]
        ):  # fmt: skip
            continue
        named = after or before
        figures.append({
            "what": f"{named['indicator_name']}, {named['territory_name']}, {named['period']}",
            "before": figure_text(Figure.from_dict(before), language=language) if before else "",
            "after": figure_text(Figure.from_dict(after), language=language) if after else "",
        })  # fmt: skip
    old_cells = _block_cells(previous, language=language)
    new_cells = _block_cells(edition, language=language)
    cells = [
        {
            "what": ", ".join(str(part) for part in key),
            "before": old_cells.get(key, ""),
            "after": new_cells.get(key, ""),
        }
        for key in sorted(old_cells.keys() | new_cells.keys(), key=lambda k: [str(p) for p in k])
        if old_cells.get(key) != new_cells.get(key)
    ]

    def text(section):
        return tuple(section.get(name, "") for name in ("title", "body", "title_en", "body_en"))

    old_texts = {s["id"]: text(s) for s in previous.sections}
    texts = [s["title"] for s in edition.sections if old_texts.get(s["id"]) != text(s)]
    return {"previous": previous, "figures": figures, "cells": cells, "texts": texts}
